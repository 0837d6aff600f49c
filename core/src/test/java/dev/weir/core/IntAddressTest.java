package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.core.module.TrapException;
import org.junit.jupiter.api.Test;

/**
 * Bounds checks of accesses in loops that call nothing, which compiled code checks as int
 * addresses (JitCompiler.address): the last byte that fits, the first that does not, addresses
 * with the sign bit set whose sum with the offset wraps to a small int, an offset just under
 * 2^31, and a limit that follows memory.grow, each the same with the interpreter and compiled.
 */
class IntAddressTest {
    /**
     * wat2wasm (wabt 1.0.32) of:
     * <pre>
     * (module
     *   (memory 1)
     *   (func (export "sum8") (param $base i32) (param $n i32) (result i32) (local $i i32) (local $acc i32)
     *     (loop $l
     *       (local.set $acc (i32.add (local.get $acc)
     *         (i32.load8_u offset=3 (i32.add (local.get $base) (local.get $i)))))
     *       (local.set $i (i32.add (local.get $i) (i32.const 1)))
     *       (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
     *     (local.get $acc))
     *   (func (export "fill32") (param $base i32) (param $n i32) (local $i i32)
     *     (loop $l
     *       (i32.store offset=4 (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 2)))
     *         (i32.add (local.get $i) (i32.const 0x01010101)))
     *       (local.set $i (i32.add (local.get $i) (i32.const 1)))
     *       (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
     *   (func (export "far") (param $base i32) (param $n i32) (result i32) (local $i i32) (local $acc i32)
     *     (loop $l
     *       (local.set $acc (i32.add (local.get $acc)
     *         (i32.load16_u offset=0x7ffffff0 (i32.add (local.get $base) (local.get $i)))))
     *       (local.set $i (i32.add (local.get $i) (i32.const 1)))
     *       (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
     *     (local.get $acc))
     *   (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
     * </pre>
     */
    private static final byte[] MODULE = {
            0, 97, 115, 109, 1, 0, 0, 0, 1, 17, 3, 96, 2, 127, 127, 1, 127, 96, 2, 127, 127, 0, 96,
            1, 127, 1, 127, 3, 5, 4, 0, 1, 0, 2, 5, 3, 1, 0, 1, 7, 30, 4, 4, 115, 117, 109, 56, 0,
            0, 6, 102, 105, 108, 108, 51, 50, 0, 1, 3, 102, 97, 114, 0, 2, 4, 103, 114, 111, 119, 0,
            3, 10, 127, 4, 36, 1, 2, 127, 3, 64, 32, 3, 32, 0, 32, 2, 106, 45, 0, 3, 106, 33, 3, 32,
            2, 65, 1, 106, 33, 2, 32, 2, 32, 1, 73, 13, 0, 11, 32, 3, 11, 40, 1, 1, 127, 3, 64, 32,
            0, 32, 2, 65, 2, 116, 106, 32, 2, 65, -127, -126, -124, 8, 106, 54, 2, 4, 32, 2, 65, 1,
            106, 33, 2, 32, 2, 32, 1, 73, 13, 0, 11, 11, 40, 1, 2, 127, 3, 64, 32, 3, 32, 0, 32, 2,
            106, 47, 1, -16, -1, -1, -1, 7, 106, 33, 3, 32, 2, 65, 1, 106, 33, 2, 32, 2, 32, 1, 73,
            13, 0, 11, 32, 3, 11, 6, 0, 32, 0, 64, 0, 11
    };

    private static Instance instantiate(CompileOptions.Jit policy) {
        return new Linker(new Store()).instantiate(Wasm.parse(MODULE, CompileOptions.defaults().withJit(policy)));
    }

    /** The function's result, or its trap's message. */
    private static String outcome(Instance instance, String name, long... args) {
        try {
            long[] results = new long[1];
            instance.function(name).call(args, results);
            return String.valueOf(results[0]);
        } catch (TrapException trap) {
            return trap.getMessage();
        }
    }

    @Test
    void compiledChecksInLoopsTrapWhereTheInterpreterDoes() {
        Instance interpreter = instantiate(CompileOptions.Jit.OFF);
        Instance jit = instantiate(CompileOptions.Jit.ALL);
        for (Instance instance : new Instance[] {interpreter, jit}) {
            // Warm: the compiled code is what runs below, not a first interpreted call.
            for (int i = 0; i < 50; i++) {
                instance.function("fill32").call(0, 16383);
                instance.function("sum8").call(0, 65533);
            }
        }
        long[][] sum8 = {
            {65533 - 100, 100}, // the last byte read is 65535
            {65533 - 100, 101}, // one byte over
            {0xFFFFFFFFL, 1}, // 0xffffffff + 3 wraps to 2 as an int; the wasm address is 2^32 + 2
            {0xFFFFFFFDL, 4}, // from 2^32 on, i32.add wraps the address itself to 0: traps at the first
            {0x7FFFFFFFL, 1},
            {0x80000000L, 1},
            {65536 - 3, 1},
        };
        for (long[] args : sum8) {
            assertEquals(outcome(interpreter, "sum8", args), outcome(jit, "sum8", args), "sum8 " + args[0] + ", " + args[1]);
        }
        assertEquals("out of bounds memory access", outcome(jit, "sum8", 65533 - 100, 101));
        assertEquals("out of bounds memory access", outcome(jit, "sum8", 0xFFFFFFFFL, 1));
        long[][] fill32 = {{65528 - 400, 100}, {65528 - 400, 101}, {0xFFFFFFFCL, 1}, {0x7FFFFFFCL, 1}};
        for (long[] args : fill32) {
            assertEquals(outcome(interpreter, "fill32", args), outcome(jit, "fill32", args), "fill32 " + args[0] + ", " + args[1]);
        }
        assertEquals("out of bounds memory access", outcome(jit, "far", 0, 1));
        assertEquals("out of bounds memory access", outcome(jit, "far", 0x80000010L, 1));
        assertEquals(outcome(interpreter, "far", 0x80000010L, 1), outcome(jit, "far", 0x80000010L, 1));
        // The limit is the memory's size at the access: after a grow the next page fits.
        assertEquals("out of bounds memory access", outcome(jit, "sum8", 65536, 4));
        assertEquals(1, (int) interpreter.function("grow").call(1));
        assertEquals(1, (int) jit.function("grow").call(1));
        assertEquals(outcome(interpreter, "fill32", 65528, 16382), outcome(jit, "fill32", 65528, 16382));
        assertEquals(outcome(interpreter, "sum8", 65536, 65533), outcome(jit, "sum8", 65536, 65533));
        assertEquals("out of bounds memory access", outcome(jit, "sum8", 65536, 65534));
        byte[] a = new byte[131072];
        byte[] b = new byte[131072];
        jit.memory().read(0, a, 0, a.length);
        interpreter.memory().read(0, b, 0, b.length);
        assertArrayEquals(b, a);
    }
}
