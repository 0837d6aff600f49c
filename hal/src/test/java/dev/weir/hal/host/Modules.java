package dev.weir.hal.host;

import dev.weir.core.CompiledModule;
import dev.weir.core.Wasm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** hal's test modules (src/test/resources, each .wasm beside its .wat), as bytes or parsed. */
public final class Modules {
    private Modules() {
    }

    /** The bytes of a test resource, for example {@code /gpio/gpio-loop.wasm}. */
    public static byte[] bytes(String resource) {
        try (InputStream in = Modules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A module of src/test/resources/host, parsed. */
    static CompiledModule load(String name) {
        return Wasm.parse(bytes("/host/" + name + ".wasm"));
    }
}
