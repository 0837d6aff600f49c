package dev.weir.camera;

import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Memory;
import dev.weir.core.Store;
import dev.weir.core.Wasm;
import dev.weir.hal.camera.CameraDevice;
import dev.weir.hal.camera.CameraHost;
import dev.weir.hal.capability.Grants;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Test support: camera-loop.wasm linked to a {@link CameraHost}, its exports as Java methods. */
final class Guest {
    /** Where "captures" writes frames. */
    static final int FRAME_AT = 65536;
    static final int INFO_AT = 16;

    final CameraHost host;
    final Instance instance;
    private final long[] args5 = new long[5];
    private final long[] result = new long[1];

    Guest(Grants grants, CameraDevice... devices) throws IOException {
        host = new CameraHost(devices, grants);
        Linker linker = new Linker(new Store());
        host.defineImports(linker);
        instance = linker.instantiate(Wasm.parse(module()));
    }

    private static byte[] module() throws IOException {
        try (InputStream in = Guest.class.getResourceAsStream("/camera/camera-loop.wasm")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    int open(int camera, int width, int height, int format, int fps) {
        args5[0] = camera;
        args5[1] = width;
        args5[2] = height;
        args5[3] = format;
        args5[4] = fps;
        instance.function("open").call(args5, result);
        return (int) result[0];
    }

    int capture(int handle, int address, int length) {
        return (int) instance.function("capture").call(handle, address, length);
    }

    int captures(int handle, int length, int n) {
        return (int) instance.function("captures").call(handle, length, n);
    }

    int close(int handle) {
        return (int) instance.function("close").call(handle);
    }

    Memory memory() {
        return instance.memory();
    }

    long sequence() {
        return memory().readLong(INFO_AT);
    }

    long timestamp() {
        return memory().readLong(INFO_AT + 8);
    }
}
