package dev.weir.hal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.hal.capability.AuditListener;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.Grants;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every granted interface gets from {@link GrantedHost}, seen through the test interface test:lamp. */
class GrantedHostTest {
    private final List<String> audit = new ArrayList<String>();
    private final Grant lamp2 = new LampHost.LampGrant(2, "lamps.grants:1");
    private final Grants grants = new Grants().add(lamp2).audit(new AuditListener() {
        @Override
        public void denied(String capability, String request, String reason) {
            audit.add("denied " + capability + ": " + request + ": " + reason);
        }

        @Override
        public void revoked(String capability, String grant, int openHandles) {
            audit.add("revoked " + capability + ": " + grant + " (" + openHandles + " open)");
        }
    });
    private final LampHost host = new LampHost(grants);
    private final Instance instance;

    GrantedHostTest() {
        Linker linker = new Linker(new Store());
        host.defineImports(linker);
        instance = linker.instantiate(Modules.load("lamp"));
    }

    private int call(String name, long... args) {
        long[] results = new long[1];
        instance.function(name).call(args, results);
        return (int) results[0];
    }

    @Test
    void refusalGoesToTheAuditWithTheErrorName() {
        assertEquals(-LampHost.NOT_ALLOWED, call("open", 3));
        assertTrue(call("open", 2) > 0);
        assertEquals(-LampHost.ALREADY_IN_USE, call("open", 2));
        assertEquals("denied lamp: lamp 3: no grant names lamp 3 (not-allowed)", audit.get(0));
        assertEquals("denied lamp: lamp 2: lamp 2 is already open (already-in-use)", audit.get(1));
    }

    @Test
    void madeUpHandleIsABadHandleNamedByTheFunction() {
        assertEquals(-LampHost.BAD_HANDLE, call("set", 12345, 1));
        assertEquals("denied lamp: set on handle 12345: not an open handle of this module (bad-handle)", audit.get(0));
    }

    @Test
    void closedHandleIsBadAndItsSlotIsReleased() {
        int h = call("open", 2);
        assertEquals(0, call("set", h, 1));
        assertEquals(0, call("close", h));
        assertEquals(0, host.on[2], "release ran");
        assertEquals(0, host.openHandles());
        assertEquals(-LampHost.BAD_HANDLE, call("close", h));
    }

    @Test
    void revocationClosesHandlesWhichThenAnswerRevokedUntilClosed() {
        int h = call("open", 2);
        assertEquals(0, call("set", h, 1));
        assertTrue(grants.revoke(lamp2));
        assertEquals(0, host.on[2], "the revocation released the lamp");
        assertEquals("revoked lamp: lamp 2 (1 open)", audit.get(0));
        assertEquals(-LampHost.REVOKED, call("set", h, 1));
        assertEquals(0, call("close", h), "a revoked handle closes quietly");
        assertEquals(-LampHost.NOT_ALLOWED, call("open", 2));
    }

    @Test
    void closeReleasesEverythingAndStopsListening() {
        int h = call("open", 2);
        call("set", h, 1);
        host.close();
        assertEquals(0, host.on[2]);
        assertEquals(0, host.openHandles());
        grants.revoke(lamp2);
        assertEquals("revoked lamp: lamp 2 (0 open)", audit.get(0));
    }
}
