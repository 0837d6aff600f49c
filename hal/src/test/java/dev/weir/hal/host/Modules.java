package dev.weir.hal.host;

import dev.weir.core.CompiledModule;
import dev.weir.core.Wasm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The test modules of src/test/resources/host, parsed. */
final class Modules {
    private Modules() {
    }

    static CompiledModule load(String name) {
        try (InputStream in = Modules.class.getResourceAsStream("/host/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalArgumentException("no test module " + name);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
            return Wasm.parse(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
