package dev.weir.hal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.core.module.TrapException;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.Wasm;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdentityHostTest {
    static final String ID = "spiffe://plant.example/line1/gateway3/motion";

    static Instance guest(IdentityHost host) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = IdentityHostTest.class.getResourceAsStream("/identity/identity.wasm")) {
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                bytes.write(buf, 0, n);
            }
        }
        Linker linker = new Linker(new Store());
        host.defineImports(linker);
        return linker.instantiate(Wasm.parse(bytes.toByteArray()));
    }

    @Test
    void writesTheModulesOwnIdWhenItFits() throws Exception {
        Instance guest = guest(new IdentityHost(SpiffeId.parse(ID)));
        assertEquals(ID.length(), guest.function("get").call(100, 200));
        assertEquals(ID, new String(guest.memory().array(), 100, ID.length(), StandardCharsets.UTF_8));
    }

    @Test
    void returnsTheLengthAndWritesNothingWhenTheBufferIsShort() throws Exception {
        Instance guest = guest(new IdentityHost(SpiffeId.parse(ID)));
        assertEquals(ID.length(), guest.function("get").call(100, 10));
        assertEquals(0, guest.memory().array()[100]);
    }

    @Test
    void saysNoIdentityWithoutAGrant() throws Exception {
        assertEquals(-IdentityHost.NO_IDENTITY, (int) guest(new IdentityHost(null)).function("get").call(0, 100));
    }

    @Test
    void trapsOnABufferOutsideMemory() throws Exception {
        Instance guest = guest(new IdentityHost(SpiffeId.parse(ID)));
        assertThrows(TrapException.class, () -> guest.function("get").call(65536 - 4, 100));
    }
}
