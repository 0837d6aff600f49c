package dev.weir.benchmarks;

import dev.weir.core.Checkpoint;
import dev.weir.core.CheckpointHandler;
import dev.weir.core.CompileOptions;
import dev.weir.core.HostFunction;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.StoreLimits;
import dev.weir.core.Wasm;
import dev.weir.core.module.FuncType;
import dev.weir.hal.checkpoint.SnapshotFile;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Checkpoint and restore cost (issue 17): a module whose memory is 64 KiB (1 page) or 16 MiB (256
 * pages), half of it filled with incompressible bytes, stops at a host call. {@code checkpoint}
 * is the safe point's capture plus the snapshot file (coredump encoding, SHA-256 of the module,
 * deflate), {@code capture} the capture alone (what the run waits for if the file is written
 * elsewhere); {@code restore} reads and checks that file and writes the state into an instance.
 * The snapshot's size is printed once per trial. There is no peer runtime to compare with: none
 * of the mainstream ones checkpoints a running module.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CheckpointBenchmark {
    @Param({"1", "256"})
    public int pages;

    private Instance instance;
    private byte[] module;
    private byte[] snapshot;
    private volatile boolean fileToo = true;
    private Checkpoint taken;

    /** (import "env" "pause" (func)) (memory PAGES) (func (export "run") call 0), by hand. */
    static byte[] module(int pages) {
        byte[] memory = pages < 128 ? new byte[] {5, 3, 1, 0, (byte) pages}
                : new byte[] {5, 4, 1, 0, (byte) (pages & 0x7F | 0x80), (byte) (pages >>> 7)};
        byte[] head = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0,
            2, 13, 1, 3, 'e', 'n', 'v', 5, 'p', 'a', 'u', 's', 'e', 0, 0, 3, 2, 1, 0};
        byte[] tail = {7, 7, 1, 3, 'r', 'u', 'n', 0, 1, 10, 6, 1, 4, 0, 0x10, 0, 0x0B};
        byte[] all = new byte[head.length + memory.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(memory, 0, all, head.length, memory.length);
        System.arraycopy(tail, 0, all, head.length + memory.length, tail.length);
        return all;
    }

    @Setup(Level.Trial)
    public void setUp() {
        module = module(pages);
        final Store store = new Store(new StoreLimits());
        Linker linker = new Linker(store);
        linker.define("env", "pause", FuncType.of("->"), new HostFunction() {
            @Override
            public void call(Instance caller, long[] stack, int base) {
                // Never reached: the checkpoint is taken before the call.
            }
        });
        // As weir run --checkpoint compiles: a compiled function's host call has no safe point, so
        // once "run" was hot (compiled whole) no checkpoint would be taken.
        instance = linker.instantiate(Wasm.parse(module, CompileOptions.defaults().withJit(CompileOptions.Jit.LEAVES)));
        byte[] memory = instance.memory().array();
        int x = 12345;
        for (int i = 0; i < pages * 65536 / 2; i++) {
            x = x * 1103515245 + 12345;
            memory[i] = (byte) (x >>> 24);
        }
        store.enableCheckpoints(100_000, new CheckpointHandler() {
            @Override
            public boolean onCheckpoint(Checkpoint checkpoint) {
                taken = checkpoint;
                if (fileToo) {
                    snapshot = SnapshotFile.write(checkpoint, module);
                }
                return true;
            }
        });
        checkpoint();
        System.out.println("\nsnapshot of " + pages * 64 + " KiB memory (" + pages * 32 + " KiB used): "
                + snapshot.length + " bytes");
    }

    @Benchmark
    public byte[] checkpoint() {
        instance.store().requestCheckpoint();
        try {
            instance.function("run").call();
        } catch (Checkpoint.Stopped stopped) {
            return snapshot;
        }
        throw new IllegalStateException("no checkpoint was taken");
    }

    /** Only the capture at the safe point (what pauses the run), no file. */
    @Benchmark
    public Checkpoint capture() {
        fileToo = false;
        try {
            checkpoint();
            return taken;
        } finally {
            fileToo = true;
        }
    }

    @Benchmark
    public Instance restore() {
        SnapshotFile.read(snapshot, module).restore(instance);
        return instance;
    }
}
