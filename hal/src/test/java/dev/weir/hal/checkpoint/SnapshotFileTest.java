package dev.weir.hal.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.Checkpoint;
import dev.weir.core.CheckpointHandler;
import dev.weir.core.CompileOptions;
import dev.weir.core.HostFunction;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.Wasm;
import dev.weir.core.module.FuncType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshot files: deflated, bound to the module, and never half-restored when damaged. */
class SnapshotFileTest {
    /** The counter of core's CheckpointTest: prints 1..n, returns 2n. */
    static final byte[] COUNTER = hex("0061736d01000000010a0260017f0060017f017f020d0103656e76057072696e74000003020101"
            + "05030100010606017f0141000b07090105636f756e7400010a31012f01017f0340200141016a2101230041016a2400410020013602"
            + "002001100020012000490d000b230041002802006a0b");
    static final CompileOptions OPTIONS = CompileOptions.defaults().withMetering(true).withJit(CompileOptions.Jit.OFF);

    private static Instance counter(final List<Integer> printed, final int stopAfter) {
        final Store store = new Store();
        Linker linker = new Linker(store);
        linker.define("env", "print", FuncType.of("i32 ->"), new HostFunction() {
            @Override
            public void call(Instance caller, long[] stack, int base) {
                printed.add((int) stack[base]);
                if (printed.size() == stopAfter) {
                    store.requestCheckpoint();
                }
            }
        });
        return linker.instantiate(Wasm.parse(COUNTER, OPTIONS));
    }

    private static byte[] stoppedAfter(int printed, int n) {
        Instance first = counter(new ArrayList<Integer>(), printed);
        first.store().enableCheckpoints(5, new CheckpointHandler() {
            @Override
            public boolean onCheckpoint(Checkpoint checkpoint) {
                return true;
            }
        });
        Checkpoint checkpoint = assertThrows(Checkpoint.Stopped.class, () -> first.function("count").call(n)).checkpoint();
        return SnapshotFile.write(checkpoint, COUNTER);
    }

    @Test
    void everyDamagedOrTruncatedFileIsOneLineErrorOrRestoresExactly() {
        byte[] file = stoppedAfter(30, 60);
        List<Integer> expected = resumed(file);
        assertEquals(31, (int) expected.get(0));
        int rejected = 0;
        int undetected = 0;
        for (int i = 0; i <= file.length; i++) {
            List<byte[]> variants = new ArrayList<byte[]>();
            variants.add(Arrays.copyOf(file, i));
            if (i < file.length) {
                byte[] flipped = file.clone();
                flipped[i] ^= (byte) 0x5A;
                variants.add(flipped);
            }
            for (byte[] damaged : variants) {
                if (Arrays.equals(damaged, file)) {
                    continue;
                }
                Instance fresh = counter(new ArrayList<Integer>(), -1);
                byte[] memory = fresh.memory().array().clone();
                Checkpoint checkpoint;
                try {
                    checkpoint = SnapshotFile.read(damaged, COUNTER);
                } catch (Checkpoint.Invalid e) {
                    assertTrue(e.getMessage().startsWith("checkpoint") && e.getMessage().indexOf('\n') < 0, e.getMessage());
                    assertTrue(Arrays.equals(memory, fresh.memory().array()));
                    rejected++;
                    continue;
                }
                // What no checksum covers (gzip's time and OS bytes, the unused bits after the last
                // deflate block) may change undetected: then the state read is the same.
                undetected++;
                assertEquals(expected, resumed(damaged), "a change at byte " + i);
            }
        }
        assertTrue(rejected > file.length && undetected < 12, "rejected " + rejected + ", undetected " + undetected);
    }

    @Test
    void anotherModuleIsRefusedNamingBothHashes() {
        byte[] file = stoppedAfter(5, 10);
        byte[] other = COUNTER.clone();
        other[other.length - 1] = 0x0b;
        other[other.length - 3] ^= 1;
        Checkpoint.Invalid invalid = assertThrows(Checkpoint.Invalid.class, () -> SnapshotFile.read(file, other));
        assertTrue(invalid.getMessage().startsWith("checkpoint is for another module (SHA-256 "), invalid.getMessage());
    }

    @Test
    void sizeFollowsTheMemoryUsedNotTheMemoryDeclared() {
        // One page declared, four bytes used: the file is a few hundred bytes, not 64 KiB.
        assertTrue(stoppedAfter(5, 10).length < 600);
    }

    private static List<Integer> resumed(byte[] file) {
        List<Integer> printed = new ArrayList<Integer>();
        Instance second = counter(printed, -1);
        Checkpoint checkpoint = SnapshotFile.read(file, COUNTER);
        checkpoint.restore(second);
        checkpoint.resume();
        return printed;
    }

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
