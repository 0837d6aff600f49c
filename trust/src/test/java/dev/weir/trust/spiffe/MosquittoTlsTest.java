package dev.weir.trust.spiffe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weir.hal.identity.SpiffeId;
import dev.weir.trust.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real mosquitto on 127.0.0.1 with TLS, client certificates required, the user name taken from
 * the certificate's CN ({@code use_identity_as_username}) and an ACL that lets each identity write
 * only under {@code plant/<its ID's path>/}. Clients are plain Java TLS sockets built from
 * {@link SvidSslContexts}, as a module's messaging link will be.
 */
class MosquittoTlsTest {
    static final String MOTION = "spiffe://plant.example/line1/gateway3/motion";
    static final String OBSERVER = "spiffe://plant.example/observer";
    static final String BROKER = "spiffe://plant.example/broker";

    @TempDir
    Path dir;
    TestCa ca;
    Process mosquitto;
    int port;

    static Path mosquittoBinary() {
        for (String d : new String[] {"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"}) {
            Path p = Paths.get(d, "mosquitto");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String path = System.getenv("PATH");
        for (String d : path == null ? new String[0] : path.split(":")) {
            Path p = Paths.get(d, "mosquitto");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return fail("mosquitto not found: run make deps (it installs the Debian package mosquitto)");
    }

    @BeforeEach
    void startBroker() throws Exception {
        Path binary = mosquittoBinary();
        ca = new TestCa("plant.example");
        TestCa.Leaf server = ca.svid(BROKER);
        server.ip = "127.0.0.1";
        Object[] minted = ca.mint(server);
        Path b = dir.resolve("broker");
        Files.createDirectories(b);
        Files.write(b.resolve("ca.pem"), Pem.write("CERTIFICATE", ca.root.getEncoded()).getBytes(StandardCharsets.US_ASCII));
        Files.write(b.resolve("server.pem"), Pem.write("CERTIFICATE", ((X509Certificate) minted[0]).getEncoded()).getBytes(StandardCharsets.US_ASCII));
        Files.write(b.resolve("server.key"), Pem.write("PRIVATE KEY", ((KeyPair) minted[1]).getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        // One ACL for every module: write and read only below plant/<user>/, the user being the CN,
        // which weir issues equal to the SPIFFE ID's path. The observer reads everything.
        Files.write(b.resolve("acl"), ("pattern readwrite plant/%u/#\n"
                + "user observer\ntopic read plant/#\n").getBytes(StandardCharsets.US_ASCII));
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String conf = "user root\n"                       // tests run as root; keep it (mosquitto would switch to its own user)
                + "listener " + port + " 127.0.0.1\n"
                + "cafile " + b.resolve("ca.pem") + "\n"
                + "certfile " + b.resolve("server.pem") + "\n"
                + "keyfile " + b.resolve("server.key") + "\n"
                + "require_certificate true\n"
                + "use_identity_as_username true\n"
                + "acl_file " + b.resolve("acl") + "\n"
                + "allow_anonymous false\n"
                + "log_dest stderr\n";
        Files.write(b.resolve("mosquitto.conf"), conf.getBytes(StandardCharsets.US_ASCII));
        mosquitto = new ProcessBuilder(binary.toString(), "-c", b.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(b.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException e) {
                if (!mosquitto.isAlive() || System.nanoTime() > deadline) {
                    fail("mosquitto did not start: " + new String(Files.readAllBytes(b.resolve("mosquitto.log")), StandardCharsets.UTF_8));
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterEach
    void stopBroker() throws Exception {
        if (mosquitto != null) {
            mosquitto.destroy();
            mosquitto.waitFor();
        }
    }

    private SvidFiles svid(String id) throws Exception {
        Path d = dir.resolve(id.substring(id.lastIndexOf('/') + 1));
        ca.writeSvid(d, ca.mint(ca.svid(id)));
        return SvidFiles.open(d, SpiffeId.parse(id));
    }

    @Test
    void eachModulePublishesOnlyOnItsOwnTopics() throws Exception {
        SvidFiles motion = svid(MOTION);
        assertEquals("line1/gateway3/motion", SvidValidator.brokerUsername(motion.current()));
        try (MqttProbe observer = MqttProbe.connect(SvidSslContexts.client(svid(OBSERVER), SpiffeId.parse(BROKER)), port, "observer");
             MqttProbe module = MqttProbe.connect(SvidSslContexts.client(motion, SpiffeId.parse(BROKER)), port, "motion")) {
            observer.subscribe("plant/#");
            module.publish("plant/line1/gateway3/meter/state", "spoofed");      // another module's topic: dropped
            module.publish("plant/line1/gateway3/motion/state", "moving");
            assertEquals("plant/line1/gateway3/motion/state moving", observer.receive());
        }
    }

    @Test
    void theBrokerRefusesClientsWithoutACertificateOrFromAnotherCa() throws Exception {
        SSLContext none = SSLContext.getInstance("TLS");
        none.init(null, trustRoot(ca.root), null);
        assertThrows(IOException.class, () -> MqttProbe.connect(none, port, "anonymous").subscribe("plant/#"));

        // A rogue CA with the same trust-domain name; weir itself would refuse its SVID at load, so
        // the client is built by hand to show the broker refuses it too.
        TestCa rogue = new TestCa("plant.example");
        Object[] minted = rogue.mint(rogue.svid(MOTION));
        assertThrows(IOException.class, () -> MqttProbe.connect(context(minted, ca.root), port, "rogue").subscribe("plant/#"));
    }

    @Test
    void theBrokerRefusesAnExpiredCertificate() throws Exception {
        TestCa.Leaf l = ca.svid(MOTION);
        l.notBefore = System.currentTimeMillis() - 3 * TestCa.HOUR;
        l.notAfter = System.currentTimeMillis() - TestCa.HOUR;
        Object[] expired = ca.mint(l);
        assertThrows(IOException.class, () -> MqttProbe.connect(context(expired, ca.root), port, "expired").subscribe("plant/#"));
        // weir refuses to load it in the first place.
        ca.writeSvid(dir.resolve("expired"), expired);
        assertThrows(SvidException.class, () -> SvidFiles.open(dir.resolve("expired"), SpiffeId.parse(MOTION)));
    }

    @Test
    void weirRefusesABrokerWithAnotherIdentity() throws Exception {
        SSLContext ctx = SvidSslContexts.client(svid(MOTION), SpiffeId.parse("spiffe://plant.example/other-broker"));
        IOException e = assertThrows(IOException.class, () -> MqttProbe.connect(ctx, port, "motion"));
        assertTrue(String.valueOf(e.getMessage()).contains("the broker is " + BROKER + ", not spiffe://plant.example/other-broker")
                || String.valueOf(e.getCause()).contains("the broker is"), String.valueOf(e));
    }

    @Test
    void rotationKeepsTheLinkUpAndTheNextHandshakeUsesTheNewSvid() throws Exception {
        SvidFiles motion = svid(MOTION);
        BigInteger first = motion.current().leaf().getSerialNumber();
        SSLContext ctx = SvidSslContexts.client(motion, SpiffeId.parse(BROKER));
        AutoCloseable poll = motion.poll(50);
        try (MqttProbe observer = MqttProbe.connect(SvidSslContexts.client(svid(OBSERVER), null), port, "observer");
             MqttProbe module = MqttProbe.connect(ctx, port, "motion")) {
            observer.subscribe("plant/#");
            module.publish("plant/line1/gateway3/motion/state", "before");
            assertEquals("plant/line1/gateway3/motion/state before", observer.receive());

            // spiffe-helper writes a new SVID for the same ID; make sure the mtime moves even on coarse clocks.
            Path d = dir.resolve("motion");
            ca.writeSvid(d, ca.mint(ca.svid(MOTION)));
            for (String f : new String[] {SvidFiles.CERTIFICATES, SvidFiles.KEY, SvidFiles.BUNDLE}) {
                Files.setLastModifiedTime(d.resolve(f), FileTime.fromMillis(System.currentTimeMillis() + 2000));
            }
            module.publish("plant/line1/gateway3/motion/state", "during");      // the open link is unaffected
            assertEquals("plant/line1/gateway3/motion/state during", observer.receive());

            long deadline = System.nanoTime() + 5_000_000_000L;
            while (first.equals(motion.current().leaf().getSerialNumber()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertNotEquals(first, motion.current().leaf().getSerialNumber(), "the poll picks up the new SVID");
            try (MqttProbe again = MqttProbe.connect(ctx, port, "motion-2")) {
                X509Certificate presented = (X509Certificate) again.socket.getSession().getLocalCertificates()[0];
                assertEquals(motion.current().leaf().getSerialNumber(), presented.getSerialNumber());
                again.publish("plant/line1/gateway3/motion/state", "after");
                assertEquals("plant/line1/gateway3/motion/state after", observer.receive());
            }
        } finally {
            poll.close();
        }
    }

    private static javax.net.ssl.TrustManager[] trustRoot(X509Certificate root) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("root", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        return tmf.getTrustManagers();
    }

    private static SSLContext context(Object[] minted, X509Certificate root) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("svid", ((KeyPair) minted[1]).getPrivate(), new char[0], new Certificate[] {(X509Certificate) minted[0]});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), trustRoot(root), null);
        return ctx;
    }
}
