package dev.weir.fleet;

import dev.weir.fleet.control.PlacementController;
import dev.weir.fleet.node.NodeAgent;
import dev.weir.messaging.Mosquitto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A site for fleet tests: a real mosquitto, simulated boards (a node agent with a {@link FakeRunner}
 * each, in this process; optionally behind a {@link TcpProxy} so a test can cut it off), a controller,
 * and a client for apply, status and move.
 */
final class Site implements AutoCloseable {
    final Mosquitto broker;
    final FleetTopics topics = new FleetTopics("default");
    final Map<String, NodeAgent> agents = new LinkedHashMap<>();
    final Map<String, FakeRunner> runners = new LinkedHashMap<>();
    final Map<String, TcpProxy> proxies = new LinkedHashMap<>();
    final Map<String, double[]> cpu = new LinkedHashMap<>();
    final List<PlacementController> controllers = new ArrayList<>();
    /** Boards cut off or silenced: stopped at the end, in the background (their broker is gone). */
    final List<NodeAgent> lost = new ArrayList<>();
    final FleetClient client;
    final Path dir;

    Site() throws Exception {
        broker = Mosquitto.started();
        client = new FleetClient(broker.uri(), "test-cli-" + System.nanoTime(), 5, null, null);
        client.connect(10_000);
        dir = Files.createTempDirectory("weir-fleet-test");
    }

    /** Adds a board; {@code cuttable}: through a proxy a test can cut (a crash as the broker sees it). */
    NodeAgent board(String name, Map<String, String> labels, FakeRunner runner, boolean cuttable) throws Exception {
        String uri = broker.uri();
        if (cuttable) {
            TcpProxy p = new TcpProxy(broker.port);
            proxies.put(name, p);
            uri = p.uri();
        }
        double[] load = {0.1};
        cpu.put(name, load);
        NodeAgent a = new NodeAgent(new NodeAgent.Settings(uri, name).labels(labels).cpuLoad(() -> load[0]), runner);
        a.start();
        agents.put(name, a);
        runners.put(name, runner);
        return a;
    }

    PlacementController controller() throws Exception {
        PlacementController c = new PlacementController(new PlacementController.Settings(broker.uri())
                .overloadCooldownMillis(1000));
        c.start();
        controllers.add(c);
        return c;
    }

    /** Writes a module file (a distinct byte string per name: the fake runner does not parse it). */
    Path module(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, ("\0asm-fake-" + name).getBytes(StandardCharsets.UTF_8));
        return p;
    }

    Path manifest(String yaml) throws IOException {
        Path p = dir.resolve("graph-" + System.nanoTime() + ".yaml");
        Files.write(p, yaml.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    /** The board that runs an instance now, by the fake runners, or null. */
    String runs(String instance) {
        String where = null;
        for (Map.Entry<String, FakeRunner> e : runners.entrySet()) {
            if (e.getValue().running(instance) != null && agents.containsKey(e.getKey())) {
                if (where != null) {
                    return "TWICE:" + where + "," + e.getKey();
                }
                where = e.getKey();
            }
        }
        return where;
    }

    /** Silences a board without closing its connection (power loss), and forgets it. */
    void freeze(String board) {
        proxies.get(board).freeze();
        lost.add(agents.remove(board));
    }

    /** Cuts a board off (its agent keeps running, unreachable) and forgets it. */
    void crash(String board) {
        proxies.get(board).cut();
        lost.add(agents.remove(board));
    }

    @Override
    public void close() throws Exception {
        for (PlacementController c : controllers) {
            c.stop();
        }
        for (NodeAgent a : agents.values()) {
            a.stop();
        }
        for (TcpProxy p : proxies.values()) {
            p.close();
        }
        for (NodeAgent a : lost) {
            Thread t = new Thread(a::stop, "stop-" + a.nodeId());
            t.setDaemon(true);
            t.start();
        }
        client.close();
        broker.close();
    }
}
