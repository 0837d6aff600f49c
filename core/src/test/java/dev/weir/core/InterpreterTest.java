package dev.weir.core;

import static dev.weir.core.ModuleBuilder.FUNCREF;
import static dev.weir.core.ModuleBuilder.I32;
import static dev.weir.core.ModuleBuilder.I64;
import static dev.weir.core.ModuleBuilder.params;
import static dev.weir.core.ModuleBuilder.type;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.TrapException;
import dev.weir.core.internal.compile.Op;
import dev.weir.core.module.ExternalKind;
import dev.weir.core.module.FuncType;
import org.junit.jupiter.api.Test;

/** Control flow, calls, memory, tables and host calls, on hand-assembled code. */
class InterpreterTest {
    static final FuncType I32_TO_I32 = type(params(I32), I32);
    static final FuncType VOID = type(params());

    /** fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2), as the compiler would lay it out. */
    static int fib(ModuleBuilder mb, String name) {
        int self = mb.function(name, I32_TO_I32,
                1, 0, 3,
                Op.I32_CONST, 1, 2,          // 3
                Op.I32_LT_S, 1, 0, 1,        // 6
                Op.BR_IF_EQZ, 1, 14,         // 10
                Op.RETURN,                   // 13
                Op.I32_CONST, 1, 1,          // 14
                Op.I32_SUB, 1, 0, 1,         // 17
                Op.CALL, -1, 1,              // 21: patched below to this function
                Op.I32_CONST, 2, 2,          // 24
                Op.I32_SUB, 2, 0, 2,         // 27
                Op.CALL, -1, 2,              // 31
                Op.I32_ADD, 0, 1, 2,         // 34
                Op.RETURN);                  // 38
        return self;
    }

    static ModuleBuilder fibModule() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.selfCalls(fib(mb, "fib"));
        return mb;
    }

    @Test
    void recursiveCallsReturnResultsInTheCallersSlots() {
        Function fib = fibModule().instantiate().function("fib");
        assertEquals(0, (int) fib.call(0));
        assertEquals(1, (int) fib.call(1));
        assertEquals(55, (int) fib.call(10));
        assertEquals(6765, (int) fib.call(20));
    }

    @Test
    void brTableTakesTheIndexedTargetOrTheDefault() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.function("pick", I32_TO_I32,
                1, 0, 1,
                Op.BR_TABLE, 0, 2, 9, 13, 17,   // 3
                Op.I32_CONST, 0, 100, Op.RETURN,  // 9
                Op.I32_CONST, 0, 101, Op.RETURN,  // 13
                Op.I32_CONST, 0, 102, Op.RETURN); // 17
        Function pick = mb.instantiate().function("pick");
        assertEquals(100, (int) pick.call(0));
        assertEquals(101, (int) pick.call(1));
        assertEquals(102, (int) pick.call(2));
        assertEquals(102, (int) pick.call(-1));
        assertEquals(102, (int) pick.call(0x1_0000_0000L + 7));
    }

    @Test
    void loopsWithBackwardBranchesAndLocalsStartAtZero() {
        // sum(n) = 0 + 1 + ... + n-1 with a declared local accumulator (slot 1) and counter (slot 2).
        ModuleBuilder mb = new ModuleBuilder();
        mb.function("sum", I32_TO_I32,
                1, 2, 4,
                Op.I32_LT_S, 3, 2, 0,        // 3: loop: s3 = i < n
                Op.BR_IF_EQZ, 3, 23,         // 7
                Op.I32_ADD, 1, 1, 2,         // 10: acc += i
                Op.I32_CONST, 3, 1,          // 14
                Op.I32_ADD, 2, 2, 3,         // 17: i++  (ends at 21)
                Op.BR, 3,                    // 21
                Op.COPY, 0, 1,               // 23
                Op.RETURN);
        Function sum = mb.instantiate().function("sum");
        assertEquals(4950, (int) sum.call(100));
        assertEquals(4950, (int) sum.call(100), "locals are zeroed on every entry");
        assertEquals(0, (int) sum.call(0));
    }

    @Test
    void selectAndGlobals() {
        ModuleBuilder mb = new ModuleBuilder();
        int g = mb.global(I64, true, ModuleBuilder.i64(40));
        mb.export("g", ExternalKind.GLOBAL, g);
        mb.function("f", type(params(I64, I64, I32), I64),
                3, 0, 5,
                Op.SELECT, 3, 0, 1, 2,
                Op.GLOBAL_GET, 4, g,
                Op.I64_ADD, 4, 4, 3,
                Op.GLOBAL_SET, g, 4,
                Op.COPY, 0, 4,
                Op.RETURN);
        Instance instance = mb.instantiate();
        Function f = instance.function("f");
        assertEquals(41, f.call(1, 2, 0xFFFF_FFFF_0000_0001L));
        assertEquals(43, f.call(1, 2, 0xFFFF_FFFF_0000_0000L));
        assertEquals(43, instance.global("g").get());
    }

    @Test
    void constantsCoverAllBits() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.function("c", type(params(), I64), 0, 0, 1, Op.I64_CONST, 0, 0x89ABCDEF, 0x01234567, Op.RETURN);
        mb.function("k", type(params(), I32), 0, 0, 1, Op.I32_CONST, 0, -5, Op.RETURN);
        Instance instance = mb.instantiate();
        assertEquals(0x0123_4567_89AB_CDEFL, instance.function("c").call());
        assertEquals(-5, (int) instance.function("k").call());
    }

    static Instance memoryModule() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.memory(1, 3);
        mb.export("memory", ExternalKind.MEMORY, 0);
        mb.function("load32", I32_TO_I32, 1, 0, 1, Op.I32_LOAD, 0, 0, 0, Op.RETURN);
        mb.function("load32at4", I32_TO_I32, 1, 0, 1, Op.I32_LOAD, 0, 0, 4, Op.RETURN);
        mb.function("load64", type(params(I32), I64), 1, 0, 1, Op.I64_LOAD, 0, 0, 0, Op.RETURN);
        mb.function("load8s", I32_TO_I32, 1, 0, 1, Op.I32_LOAD8_S, 0, 0, 0, Op.RETURN);
        mb.function("load8u", I32_TO_I32, 1, 0, 1, Op.I32_LOAD8_U, 0, 0, 0, Op.RETURN);
        mb.function("load16s", type(params(I32), I64), 1, 0, 1, Op.I64_LOAD16_S, 0, 0, 0, Op.RETURN);
        mb.function("load16u", I32_TO_I32, 1, 0, 1, Op.I32_LOAD16_U, 0, 0, 0, Op.RETURN);
        mb.function("load32s", type(params(I32), I64), 1, 0, 1, Op.I64_LOAD32_S, 0, 0, 0, Op.RETURN);
        mb.function("load32u", type(params(I32), I64), 1, 0, 1, Op.I64_LOAD32_U, 0, 0, 0, Op.RETURN);
        mb.function("loadHigh", I32_TO_I32, 1, 0, 1, Op.I32_LOAD, 0, 0, -1, Op.RETURN);
        mb.function("store32", type(params(I32, I32)), 2, 0, 2, Op.I32_STORE, 0, 1, 0, Op.RETURN);
        mb.function("store64", type(params(I32, I64)), 2, 0, 2, Op.I64_STORE, 0, 1, 0, Op.RETURN);
        mb.function("store8", type(params(I32, I32)), 2, 0, 2, Op.I32_STORE8, 0, 1, 0, Op.RETURN);
        mb.function("store16", type(params(I32, I32)), 2, 0, 2, Op.I32_STORE16, 0, 1, 0, Op.RETURN);
        mb.function("size", type(params(), I32), 0, 0, 1, Op.MEMORY_SIZE, 0, Op.RETURN);
        mb.function("grow", I32_TO_I32, 1, 0, 1, Op.MEMORY_GROW, 0, 0, Op.RETURN);
        mb.function("fill", type(params(I32, I32, I32)), 3, 0, 3, Op.MEMORY_FILL, 0, 1, 2, Op.RETURN);
        mb.function("copy", type(params(I32, I32, I32)), 3, 0, 3, Op.MEMORY_COPY, 0, 1, 2, Op.RETURN);
        int passive = mb.passiveData((byte) 1, (byte) 2, (byte) 3, (byte) 4);
        mb.function("init", type(params(I32, I32, I32)), 3, 0, 3, Op.MEMORY_INIT, passive, 0, 1, 2, Op.RETURN);
        mb.function("drop", VOID, 0, 0, 0, Op.DATA_DROP, passive, Op.RETURN);
        mb.activeData(100, (byte) 0xAA, (byte) 0xBB);
        return mb.instantiate();
    }

    @Test
    void loadsAndStoresAreLittleEndianAndSignOrZeroExtend() {
        Instance m = memoryModule();
        m.function("store32").call(8, 0x8081_8283);
        assertEquals(0x8081_8283, (int) m.function("load32").call(8));
        assertEquals(0x8081_8283, (int) m.function("load32at4").call(4));
        assertEquals((byte) 0x83, m.memory().readByte(8));
        assertEquals(-125, (int) m.function("load8s").call(8));
        assertEquals(0x83, (int) m.function("load8u").call(8));
        assertEquals(0xFFFF_FFFF_FFFF_8283L, m.function("load16s").call(8));
        assertEquals(0x8283, (int) m.function("load16u").call(8));
        assertEquals(0xFFFF_FFFF_8081_8283L, m.function("load32s").call(8));
        assertEquals(0x8081_8283L, m.function("load32u").call(8));
        m.function("store64").call(16, 0x0102_0304_0506_0708L);
        assertEquals(0x0102_0304_0506_0708L, m.function("load64").call(16));
        m.function("store8").call(16, 0x1FF);
        m.function("store16").call(18, 0xABCDE);
        assertEquals(0x0102_0304_BCDE_07FFL, m.function("load64").call(16));
        assertEquals(0xBBAA, (int) m.function("load16u").call(100), "active data segment");
    }

    @Test
    void accessesTrapPastTheEndButNotAtIt() {
        Instance m = memoryModule();
        m.function("store32").call(65532, 7);
        assertEquals(7, (int) m.function("load32").call(65532));
        assertEquals(0, (int) m.function("load8u").call(65535));
        NumericInstructionTest.assertTrap("out of bounds memory access", () -> m.function("load32").call(65533));
        NumericInstructionTest.assertTrap("out of bounds memory access", () -> m.function("store32").call(65533, 1));
        NumericInstructionTest.assertTrap("out of bounds memory access", () -> m.function("load64").call(65529));
        NumericInstructionTest.assertTrap("out of bounds memory access", () -> m.function("load8u").call(65536));
        NumericInstructionTest.assertTrap("out of bounds memory access", () -> m.function("load32").call(-1));
        // base + offset is computed in 64 bits: 1 + 0xFFFFFFFF does not wrap to 0.
        NumericInstructionTest.assertTrap("out of bounds memory access", () -> m.function("loadHigh").call(1));
        NumericInstructionTest.assertTrap("out of bounds memory access",
                () -> m.function("load32at4").call(0xFFFF_FFFCL));
    }

    @Test
    void memoryGrowsOnDemandKeepingItsContents() {
        Instance m = memoryModule();
        byte[] array = m.memory().array();
        assertEquals(65536, array.length, "only the initial page is allocated");
        assertEquals(1, (int) m.function("size").call());
        assertEquals(1, (int) m.function("grow").call(1));
        assertEquals(2, (int) m.function("size").call());
        m.function("store32").call(65536 + 100, 42);
        assertEquals(42, (int) m.function("load32").call(65536 + 100));
        assertEquals(-1, (int) m.function("grow").call(2));
        assertEquals(-1, (int) m.function("grow").call(-1));
        assertEquals(2, (int) m.function("grow").call(0));
        assertEquals(0xBBAA, (int) m.function("load32").call(100), "the active data segment moved with the array");
        assertEquals(2, m.memory().capacityPages(), "doubled from one page, no more");
        NumericInstructionTest.assertTrap("out of bounds memory access", () -> m.function("load32").call(2 * 65536));
    }

    @Test
    void bulkMemoryChecksBoundsBeforeWriting() {
        Instance m = memoryModule();
        Memory memory = m.memory();
        m.function("fill").call(10, 0x1FF, 4);
        assertEquals(0xFFFF_FFFF, memory.readInt(10));
        m.function("fill").call(65536, 1, 0);
        NumericInstructionTest.assertTrap("out of bounds memory access", () -> m.function("fill").call(65535, 1, 2));
        assertEquals(0, memory.readByte(65535), "nothing written by a trapping fill");
        for (int i = 0; i < 8; i++) {
            memory.writeByte(200 + i, (byte) i);
        }
        m.function("copy").call(202, 200, 6);
        byte[] moved = new byte[8];
        memory.read(200, moved, 0, 8);
        assertArrayEquals(new byte[] {0, 1, 0, 1, 2, 3, 4, 5}, moved);
        m.function("copy").call(200, 202, 6);
        memory.read(200, moved, 0, 8);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 4, 5}, moved);
        NumericInstructionTest.assertTrap("out of bounds memory access", () -> m.function("copy").call(0, 65535, 2));
        m.function("copy").call(65536, 0, 0);
        m.function("init").call(300, 1, 3);
        assertEquals(0x0004_0302, memory.readInt(300));
        NumericInstructionTest.assertTrap("out of bounds memory access", () -> m.function("init").call(0, 2, 3));
        m.function("init").call(65536, 4, 0);
        m.function("drop").call();
        m.function("init").call(0, 0, 0);
        NumericInstructionTest.assertTrap("out of bounds memory access", () -> m.function("init").call(0, 0, 1));
    }

    static Instance tableModule() {
        ModuleBuilder mb = new ModuleBuilder();
        FuncType unary = I32_TO_I32;
        int table = mb.table(FUNCREF, 4, 6);
        mb.export("table", ExternalKind.TABLE, table);
        int inc = mb.function("inc", unary, 1, 0, 2, Op.I32_CONST, 1, 1, Op.I32_ADD, 0, 0, 1, Op.RETURN);
        int dbl = mb.function("dbl", unary, 1, 0, 1, Op.I32_ADD, 0, 0, 0, Op.RETURN);
        int other = mb.function("other", type(params(I64), I64), 1, 0, 1, Op.RETURN);
        mb.activeElements(table, 0, inc, dbl, other);
        int passive = mb.passiveElements(dbl, inc);
        // callAt(i, x) = table[i](x)
        mb.function("callAt", type(params(I32, I32), I32), 2, 0, 3,
                Op.COPY, 2, 0,
                Op.CALL_INDIRECT, mb.type(unary), table, 2, 1,
                Op.COPY, 0, 1,
                Op.RETURN);
        mb.function("get", type(params(I32), FUNCREF), 1, 0, 1, Op.TABLE_GET, 0, table, 0, Op.RETURN);
        mb.function("set", type(params(I32, FUNCREF)), 2, 0, 2, Op.TABLE_SET, table, 0, 1, Op.RETURN);
        mb.function("size", type(params(), I32), 0, 0, 1, Op.TABLE_SIZE, 0, table, Op.RETURN);
        mb.function("grow", type(params(FUNCREF, I32), I32), 2, 0, 2, Op.TABLE_GROW, 0, table, 0, 1, Op.RETURN);
        mb.function("fill", type(params(I32, FUNCREF, I32)), 3, 0, 3, Op.TABLE_FILL, table, 0, 1, 2, Op.RETURN);
        mb.function("copy", type(params(I32, I32, I32)), 3, 0, 3, Op.TABLE_COPY, table, table, 0, 1, 2, Op.RETURN);
        mb.function("init", type(params(I32, I32, I32)), 3, 0, 3, Op.TABLE_INIT, table, passive, 0, 1, 2, Op.RETURN);
        mb.function("drop", VOID, 0, 0, 0, Op.ELEM_DROP, passive, Op.RETURN);
        mb.function("refInc", type(params(), FUNCREF), 0, 0, 1, Op.REF_FUNC, 0, inc, Op.RETURN);
        mb.function("isNull", type(params(FUNCREF), I32), 1, 0, 1, Op.I64_EQZ, 0, 0, Op.RETURN);
        return mb.instantiate();
    }

    @Test
    void callIndirectChecksIndexNullAndType() {
        Instance t = tableModule();
        Function callAt = t.function("callAt");
        assertEquals(8, (int) callAt.call(0, 7));
        assertEquals(14, (int) callAt.call(1, 7));
        NumericInstructionTest.assertTrap("indirect call type mismatch", () -> callAt.call(2, 7));
        NumericInstructionTest.assertTrap("uninitialized element", () -> callAt.call(3, 7));
        NumericInstructionTest.assertTrap("undefined element", () -> callAt.call(4, 7));
        NumericInstructionTest.assertTrap("undefined element", () -> callAt.call(-1, 7));
    }

    @Test
    void tableInstructions() {
        Instance t = tableModule();
        Store store = t.store();
        long inc = t.function("refInc").call();
        assertSame(t.function("inc"), store.functionOf(inc));
        assertEquals(inc, t.function("get").call(0));
        assertEquals(1, (int) t.function("isNull").call(t.function("get").call(3)));
        t.function("set").call(3, inc);
        assertEquals(4, (int) t.function("callAt").call(3, 3));
        assertEquals(4, (int) t.function("size").call());
        assertEquals(4, (int) t.function("grow").call(inc, 2));
        assertEquals(-1, (int) t.function("grow").call(inc, 1));
        assertEquals(6, t.table("table").size());
        assertEquals(6, (int) t.function("callAt").call(5, 5));
        t.function("fill").call(4, 0, 2);
        NumericInstructionTest.assertTrap("uninitialized element", () -> t.function("callAt").call(5, 5));
        NumericInstructionTest.assertTrap("out of bounds table access", () -> t.function("fill").call(5, 0, 2));
        NumericInstructionTest.assertTrap("out of bounds table access", () -> t.function("get").call(6));
        NumericInstructionTest.assertTrap("out of bounds table access", () -> t.function("set").call(-1, 0));
        t.function("copy").call(4, 0, 2);
        assertEquals(8, (int) t.function("callAt").call(4, 7));
        NumericInstructionTest.assertTrap("out of bounds table access", () -> t.function("copy").call(5, 0, 2));
        t.function("init").call(0, 0, 2);
        assertEquals(14, (int) t.function("callAt").call(0, 7));
        assertEquals(8, (int) t.function("callAt").call(1, 7));
        NumericInstructionTest.assertTrap("out of bounds table access", () -> t.function("init").call(0, 1, 2));
        t.function("drop").call();
        t.function("init").call(6, 0, 0);
        NumericInstructionTest.assertTrap("out of bounds table access", () -> t.function("init").call(0, 0, 1));
    }

    @Test
    void unreachableTrapsWithABacktrace() {
        ModuleBuilder mb = new ModuleBuilder();
        int boom = mb.function("boom", VOID, 0, 0, 0, Op.UNREACHABLE);
        mb.function("outer", VOID, 0, 0, 1, Op.CALL, boom, 0, Op.RETURN);
        Instance instance = mb.instantiate();
        TrapException e = assertThrows(TrapException.class, () -> instance.function("outer").call());
        assertEquals("unreachable", e.getMessage());
        assertFalse(e.isExhaustion());
        assertArrayEquals(new String[] {"boom[0]", "outer[1]"}, e.wasmBacktrace());
        assertEquals(0, e.getStackTrace().length, "traps carry no Java stack trace");
    }

    @Test
    void unboundedRecursionExhaustsTheCallStackAndTheStoreStaysUsable() {
        ModuleBuilder mb = new ModuleBuilder();
        int loop = mb.function("loop", VOID, 0, 0, 1, Op.CALL, 0, 0, Op.RETURN);
        fib(mb, "fib");
        mb.selfCalls(1);
        Instance instance = mb.instantiate();
        TrapException e = assertThrows(TrapException.class, () -> instance.function("loop").call());
        assertEquals("call stack exhausted", e.getMessage());
        assertTrue(e.isExhaustion());
        assertEquals(500, e.wasmBacktrace().length);
        assertEquals(loop, 0);
        assertEquals(0, instance.store().depth);
        assertEquals(0, instance.store().top);
        assertEquals(55, (int) instance.function("fib").call(10));
    }

    @Test
    void valueStackOverflowIsExhaustion() {
        ModuleBuilder mb = new ModuleBuilder();
        // A frame of 1000 slots that recurses: the 4096-slot stack overflows long before the depth limit.
        mb.function("big", VOID, 0, 0, 1000, Op.CALL, 0, 999, Op.RETURN);
        Instance instance = mb.instantiate();
        TrapException e = assertThrows(TrapException.class, () -> instance.function("big").call());
        assertTrue(e.isExhaustion());
        assertEquals(4, e.wasmBacktrace().length);
    }

    @Test
    void hostFunctionsReadArgumentsAndWriteResultsOnTheStack() {
        ModuleBuilder mb = new ModuleBuilder();
        int add = mb.importFunction("env", "add", type(params(I32, I64), I64));
        mb.function("f", type(params(I32), I64), 1, 0, 3,
                Op.I64_CONST, 1, 10, 0,
                Op.COPY, 2, 1,
                Op.COPY, 1, 0,
                Op.CALL_IMPORT, add, 1,
                Op.COPY, 0, 1,
                Op.RETURN);
        Store store = ModuleBuilder.smallStore();
        Linker linker = new Linker(store);
        final Instance[] seen = new Instance[1];
        linker.define("env", "add", type(params(I32, I64), I64), (caller, stack, base) -> {
            seen[0] = caller;
            stack[base] = (int) stack[base] + stack[base + 1];
        });
        Instance instance = linker.instantiate(mb.build());
        assertEquals(15, instance.function("f").call(5));
        assertSame(instance, seen[0]);
    }

    @Test
    void hostFunctionsCanCallBackIntoWasm() {
        ModuleBuilder mb = new ModuleBuilder();
        int host = mb.importFunction("env", "viaHost", I32_TO_I32);
        // f(n) = n == 0 ? 0 : n + viaHost(n - 1), where viaHost calls f again: recursion through the host.
        mb.function("f", I32_TO_I32, 1, 0, 3,
                Op.BR_IF, 0, 7,
                Op.RETURN,
                Op.I32_CONST, 1, 1,          // 7
                Op.I32_SUB, 2, 0, 1,         // 10
                Op.CALL_IMPORT, host, 2,     // 14
                Op.I32_ADD, 0, 0, 2,
                Op.RETURN);
        Store store = ModuleBuilder.smallStore();
        Linker linker = new Linker(store);
        final Function[] f = new Function[1];
        linker.define("env", "viaHost", I32_TO_I32, (caller, stack, base) -> {
            // The nested activation starts just above the host call's argument slot.
            assertEquals(base + 1, caller.store().top);
            stack[base] = f[0].call(stack[base]);
        });
        Instance instance = linker.instantiate(mb.build());
        f[0] = instance.function("f");
        assertEquals(55, (int) f[0].call(10));
        assertEquals(0, store.depth);
        assertEquals(0, store.top);
    }

    @Test
    void trapsInNestedActivationsUnwindBothAndListAllFrames() {
        ModuleBuilder mb = new ModuleBuilder();
        int host = mb.importFunction("env", "callBack", VOID);
        int boom = mb.function("boom", VOID, 0, 0, 0, Op.UNREACHABLE);
        mb.function("outer", VOID, 0, 0, 0, Op.CALL_IMPORT, host, 0, Op.RETURN);
        mb.function("deep", VOID, 0, 0, 0, Op.CALL, boom, 0, Op.RETURN);
        Store store = ModuleBuilder.smallStore();
        Linker linker = new Linker(store);
        final Function[] deep = new Function[1];
        linker.define("env", "callBack", VOID, (caller, stack, base) -> deep[0].call());
        Instance instance = linker.instantiate(mb.build());
        deep[0] = instance.function("deep");
        TrapException e = assertThrows(TrapException.class, () -> instance.function("outer").call());
        assertArrayEquals(new String[] {"boom[1]", "deep[3]", "outer[2]"}, e.wasmBacktrace());
        assertEquals(0, store.depth);
        assertEquals(0, store.top);
        assertThrows(TrapException.class, () -> instance.function("outer").call(), "still usable, still traps");
        assertEquals(0, store.depth);
    }

    @Test
    void hostExceptionsPropagateUnchangedAfterUnwinding() {
        ModuleBuilder mb = new ModuleBuilder();
        int exit = mb.importFunction("wasi", "proc_exit", type(params(I32)));
        mb.function("run", VOID, 0, 0, 1, Op.I32_CONST, 0, 3, Op.CALL_IMPORT, exit, 0, Op.RETURN);
        fib(mb, "fib");
        mb.selfCalls(2);
        Store store = ModuleBuilder.smallStore();
        Linker linker = new Linker(store);
        final IllegalStateException thrown = new IllegalStateException("exit 3");
        linker.define("wasi", "proc_exit", type(params(I32)), (caller, stack, base) -> {
            throw thrown;
        });
        Instance instance = linker.instantiate(mb.build());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> instance.function("run").call());
        assertSame(thrown, e);
        assertEquals(0, store.depth);
        assertEquals(21, (int) instance.function("fib").call(8));
    }

    @Test
    void hostTrapsGetTheWasmBacktrace() {
        ModuleBuilder mb = new ModuleBuilder();
        int fail = mb.importFunction("env", "fail", VOID);
        mb.function("run", VOID, 0, 0, 0, Op.CALL_IMPORT, fail, 0, Op.RETURN);
        Linker linker = new Linker(ModuleBuilder.smallStore());
        linker.define("env", "fail", VOID, (caller, stack, base) -> {
            throw new TrapException("host says no");
        });
        Instance instance = linker.instantiate(mb.build());
        TrapException e = assertThrows(TrapException.class, () -> instance.function("run").call());
        assertArrayEquals(new String[] {"run[1]"}, e.wasmBacktrace());
    }

    @Test
    void callsAcrossInstancesSwitchMemoryAndReturnToTheCaller() {
        Store store = ModuleBuilder.smallStore();
        Linker linker = new Linker(store);
        ModuleBuilder lib = new ModuleBuilder();
        lib.memory(1, 1);
        // put(x): mem[0] = x; returns x + 1. Its memory is not the caller's.
        lib.function("put", I32_TO_I32, 1, 0, 2,
                Op.I32_CONST, 1, 0,
                Op.I32_STORE, 1, 0, 0,
                Op.I32_CONST, 1, 1,
                Op.I32_ADD, 0, 0, 1,
                Op.RETURN);
        Instance libInstance = linker.instantiate(lib.build());
        linker.define("lib", libInstance);

        ModuleBuilder app = new ModuleBuilder();
        int put = app.importFunction("lib", "put", I32_TO_I32);
        app.memory(1, 1);
        app.export("memory", ExternalKind.MEMORY, 0);
        // run(x): y = put(x); mem[4] = y; returns y + mem[0] (0: the app's memory is untouched).
        app.function("run", I32_TO_I32, 1, 0, 3,
                Op.CALL_IMPORT, put, 0,
                Op.I32_CONST, 1, 4,
                Op.I32_STORE, 1, 0, 0,
                Op.I32_CONST, 1, 0,
                Op.I32_LOAD, 2, 1, 0,
                Op.I32_ADD, 0, 0, 2,
                Op.RETURN);
        Instance appInstance = linker.instantiate(app.build());
        assertEquals(10, (int) appInstance.function("run").call(9));
        assertEquals(9, libInstance.memory().readInt(0));
        assertEquals(10, appInstance.memory().readInt(4));
        assertEquals(0, appInstance.memory().readInt(0));
    }

    @Test
    void javaCallsCheckArity() {
        Function fib = fibModule().instantiate().function("fib");
        assertThrows(IllegalArgumentException.class, () -> fib.call(1, 2));
        long[] results = new long[1];
        fib.call(new long[] {12}, results);
        assertEquals(144, (int) results[0]);
    }
}
