package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.messaging.Mosquitto;
import dev.weir.trust.spiffe.TestCa;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weir run --link broker=mqtts://...}: the module's X.509-SVID is the link's TLS client
 * certificate, against a real mosquitto with TLS, client certificates required, the user name taken
 * from the certificate's CN ({@code use_identity_as_username}) and one ACL pattern for every module
 * ({@code pattern write %u/#}). The test CA issues each SVID with CN = the SPIFFE ID's path, so
 * {@code spiffe://plant.example/sensors/s7} is user {@code sensors/s7} and may write only below
 * {@code sensors/s7/}. An observer ({@code mosquitto_sub} with its own certificate, CN observer)
 * reads everything.
 */
@Timeout(120)
class MqttsLinkCliTest {
    static final String MODULE = "spiffe://plant.example/sensors/s7";
    static final String BROKER = "spiffe://plant.example/broker";

    @TempDir
    Path dir;

    private static String grants() {
        return Cli.root().resolve("examples/sensor-pub/sensor-pub.grants").toString();
    }

    /** Writes an SVID (svid.pem, svid_key.pem, svid_bundle.pem) for id into dir/name, issued by ca. */
    private Path svid(TestCa ca, String id, String name, String ip) throws Exception {
        TestCa.Leaf leaf = ca.svid(id);
        leaf.ip = ip;
        Path d = dir.resolve(name);
        ca.writeSvid(d, ca.mint(leaf));
        return d;
    }

    private Mosquitto broker(TestCa clients, TestCa server) throws Exception {
        Path b = svid(server, BROKER, "broker", "127.0.0.1");
        Path clientCa = svid(clients, "spiffe://plant.example/unused", "client-ca", null).resolve("svid_bundle.pem");
        return Mosquitto.startedWithTls(clientCa, b.resolve("svid.pem"), b.resolve("svid_key.pem"),
                "pattern write %u/#\n\nuser observer\ntopic read #\n");
    }

    private String link(Mosquitto broker, String brokerId) {
        return "broker=mqtts://127.0.0.1:" + broker.port + (brokerId == null ? "" : ",broker-id=" + brokerId);
    }

    /** mosquitto_sub as the observer, subscribed (the broker sent its SUBACK) when this returns. */
    private Process observer(Mosquitto broker, Path svid, List<String> lines) throws Exception {
        // stdbuf: mosquitto_sub's stdout is a pipe here, which C buffers fully; lines are wanted as they come.
        Process p = new ProcessBuilder("stdbuf", "-oL", "mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(broker.port), "-V", "5",
                "--cafile", svid.resolve("svid_bundle.pem").toString(), "--cert", svid.resolve("svid.pem").toString(),
                "--key", svid.resolve("svid_key.pem").toString(), "-i", "observer", "-t", "sensors/#", "-v")
                .redirectErrorStream(true).start();
        final BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Thread t = new Thread(() -> {
            try {
                String l;
                while ((l = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(l);
                    }
                }
            } catch (java.io.IOException e) {
                // the observer was stopped
            }
        });
        t.setDaemon(true);
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!broker.log().contains("Sending SUBACK to observer")) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("mosquitto_sub did not subscribe: " + seen(lines) + "\nbroker log:\n" + broker.log());
            }
            Thread.sleep(20);
        }
        return p;
    }

    private static String seen(List<String> lines) {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Test
    void theModulePublishesOnItsOwnTopicAndTheBrokerRefusesAnotherModulesTopic() throws Exception {
        TestCa ca = new TestCa("plant.example");
        Path module = svid(ca, MODULE, "module", null);
        Path observerSvid = svid(ca, "spiffe://plant.example/observer", "observer", null);
        try (Mosquitto broker = broker(ca, ca)) {
            List<String> lines = new ArrayList<>();
            Process observer = observer(broker, observerSvid, lines);
            try {
                String identity = "identity " + MODULE + " svid=" + module;
                Cli.Result own = Cli.run("run", "--link", link(broker, BROKER), "--grants", grants(), "--grant", identity,
                        "--trace", "messaging", Cli.example("sensor-pub"), "s7", "300", "10");
                assertEquals(0, own.status, own.toString());
                assertTrue(own.stderr.contains("messaging summary: broker: 10 published, 0 received, 0 dropped by the inbox,"
                        + " 0 waiting to send"), own.stderr);
                assertFalse(own.stderr.contains("refused"), own.stderr);

                // The grant lets sensor-pub publish any sensor's temperature; the broker's ACL does not.
                Cli.Result other = Cli.run("run", "--link", link(broker, BROKER), "--grants", grants(), "--grant", identity,
                        Cli.example("sensor-pub"), "s8", "300", "10");
                assertEquals(0, other.status, other.toString());
                assertTrue(other.stderr.contains("weir: messaging link broker: the broker refused a publish to"
                        + " sensors/s8/temperature (not-authorized)"), other + broker.log());

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!seen(lines).contains("sensors/s7/temperature {\"sensor\":\"s7\",\"seq\":9") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(seen(lines).contains("sensors/s7/temperature {\"sensor\":\"s7\",\"seq\":9"), seen(lines));
                assertFalse(seen(lines).contains("sensors/s8"), seen(lines));
                // The broker saw the module as the user its certificate's CN names.
                assertTrue(broker.log().contains("as username sensors/s7") || broker.log().contains("u'sensors/s7'"), broker.log());
            } finally {
                observer.destroy();
                observer.waitFor();
            }
        }
    }

    @Test
    void aBrokerFromAnotherCaIsRefusedByWeirInOneLine() throws Exception {
        TestCa ca = new TestCa("plant.example");
        TestCa rogue = new TestCa("plant.example");      // same trust-domain name, other keys
        Path module = svid(ca, MODULE, "module", null);
        try (Mosquitto broker = broker(ca, rogue)) {
            Cli.Result r = Cli.run("run", "--link", link(broker, BROKER), "--grants", grants(), "--grant",
                    "identity " + MODULE + " svid=" + module, Cli.example("sensor-pub"), "s7", "200", "30");
            List<String> tls = new ArrayList<>();
            for (String line : r.stderr.split("\n")) {
                if (line.contains("TLS handshake")) {
                    tls.add(line);
                }
            }
            assertEquals(1, tls.size(), r.stderr);
            assertTrue(tls.get(0).startsWith("weir: messaging link broker: TLS handshake with mqtts://127.0.0.1:" + broker.port
                    + " failed: the broker's certificate: the chain does not lead to the trust bundle"), r.stderr);
            assertFalse(r.stderr.contains("\tat "), r.stderr);
            assertTrue(r.stderr.contains("messages not delivered when the run ended: broker: 30 published"), r.stderr);
        }
    }

    @Test
    void aBrokerWithAnotherSpiffeIdIsRefusedAndTheHostNameIsCheckedWithoutOne() throws Exception {
        TestCa ca = new TestCa("plant.example");
        Path module = svid(ca, MODULE, "module", null);
        try (Mosquitto broker = broker(ca, ca)) {
            String identity = "identity " + MODULE + " svid=" + module;
            Cli.Result r = Cli.run("run", "--link", link(broker, "spiffe://plant.example/other-broker"), "--grants", grants(),
                    "--grant", identity, Cli.example("sensor-pub"), "s7", "200", "30");
            assertTrue(r.stderr.contains("weir: messaging link broker: TLS handshake with mqtts://127.0.0.1:" + broker.port
                    + " failed: the broker is " + BROKER + ", not spiffe://plant.example/other-broker"), r + broker.log());
            // Without broker-id, 127.0.0.1 must be an IP address of the broker's certificate: it is.
            Cli.Result ok = Cli.run("run", "--link", link(broker, null), "--grants", grants(), "--grant", identity,
                    "--trace", "messaging", Cli.example("sensor-pub"), "s7", "300", "10");
            assertEquals(0, ok.status, ok.toString());
            assertTrue(ok.stderr.contains("0 waiting to send"), ok.stderr);
        }
    }

    @Test
    void anSvidRotatedWhileTheModuleRunsKeepsItsLinkUp() throws Exception {
        TestCa ca = new TestCa("plant.example");
        Path module = svid(ca, MODULE, "module", null);
        Path observerSvid = svid(ca, "spiffe://plant.example/observer", "observer", null);
        try (Mosquitto broker = broker(ca, ca)) {
            List<String> lines = new ArrayList<>();
            Process observer = observer(broker, observerSvid, lines);
            try {
                final Cli.Result[] result = new Cli.Result[1];
                final String linkSpec = link(broker, BROKER);
                Thread run = new Thread(() -> result[0] = Cli.run("run", "--link", linkSpec, "--grants", grants(), "--grant",
                        "identity " + MODULE + " svid=" + module, "--trace", "messaging", Cli.example("sensor-pub"), "s7", "200",
                        "25"));
                run.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!seen(lines).contains("\"seq\":2") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(seen(lines).contains("\"seq\":2"), seen(lines) + broker.log());
                // spiffe-helper writes a new SVID for the same ID while the module runs; the mtime is
                // moved on so that coarse file clocks cannot hide the change from the poll.
                ca.writeSvid(module, ca.mint(ca.svid(MODULE)));
                for (String f : new String[] {"svid.pem", "svid_key.pem", "svid_bundle.pem"}) {
                    Files.setLastModifiedTime(module.resolve(f), FileTime.fromMillis(System.currentTimeMillis() + 2000));
                }
                run.join(TimeUnit.SECONDS.toMillis(60));
                Cli.Result r = result[0];
                assertEquals(0, r.status, r.toString());
                assertTrue(r.stderr.contains("SVID rotated"), r.stderr);
                assertFalse(r.stderr.contains("TLS handshake"), r.stderr);
                assertTrue(r.stderr.contains("messaging summary: broker: 25 published, 0 received, 0 dropped by the inbox,"
                        + " 0 waiting to send"), r.stderr);
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!seen(lines).contains("\"seq\":24") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                for (int seq = 0; seq < 25; seq++) {
                    assertTrue(seen(lines).contains("\"seq\":" + seq + ","), "message " + seq + " arrived: " + seen(lines));
                }
            } finally {
                observer.destroy();
                observer.waitFor();
            }
        }
    }

    @Test
    void anSvidWhoseCnIsNotItsIdsPathIsRefusedBeforeConnecting() throws Exception {
        TestCa ca = new TestCa("plant.example");
        TestCa.Leaf leaf = ca.svid(MODULE);
        leaf.cn = "sensors/another-module";   // would be another user to the broker's ACL
        Path module = dir.resolve("bad-cn");
        ca.writeSvid(module, ca.mint(leaf));
        Cli.Result r = Cli.run("run", "--link", "broker=mqtts://127.0.0.1:8883", "--grants", grants(), "--grant",
                "identity " + MODULE + " svid=" + module, Cli.example("sensor-pub"), "s7", "200", "3");
        assertEquals(ExitStatus.DENIED, r.status, r.toString());
        assertTrue(r.stderr.contains("its CN is 'sensors/another-module'"), r.stderr);
        assertEquals(1, r.stderr.trim().split("\n").length, r.stderr);
    }

    @Test
    void anMqttsLinkWithoutAnSvidIsAUsageError() {
        Cli.Result r = Cli.run("run", "--link", "broker=mqtts://127.0.0.1:8883", "--grants", grants(), Cli.example("sensor-pub"));
        assertEquals(ExitStatus.USAGE, r.status, r.toString());
        assertTrue(r.stderr.contains("an mqtts:// link presents the module's X.509-SVID, and the module has none"), r.stderr);
        r = Cli.run("run", "--link", "broker=mqtt://127.0.0.1:1,broker-id=spiffe://x/y", Cli.example("sensor-pub"));
        assertEquals(ExitStatus.USAGE, r.status, r.toString());
        assertTrue(r.stderr.contains("broker-id needs an mqtts:// link (TLS)"), r.stderr);
    }
}
