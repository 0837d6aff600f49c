package dev.weir.hal.gpio;

import dev.weir.core.Linker;
import dev.weir.hal.capability.Grants;
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
        List<String> names = new java.util.ArrayList<String>();
        for (int id = 0; id < GpioHost.INTERFACE.size(); id++) {
            names.add(GpioHost.INTERFACE.name(id));
        }
        return names;
    }

    public static void define(Linker linker) {
        new GpioHost(new MemoryDriver(), new Grants()).defineImports(linker);
    }
}
