package dev.weir.hal.camera;

import dev.weir.core.Linker;
import dev.weir.hal.capability.Grants;
import java.util.Arrays;
import java.util.List;

/**
 * Test support for InterfaceDriftTest: the host side of weir:camera as it is defined today
 * (CameraHost's NAMES table and its defineImports). When hal has one host-interface mechanism (a
 * table per interface), this reads that table instead.
 */
public final class CameraHostTable {
    private CameraHostTable() {
    }

    public static List<String> names() {
        return Arrays.asList(CameraHost.NAMES);
    }

    public static void define(Linker linker) {
        new CameraHost(new CameraDevice[0], new Grants()).defineImports(linker);
    }
}
