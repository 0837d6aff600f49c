package dev.weir.fleet.control;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.fleet.node.InstanceSpec;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The cases where the controller cannot create an instance's session: each ends with one line, never an exception. */
class InstanceSessionsTest {
    static InstanceSpec spec(String uri, Map<String, String> inputs) {
        return new InstanceSpec("g/n#0", "sha256:00", "", Map.of("broker", uri), Map.of(), inputs, null, List.of());
    }

    @Test
    void nothingToDoWithoutInputs() throws Exception {
        assertNull(InstanceSessions.prepare(spec("mqtt://127.0.0.1:1", Map.of()), "broker", 1000).get(5, TimeUnit.SECONDS));
    }

    @Test
    void theBoardsCredentialsAreNotTaken() throws Exception {
        String r = InstanceSessions.prepare(spec("mqtt://127.0.0.1:1883,username=u,password-file=/etc/shadow",
                Map.of("in", "weir/app/g/a/out")), "broker", 1000).get(5, TimeUnit.SECONDS);
        assertTrue(r != null && r.contains("board's credentials"), r);
    }

    @Test
    void aTlsLinkIsTheModulesIdentity() throws Exception {
        String r = InstanceSessions.prepare(spec("mqtts://127.0.0.1:8883", Map.of("in", "weir/app/g/a/out")), "broker", 1000)
                .get(5, TimeUnit.SECONDS);
        assertTrue(r != null && r.contains("SVID"), r);
    }

    @Test
    void anUnreachableBrokerIsOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String r = InstanceSessions.prepare(spec("mqtt://127.0.0.1:" + port, Map.of("in", "weir/app/g/a/out")), "broker", 3000)
                .get(10, TimeUnit.SECONDS);
        assertTrue(r != null && r.startsWith("broker mqtt://127.0.0.1:" + port + " as weir-g_n_0-broker: ") && !r.contains("\n") && !r.contains("Exception"), r);
    }
}
