package dev.weir.core;

import static dev.weir.core.ModuleBuilder.params;
import static dev.weir.core.ModuleBuilder.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.LinkException;
import dev.weir.core.internal.compile.Op;
import dev.weir.core.module.ExternalKind;
import dev.weir.core.module.ValType;
import org.junit.jupiter.api.Test;

/**
 * Memories and tables hold what they have been grown to and grow geometrically up to their limit
 * (issue 16: every memory used to be allocated at its maximum, 16 MiB for a C program); the
 * store's reserve option allocates the maximum up front instead; the store's totals bound tables,
 * elements, globals and functions.
 */
class MemoryGrowthTest {
    private static final byte I32 = ValType.I32;

    /** A module with memory 1..max and growAndStore(delta, address, value) -> the value loaded back. */
    private static ModuleBuilder growingModule(int max) {
        ModuleBuilder mb = new ModuleBuilder();
        mb.memory(1, max);
        mb.export("memory", ExternalKind.MEMORY, 0);
        // slot 3 = memory.grow(delta); store value at address; load it back: all in one call, so the
        // interpreter must take the grown array after memory.grow, not the one it started with.
        mb.function("growAndStore", type(params(I32, I32, I32), I32), 3, 0, 4,
                Op.MEMORY_GROW, 3, 0, Op.I32_STORE, 1, 2, 0, Op.I32_LOAD, 0, 1, 0, Op.RETURN);
        mb.function("grow", type(params(I32), I32), 1, 0, 1, Op.MEMORY_GROW, 0, 0, Op.RETURN);
        mb.activeData(8, (byte) 0x5A);
        return mb;
    }

    private static Instance instantiate(ModuleBuilder mb, StoreLimits limits) {
        return new Linker(new Store(limits)).instantiate(mb.build());
    }

    @Test
    void aMemoryStartsAtItsInitialSizeAndGrowsOnDemand() {
        Instance m = instantiate(growingModule(-1), new StoreLimits());
        assertEquals(1, m.memory().capacityPages(), "no maximum declared: still only the initial page");
        assertEquals(42, (int) m.function("growAndStore").call(1, 65536 + 12, 42));
        assertEquals(2, m.memory().pages());
        assertEquals(0x5A, m.memory().readByte(8), "contents survive the new array");
        assertEquals(42, m.memory().readInt(65536 + 12));
    }

    @Test
    void growingPageByPageReallocatesGeometrically() {
        Instance m = instantiate(growingModule(-1), new StoreLimits());
        int arrays = 0;
        byte[] last = m.memory().array();
        for (int i = 1; i < 256; i++) {
            assertEquals(i, (int) m.function("grow").call(1));
            if (m.memory().array() != last) {
                arrays++;
                last = m.memory().array();
            }
        }
        assertEquals(256, m.memory().pages());
        assertTrue(arrays <= 8, "1 -> 256 pages by doubling takes 8 arrays, took " + arrays);
        assertEquals(-1, (int) m.function("grow").call(1), "the store's limit of 256 pages");
        assertEquals(256, m.memory().pages(), "a failed grow changes nothing");
    }

    @Test
    void capacityNeverPassesTheLimit() {
        Instance m = instantiate(growingModule(-1), new StoreLimits().withMaxMemoryPages(5));
        assertEquals(1, (int) m.function("grow").call(3));
        assertEquals(4, m.memory().capacityPages());
        assertEquals(4, (int) m.function("grow").call(1));
        assertEquals(5, m.memory().capacityPages(), "doubling stops at the limit");
        assertEquals(-1, (int) m.function("grow").call(1));
    }

    @Test
    void theReserveOptionAllocatesTheMaximumUpFrontAndGrowNeverReallocates() {
        Instance m = instantiate(growingModule(8), new StoreLimits().withReserveMemory(true));
        byte[] array = m.memory().array();
        assertEquals(8 * 65536, array.length);
        assertEquals(1, m.memory().pages(), "reserved, but the size is still the initial one");
        assertEquals(9, (int) m.function("growAndStore").call(7, 7 * 65536 + 4, 9));
        assertEquals(8, m.memory().pages());
        assertSame(array, m.memory().array());
        assertEquals(-1, (int) m.function("grow").call(1));
    }

    @Test
    void tablesGrowOnDemandAndCountAgainstTheStoresTotal() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.table(ValType.FUNCREF, 2, -1);
        mb.export("table", ExternalKind.TABLE, 0);
        Store store = new Store(new StoreLimits().withMaxTotalTableElements(100));
        Table table = new Linker(store).instantiate(mb.build()).table("table");
        assertEquals(2, table.elements.length);
        assertEquals(2, table.grow(3, 0));
        assertEquals(5, table.size());
        assertEquals(-1, table.grow(96, 0), "the store holds at most 100 elements");
        assertEquals(5, table.size());
        assertEquals(5, table.grow(95, 0), "exactly the rest fits");
    }

    @Test
    void thousandsOfLargeTablesAreRefusedCleanly() {
        // 5,000 tables of 65,536 elements each were 3.4 GB allocated: now a LinkException, nothing allocated.
        ModuleBuilder mb = new ModuleBuilder();
        for (int i = 0; i < 5000; i++) {
            mb.table(ValType.FUNCREF, 65536, 65536);
        }
        Store store = new Store(new StoreLimits());
        LinkException e = assertThrows(LinkException.class, () -> new Linker(store).instantiate(mb.build()));
        assertTrue(e.getMessage().contains("tables") && e.getMessage().contains("withMaxTables"), e.getMessage());
        ModuleBuilder fewer = new ModuleBuilder();
        for (int i = 0; i < 100; i++) {
            fewer.table(ValType.FUNCREF, 65536, 65536);
        }
        LinkException elements = assertThrows(LinkException.class, () -> new Linker(store).instantiate(fewer.build()));
        assertTrue(elements.getMessage().contains("table elements"), elements.getMessage());
        // Refused whole: the store holds nothing of either, so a small module still fits.
        ModuleBuilder small = new ModuleBuilder();
        small.table(ValType.FUNCREF, 10, 10);
        new Linker(store).instantiate(small.build());
    }

    @Test
    void globalsAndFunctionsCountAgainstTheStoresTotals() {
        ModuleBuilder mb = new ModuleBuilder();
        for (int i = 0; i < 3; i++) {
            mb.function("f" + i, type(params()), 0, 0, 0, Op.RETURN);
        }
        Store store = new Store(new StoreLimits().withMaxFunctions(5));
        new Linker(store).instantiate(mb.build());
        LinkException e = assertThrows(LinkException.class, () -> new Linker(store).instantiate(mb.build()));
        assertTrue(e.getMessage().contains("3 functions") && e.getMessage().contains("limit of 5"), e.getMessage());
    }
}
