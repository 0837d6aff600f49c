package dev.weir.hal.camera;

import dev.weir.core.Linker;
import dev.weir.hal.capability.Grants;
import java.util.List;

/**
 * Test support for InterfaceDriftTest: the host side of weir:camera as it is defined today
 * (its host-interface table, CameraHost.INTERFACE, and its defineImports).
 */
public final class CameraHostTable {
    private CameraHostTable() {
    }

    public static List<String> names() {
        List<String> names = new java.util.ArrayList<String>();
        for (int id = 0; id < CameraHost.INTERFACE.size(); id++) {
            names.add(CameraHost.INTERFACE.name(id));
        }
        return names;
    }

    public static void define(Linker linker) {
        new CameraHost(new CameraDevice[0], new Grants()).defineImports(linker);
    }
}
