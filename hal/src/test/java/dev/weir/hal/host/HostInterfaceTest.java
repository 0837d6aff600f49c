package dev.weir.hal.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.CompiledModule;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.LinkException;
import dev.weir.core.module.TrapException;
import dev.weir.core.module.ValType;
import dev.weir.hal.capability.Grants;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostInterfaceTest {

    @Test
    void tableListsNamesTypesAndIdsInIdOrder() {
        HostInterface t = LampHost.INTERFACE;
        assertEquals("test:lamp", t.module());
        assertEquals(5, t.size());
        List<HostInterface.Entry> entries = t.entries();
        for (int id = 0; id < entries.size(); id++) {
            assertEquals(id, entries.get(id).id());
            assertEquals(entries.get(id).name(), t.name(id));
            assertEquals(id, t.id(t.name(id)));
        }
        assertEquals(new FuncType(new byte[] {ValType.I32, ValType.I32}, new byte[] {ValType.I32}),
                t.type(LampHost.SET));
        assertEquals(-1, t.id("dim"));
        assertTrue(t.has("brightness"));
        assertFalse(t.has("dim"));
        assertThrows(UnsupportedOperationException.class, () -> entries.remove(0));
    }

    @Test
    void typeLettersCoverTheFourNumberTypes() {
        FuncType t = HostInterface.type("iIfF", "");
        assertArrayEquals(new byte[] {ValType.I32, ValType.I64, ValType.F32, ValType.F64}, t.params());
        assertEquals(0, t.resultCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostInterface.type("ix", "i"));
        assertEquals("value type letter 'x' in \"ix\": expected i (i32), I (i64), f (f32) or F (f64)", e.getMessage());
    }

    @Test
    void builderRefusesGapsRepeatsAndOutOfRangeIds() {
        assertEquals("test:x b: id 0 is already a", assertThrows(IllegalArgumentException.class, () ->
                HostInterface.builder("test:x").function(0, "a", "", "").function(0, "b", "", "").build()).getMessage());
        assertEquals("test:x b: id 2 is outside 0..1 (ids are row numbers)", assertThrows(IllegalArgumentException.class,
                () -> HostInterface.builder("test:x").function(0, "a", "", "").function(2, "b", "", "").build())
                .getMessage());
        assertEquals("test:x: function a appears twice", assertThrows(IllegalArgumentException.class, () ->
                HostInterface.builder("test:x").function(0, "a", "", "").function(1, "a", "", "").build()).getMessage());
    }

    @Test
    void definesOnlyTheFunctionsTheModuleImports() {
        LampHost host = new LampHost(new Grants().add(new LampHost.LampGrant(2, "test")));
        Linker linker = new Linker(new Store());
        CompiledModule lamp = Modules.load("lamp");
        assertEquals(4, LampHost.INTERFACE.define(linker, lamp.module(), host), "open, set, close, count; not brightness");
        Instance instance = linker.instantiate(lamp);
        int handle = (int) instance.function("open").call(2);
        assertTrue(handle > 0);
        assertEquals(0, instance.function("set").call(handle, 1));
        assertEquals(1, host.on[2]);
        assertEquals(1, instance.function("count").call(16), "count wrote into the caller's memory");
    }

    @Test
    void dispatchesEveryFunctionByItsId() {
        final int[] seen = new int[LampHost.INTERFACE.size()];
        HostDispatcher recorder = (id, caller, stack, base) -> {
            seen[id]++;
            stack[base] = 0;
        };
        Linker linker = new Linker(new Store());
        LampHost.INTERFACE.defineAll(linker, recorder);
        Instance instance = linker.instantiate(Modules.load("lamp"));
        instance.function("open").call(0);
        instance.function("blink").call(1, 3);
        instance.function("close").call(1);
        assertArrayEquals(new int[] {1, 3, 1, 0, 0}, seen);
    }

    @Test
    void refusesAnImportTheInterfaceDoesNotHave() {
        LinkException e = assertThrows(LinkException.class, () -> LampHost.INTERFACE.define(new Linker(new Store()),
                Modules.load("lamp-unknown").module(), new LampHost(new Grants())));
        assertEquals("unknown import test:lamp.dim: test:lamp has no function of that name", e.getMessage());
    }

    @Test
    void refusesAnImportWithAnotherType() {
        LinkException e = assertThrows(LinkException.class, () -> LampHost.INTERFACE.define(new Linker(new Store()),
                Modules.load("lamp-mistyped").module(), new LampHost(new Grants())));
        assertEquals("incompatible import type for test:lamp.set: test:lamp provides (i32, i32) -> (i32), the module"
                + " imports (i64, i32) -> (i32)", e.getMessage());
    }

    @Test
    void refusesAnImportThatIsNotAFunction() {
        LinkException e = assertThrows(LinkException.class, () -> LampHost.INTERFACE.define(new Linker(new Store()),
                Modules.load("lamp-memory-import").module(), new LampHost(new Grants())));
        assertEquals("incompatible import type for test:lamp.open: test:lamp provides a function (i32) -> (i32), the"
                + " module imports a memory", e.getMessage());
    }

    @Test
    void functionThatNeedsMemoryTrapsInAModuleWithout() {
        LampHost host = new LampHost(new Grants());
        Linker linker = new Linker(new Store());
        CompiledModule module = Modules.load("lamp-no-memory");
        host.defineImports(linker, module.module());
        Instance instance = linker.instantiate(module);
        TrapException e = assertThrows(TrapException.class, () -> instance.function("count").call(16));
        assertEquals("test:lamp count needs the module's memory, and the module has none", e.getMessage());
    }
}
