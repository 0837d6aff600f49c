package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.core.module.TrapException;
import dev.weir.core.CompiledModule;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.ValType;
import org.junit.jupiter.api.Test;

/** A real module binary through the whole pipeline: decode, validate, compile, link, run. */
class WasmEndToEndTest {
    /**
     * wat2wasm --debug-names (wabt 1.0.32) of:
     * <pre>
     * (module $demo
     *   (import "env" "log" (func $log (param i32 i32)))
     *   (import "env" "twice" (func $twice (param i64) (result i64)))
     *   (memory (export "memory") 1 2)
     *   (global $counter (mut i32) (i32.const 0))
     *   (table $t 2 funcref)
     *   (elem (i32.const 0) $fib $square)
     *   (data (i32.const 16) "hello")
     *   (type $unary (func (param i32) (result i32)))
     *   (func $fib (export "fib") (param $n i32) (result i32)
     *     (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
     *       (then (local.get $n))
     *       (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
     *                      (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
     *   (func $square (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
     *   (func (export "dispatch") (param $i i32) (param $x i32) (result i32)
     *     (call_indirect (type $unary) (local.get $x) (local.get $i)))
     *   (func (export "greet") (call $log (i32.const 16) (i32.const 5)))
     *   (func (export "quad") (param i64) (result i64) (call $twice (call $twice (local.get 0))))
     *   (func (export "sum") (param $n i32) (result i64)
     *     (local $i i32) (local $acc i64)
     *     (block $done
     *       (loop $next
     *         (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
     *         (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))
     *         (local.set $i (i32.add (local.get $i) (i32.const 1)))
     *         (br $next)))
     *     (local.get $acc))
     *   (func $inner (unreachable))
     *   (func $middle (call $inner))
     *   (func (export "crash") (call $middle))
     *   (func $start (global.set $counter (i32.const 7)))
     *   (func (export "counter") (result i32) (global.get $counter))
     *   (start $start))
     * </pre>
     */
    static final byte[] DEMO = {
            0, 97, 115, 109, 1, 0, 0, 0, 1, 34, 7, 96, 1, 127, 1, 127,
            96, 2, 127, 127, 0, 96, 1, 126, 1, 126, 96, 2, 127, 127, 1, 127,
            96, 0, 0, 96, 1, 127, 1, 126, 96, 0, 1, 127, 2, 23, 2, 3,
            101, 110, 118, 3, 108, 111, 103, 0, 1, 3, 101, 110, 118, 5, 116, 119,
            105, 99, 101, 0, 2, 3, 12, 11, 0, 0, 3, 4, 2, 5, 4, 4,
            4, 4, 6, 4, 4, 1, 112, 0, 2, 5, 4, 1, 1, 1, 2, 6,
            6, 1, 127, 1, 65, 0, 11, 7, 66, 8, 6, 109, 101, 109, 111, 114,
            121, 2, 0, 3, 102, 105, 98, 0, 2, 8, 100, 105, 115, 112, 97, 116,
            99, 104, 0, 4, 5, 103, 114, 101, 101, 116, 0, 5, 4, 113, 117, 97,
            100, 0, 6, 3, 115, 117, 109, 0, 7, 5, 99, 114, 97, 115, 104, 0,
            10, 7, 99, 111, 117, 110, 116, 101, 114, 0, 12, 8, 1, 11, 9, 8,
            1, 0, 65, 0, 11, 2, 2, 3, 10, -125, 1, 11, 28, 0, 32, 0,
            65, 2, 73, 4, 127, 32, 0, 5, 32, 0, 65, 1, 107, 16, 2, 32,
            0, 65, 2, 107, 16, 2, 106, 11, 11, 7, 0, 32, 0, 32, 0, 108,
            11, 9, 0, 32, 1, 32, 0, 17, 0, 0, 11, 8, 0, 65, 16, 65,
            5, 16, 0, 11, 8, 0, 32, 0, 16, 1, 16, 1, 11, 38, 2, 1,
            127, 1, 126, 2, 64, 3, 64, 32, 1, 32, 0, 79, 13, 1, 32, 2,
            32, 1, -83, 124, 33, 2, 32, 1, 65, 1, 106, 33, 1, 12, 0, 11,
            11, 32, 2, 11, 3, 0, 0, 11, 4, 0, 16, 8, 11, 4, 0, 16,
            9, 11, 6, 0, 65, 7, 36, 0, 11, 4, 0, 35, 0, 11, 11, 11,
            1, 0, 65, 16, 11, 5, 104, 101, 108, 108, 111, 0, -117, 1, 4, 110,
            97, 109, 101, 0, 5, 4, 100, 101, 109, 111, 1, 48, 7, 0, 3, 108,
            111, 103, 1, 5, 116, 119, 105, 99, 101, 2, 3, 102, 105, 98, 3, 6,
            115, 113, 117, 97, 114, 101, 8, 5, 105, 110, 110, 101, 114, 9, 6, 109,
            105, 100, 100, 108, 101, 11, 5, 115, 116, 97, 114, 116, 2, 47, 13, 0,
            0, 1, 0, 2, 1, 0, 1, 110, 3, 0, 4, 2, 0, 1, 105, 1,
            1, 120, 5, 0, 6, 0, 7, 3, 0, 1, 110, 1, 1, 105, 2, 3,
            97, 99, 99, 8, 0, 9, 0, 10, 0, 11, 0, 12, 0, 4, 8, 1,
            0, 5, 117, 110, 97, 114, 121, 5, 4, 1, 0, 1, 116, 7, 10, 1,
            0, 7, 99, 111, 117, 110, 116, 101, 114
    };

    private final StringBuilder logged = new StringBuilder();

    private Instance instantiate() {
        CompiledModule module = Wasm.parse(DEMO);
        Linker linker = new Linker(ModuleBuilder.smallStore());
        linker.define("env", "log", new FuncType(new byte[] {ValType.I32, ValType.I32}, new byte[0]),
                (caller, stack, base) -> logged.append(caller.memory().readString((int) stack[base],
                        (int) stack[base + 1])));
        linker.define("env", "twice", new FuncType(new byte[] {ValType.I64}, new byte[] {ValType.I64}),
                (caller, stack, base) -> stack[base] = 2 * stack[base]);
        return linker.instantiate(module);
    }

    @Test
    void runsExportedFunctions() {
        Instance instance = instantiate();
        assertEquals(7, (int) instance.function("counter").call(), "the start function ran");
        assertEquals(832040, (int) instance.function("fib").call(30));
        assertEquals(4950L, instance.function("sum").call(100));
        assertEquals(12L, instance.function("quad").call(3));
    }

    @Test
    void callsThroughTheTable() {
        Instance instance = instantiate();
        assertEquals(55, (int) instance.function("dispatch").call(0, 10));
        assertEquals(100, (int) instance.function("dispatch").call(1, 10));
        TrapException e = assertThrows(TrapException.class, () -> instance.function("dispatch").call(2, 10));
        assertEquals("undefined element", e.getMessage());
    }

    @Test
    void hostFunctionsSeeTheCallersMemory() {
        Instance instance = instantiate();
        instance.function("greet").call();
        assertEquals("hello", logged.toString());
    }

    @Test
    void trapsNameTheFunctionsOnTheWasmStack() {
        Instance instance = instantiate();
        TrapException e = assertThrows(TrapException.class, () -> instance.function("crash").call());
        assertEquals("unreachable", e.getMessage());
        assertEquals(3, e.wasmBacktrace().length);
        assertArrayEquals(new String[] {"$inner", "$middle"},
                new String[] {strip(e.wasmBacktrace()[0]), strip(e.wasmBacktrace()[1])});
        assertEquals(832040, (int) instance.function("fib").call(30), "the store is usable after a trap");
    }

    /** "name[index]" to "name", whatever the name section's names look like. */
    private static String strip(String frame) {
        String name = frame.substring(0, frame.indexOf('['));
        return name.startsWith("$") ? name : "$" + name;
    }
}
