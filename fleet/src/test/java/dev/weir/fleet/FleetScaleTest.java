package dev.weir.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.fleet.control.FleetOps;
import dev.weir.fleet.control.PlacementController;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Many simulated boards against the real broker: a graph of ten nodes in a chain, replicated to fill
 * the instances, applied; then a tenth of the boards (at least one) is cut off at once (connection
 * dropped, as when a board's process is killed), and then another tenth goes silent (connection kept
 * open, as at a power loss). It checks that every instance runs exactly once before and after each,
 * and prints the figures the controller's cost is judged by: apply to all running, and each failure to
 * all running again. Sizes: system properties
 * {@code weir.fleet.boards} (default 20, make test) and {@code weir.fleet.instances} (default 200);
 * {@code make bench-fleet} runs 100 boards and 1,000 instances. No timing is asserted.
 */
class FleetScaleTest {
    @Test
    void placesAndFailsOverAtScale() throws Exception {
        int boards = Integer.getInteger("weir.fleet.boards", 20);
        int instances = Integer.getInteger("weir.fleet.instances", 200);
        int nodes = 10;
        int replicas = Math.max(1, instances / nodes);
        int cut = Math.max(1, boards / 10);
        try (Site s = new Site()) {
            StringBuilder yaml = new StringBuilder("graph: scale\nnodes:\n");
            for (int i = 0; i < nodes; i++) {
                s.module("n" + i + ".wasm");
                yaml.append("  n").append(i).append(": {module: n").append(i).append(".wasm, replicas: ").append(replicas)
                        .append("}\n");
            }
            yaml.append("edges:\n");
            for (int i = 0; i + 1 < nodes; i++) {
                yaml.append("  - {from: n").append(i).append(".out, to: n").append(i + 1).append(".in}\n");
            }
            for (int b = 0; b < boards; b++) {
                s.board(String.format("b%03d", b), Map.of("zone", b % 2 == 0 ? "east" : "west"), new FakeRunner(), b < 2 * cut);
            }
            PlacementController c = s.controller();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                for (int r = 0; r < replicas; r++) {
                    ids.add("scale/n" + i + "#" + r);
                }
            }
            long t0 = System.nanoTime();
            FleetOps.apply(s.client, s.topics, s.manifest(yaml.toString()));
            Wait.until("all " + ids.size() + " instances running once", 120_000, () -> runningOnce(s, ids) == ids.size());
            long applied = System.nanoTime() - t0;
            long falseAlarms = c.failovers();

            int moved = 0;
            List<String> victims = new ArrayList<>();
            for (int b = 0; b < cut; b++) {
                String name = String.format("b%03d", b);
                victims.add(name);
                for (String id : ids) {
                    if (name.equals(s.runs(id))) {
                        moved++;
                    }
                }
            }
            long t1 = System.nanoTime();
            for (String v : victims) {
                s.crash(v);
            }
            Wait.until("all instances running once after cutting " + cut + " boards", 120_000,
                    () -> runningOnce(s, ids) == ids.size());
            long failedOver = System.nanoTime() - t1;
            assertTrue(c.failovers() >= moved, "failovers " + c.failovers() + " < " + moved);

            int silent = 0;
            List<String> frozen = new ArrayList<>();
            for (int b = cut; b < 2 * cut && b < boards - cut; b++) {
                String name = String.format("b%03d", b);
                frozen.add(name);
                for (String id : ids) {
                    if (name.equals(s.runs(id))) {
                        silent++;
                    }
                }
            }
            long t2 = System.nanoTime();
            for (String f : frozen) {
                s.freeze(f);
            }
            Wait.until("all instances running once after silencing " + frozen.size() + " boards", 120_000,
                    () -> runningOnce(s, ids) == ids.size());
            long silentOver = System.nanoTime() - t2;
            assertEquals(ids.size(), c.placements().size());
            System.out.printf("fleet-scale: boards=%d instances=%d apply-to-all-running=%d ms; cut %d boards (%d instances)"
                    + " -> all running again in %d ms; silenced %d boards (%d instances) -> all running again in %d ms"
                    + " (heartbeat timeout 3000 ms, keepalive 2 s; instances failed over before the cut, boards taken"
                    + " for dead while alive: %d)%n", boards, ids.size(), applied / 1_000_000, cut, moved,
                    failedOver / 1_000_000, frozen.size(), silent, silentOver / 1_000_000, falseAlarms);
        }
    }

    private static int runningOnce(Site s, List<String> ids) {
        int n = 0;
        for (String id : ids) {
            String w = s.runs(id);
            if (w != null && !w.startsWith("TWICE")) {
                n++;
            }
        }
        return n;
    }
}
