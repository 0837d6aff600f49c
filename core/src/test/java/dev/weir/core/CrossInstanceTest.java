package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.core.module.TrapException;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.ValType;
import org.junit.jupiter.api.Test;

/**
 * What makes the interpreter's loop leave to its driver: calls and returns across instances
 * (direct and through a table), host calls with a host that calls back into wasm, memory.grow,
 * and traps whose backtrace spans both instances.
 */
class CrossInstanceTest {
    /**
     * wat2wasm --debug-names (wabt 1.0.32) of:
     * <pre>
     * (module $lib
     *   (import "env" "host_add" (func $host_add (param i32 i32) (result i32)))
     *   (memory (export "mem") 1 3)
     *   (table (export "tab") 1 funcref)
     *   (elem (i32.const 0) $triple)
     *   (func $triple (export "triple") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
     *   (func $boom (export "boom") (param i32) (result i32)
     *     (if (local.get 0) (then unreachable))
     *     (local.get 0))
     *   (func $grow_and_store (export "grow_and_store") (param i32) (result i32)
     *     (local $at i32)
     *     (local.set $at (i32.mul (memory.grow (i32.const 1)) (i32.const 65536)))
     *     (i32.store (local.get $at) (local.get 0))
     *     (i32.load (local.get $at)))
     *   (func $via_host (export "via_host") (param i32) (result i32)
     *     (i32.add (call $host_add (local.get 0) (i32.const 100)) (i32.const 1))))
     * </pre>
     */
    private static final byte[] LIB = {
            0, 97, 115, 109, 1, 0, 0, 0, 1, 12, 2, 96, 2, 127, 127, 1,
            127, 96, 1, 127, 1, 127, 2, 16, 1, 3, 101, 110, 118, 8, 104, 111,
            115, 116, 95, 97, 100, 100, 0, 0, 3, 5, 4, 1, 1, 1, 1, 4,
            4, 1, 112, 0, 1, 5, 4, 1, 1, 1, 3, 7, 57, 6, 3, 109,
            101, 109, 2, 0, 3, 116, 97, 98, 1, 0, 6, 116, 114, 105, 112, 108,
            101, 0, 1, 4, 98, 111, 111, 109, 0, 2, 14, 103, 114, 111, 119, 95,
            97, 110, 100, 95, 115, 116, 111, 114, 101, 0, 3, 8, 118, 105, 97, 95,
            104, 111, 115, 116, 0, 4, 9, 7, 1, 0, 65, 0, 11, 1, 1, 10,
            61, 4, 7, 0, 32, 0, 65, 3, 108, 11, 10, 0, 32, 0, 4, 64,
            0, 11, 32, 0, 11, 27, 1, 1, 127, 65, 1, 64, 0, 65, -128, -128,
            4, 108, 33, 1, 32, 1, 32, 0, 54, 2, 0, 32, 1, 40, 2, 0,
            11, 12, 0, 32, 0, 65, -28, 0, 16, 0, 65, 1, 106, 11, 0, 81,
            4, 110, 97, 109, 101, 0, 4, 3, 108, 105, 98, 1, 51, 5, 0, 8,
            104, 111, 115, 116, 95, 97, 100, 100, 1, 6, 116, 114, 105, 112, 108, 101,
            2, 4, 98, 111, 111, 109, 3, 14, 103, 114, 111, 119, 95, 97, 110, 100,
            95, 115, 116, 111, 114, 101, 4, 8, 118, 105, 97, 95, 104, 111, 115, 116,
            2, 15, 5, 0, 0, 1, 0, 2, 0, 3, 1, 1, 2, 97, 116, 4,
            0
    };

    /**
     * wat2wasm --debug-names (wabt 1.0.32) of:
     * <pre>
     * (module $app
     *   (import "lib" "triple" (func $triple (param i32) (result i32)))
     *   (import "lib" "boom" (func $boom (param i32) (result i32)))
     *   (import "lib" "via_host" (func $via_host (param i32) (result i32)))
     *   (import "lib" "tab" (table 1 funcref))
     *   (type $unary (func (param i32) (result i32)))
     *   (func $nine_times (export "nine_times") (param i32) (result i32) (call $triple (call $triple (local.get 0))))
     *   (func $indirect (export "indirect") (param i32) (result i32)
     *     (call_indirect (type $unary) (local.get 0) (i32.const 0)))
     *   (func $outer (param i32) (result i32) (i32.add (call $boom (local.get 0)) (i32.const 1)))
     *   (func $deep (export "deep") (param i32) (result i32) (call $outer (local.get 0)))
     *   (func $host_round_trip (export "host_round_trip") (param i32) (result i32)
     *     (i32.mul (call $via_host (local.get 0)) (i32.const 2))))
     * </pre>
     */
    private static final byte[] APP = {
            0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 1, 127, 1, 127,
            2, 52, 4, 3, 108, 105, 98, 6, 116, 114, 105, 112, 108, 101, 0, 0,
            3, 108, 105, 98, 4, 98, 111, 111, 109, 0, 0, 3, 108, 105, 98, 8,
            118, 105, 97, 95, 104, 111, 115, 116, 0, 0, 3, 108, 105, 98, 3, 116,
            97, 98, 1, 112, 0, 1, 3, 6, 5, 0, 0, 0, 0, 0, 7, 50,
            4, 10, 110, 105, 110, 101, 95, 116, 105, 109, 101, 115, 0, 3, 8, 105,
            110, 100, 105, 114, 101, 99, 116, 0, 4, 4, 100, 101, 101, 112, 0, 6,
            15, 104, 111, 115, 116, 95, 114, 111, 117, 110, 100, 95, 116, 114, 105, 112,
            0, 7, 10, 47, 5, 8, 0, 32, 0, 16, 0, 16, 0, 11, 9, 0,
            32, 0, 65, 0, 17, 0, 0, 11, 9, 0, 32, 0, 16, 1, 65, 1,
            106, 11, 6, 0, 32, 0, 16, 5, 11, 9, 0, 32, 0, 16, 2, 65,
            2, 108, 11, 0, 119, 4, 110, 97, 109, 101, 0, 4, 3, 97, 112, 112,
            1, 77, 8, 0, 6, 116, 114, 105, 112, 108, 101, 1, 4, 98, 111, 111,
            109, 2, 8, 118, 105, 97, 95, 104, 111, 115, 116, 3, 10, 110, 105, 110,
            101, 95, 116, 105, 109, 101, 115, 4, 8, 105, 110, 100, 105, 114, 101, 99,
            116, 5, 5, 111, 117, 116, 101, 114, 6, 4, 100, 101, 101, 112, 7, 15,
            104, 111, 115, 116, 95, 114, 111, 117, 110, 100, 95, 116, 114, 105, 112, 2,
            17, 8, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0,
            7, 0, 4, 8, 1, 0, 5, 117, 110, 97, 114, 121
    };

    private final Instance[] app = new Instance[1];
    private Instance lib;

    /** host_add(a, b) is a + b + app.nine_times(1): a host call that re-enters the store. */
    private Instance instantiate() {
        Linker linker = new Linker(ModuleBuilder.smallStore());
        FuncType addType = new FuncType(new byte[] {ValType.I32, ValType.I32}, new byte[] {ValType.I32});
        linker.define("env", "host_add", addType, (caller, stack, base) ->
                stack[base] = (int) stack[base] + (int) stack[base + 1] + (int) app[0].function("nine_times").call(1));
        lib = linker.instantiate(Wasm.parse(LIB));
        linker.define("lib", lib);
        app[0] = linker.instantiate(Wasm.parse(APP));
        return app[0];
    }

    @Test
    void callsAndReturnsAcrossInstances() {
        Instance instance = instantiate();
        assertEquals(18, (int) instance.function("nine_times").call(2));
        assertEquals(15, (int) instance.function("indirect").call(5), "call_indirect into the other instance");
        assertEquals(1, (int) instance.function("deep").call(0));
    }

    @Test
    void hostCallsReenterTheStore() {
        Instance instance = instantiate();
        // via_host(5) = host_add(5, 100) + 1 = (105 + 9) + 1; doubled by the caller.
        assertEquals(230, (int) instance.function("host_round_trip").call(5));
        assertEquals(230, (int) instance.function("host_round_trip").call(5), "the frames were popped");
    }

    @Test
    void trapsUnwindBothInstances() {
        Instance instance = instantiate();
        TrapException e = assertThrows(TrapException.class, () -> instance.function("deep").call(1));
        assertEquals("unreachable", e.getMessage());
        assertArrayEquals(new String[] {"boom", "outer", "deep"}, names(e.wasmBacktrace()));
        assertEquals(18, (int) instance.function("nine_times").call(2), "the store is usable after a trap");
    }

    @Test
    void memoryGrowthIsSeenByTheNextAccess() {
        instantiate();
        Function growAndStore = lib.function("grow_and_store");
        assertEquals(42, (int) growAndStore.call(42), "stored and loaded in the second page");
        assertEquals(7, (int) growAndStore.call(7), "and in the third");
        TrapException e = assertThrows(TrapException.class, () -> growAndStore.call(1));
        assertEquals("out of bounds memory access", e.getMessage(), "the fourth page is past the maximum");
        assertEquals(3, lib.memory("mem").pages());
    }

    /** "$name[index] ..." frames to their names. */
    private static String[] names(String[] frames) {
        String[] names = new String[frames.length];
        for (int i = 0; i < frames.length; i++) {
            String name = frames[i].substring(0, frames[i].indexOf('['));
            names[i] = name.startsWith("$") ? name.substring(1) : name;
        }
        return names;
    }
}
