package dev.weir.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.fleet.control.FleetOps;
import dev.weir.fleet.control.PlacementController;
import dev.weir.fleet.node.NodeAgent;
import dev.weir.messaging.Mosquitto;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The site-to-centre configuration of fleet/README.md, with two real mosquittos: the site's broker
 * bridges {@code weir/fleet/site1/#} both ways and {@code weir/app/#} out (MQTT 3.1.1) to a central
 * one. The fleet runs on the site; the centre sees its retained state (boards, placements) and the
 * application's messages.
 */
class BridgedSiteTest {
    @Test
    void theCentreSeesTheSitesFleetAndData() throws Exception {
        try (Mosquitto central = Mosquitto.started()) {
            Path dir = Files.createTempDirectory("weir-site-broker");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String conf = "listener " + port + " 127.0.0.1\n"
                    + "user " + System.getProperty("user.name") + "\n"
                    + "allow_anonymous true\n"
                    + "connection central\n"
                    + "address 127.0.0.1:" + central.port + "\n"
                    + "bridge_protocol_version mqttv311\n"
                    + "cleansession false\n"
                    + "topic weir/fleet/site1/# both 1\n"
                    + "topic weir/app/# out 1\n";
            Files.write(dir.resolve("site.conf"), conf.getBytes(StandardCharsets.UTF_8));
            String binary = null;
            for (String p : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
                if (new File(p).canExecute()) {
                    binary = p;
                }
            }
            assertNotNull(binary, "mosquitto not found: install the Debian package mosquitto (make deps does it as root)");
            Process site = new ProcessBuilder(binary, "-c", dir.resolve("site.conf").toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("site.log").toFile()).start();
            String siteUri = "mqtt://127.0.0.1:" + port;
            final int sitePort = port;
            Wait.until("the site broker listens", 10_000, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", sitePort), 200);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
            FleetTopics topics = new FleetTopics("site1");
            try (FleetClient centre = new FleetClient(central.uri(), "centre", 5, null, null);
                    FleetClient onSite = new FleetClient(siteUri, "site-cli", 5, null, null)) {
                centre.connect(10_000);
                onSite.connect(10_000);
                BlockingQueue<String> data = new ArrayBlockingQueue<>(16);
                centre.subscribe("weir/app/#", (t, p) -> data.add(t + " " + new String(p, StandardCharsets.UTF_8)));
                // the bridge is up once a probe published on the site reaches the centre
                Wait.until("the bridge carries messages", 20_000, () -> {
                    onSite.publish("weir/app/probe/x/y", "probe".getBytes(StandardCharsets.UTF_8), false);
                    return data.poll() != null;
                });
                FakeRunner runner = new FakeRunner();
                NodeAgent agent = new NodeAgent(new NodeAgent.Settings(siteUri, "n1").fleet("site1"), runner);
                agent.start();
                PlacementController controller = new PlacementController(new PlacementController.Settings(siteUri).fleet("site1"));
                controller.start();
                try {
                    Path m = dir.resolve("a.wasm");
                    Files.write(m, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
                    Path g = dir.resolve("g.yaml");
                    Files.write(g, "graph: g\nnodes:\n  a: {module: a.wasm}\n".getBytes(StandardCharsets.UTF_8));
                    FleetOps.apply(onSite, topics, g);
                    Wait.until("g/a#0 running on the site", 20_000, () -> runner.running("g/a#0") != null);
                    onSite.publishAndWait("weir/app/g/a/out", "42".getBytes(StandardCharsets.UTF_8), false);
                    String got = data.poll(10, TimeUnit.SECONDS);
                    while (got != null && got.startsWith("weir/app/probe/")) {
                        got = data.poll(10, TimeUnit.SECONDS);
                    }
                    assertEquals("weir/app/g/a/out 42", got);
                    Wait.until("the centre sees the placement and the running instance", 20_000, () -> {
                        try {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> i = (Map<String, Object>) FleetOps.status(centre, topics, 300).get("instances");
                            return String.valueOf(i.get("g/a#0")).contains("board=n1, state=RUNNING");
                        } catch (FleetException e) {
                            return false;
                        }
                    });
                    byte[] status = centre.fetchRetained(topics.status("n1"), 5_000);
                    assertTrue(new String(status, StandardCharsets.UTF_8).contains("\"state\":\"online\""));
                } finally {
                    controller.stop();
                    agent.stop();
                }
            } finally {
                site.destroy();
                site.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
