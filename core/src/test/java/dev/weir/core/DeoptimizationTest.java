package dev.weir.core;

import static dev.weir.core.CheckpointTest.sha256;
import static dev.weir.core.internal.validate.TestBinary.I32;
import static dev.weir.core.internal.validate.TestBinary.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.internal.validate.TestBinary;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.TrapException;
import dev.weir.testsupport.Allocations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints taken while compiled functions that call are on the Java stack (the {@code deopt}
 * JIT policy): the compiled frames hand their state to the interpreter (JitCode.DEOPT), the
 * checkpoint holds only interpreter frames, and the run restored in a fresh store gives what an
 * uninterrupted run gives, with the same fuel; the restored run compiles again.
 */
class DeoptimizationTest {
    private static final CompileOptions DEOPT =
            CompileOptions.defaults().withMetering(true).withJit(CompileOptions.Jit.DEOPT);

    private static final CheckpointHandler STOP = new CheckpointHandler() {
        @Override
        public boolean onCheckpoint(Checkpoint checkpoint) {
            return true;
        }
    };

    /**
     * walk(n) = if n == 0 then tick(0) else walk(n - 1) + tick(n): n + 1 frames deep, each calling
     * the host on its way back up; returns n(n + 1)/2 when tick returns its argument.
     */
    static byte[] walkModule() {
        return new TestBinary()
                .type(params(I32), I32)
                .importFunction("env", "tick", 0)
                .function(0, params(), 0x20, 0, 0x45, 0x04, 0x7F, 0x41, 0, 0x10, 0, 0x05, 0x20, 0, 0x41, 1, 0x6B,
                        0x10, 1, 0x20, 0, 0x10, 0, 0x6A, 0x0B)
                .export("walk", 0, 1)
                .bytes();
    }

    /**
     * As walkModule, with every other frame interpreted: walk(n) = if n == 0 then tick(0) else
     * slow(n - 1) + tick(n), and slow(m) = walk(m) after table.size, which the JIT does not take,
     * so compiled walk calls slow in a nested interpreter activation (JitCode.callDefinedAt).
     */
    static byte[] alternatingModule() {
        return new TestBinary()
                .type(params(I32), I32)
                .importFunction("env", "tick", 0)
                .function(0, params(), 0x20, 0, 0x45, 0x04, 0x7F, 0x41, 0, 0x10, 0, 0x05, 0x20, 0, 0x41, 1, 0x6B,
                        0x10, 2, 0x20, 0, 0x10, 0, 0x6A, 0x0B)
                .function(0, params(), 0xFC, 0x10, 0x00, 0x1A, 0x20, 0, 0x10, 1)
                .table(dev.weir.core.internal.validate.TestBinary.FUNCREF, 1)
                .export("walk", 0, 1)
                .bytes();
    }

    /** What tick does past its recording: ask for a checkpoint, or give up for one (Pending). */
    private static final class Ticks implements dev.weir.core.HostFunction {
        final List<Integer> seen = new ArrayList<Integer>();
        Store store;
        int requestAt = -1;
        boolean pendingOnce;

        @Override
        public void call(Instance caller, long[] stack, int base) {
            if (pendingOnce && store.checkpointRequested()) {
                pendingOnce = false;
                throw new Checkpoint.Pending();
            }
            seen.add((int) stack[base]);
            if (seen.size() == requestAt) {
                store.requestCheckpoint();
            }
        }
    }

    private static Instance walk(byte[] module, Store store, Ticks ticks) {
        ticks.store = store;
        Linker linker = new Linker(store);
        linker.define("env", "tick", FuncType.of("i32 -> i32"), ticks);
        return linker.instantiate(Wasm.parse(module, DEOPT));
    }

    private static List<Integer> uninterruptedTicks(byte[] module, int n) {
        Ticks ticks = new Ticks();
        assertEquals(n * (n + 1) / 2, (int) walk(module, new Store(), ticks).function("walk").call(n));
        return ticks.seen;
    }

    private void walkStoppedAtAHostCall(StoreLimits limits, boolean pending) {
        walkStoppedAtAHostCall(walkModule(), 300, 1, limits, pending);
    }

    /**
     * Stops walk(n) at a host call (stride frames per tick), restores in a fresh store, and checks
     * ticks and result.
     */
    private void walkStoppedAtAHostCall(byte[] module, int n, int stride, StoreLimits limits, boolean pending) {
        List<Integer> expected = uninterruptedTicks(module, n);

        Ticks before = new Ticks();
        Store first = new Store(limits);
        Instance one = walk(module, first, before);
        // Warm up: walk's 65th call from the interpreter on is compiled, and calls itself directly.
        for (int i = 0; i < 10; i++) {
            one.function("walk").call(10);
        }
        before.seen.clear();
        first.enableCheckpoints(1_000_000, STOP);
        before.requestAt = 100;
        before.pendingOnce = pending;
        Checkpoint.Stopped stopped = assertThrows(Checkpoint.Stopped.class, () -> one.function("walk").call(n));
        // The request came from inside tick 100; the next host call, from a compiled frame, stopped.
        assertEquals(100, before.seen.size());
        // walk(n) is frame 1, walk(100) frame stride(n - 100) + 1; those within the Java stack's share
        // are compiled (every other one when stride is 2).
        int depth = stride * (n - 100) + 1;
        assertEquals(depth, stopped.checkpoint().depth());
        assertTrue(first.deoptimizedFrames >= (Math.min(depth, first.jitDepthLimit) - 1) / stride,
                first.deoptimizedFrames + " compiled frames deoptimized, " + first.jitDepthLimit + " on the Java stack");

        Ticks after = new Ticks();
        Store second = new Store(limits);
        Instance two = walk(module, second, after);
        Checkpoint checkpoint = Checkpoint.fromBytes(stopped.checkpoint().toBytes(sha256(module)), sha256(module));
        checkpoint.restore(two);
        assertEquals(n * (n + 1) / 2, (int) checkpoint.resume()[0]);
        List<Integer> all = new ArrayList<Integer>(before.seen);
        all.addAll(after.seen);
        assertEquals(expected, all);
    }

    @Test
    void aHostCallFromCompiledFramesIsASafePoint() {
        // Every frame compiled, on the Java stack (the test's thread has room for them).
        walkStoppedAtAHostCall(new StoreLimits().withJavaStackBytes(400L * JitCode.FRAME_BYTES), false);
    }

    @Test
    void aBlockingHostCallThatGivesUpDeoptimizesTheCompiledFrames() {
        walkStoppedAtAHostCall(new StoreLimits(), true);
    }

    @Test
    void interpreterFramesNestedUnderCompiledFramesHandTheCheckpointDown() {
        // 20 compiled frames, then the rest in a nested interpreter activation (JitCode.callDefinedAt).
        walkStoppedAtAHostCall(new StoreLimits().withJavaStackBytes(20L * JitCode.FRAME_BYTES), false);
    }

    @Test
    void compiledFramesCallingInterpretedOnesAlternatelyAllHandOver() {
        walkStoppedAtAHostCall(alternatingModule(), 150, 2, new StoreLimits().withJavaStackBytes(400L * JitCode.FRAME_BYTES),
                false);
    }

    @Test
    void fibStoppedWithCompiledFramesOnTheStackResumesToTheSameResultAndFuel() throws IOException {
        byte[] wasm = Files.readAllBytes(Paths.get("../examples/bench/wasm/fib.wasm"));
        Store plain = new Store();
        plain.setFuel(Long.MAX_VALUE / 2);
        long expected = new Linker(plain).instantiate(Wasm.parse(wasm, DEOPT)).function("run").call(22);
        long fuel = plain.fuelConsumed();
        Store interpreted = new Store();
        assertEquals(expected, new Linker(interpreted).instantiate(
                Wasm.parse(wasm, DEOPT.withJit(CompileOptions.Jit.OFF))).function("run").call(22));

        final Store store = new Store();
        store.setFuel(Long.MAX_VALUE / 2);
        final int[] taken = {0};
        final long[] deoptimized = {0, 0};
        store.enableCheckpoints(5_000, new CheckpointHandler() {
            @Override
            public boolean onCheckpoint(Checkpoint checkpoint) {
                // Go on through a few checkpoints (the run is unaffected); stop at the first after
                // them that deoptimized compiled frames (after one, the frames are the interpreter's
                // until they return, so every other checkpoint finds none).
                long frames = store.deoptimizedFrames - deoptimized[0];
                deoptimized[0] = store.deoptimizedFrames;
                if (++taken[0] < 6 || frames == 0) {
                    store.requestCheckpoint();
                    return false;
                }
                deoptimized[1] = frames;
                return true;
            }
        });
        store.requestCheckpoint();
        Instance first = new Linker(store).instantiate(Wasm.parse(wasm, DEOPT));
        Checkpoint.Stopped stopped = assertThrows(Checkpoint.Stopped.class, () -> first.function("run").call(22));
        assertTrue(deoptimized[1] > 1, deoptimized[1] + " compiled frames at the last checkpoint");
        assertTrue(stopped.checkpoint().depth() > 3, stopped.checkpoint().depth() + " frames");

        final Store again = new Store();
        final int[] more = {0};
        again.enableCheckpoints(5_000, new CheckpointHandler() {
            @Override
            public boolean onCheckpoint(Checkpoint checkpoint) {
                more[0]++;
                again.requestCheckpoint();
                return false;
            }
        });
        Instance second = new Linker(again).instantiate(Wasm.parse(wasm, DEOPT));
        Checkpoint checkpoint = Checkpoint.fromBytes(stopped.checkpoint().toBytes(sha256(wasm)), sha256(wasm));
        checkpoint.restore(second);
        // A checkpoint at every slice of the resumed run: the restored frames are the interpreter's,
        // but the calls they make run compiled again, and later checkpoints deoptimize those.
        again.requestCheckpoint();
        assertEquals(expected, checkpoint.resume()[0]);
        assertEquals(fuel, again.fuelConsumed());
        assertTrue(more[0] > 10, more[0] + " checkpoints");
        assertTrue(again.deoptimizedFrames > 1, again.deoptimizedFrames + " frames deoptimized after resuming");
    }

    /** A checkpointable store whose handler goes on, asking again each time: a checkpoint at every safe point. */
    private static Store checkpointingEverySlice(long slice, final long[] taken) {
        final Store store = new Store();
        store.enableCheckpoints(slice, new CheckpointHandler() {
            @Override
            public boolean onCheckpoint(Checkpoint checkpoint) {
                taken[0]++;
                store.requestCheckpoint();
                return false;
            }
        });
        store.requestCheckpoint();
        return store;
    }

    @Test
    void deoptimizingAtEverySafePointChangesNoResultTrapBacktraceOrFuel() {
        Instance interpreter = CallsModule.instantiate(CallsModule.compile(CompileOptions.Jit.OFF, true), new Store());
        long[] taken = {0};
        Store store = checkpointingEverySlice(50, taken);
        Instance deopt = CallsModule.instantiate(CallsModule.compile(CompileOptions.Jit.DEOPT, true), store);
        for (int round = 0; round < 3; round++) {
            // The first rounds make the functions hot; later ones run compiled until each checkpoint.
            for (Instance in : new Instance[] {interpreter, deopt}) {
                assertEquals(6765, (int) in.function(CallsModule.FIB).call(20));
                assertEquals(500, (int) in.function(CallsModule.DOWN).call(500));
                assertEquals(7, (int) in.function(CallsModule.VIA_TABLE).call(15, 2, 0));
                assertEquals(43, (int) in.function(CallsModule.CALLS_IMPORT).call(21));
                assertEquals(21, (int) in.function(CallsModule.NESTED).call(5));
                assertEquals(0, (int) in.function(CallsModule.GROW_FURTHER_THEN_LOAD).call());
            }
            TrapException interpreted = assertThrows(TrapException.class,
                    () -> interpreter.function(CallsModule.DOWN_THEN_TRAP).call(40));
            TrapException compiled = assertThrows(TrapException.class,
                    () -> deopt.function(CallsModule.DOWN_THEN_TRAP).call(40));
            assertEquals(interpreted.kind(), compiled.kind());
            assertArrayEquals(interpreted.wasmBacktrace(), compiled.wasmBacktrace());
        }
        assertEquals(interpreter.store().fuelConsumed(), store.fuelConsumed());
        assertTrue(taken[0] > 100, taken[0] + " checkpoints");
        assertTrue(store.deoptimizedFrames > 100, store.deoptimizedFrames + " compiled frames deoptimized");
    }

    @Test
    void compiledCallsOfACheckpointableStoreAllocateNothingWhileNoCheckpointIsDue() {
        Store store = new Store();
        store.enableCheckpoints(1_000, new CheckpointHandler() {
            @Override
            public boolean onCheckpoint(Checkpoint checkpoint) {
                return false;
            }
        });
        Instance instance = CallsModule.instantiate(CallsModule.compile(CompileOptions.Jit.DEOPT, true), store);
        final Function fib = instance.function(CallsModule.FIB);
        // Compiled, it calls the host from compiled code (JitCode.callImportAt).
        final Function host = instance.function(CallsModule.CALLS_IMPORT);
        for (int i = 0; i < 200; i++) {
            fib.call(10);
            host.call(i);
        }
        assertEquals(0, Allocations.leastBytes(() -> {
            long sum = 0;
            for (int i = 0; i < 2_000; i++) {
                sum += fib.call(10) + host.call(i);
            }
            return sum;
        }));
    }

    @Test
    void everyBenchmarkWorkloadGivesItsChecksumWithACheckpointAtEverySlice() throws IOException {
        // Generated deopt code passes the verifier (a refused class would fall back to the
        // interpreter silently) and computes the same, v128 code included.
        for (String line : Files.readAllLines(Paths.get("../examples/bench/expected.tsv"))) {
            String[] f = line.split("\t");
            if (line.startsWith("#") || !(f[1].equals("short") || f[0].equals("sobel") || f[0].equals("sobel_simd"))) {
                continue;
            }
            byte[] wasm = Files.readAllBytes(Paths.get("../examples/bench/wasm/" + f[0] + ".wasm"));
            long[] taken = {0};
            Store store = checkpointingEverySlice(20_000, taken);
            Instance instance = new Linker(store).instantiate(Wasm.parse(wasm, DEOPT));
            assertEquals(Long.parseLong(f[3]), instance.function("run").call(Long.parseLong(f[2])) & 0xFFFFFFFFL, f[0]);
            assertTrue(!instance.compiledModule().jitRefused() && instance.compiledModule().jitMarked() > 0, f[0]);
            assertTrue(taken[0] > 0, f[0]);
        }
    }
}
