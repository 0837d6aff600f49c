package dev.weir.core;

import static dev.weir.core.ModuleBuilder.EXTERNREF;
import static dev.weir.core.ModuleBuilder.FUNCREF;
import static dev.weir.core.ModuleBuilder.I32;
import static dev.weir.core.ModuleBuilder.I64;
import static dev.weir.core.ModuleBuilder.params;
import static dev.weir.core.ModuleBuilder.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.LinkException;
import dev.weir.core.module.TrapException;
import dev.weir.core.internal.compile.Op;
import dev.weir.core.module.ConstExpr;
import dev.weir.core.module.ExternalKind;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.GlobalType;
import dev.weir.core.module.Limits;
import dev.weir.core.module.TableType;
import org.junit.jupiter.api.Test;

/** Import resolution, allocation and initialization (spec 4.5.4). */
class LinkerTest {
    static final FuncType I32_TO_I32 = type(params(I32), I32);
    static final FuncType VOID = type(params());

    private static String linkError(Linker linker, ModuleBuilder mb) {
        return assertThrows(LinkException.class, () -> linker.instantiate(mb.build())).getMessage();
    }

    @Test
    void missingImportsAreNamed() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.importFunction("env", "f", VOID);
        assertEquals("unknown import env.f", linkError(new Linker(ModuleBuilder.smallStore()), mb));
    }

    @Test
    void functionImportsMustHaveTheDeclaredType() {
        Linker linker = new Linker(ModuleBuilder.smallStore());
        linker.define("env", "f", I32_TO_I32, (caller, stack, base) -> { });
        linker.define("env", "m", new Memory(1, 1));
        ModuleBuilder mb = new ModuleBuilder();
        mb.importFunction("env", "f", type(params(I64), I32));
        assertTrue(linkError(linker, mb).startsWith("incompatible import type for env.f"));
        ModuleBuilder kind = new ModuleBuilder();
        kind.importFunction("env", "m", VOID);
        assertTrue(linkError(linker, kind).startsWith("incompatible import type for env.m"));
    }

    @Test
    void memoryImportsMatchLimits() {
        Linker linker = new Linker(ModuleBuilder.smallStore());
        linker.define("env", "m12", new Memory(1, 2));
        Memory m2 = new Memory(2, 2);
        linker.define("env", "m22", m2);
        String[] bad = {"m12:2:-1", "m12:1:1"};
        for (String spec : bad) {
            String[] p = spec.split(":");
            ModuleBuilder mb = new ModuleBuilder();
            mb.importMemory("env", p[0], Long.parseLong(p[1]), Long.parseLong(p[2]));
            assertTrue(linkError(linker, mb).startsWith("incompatible import type for env." + p[0]), spec);
        }
        ModuleBuilder ok = new ModuleBuilder();
        ok.importMemory("env", "m22", 1, 3);
        ok.function("size", type(params(), I32), 0, 0, 1, Op.MEMORY_SIZE, 0, Op.RETURN);
        Instance instance = linker.instantiate(ok.build());
        assertSame(m2, instance.memory());
        assertEquals(2, (int) instance.function("size").call());
    }

    @Test
    void tableAndGlobalImportsMatchTypes() {
        Linker linker = new Linker(ModuleBuilder.smallStore());
        linker.define("env", "t", new Table(new TableType(FUNCREF, new Limits(2, 4)), 2, 4));
        linker.define("env", "g", new Global(new GlobalType(I32, false), 7));
        Global mutableGlobal = new Global(new GlobalType(I32, true), 8);
        linker.define("env", "mg", mutableGlobal);
        ModuleBuilder externs = new ModuleBuilder();
        externs.importTable("env", "t", EXTERNREF, 1, -1);
        assertTrue(linkError(linker, externs).startsWith("incompatible import type for env.t"));
        ModuleBuilder tooBig = new ModuleBuilder();
        tooBig.importTable("env", "t", FUNCREF, 1, 3);
        assertTrue(linkError(linker, tooBig).startsWith("incompatible import type for env.t"));
        ModuleBuilder mutable = new ModuleBuilder();
        mutable.importGlobal("env", "g", I32, true);
        assertTrue(linkError(linker, mutable).startsWith("incompatible import type for env.g"));
        ModuleBuilder wrongType = new ModuleBuilder();
        wrongType.importGlobal("env", "mg", I64, true);
        assertTrue(linkError(linker, wrongType).startsWith("incompatible import type for env.mg"));

        ModuleBuilder ok = new ModuleBuilder();
        ok.importTable("env", "t", FUNCREF, 2, 5);
        int g = ok.importGlobal("env", "g", I32, false);
        int mg = ok.importGlobal("env", "mg", I32, true);
        // A defined global initialized from an imported one.
        int copy = ok.global(I32, false, ConstExpr.of(ConstExpr.GLOBAL_GET, g, 0));
        ok.export("copy", ExternalKind.GLOBAL, copy);
        ok.function("bump", VOID, 0, 0, 2,
                Op.GLOBAL_GET, 0, mg, Op.GLOBAL_GET, 1, g, Op.I32_ADD, 0, 0, 1, Op.GLOBAL_SET, mg, 0, Op.RETURN);
        Instance instance = linker.instantiate(ok.build());
        assertEquals(7, instance.global("copy").get());
        instance.function("bump").call();
        assertEquals(15, mutableGlobal.get(), "the imported global is shared, not copied");
    }

    @Test
    void startFunctionRunsAfterSegments() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.memory(1, 1);
        int g = mb.global(I32, true, ModuleBuilder.i32(0));
        mb.export("g", ExternalKind.GLOBAL, g);
        mb.activeData(0, (byte) 42);
        int start = mb.function(null, VOID, 0, 0, 2,
                Op.I32_CONST, 0, 0, Op.I32_LOAD8_U, 1, 0, 0, Op.GLOBAL_SET, g, 1, Op.RETURN);
        mb.start(start);
        Instance instance = mb.instantiate();
        assertEquals(42, instance.global("g").get());
    }

    @Test
    void outOfBoundsSegmentsTrapButKeepEarlierWrites() {
        Store store = ModuleBuilder.smallStore();
        Linker linker = new Linker(store);
        Memory memory = new Memory(1, 1);
        Table table = new Table(new TableType(FUNCREF, new Limits(2, -1)), 2, 2);
        linker.define("env", "memory", memory).define("env", "table", table);
        ModuleBuilder mb = new ModuleBuilder();
        mb.importMemory("env", "memory", 1, -1);
        mb.importTable("env", "table", FUNCREF, 2, -1);
        int seven = mb.function("seven", type(params(), I32), 0, 0, 1, Op.I32_CONST, 0, 7, Op.RETURN);
        mb.activeElements(0, 0, seven);
        mb.activeElements(0, 1, seven, seven);
        mb.activeData(10, (byte) 1);
        TrapException e = assertThrows(TrapException.class, () -> linker.instantiate(mb.build()));
        assertEquals("out of bounds table access", e.getMessage());
        // The first segment was written, and its function stays callable through the table.
        Function f = store.functionOf(table.get(0));
        assertEquals(7, (int) f.call());
        assertEquals(0, table.get(1));
        assertEquals(0, memory.readByte(10), "data segments come after element segments");

        ModuleBuilder data = new ModuleBuilder();
        data.importMemory("env", "memory", 1, -1);
        data.activeData(10, (byte) 1);
        data.activeData(65535, (byte) 2, (byte) 3);
        e = assertThrows(TrapException.class, () -> linker.instantiate(data.build()));
        assertEquals("out of bounds memory access", e.getMessage());
        assertEquals(1, memory.readByte(10));
        assertEquals(0, memory.readByte(65535));
    }

    @Test
    void memoriesAndTablesAreAllocatedToTheirCappedMaximum() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.memory(1, -1);
        mb.table(FUNCREF, 1, 10);
        mb.export("memory", ExternalKind.MEMORY, 0).export("table", ExternalKind.TABLE, 0);
        Instance instance = mb.instantiate();
        assertEquals(4, instance.memory().maxPages(), "no declared max: the store limit");
        assertEquals(4, instance.memory().maxPages());
        assertEquals(-1, instance.memory().declaredMaxPages());
        assertEquals(10, instance.table("table").maxSize());

        ModuleBuilder tooBig = new ModuleBuilder();
        tooBig.memory(5, -1);
        String message = linkError(new Linker(ModuleBuilder.smallStore()), tooBig);
        assertTrue(message.contains("5 pages") && message.contains("limit"), message);
    }

    @Test
    void exportsAreLookedUpByNameAndKind() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.memory(1, 1);
        mb.export("mem", ExternalKind.MEMORY, 0);
        mb.function("f", VOID, 0, 0, 0, Op.RETURN);
        Instance instance = mb.instantiate();
        assertTrue(instance.hasExport("mem"));
        assertFalse(instance.hasExport("nope"));
        assertSame(instance.memory(), instance.memory("mem"));
        assertEquals("unknown export nope in module test",
                assertThrows(LinkException.class, () -> instance.function("nope")).getMessage());
        assertThrows(LinkException.class, () -> instance.function("mem"));
        assertNull(new ModuleBuilder().instantiate().memory());
    }

    @Test
    void registeredInstancesProvideImportsAndReferencesKeepTheirIdentity() {
        Store store = ModuleBuilder.smallStore();
        Linker linker = new Linker(store);
        ModuleBuilder lib = new ModuleBuilder();
        lib.function("inc", I32_TO_I32, 1, 0, 2, Op.I32_CONST, 1, 1, Op.I32_ADD, 0, 0, 1, Op.RETURN);
        Instance libInstance = linker.instantiate(lib.build());
        linker.define("lib", libInstance);

        ModuleBuilder app = new ModuleBuilder();
        int inc = app.importFunction("lib", "inc", I32_TO_I32);
        app.function("ref", type(params(), FUNCREF), 0, 0, 1, Op.REF_FUNC, 0, inc, Op.RETURN);
        app.export("inc", ExternalKind.FUNCTION, inc);
        Instance appInstance = linker.instantiate(app.build());
        assertSame(libInstance.function("inc"), appInstance.function("inc"));
        assertSame(libInstance.function("inc"), store.functionOf(appInstance.function("ref").call()));
        assertEquals(5, (int) appInstance.function("inc").call(4));
    }

    @Test
    void hostFunctionsCanBeCalledFromJava() {
        Linker linker = new Linker(ModuleBuilder.smallStore());
        Function twice = Function.host(I32_TO_I32, (caller, stack, base) -> stack[base] = 2 * (int) stack[base]);
        assertThrows(IllegalStateException.class, () -> twice.call(1), "not linked into a store yet");
        linker.define("env", "twice", twice);
        assertTrue(twice.isHost());
        assertEquals(42, (int) twice.call(21));
        assertThrows(IllegalArgumentException.class,
                () -> new Linker(ModuleBuilder.smallStore()).define("env", "twice", twice));
    }
}
