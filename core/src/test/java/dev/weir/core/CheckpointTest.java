package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.FuncType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint and restore of a running instance ({@link Checkpoint}): a run stopped at a safe point
 * continues in a fresh store and instance exactly where it stopped.
 */
class CheckpointTest {
    /**
     * wat2wasm (wabt 1.0.32) of:
     * <pre>
     * (module
     *   (import "env" "print" (func $print (param i32)))
     *   (memory 1)
     *   (global $calls (mut i32) (i32.const 0))
     *   (func (export "count") (param $n i32) (result i32) (local $i i32)
     *     loop $next
     *       local.get $i i32.const 1 i32.add local.set $i
     *       global.get $calls i32.const 1 i32.add global.set $calls
     *       i32.const 0 local.get $i i32.store
     *       local.get $i call $print
     *       local.get $i local.get $n i32.lt_u br_if $next
     *     end
     *     global.get $calls i32.const 0 i32.load i32.add))
     * </pre>
     * It prints 1..n and returns 2n (the global and the memory each count to n).
     */
    static final byte[] COUNTER = hex("0061736d01000000010a0260017f0060017f017f020d0103656e76057072696e74000003020101"
            + "05030100010606017f0141000b07090105636f756e7400010a31012f01017f0340200141016a2101230041016a2400410020013602"
            + "002001100020012000490d000b230041002802006a0b");

    /** A counter's instance in a checkpointable store, printing into printed. */
    private static Instance counter(final List<Integer> printed, final int stopAfter, CompileOptions options) {
        final Store store = new Store();
        Linker linker = new Linker(store);
        linker.define("env", "print", FuncType.of("i32 -> "), new HostFunction() {
            @Override
            public void call(Instance caller, long[] stack, int base) {
                printed.add((int) stack[base]);
                if (printed.size() == stopAfter) {
                    store.requestCheckpoint();
                }
            }
        });
        return linker.instantiate(Wasm.parse(COUNTER, options));
    }

    private static final CheckpointHandler STOP = new CheckpointHandler() {
        @Override
        public boolean onCheckpoint(Checkpoint checkpoint) {
            return true;
        }
    };

    @Test
    void counterResumedInAFreshStorePrintsExactlyTheRest() {
        CompileOptions options = CompileOptions.defaults().withMetering(true).withJit(CompileOptions.Jit.OFF);
        List<Integer> before = new ArrayList<Integer>();
        Instance first = counter(before, 40, options);
        first.store().enableCheckpoints(7, STOP);
        Checkpoint.Stopped stopped = assertThrows(Checkpoint.Stopped.class, () -> first.function("count").call(100));
        byte[] file = stopped.checkpoint().toBytes(sha256(COUNTER));

        List<Integer> after = new ArrayList<Integer>();
        Instance second = counter(after, -1, options);
        Checkpoint checkpoint = Checkpoint.fromBytes(file, sha256(COUNTER));
        checkpoint.restore(second);
        long[] results = checkpoint.resume();

        List<Integer> all = new ArrayList<Integer>(before);
        all.addAll(after);
        List<Integer> expected = new ArrayList<Integer>();
        for (int i = 1; i <= 100; i++) {
            expected.add(i);
        }
        assertTrue(before.size() >= 40 && before.size() < 100, "stopped mid-way, after " + before.size());
        assertEquals(expected, all);
        assertEquals(200, (int) results[0]);
    }

    @Test
    void aCheckpointBeforeAHostCallRedoesTheCall() {
        // The request comes from inside print, so the next safe point is the next print (or a slice).
        CompileOptions options = CompileOptions.defaults().withMetering(true).withJit(CompileOptions.Jit.OFF);
        List<Integer> before = new ArrayList<Integer>();
        Instance first = counter(before, 3, options);
        first.store().enableCheckpoints(1_000_000, STOP);
        Checkpoint.Stopped stopped = assertThrows(Checkpoint.Stopped.class, () -> first.function("count").call(10));
        assertEquals(3, before.size());

        List<Integer> after = new ArrayList<Integer>();
        Instance second = counter(after, -1, options);
        Checkpoint checkpoint = Checkpoint.fromBytes(stopped.checkpoint().toBytes(sha256(COUNTER)), sha256(COUNTER));
        checkpoint.restore(second);
        assertEquals(20, (int) checkpoint.resume()[0]);
        assertEquals(7, after.size());
        assertEquals(4, (int) after.get(0));
    }

    @Test
    void sha256InterruptedAndResumedGivesTheUninterruptedResult() throws IOException {
        for (CompileOptions.Jit jit : new CompileOptions.Jit[] {CompileOptions.Jit.OFF, CompileOptions.Jit.LOOPS,
                CompileOptions.Jit.LEAVES}) {
            byte[] wasm = Files.readAllBytes(Paths.get("../examples/bench/wasm/sha256.wasm"));
            CompileOptions options = CompileOptions.defaults().withMetering(true).withJit(jit);
            long expected = new Linker(new Store()).instantiate(Wasm.parse(wasm, options)).function("run").call(2);

            Store store = new Store();
            final int[] taken = {0};
            final Store s = store;
            store.enableCheckpoints(5_000, new CheckpointHandler() {
                @Override
                public boolean onCheckpoint(Checkpoint checkpoint) {
                    // Continue through a few checkpoints (the run is unaffected), stop at the 25th.
                    if (++taken[0] < 25) {
                        s.requestCheckpoint();
                        return false;
                    }
                    return true;
                }
            });
            store.requestCheckpoint();
            Instance first = new Linker(store).instantiate(Wasm.parse(wasm, options));
            Checkpoint.Stopped stopped = assertThrows(Checkpoint.Stopped.class, () -> first.function("run").call(2),
                    "jit=" + jit + ", checkpoints taken " + taken[0]);
            byte[] file = stopped.checkpoint().toBytes(sha256(wasm));

            Instance second = new Linker(new Store()).instantiate(Wasm.parse(wasm, options));
            Checkpoint checkpoint = Checkpoint.fromBytes(file, sha256(wasm));
            checkpoint.restore(second);
            assertEquals(expected, checkpoint.resume()[0], "jit=" + jit);
            int marked = second.compiledModule().jitMarked();
            assertTrue(jit == CompileOptions.Jit.OFF ? marked == 0 : marked > 0,
                    "jit=" + jit + ": " + marked + " loops and functions run as JVM bytecode");
        }
    }

    @Test
    void fuelContinuesExactlyAcrossACheckpoint() {
        CompileOptions options = CompileOptions.defaults().withMetering(true).withJit(CompileOptions.Jit.OFF);
        List<Integer> plain = new ArrayList<Integer>();
        Instance reference = counter(plain, -1, options);
        reference.function("count").call(50);
        long total = reference.store().fuelConsumed();

        List<Integer> before = new ArrayList<Integer>();
        Instance first = counter(before, 20, options);
        first.store().setFuel(1_000_000);
        first.store().enableCheckpoints(3, STOP);
        Checkpoint.Stopped stopped = assertThrows(Checkpoint.Stopped.class, () -> first.function("count").call(50));
        Checkpoint checkpoint = Checkpoint.fromBytes(stopped.checkpoint().toBytes(sha256(COUNTER)), sha256(COUNTER));
        Instance second = counter(new ArrayList<Integer>(), -1, options);
        checkpoint.restore(second);
        checkpoint.resume();
        assertEquals(total, second.store().fuelConsumed());
        assertEquals(1_000_000 - total, second.store().fuelRemaining());
    }

    @Test
    void unslicedMeteredCodeStillTrapsWhenFuelRunsOut() {
        CompileOptions options = CompileOptions.defaults().withMetering(true).withJit(CompileOptions.Jit.OFF);
        Instance instance = counter(new ArrayList<Integer>(), -1, options);
        instance.store().setFuel(100);
        assertTrue(assertThrows(dev.weir.core.module.TrapException.class, () -> instance.function("count").call(1000))
                .isExhaustion());
        assertTrue(instance.store().fuelRemaining() < 20);
    }

    @Test
    void everyTruncationAndAnotherModulesHashAreOneLineErrors() {
        CompileOptions options = CompileOptions.defaults().withMetering(true).withJit(CompileOptions.Jit.OFF);
        Instance first = counter(new ArrayList<Integer>(), 10, options);
        first.store().enableCheckpoints(5, STOP);
        byte[] file = assertThrows(Checkpoint.Stopped.class, () -> first.function("count").call(30)).checkpoint()
                .toBytes(sha256(COUNTER));
        for (int length = 0; length < file.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(file, length);
            Checkpoint.Invalid invalid = assertThrows(Checkpoint.Invalid.class,
                    () -> Checkpoint.fromBytes(cut, sha256(COUNTER)), "cut at " + length);
            assertTrue(!invalid.getMessage().contains("\n"));
        }
        byte[] other = sha256(new byte[] {1});
        assertTrue(assertThrows(Checkpoint.Invalid.class, () -> Checkpoint.fromBytes(file, other)).getMessage()
                .startsWith("checkpoint is for another module"));
    }

    @Test
    void aRestoreThatDoesNotFitChangesNothing() {
        CompileOptions metered = CompileOptions.defaults().withMetering(true).withJit(CompileOptions.Jit.OFF);
        Instance first = counter(new ArrayList<Integer>(), 10, metered);
        first.store().enableCheckpoints(5, STOP);
        Checkpoint checkpoint = Checkpoint.fromBytes(assertThrows(Checkpoint.Stopped.class,
                () -> first.function("count").call(30)).checkpoint().toBytes(sha256(COUNTER)), sha256(COUNTER));
        // The same module compiled without metering has other code: its pcs would mean other things.
        Instance unmetered = counter(new ArrayList<Integer>(), -1, metered.withMetering(false));
        byte[] memoryBefore = unmetered.memory().array().clone();
        Checkpoint.Invalid invalid = assertThrows(Checkpoint.Invalid.class, () -> checkpoint.restore(unmetered));
        assertTrue(invalid.getMessage().startsWith("checkpoint was taken with compile options"), invalid.getMessage());
        assertArrayEquals(memoryBefore, unmetered.memory().array());
        assertEquals(0, unmetered.store().peakStackSlots(), "nothing written to the stack");
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    @Test
    void hexMatchesTheWatAbove() {
        assertArrayEquals(new byte[] {0, 'a', 's', 'm'}, java.util.Arrays.copyOf(COUNTER, 4));
    }
}
