package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.TrapException;
import dev.weir.core.CompiledModule;
import dev.weir.core.internal.compile.Op;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.ValType;
import org.junit.jupiter.api.Test;

/**
 * Fuel metering ({@link Wasm#parseMetered}): exact counts of executed wasm instructions, worked
 * out by hand from the source below (every instruction counts 1, {@code end} and {@code else}
 * only when control falls through them), and budgets that stop execution.
 */
class FuelMeteringTest {
    /**
     * wat2wasm (wabt 1.0.32) of:
     * <pre>
     * (module
     *   (import "env" "tick" (func $tick (param i32)))
     *   (type $unary (func (param i32) (result i32)))
     *   (table 1 funcref)
     *   (elem (i32.const 0) $fib)
     *   (func $add (export "add") (param i32 i32) (result i32)
     *     local.get 0 local.get 1 i32.add)
     *   (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
     *     block $done
     *       loop $next
     *         local.get $i local.get $n i32.ge_u br_if $done
     *         local.get $acc local.get $i i32.add local.set $acc
     *         local.get $i i32.const 1 i32.add local.set $i
     *         br $next
     *       end
     *     end
     *     local.get $acc)
     *   (func $fib (export "fib") (param $n i32) (result i32)
     *     local.get $n i32.const 2 i32.lt_u
     *     if (result i32)
     *       local.get $n
     *     else
     *       local.get $n i32.const 1 i32.sub call $fib
     *       local.get $n i32.const 2 i32.sub call $fib
     *       i32.add
     *     end)
     *   (func (export "classify") (param i32) (result i32)
     *     block block block
     *       local.get 0
     *       br_table 0 1 2
     *     end i32.const 10 i32.const 1 i32.add return
     *     end i32.const 20 return
     *     end i32.const 30)
     *   (func (export "indirect") (param i32) (result i32)
     *     local.get 0 i32.const 0 call_indirect (type $unary))
     *   (func (export "ticks") (param $n i32)
     *     loop $again
     *       local.get $n call $tick
     *       local.get $n i32.const 1 i32.sub local.tee $n
     *       br_if $again
     *     end)
     *   (func (export "deadEnd") (result i32)
     *     block (result i32)
     *       i32.const 1
     *       br 0
     *       i32.const 2
     *       drop
     *     end
     *     nop))
     * </pre>
     */
    static final byte[] FUEL = {
            0, 97, 115, 109, 1, 0, 0, 0, 1, 20, 4, 96, 1, 127, 1, 127,
            96, 1, 127, 0, 96, 2, 127, 127, 1, 127, 96, 0, 1, 127, 2, 12,
            1, 3, 101, 110, 118, 4, 116, 105, 99, 107, 0, 1, 3, 8, 7, 2,
            0, 0, 0, 0, 1, 3, 4, 4, 1, 112, 0, 1, 7, 59, 7, 3,
            97, 100, 100, 0, 1, 3, 115, 117, 109, 0, 2, 3, 102, 105, 98, 0,
            3, 8, 99, 108, 97, 115, 115, 105, 102, 121, 0, 4, 8, 105, 110, 100,
            105, 114, 101, 99, 116, 0, 5, 5, 116, 105, 99, 107, 115, 0, 6, 7,
            100, 101, 97, 100, 69, 110, 100, 0, 7, 9, 7, 1, 0, 65, 0, 11,
            1, 3, 10, -109, 1, 7, 7, 0, 32, 0, 32, 1, 106, 11, 35, 1,
            2, 127, 2, 64, 3, 64, 32, 1, 32, 0, 79, 13, 1, 32, 2, 32,
            1, 106, 33, 2, 32, 1, 65, 1, 106, 33, 1, 12, 0, 11, 11, 32,
            2, 11, 28, 0, 32, 0, 65, 2, 73, 4, 127, 32, 0, 5, 32, 0,
            65, 1, 107, 16, 3, 32, 0, 65, 2, 107, 16, 3, 106, 11, 11, 29,
            0, 2, 64, 2, 64, 2, 64, 32, 0, 14, 2, 0, 1, 2, 11, 65,
            10, 65, 1, 106, 15, 11, 65, 20, 15, 11, 65, 30, 11, 9, 0, 32,
            0, 65, 0, 17, 0, 0, 11, 18, 0, 3, 64, 32, 0, 16, 0, 32,
            0, 65, 1, 107, 34, 0, 13, 0, 11, 11, 13, 0, 2, 127, 65, 1,
            12, 0, 65, 2, 26, 11, 1, 11
    };

    private int ticks;

    private Instance instantiate(CompiledModule module) {
        Linker linker = new Linker(ModuleBuilder.smallStore());
        linker.define("env", "tick", new FuncType(new byte[] {ValType.I32}, new byte[0]),
                (caller, stack, base) -> ticks++);
        return linker.instantiate(module);
    }

    private Instance metered() {
        return instantiate(Wasm.parseMetered(FUEL));
    }

    /** The wasm instructions one call executes. */
    private static long count(Instance instance, String name, long... args) {
        Store store = instance.store();
        long before = store.fuelConsumed();
        long[] results = new long[instance.function(name).type().resultCount()];
        instance.function(name).call(args, results);
        return store.fuelConsumed() - before;
    }

    /** fib's count: 7 for n < 2 (4 to the if, then-arm and else 2, end 1), else 15 plus both calls. */
    private static long fibCount(int n) {
        return n < 2 ? 7 : 15 + fibCount(n - 1) + fibCount(n - 2);
    }

    @Test
    void countsStraightLineCodeIncludingTheFinalEnd() {
        Instance instance = metered();
        assertEquals(4, count(instance, "add", 1, 2));
    }

    @Test
    void countsEveryLoopIterationAndNotTheEndsBranchesSkip() {
        Instance instance = metered();
        // block, loop: 2; an iteration: 4 to br_if, 9 after it; the last: 4; then local.get, end.
        assertEquals(8, count(instance, "sum", 0));
        assertEquals(13 * 10 + 8, count(instance, "sum", 10));
        assertEquals(13 * 1000 + 8, count(instance, "sum", 1000));
    }

    @Test
    void countsBothArmsOfIfAndRecursiveCalls() {
        Instance instance = metered();
        assertEquals(7, count(instance, "fib", 1));
        assertEquals(29, count(instance, "fib", 2));
        assertEquals(95, count(instance, "fib", 4));
        assertEquals(fibCount(20), count(instance, "fib", 20));
        assertEquals(6765, (int) instance.function("fib").call(20));
    }

    @Test
    void countsOnlyTheBranchTableTargetTaken() {
        Instance instance = metered();
        // Three blocks, local.get, br_table: 5; then the code after the chosen block's end.
        assertEquals(9, count(instance, "classify", 0));
        assertEquals(7, count(instance, "classify", 1));
        assertEquals(7, count(instance, "classify", 2));
        assertEquals(7, count(instance, "classify", 99));
        assertEquals(11, (int) instance.function("classify").call(0));
    }

    @Test
    void countsIndirectCallsAndHostCallsAsOneInstructionEach() {
        Instance instance = metered();
        assertEquals(4 + fibCount(10), count(instance, "indirect", 10));
        // loop: 1; each iteration 7 (the host function itself runs no wasm); loop end, end: 2.
        assertEquals(7 * 5 + 3, count(instance, "ticks", 5));
        assertEquals(5, ticks);
    }

    @Test
    void doesNotCountDeadCode() {
        Instance instance = metered();
        // block, i32.const, br; then nop, end.
        assertEquals(5, count(instance, "deadEnd"));
    }

    @Test
    void exactBudgetSucceedsAndLeavesNoFuel() {
        Instance instance = metered();
        Store store = instance.store();
        store.setFuel(138);
        assertEquals(45, (int) instance.function("sum").call(10));
        assertEquals(0, store.fuelRemaining());
    }

    @Test
    void trapsWhenTheBudgetRunsOutAndTheStoreStaysUsable() {
        Instance instance = metered();
        Store store = instance.store();
        long consumedBefore = store.fuelConsumed();
        store.setFuel(137);
        TrapException e = assertThrows(TrapException.class, () -> instance.function("sum").call(10));
        assertEquals("fuel exhausted", e.getMessage());
        assertTrue(e.isExhaustion());
        // Everything but the last segment (local.get, end: 2) ran; the unpaid fuel stays.
        assertEquals(1, store.fuelRemaining());
        assertEquals(consumedBefore + 136, store.fuelConsumed());

        store.setFuel(1000);
        assertEquals(45, (int) instance.function("sum").call(10));
        assertEquals(1000 - 138, store.fuelRemaining());
        assertEquals(consumedBefore + 136 + 138, store.fuelConsumed());
    }

    @Test
    void exhaustionDeepInRecursionUnwindsEveryFrame() {
        Instance instance = metered();
        Store store = instance.store();
        store.setFuel(fibCount(15) / 2);
        assertThrows(TrapException.class, () -> instance.function("fib").call(15));
        store.setFuel(fibCount(15));
        assertEquals(610, (int) instance.function("fib").call(15));
        assertEquals(0, store.fuelRemaining());
    }

    @Test
    void zeroFuelStopsMeteredCodeBeforeItsFirstInstruction() {
        Instance instance = metered();
        instance.store().setFuel(0);
        assertThrows(TrapException.class, () -> instance.function("add").call(1, 2));
        assertEquals(0, instance.store().fuelRemaining());
    }

    @Test
    void unmeteredCodeNeitherPaysNorCounts() {
        CompiledModule module = Wasm.parse(FUEL);
        assertFalse(module.metered());
        int[] code = module.code();
        for (int i = 0; i < module.module().functionCount() - module.module().importedFunctionCount(); i++) {
            int entry = module.entry(module.module().importedFunctionCount() + i);
            assertTrue(code[entry + Op.HEADER_SIZE] != Op.FUEL);
        }
        Instance instance = instantiate(module);
        instance.store().setFuel(0);
        assertEquals(6765, (int) instance.function("fib").call(20));
        assertEquals(0, instance.store().fuelConsumed());
    }

    @Test
    void meteredAndUnmeteredCodeComputeTheSameResults() {
        Instance plain = instantiate(Wasm.parse(FUEL));
        Instance metered = metered();
        assertTrue(metered.compiledModule().metered());
        for (int n = 0; n < 25; n++) {
            assertEquals(plain.function("fib").call(n), metered.function("fib").call(n));
            assertEquals(plain.function("sum").call(n), metered.function("sum").call(n));
            assertEquals(plain.function("classify").call(n % 4), metered.function("classify").call(n % 4));
        }
    }

    @Test
    void rejectsNegativeFuel() {
        assertThrows(IllegalArgumentException.class, () -> new Store().setFuel(-1));
    }
}
