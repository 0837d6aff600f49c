package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.TrapException;
import dev.weir.core.internal.binary.ModuleDecoder;
import dev.weir.core.CompiledModule;
import dev.weir.core.internal.compile.Op;
import dev.weir.core.internal.jit.JitCompiler;
import dev.weir.core.internal.validate.ModuleValidator;
import dev.weir.core.internal.validate.TestBinary;
import dev.weir.testsupport.Allocations;
import org.junit.jupiter.api.Test;

/**
 * The JIT tier (dev.weir.core.internal.jit) against the interpreter: which functions it takes under each
 * policy, the same results, globals, memory, traps and fuel as the interpreter, frames of more
 * than 255 JVM locals, and no allocation once warm. The spec suite runs with every function it
 * can take compiled, too (conformance module, weir.jit=all).
 */
class JitTierTest {
    /**
     * wat2wasm (wabt 1.0.32) of:
     * <pre>
     * (module
     *   (memory 1)
     *   (global $count (export "count") (mut i32) (i32.const 0))
     *   (func $squares (export "squares") (param $n i32) (result i64) (local $i i32) (local $acc i64)
     *     (block $done (loop $next
     *       (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
     *       (i32.store (i32.shl (local.get $i) (i32.const 2)) (i32.mul (local.get $i) (local.get $i)))
     *       (local.set $acc (i64.add (local.get $acc)
     *         (i64.extend_i32_u (i32.load (i32.shl (local.get $i) (i32.const 2))))))
     *       (global.set $count (i32.add (global.get $count) (i32.const 1)))
     *       (local.set $i (i32.add (local.get $i) (i32.const 1)))
     *       (br $next)))
     *     (local.get $acc))
     *   (func $overrun (export "overrun") (param $at i32) (result i32) (local $acc i32)
     *     (loop $next
     *       (local.set $acc (i32.add (local.get $acc) (i32.load (local.get $at))))
     *       (local.set $at (i32.add (local.get $at) (i32.const 4096)))
     *       (br $next))
     *     (unreachable))
     *   (func $caller (export "caller") (param $n i32) (result i64) (local $k i32)
     *     (loop $again
     *       (local.set $k (i32.add (local.get $k) (i32.const 1)))
     *       (br_if $again (i32.lt_u (local.get $k) (i32.const 3))))
     *     (call $squares (local.get $n)))
     *   (func $mix (export "mix") (param i32 i32) (result i32)
     *     (i32.div_u (i32.rotl (local.get 0) (local.get 1)) (i32.const 3)))
     *   (func $classify (export "classify") (param $x i32) (result i32) (local $r i32) (local $i i32)
     *     (loop $again
     *       (block $c (block $b (block $a
     *         (br_table $a $b $c (local.get $x)))
     *         (local.set $r (i32.add (local.get $r) (i32.const 10)))
     *         (br $c))
     *         (local.set $r (i32.add (local.get $r) (i32.const 20))))
     *       (local.set $i (i32.add (local.get $i) (i32.const 1)))
     *       (br_if $again (i32.lt_u (local.get $i) (i32.const 2))))
     *     (select (local.get $r) (i32.const -1) (i32.ge_s (local.get $x) (i32.const 0))))
     *   (func $poly (export "poly") (param $x f64) (param $n i32) (result f64) (local $acc f64) (local $i i32)
     *     (loop $again
     *       (local.set $acc (f64.add (f64.mul (local.get $acc) (local.get $x)) (f64.convert_i32_s (local.get $i))))
     *       (local.set $i (i32.add (local.get $i) (i32.const 1)))
     *       (br_if $again (i32.lt_s (local.get $i) (local.get $n))))
     *     (f64.add (local.get $acc) (f64.promote_f32 (f32.sqrt (f32.demote_f64 (local.get $x))))))
     *   (func $wide (export "wide") (param $n i32) (result i64) (local i64 ... 299 times) (local $acc i64)
     *     (loop $again
     *       (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 31)) (i64.extend_i32_s (local.get $n))))
     *       (local.set $n (i32.sub (local.get $n) (i32.const 1)))
     *       (br_if $again (i32.gt_s (local.get $n) (i32.const 0))))
     *     (local.get $acc))
     *   (func $scan (export "scan") (param $at i32) (param $stop i32) (result i32) (local $acc i32)
     *     (block $done
     *       (loop $next
     *         (if (i32.eq (local.get $at) (i32.const -1)) (then (return (i32.const -1))))
     *         (br_if $done (i32.eq (local.get $at) (local.get $stop)))
     *         (local.set $acc (i32.add (local.get $acc) (i32.load (local.get $at))))
     *         (local.set $at (i32.add (local.get $at) (i32.const 4096)))
     *         (br $next)))
     *     (call $mix (local.get $acc) (i32.const 1)))
     * )
     * </pre>
     */
    static final byte[] MODULE = {
            0, 97, 115, 109, 1, 0, 0, 0, 1, 23, 4, 96, 1, 127, 1, 126, 96, 1, 127, 1, 127, 96, 2,
            127, 127, 1, 127, 96, 2, 124, 127, 1, 124, 3, 9, 8, 0, 1, 0, 2, 1, 3, 0, 2, 5, 3, 1, 0,
            1, 6, 6, 1, 127, 1, 65, 0, 11, 7, 76, 9, 5, 99, 111, 117, 110, 116, 3, 0, 7, 115, 113,
            117, 97, 114, 101, 115, 0, 0, 7, 111, 118, 101, 114, 114, 117, 110, 0, 1, 6, 99, 97,
            108, 108, 101, 114, 0, 2, 3, 109, 105, 120, 0, 3, 8, 99, 108, 97, 115, 115, 105, 102,
            121, 0, 4, 4, 112, 111, 108, 121, 0, 5, 4, 119, 105, 100, 101, 0, 6, 4, 115, 99, 97,
            110, 0, 7, 10, -51, 2, 8, 64, 2, 1, 127, 1, 126, 2, 64, 3, 64, 32, 1, 32, 0, 79, 13, 1,
            32, 1, 65, 2, 116, 32, 1, 32, 1, 108, 54, 2, 0, 32, 2, 32, 1, 65, 2, 116, 40, 2, 0, -83,
            124, 33, 2, 35, 0, 65, 1, 106, 36, 0, 32, 1, 65, 1, 106, 33, 1, 12, 0, 11, 11, 32, 2,
            11, 28, 1, 1, 127, 3, 64, 32, 1, 32, 0, 40, 2, 0, 106, 33, 1, 32, 0, 65, -128, 32, 106,
            33, 0, 12, 0, 11, 0, 11, 25, 1, 1, 127, 3, 64, 32, 1, 65, 1, 106, 33, 1, 32, 1, 65, 3,
            73, 13, 0, 11, 32, 0, 16, 0, 11, 10, 0, 32, 0, 32, 1, 119, 65, 3, 110, 11, 63, 1, 2,
            127, 3, 64, 2, 64, 2, 64, 2, 64, 32, 0, 14, 2, 0, 1, 2, 11, 32, 1, 65, 10, 106, 33, 1,
            12, 1, 11, 32, 1, 65, 20, 106, 33, 1, 11, 32, 2, 65, 1, 106, 33, 2, 32, 2, 65, 2, 73,
            13, 0, 11, 32, 1, 65, 127, 32, 0, 65, 0, 78, 27, 11, 42, 2, 1, 124, 1, 127, 3, 64, 32,
            2, 32, 0, -94, 32, 3, -73, -96, 33, 2, 32, 3, 65, 1, 106, 33, 3, 32, 3, 32, 1, 72, 13,
            0, 11, 32, 2, 32, 0, -74, -111, -69, -96, 11, 38, 1, -84, 2, 126, 3, 64, 32, -84, 2, 66,
            31, 126, 32, 0, -84, 124, 33, -84, 2, 32, 0, 65, 1, 107, 33, 0, 32, 0, 65, 0, 74, 13, 0,
            11, 32, -84, 2, 11, 54, 1, 1, 127, 2, 64, 3, 64, 32, 0, 65, 127, 70, 4, 64, 65, 127, 15,
            11, 32, 0, 32, 1, 70, 13, 1, 32, 2, 32, 0, 40, 2, 0, 106, 33, 2, 32, 0, 65, -128, 32,
            106, 33, 0, 12, 0, 11, 11, 32, 2, 65, 1, 16, 3, 11
    };

    private static final int SQUARES = 0;
    private static final int OVERRUN = 1;
    private static final int CALLER = 2;
    private static final int MIX = 3;
    private static final int CLASSIFY = 4;
    private static final int POLY = 5;
    private static final int WIDE = 6;
    private static final int SCAN = 7;

    private static CompiledModule compile(CompileOptions.Jit policy, boolean metered) {
        return Wasm.parse(MODULE, CompileOptions.defaults().withJit(policy).withMetering(metered));
    }

    private static Instance instantiate(CompileOptions.Jit policy) {
        return new Linker(new Store()).instantiate(compile(policy, false));
    }

    private static boolean startsWithJitEntry(CompiledModule compiled, int function) {
        return compiled.code()[compiled.entry(function) + Op.HEADER_SIZE] == Op.JIT_ENTRY;
    }

    private static boolean hasJitLoop(CompiledModule compiled, int function) {
        int[] code = compiled.code();
        for (int pc = compiled.entry(function) + Op.HEADER_SIZE; pc < compiled.end(function); pc += Op.length(code, pc)) {
            if (code[pc] == Op.JIT_LOOP) {
                return true;
            }
        }
        return false;
    }

    @Test
    void thePolicyChoosesEveryFunctionItCanCompileCallsIncluded() {
        CompiledModule loops = compile(CompileOptions.Jit.LOOPS, false);
        CompiledModule all = compile(CompileOptions.Jit.ALL, false);
        CompiledModule off = compile(CompileOptions.Jit.OFF, false);
        for (int f = SQUARES; f <= WIDE; f++) {
            assertTrue(startsWithJitEntry(loops, f), "function " + f);
            assertTrue(startsWithJitEntry(all, f), "function " + f);
            assertFalse(startsWithJitEntry(off, f), "function " + f);
        }
        // caller's loop calls nothing: it can also run as bytecode while caller is interpreted.
        assertTrue(hasJitLoop(loops, CALLER));
        assertTrue(hasJitLoop(loops, SCAN));
        assertFalse(hasJitLoop(off, CALLER));
    }

    @Test
    void functionsAreChosenByTypicalBytecodeSizeUnlessMetered() {
        // x + x + ... (200 adds): 200 instructions, over C2's limit at the 64-byte bound per
        // instruction, about 2 KiB of bytecode in fact.
        int[] body = new int[2 + 3 * 200];
        body[0] = 0x20;
        body[1] = 0;
        for (int i = 0; i < 200; i++) {
            body[2 + 3 * i] = 0x20;
            body[3 + 3 * i] = 0;
            body[4 + 3 * i] = 0x6A;
        }
        byte[] bytes = new TestBinary()
                .type(TestBinary.params(TestBinary.I32), TestBinary.I32)
                .function(0, TestBinary.params(), body)
                .export("adds", 0, 0)
                .bytes();
        CompiledModule plain = Wasm.parse(bytes, CompileOptions.defaults().withJit(CompileOptions.Jit.ALL));
        CompiledModule metered = Wasm.parse(bytes,
                CompileOptions.defaults().withJit(CompileOptions.Jit.ALL).withMetering(true));
        assertTrue(startsWithJitEntry(plain, 0));
        assertFalse(startsWithJitEntry(metered, 0));
        Instance in = new Linker(new Store()).instantiate(plain);
        assertEquals(201 * 3, (int) in.function("adds").call(3));
        assertTrue(plain.jitFunction(0) != null, "its bytecode fits C2's limit: it runs compiled");
    }

    @Test
    void functionsWithoutLoopsAreCompiledOnceHotAndWithLoopsAtOnce() {
        CompiledModule loops = compile(CompileOptions.Jit.LOOPS, false);
        assertTrue(loops.jitFunction(SQUARES) != null, "squares has a loop");
        int interpreted = 0;
        while (loops.jitFunction(MIX) == null) {
            interpreted++;
        }
        assertEquals(64, interpreted, "calls of mix before it is compiled (weir.jit.hotCalls)");
    }

    @Test
    void compiledFunctionsComputeWhatTheInterpreterComputes() {
        Instance jit = instantiate(CompileOptions.Jit.ALL);
        Instance interpreter = instantiate(CompileOptions.Jit.OFF);
        for (Instance instance : new Instance[] {jit, interpreter}) {
            assertEquals(332_833_500L, instance.function("squares").call(1000));
            assertEquals(332_833_500L, instance.function("caller").call(1000));
            assertEquals(2000, (int) instance.global("count").get());
        }
        for (int x = -2; x <= 4; x++) {
            assertEquals(interpreter.function("classify").call(x), jit.function("classify").call(x), "classify " + x);
        }
        assertEquals(-1, (int) jit.function("classify").call(-1));
        assertEquals(40, (int) jit.function("classify").call(1));
        long[] pairs = {0x80000001L, 1, 0xFFFFFFFFL, 31, 7, 0, 12345678, 40};
        for (int i = 0; i < pairs.length; i += 2) {
            assertEquals(interpreter.function("mix").call(pairs[i], pairs[i + 1]),
                    jit.function("mix").call(pairs[i], pairs[i + 1]));
        }
        long x = Double.doubleToRawLongBits(1.5);
        assertEquals(interpreter.function("poly").call(x, 20), jit.function("poly").call(x, 20));
        assertEquals(interpreter.function("wide").call(50), jit.function("wide").call(50));
        // A loop left by a branch, and by a return from inside it.
        assertEquals(interpreter.function("scan").call(0, 65536), jit.function("scan").call(0, 65536));
        assertEquals(-1, (int) jit.function("scan").call(-1, 0));
        byte[] a = new byte[4096];
        byte[] b = new byte[4096];
        jit.memory().read(0, a, 0, a.length);
        interpreter.memory().read(0, b, 0, b.length);
        assertArrayEquals(b, a);
    }

    @Test
    void aTrapInCompiledCodeUnwindsLikeOneInTheInterpreter() {
        for (CompileOptions.Jit policy : new CompileOptions.Jit[] {CompileOptions.Jit.OFF, CompileOptions.Jit.ALL}) {
            Instance instance = instantiate(policy);
            TrapException trap = assertThrows(TrapException.class, () -> instance.function("overrun").call(0));
            assertEquals("out of bounds memory access", trap.getMessage());
            assertArrayEquals(new String[] {"func[1]"}, trap.wasmBacktrace());
            // The same in a loop of a function that calls: the loop runs as bytecode on its own.
            TrapException inLoop = assertThrows(TrapException.class, () -> instance.function("scan").call(0, 70000));
            assertEquals("out of bounds memory access", inLoop.getMessage());
            assertArrayEquals(new String[] {"func[7]"}, inLoop.wasmBacktrace());
            // The store is whole again: later calls run normally.
            assertEquals(14, instance.function("squares").call(4));
        }
    }

    @Test
    void compiledCodeChargesTheSameFuelAsTheInterpreter() {
        long[] consumed = new long[2];
        long[] remaining = new long[2];
        CompileOptions.Jit[] policies = {CompileOptions.Jit.OFF, CompileOptions.Jit.ALL};
        for (int i = 0; i < 2; i++) {
            Store store = new Store();
            Instance instance = new Linker(store).instantiate(compile(policies[i], true));
            store.setFuel(1_000_000);
            assertEquals(332_833_500L, instance.function("squares").call(1000));
            assertEquals(332_833_500L, instance.function("caller").call(1000));
            consumed[i] = store.fuelConsumed();
            // A budget that runs out inside the loop: the trap leaves the fuel it could not pay.
            store.setFuel(5_000);
            TrapException trap = assertThrows(TrapException.class, () -> instance.function("squares").call(1000));
            assertTrue(trap.isExhaustion());
            remaining[i] = store.fuelRemaining();
        }
        assertEquals(consumed[0], consumed[1]);
        assertEquals(remaining[0], remaining[1]);
    }

    /**
     * A module whose function 1, {@code big(n)}, runs a loop of repeats copies of
     * {@code acc = acc * 31 + n} until n counts down to 0, then calls function 0 ({@code n + 1})
     * on acc: a loop that calls nothing, in a function that calls.
     */
    private static byte[] bigLoopModule(int repeats) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(1);
        body.write(1);
        body.write(0x7F); // one i32 local: acc
        bytes(body, 0x02, 0x40, 0x03, 0x40); // block, loop
        for (int i = 0; i < repeats; i++) {
            bytes(body, 0x20, 1, 0x41, 31, 0x6C, 0x20, 0, 0x6A, 0x21, 1);
        }
        bytes(body, 0x20, 0, 0x41, 1, 0x6B, 0x22, 0, 0x0D, 0, 0x0B, 0x0B); // n = n - 1; br_if; ends
        bytes(body, 0x20, 1, 0x10, 0, 0x0B); // call 0 (acc)
        java.io.ByteArrayOutputStream code = new java.io.ByteArrayOutputStream();
        bytes(code, 2, 7, 0, 0x20, 0, 0x41, 1, 0x6A, 0x0B);
        leb(code, body.size());
        code.write(body.toByteArray(), 0, body.size());
        java.io.ByteArrayOutputStream module = new java.io.ByteArrayOutputStream();
        bytes(module, 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0);
        bytes(module, 1, 6, 1, 0x60, 1, 0x7F, 1, 0x7F); // type (i32) -> i32
        bytes(module, 3, 3, 2, 0, 0); // two functions of it
        bytes(module, 7, 7, 1, 3, 'b', 'i', 'g', 0, 1); // export "big" = function 1
        module.write(10);
        leb(module, code.size());
        module.write(code.toByteArray(), 0, code.size());
        return module.toByteArray();
    }

    private static void bytes(java.io.ByteArrayOutputStream out, int... values) {
        for (int v : values) {
            out.write(v);
        }
    }

    private static void leb(java.io.ByteArrayOutputStream out, int value) {
        while (value >= 0x80) {
            out.write(value & 0x7F | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    @Test
    void loopsSmallAndTooLargeForHotSpotComputeWhatTheInterpreterComputes() {
        // 600 repeats make about 11,500 bytes of bytecode, over HotSpot's 8000-byte limit: that loop
        // stays interpreted.
        for (int repeats : new int[] {3, 600}) {
            byte[] bytes = bigLoopModule(repeats);
            CompiledModule jit = Wasm.parse(bytes, CompileOptions.defaults().withJit(CompileOptions.Jit.LOOPS));
            CompiledModule off = Wasm.parse(bytes, CompileOptions.defaults().withJit(CompileOptions.Jit.OFF));
            assertTrue(hasJitLoop(jit, 1));
            long expected = new Linker(new Store()).instantiate(off).function("big").call(50);
            assertEquals(expected, new Linker(new Store()).instantiate(jit).function("big").call(50), "repeats " + repeats);
        }
    }

    @Test
    void warmCompiledCallsAllocateNothing() {
        Instance instance = instantiate(CompileOptions.Jit.ALL);
        final Function squares = instance.function("squares");
        final Function poly = instance.function("poly");
        final long x = Double.doubleToRawLongBits(0.5);
        assertEquals(0, Allocations.leastBytes(() -> {
            long sum = 0;
            for (int i = 0; i < 10_000; i++) {
                sum += squares.call(20) + poly.call(x, 10);
            }
            return sum;
        }));
    }
}
