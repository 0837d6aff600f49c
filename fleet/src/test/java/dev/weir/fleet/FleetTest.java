package dev.weir.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.fleet.control.FleetOps;
import dev.weir.fleet.control.PlacementController;
import dev.weir.fleet.node.InstanceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The controller and node agents together against a real mosquitto, boards simulated in process:
 * placement by requirements, failover when a board is cut off, a move that keeps the state, a
 * controller restart, load shedding.
 */
class FleetTest {
    static final String GRAPH = ""
            + "graph: demo\n"
            + "overload: 0.8\n"
            + "nodes:\n"
            + "  camera:\n"
            + "    module: camera.wasm\n"
            + "    grants: |\n"
            + "      camera 0 max=320x240\n"
            + "    requires: {labels: {role: camera}, camera: true}\n"
            + "  aggregator:\n"
            + "    module: aggregator.wasm\n"
            + "    stateful: true\n"
            + "    requires: {memory: 16MiB}\n"
            + "  led:\n"
            + "    module: led.wasm\n"
            + "    grants: [gpio 17 output]\n"
            + "    requires: {pins: [17], arch: aarch64}\n"
            + "edges:\n"
            + "  - {from: camera.motion, to: aggregator.events}\n"
            + "  - {from: aggregator.alerts, to: led.blink}\n";

    static Site demoSite() throws Exception {
        Site s = new Site();
        s.module("camera.wasm");
        s.module("aggregator.wasm");
        s.module("led.wasm");
        s.board("cam1", Map.of("role", "camera"), new FakeRunner("aarch64", List.of(), List.of("synthetic")), false);
        s.board("pins1", Map.of(), new FakeRunner("aarch64", List.of(17, 27), List.of()), false);
        s.board("gw1", Map.of(), new FakeRunner("amd64", List.of(17), List.of()), true);
        s.board("gw2", Map.of(), new FakeRunner("amd64", List.of(), List.of()), true);
        return s;
    }

    static void allRunning(Site s) {
        Wait.until("camera, aggregator and led running once each", 20_000, () -> s.runs("demo/camera#0") != null
                && s.runs("demo/aggregator#0") != null && s.runs("demo/led#0") != null
                && !s.runs("demo/aggregator#0").startsWith("TWICE"));
    }

    @Test
    void placesByRequirementsAndWiresTheEdges() throws Exception {
        try (Site s = demoSite()) {
            s.controller();
            FleetOps.apply(s.client, s.topics, s.manifest(GRAPH));
            allRunning(s);
            assertEquals("cam1", s.runs("demo/camera#0"));
            assertEquals("pins1", s.runs("demo/led#0"), "pin 17 and aarch64: only pins1 (gw1 has 17 but is amd64)");
            InstanceSpec agg = s.runners.get(s.runs("demo/aggregator#0")).running("demo/aggregator#0").spec;
            assertEquals(Map.of("events", "weir/app/demo/camera/motion"), agg.inputs());
            assertEquals(Map.of("alerts", "weir/app/demo/aggregator/alerts"), agg.outputs());
            assertTrue(agg.grants().contains("messaging broker publish=weir/app/demo/aggregator/alerts "
                    + "subscribe=weir/app/demo/camera/motion topic-map=alerts=weir/app/demo/aggregator/alerts,"
                    + "events=weir/app/demo/camera/motion"), agg.grants());
            assertEquals(s.broker.uri(), agg.links().get("broker"));
            Map<String, Object> status = FleetOps.status(s.client, s.topics, 300);
            String table = FleetOps.table(status);
            assertTrue(table.contains("demo/camera#0") && table.contains("cam1") && table.contains("RUNNING"), table);
        }
    }

    @Test
    void failsOverWhenABoardIsCutOffAndMovesStateOnRequest() throws Exception {
        try (Site s = demoSite()) {
            PlacementController c = s.controller();
            FleetOps.apply(s.client, s.topics, s.manifest(GRAPH));
            allRunning(s);
            String first = s.runs("demo/aggregator#0");
            assertTrue(first.startsWith("gw"), first);
            // move with state: the counter (the aggregator's count) travels in the snapshot
            s.runners.get(first).running("demo/aggregator#0").counter.set(41);
            String other = first.equals("gw1") ? "gw2" : "gw1";
            long t0 = System.nanoTime();
            Map<String, Object> r = FleetOps.move(s.client, s.topics, "aggregator", other, 20_000);
            System.out.printf("fleet-move: weir fleet move of a stateful instance, command to running on the target"
                    + " with its state: %d ms (checkpoint and restore of the fake runner are instant)%n",
                    (System.nanoTime() - t0) / 1_000_000);
            assertEquals(Boolean.TRUE, r.get("ok"), String.valueOf(r));
            Wait.until("aggregator on " + other, 10_000, () -> other.equals(s.runs("demo/aggregator#0")));
            assertEquals(41, s.runners.get(other).running("demo/aggregator#0").counter.get());
            assertEquals(1, c.moves());
            // a board that cannot take it is refused with a reason
            Map<String, Object> bad = FleetOps.move(s.client, s.topics, "demo/aggregator#0", "nowhere", 20_000);
            assertEquals(Boolean.FALSE, bad.get("ok"));
            Map<String, Object> led = FleetOps.move(s.client, s.topics, "led", "gw2", 20_000);
            assertEquals(Boolean.FALSE, led.get("ok"));
            assertTrue(String.valueOf(led.get("error")).contains("pins [17]"), String.valueOf(led));

            // failover: the board is cut off; the broker's last will tells the controller
            s.crash(other);
            Wait.until("aggregator running elsewhere", 20_000, () -> {
                String w = s.runs("demo/aggregator#0");
                return w != null && !w.equals(other) && !w.startsWith("TWICE");
            });
            assertTrue(c.failovers() >= 1);
        }
    }

    @Test
    void aRestartedControllerKeepsThePlacementsAndGoesOn() throws Exception {
        try (Site s = demoSite()) {
            PlacementController c = s.controller();
            FleetOps.apply(s.client, s.topics, s.manifest(GRAPH));
            allRunning(s);
            Map<String, String> before = c.placements();
            long starts = 0;
            for (FakeRunner r : s.runners.values()) {
                starts += r.starts.get();
            }
            c.stop();
            PlacementController again = s.controller();
            Wait.until("the new controller has the placements", 10_000, () -> !again.placements().isEmpty());
            assertEquals(before, again.placements());
            Thread.sleep(1000);
            long after = 0;
            for (FakeRunner r : s.runners.values()) {
                after += r.starts.get();
            }
            assertEquals(starts, after, "nothing restarted");
            String agg = s.runs("demo/aggregator#0");
            s.crash(agg);
            Wait.until("aggregator failed over by the new controller", 20_000, () -> {
                String w = s.runs("demo/aggregator#0");
                return w != null && !w.equals(agg);
            });
        }
    }

    @Test
    void anOverloadedBoardShedsItsStatefulModule() throws Exception {
        try (Site s = demoSite()) {
            s.controller();
            FleetOps.apply(s.client, s.topics, s.manifest(GRAPH));
            allRunning(s);
            String first = s.runs("demo/aggregator#0");
            s.runners.get(first).running("demo/aggregator#0").counter.set(5);
            s.cpu.get(first)[0] = 0.95;
            Wait.until("aggregator moved off the overloaded board", 20_000, () -> {
                String w = s.runs("demo/aggregator#0");
                return w != null && !w.equals(first);
            });
            String now = s.runs("demo/aggregator#0");
            assertNotEquals(first, now);
            assertEquals(5, s.runners.get(now).running("demo/aggregator#0").counter.get());
            assertFalse(s.runs("demo/camera#0") == null);
        }
    }
}
