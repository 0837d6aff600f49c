package dev.weir.hal.gpio;

import dev.weir.core.Linker;
import dev.weir.hal.capability.Grants;
import java.util.Arrays;
import java.util.List;

/**
 * Test support for InterfaceDriftTest: the host side of weir:gpio as it is defined today (GpioHost's
 * NAMES table and its defineImports). When hal has one host-interface mechanism (a table per
 * interface), this reads that table instead.
 */
public final class GpioHostTable {
    private GpioHostTable() {
    }

    public static List<String> names() {
        return Arrays.asList(GpioHost.NAMES);
    }

    public static void define(Linker linker) {
        new GpioHost(new MemoryDriver(), new Grants()).defineImports(linker);
    }
}
