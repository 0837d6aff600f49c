package dev.weir.fleet.control;

import dev.weir.fleet.FleetClient;
import dev.weir.fleet.FleetException;
import dev.weir.fleet.FleetTopics;
import dev.weir.fleet.Json;
import dev.weir.fleet.graph.Graph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** What {@code weir fleet apply}, {@code status} and {@code move} do, over a connected client. */
public final class FleetOps {
    private FleetOps() {
    }

    /**
     * Reads the manifest, publishes every module retained on {@code F/modules/<hash>} and then the
     * graph retained on {@code F/graphs/<graph>}; the controller places it.
     */
    public static Graph apply(FleetClient client, FleetTopics topics, Path manifest) throws FleetException {
        Map<String, byte[]> modules = new LinkedHashMap<>();
        Graph g = Graph.read(manifest, modules);
        for (Map.Entry<String, byte[]> m : modules.entrySet()) {
            client.publishAndWait(topics.module(m.getKey()), m.getValue(), true);
        }
        client.publishAndWait(topics.graph(g.name), Json.bytes(g.toJson()), true);
        return g;
    }

    /** Removes a graph: its instances stop everywhere. */
    public static void delete(FleetClient client, FleetTopics topics, String graph) throws FleetException {
        client.publishAndWait(topics.graph(graph), new byte[0], true);
    }

    /**
     * The fleet as the retained messages tell it: {@code boards} (name to state, labels, load and
     * instances) and {@code instances} (id to board, state, outcome), gathered until no retained
     * message came for {@code quietMillis}.
     */
    public static Map<String, Object> status(FleetClient client, FleetTopics topics, long quietMillis) throws FleetException {
        Map<String, Map<String, Object>> statuses = new TreeMap<>();
        Map<String, Object> state = new LinkedHashMap<>();
        List<String> graphs = new ArrayList<>();
        AtomicLong last = new AtomicLong(System.nanoTime());
        client.subscribe(topics.allStatus(), (t, p) -> {
            last.set(System.nanoTime());
            try {
                if (p.length > 0) {
                    statuses.put(topics.nodeOf(t), Json.parseObject(p));
                }
            } catch (FleetException e) {
                // a board with an unreadable status is listed without details
            }
        });
        client.subscribe(topics.controllerState(), (t, p) -> {
            last.set(System.nanoTime());
            try {
                if (p.length > 0) {
                    state.putAll(Json.parseObject(p));
                }
            } catch (FleetException e) {
                // no state: nothing placed yet
            }
        });
        client.subscribe(topics.allGraphs(), (t, p) -> {
            last.set(System.nanoTime());
            if (p.length > 0) {
                graphs.add(FleetTopics.last(t));
            }
        });
        long quietNanos = quietMillis * 1_000_000L;
        long deadline = System.nanoTime() + 10 * quietNanos;
        while (System.nanoTime() - last.get() < quietNanos && System.nanoTime() < deadline) {
            sleep(20);
        }
        // Read what the handlers gathered on the delivery thread, after them.
        BlockingQueue<Map<String, Object>> result = new ArrayBlockingQueue<>(1);
        client.execute(() -> result.add(report(statuses, state, graphs)));
        try {
            Map<String, Object> r = result.poll(10, TimeUnit.SECONDS);
            if (r == null) {
                throw new FleetException("broker " + client.uri() + ": no answer");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted");
        }
    }

    private static Map<String, Object> report(Map<String, Map<String, Object>> statuses, Map<String, Object> state,
            List<String> graphs) {
        Map<String, Object> r = Json.object();
        r.put("graphs", new ArrayList<>(graphs));
        Map<String, Object> boards = new TreeMap<>();
        Map<String, String[]> reported = new TreeMap<>();
        for (Map.Entry<String, Map<String, Object>> e : statuses.entrySet()) {
            Map<String, Object> s = e.getValue();
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("state", Json.string(s, "state"));
            b.put("labels", Json.object(s, "labels"));
            b.put("load", Json.object(s, "load"));
            List<Object> ids = new ArrayList<>();
            for (Object o : Json.list(s, "instances")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> i = (Map<String, Object>) o;
                ids.add(Json.string(i, "id"));
                reported.put(Json.string(i, "id") + "@" + e.getKey(), new String[] {Json.string(i, "state"), Json.string(i, "outcome")});
            }
            b.put("instances", ids);
            boards.put(e.getKey(), b);
        }
        r.put("boards", boards);
        Map<String, Object> instances = new TreeMap<>();
        for (Map.Entry<String, String> p : Json.strings(state, "placements").entrySet()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("board", p.getValue());
            String[] rep = reported.get(p.getKey() + "@" + p.getValue());
            @SuppressWarnings("unchecked")
            Map<String, Object> bs = (Map<String, Object>) boards.get(p.getValue());
            boolean online = bs != null && "online".equals(bs.get("state"));
            i.put("state", rep != null ? rep[0] : online ? "STARTING" : "BOARD-OFFLINE");
            i.put("outcome", rep != null ? rep[1] : null);
            instances.put(p.getKey(), i);
        }
        for (Object id : Json.list(state, "pending")) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("board", null);
            i.put("state", "PENDING");
            i.put("outcome", "no live board meets its requirements");
            instances.put(String.valueOf(id), i);
        }
        r.put("instances", instances);
        return r;
    }

    /** The status as a table: one line per instance, then one per board. */
    @SuppressWarnings("unchecked")
    public static String table(Map<String, Object> status) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-36s %-16s %s%n", "INSTANCE", "BOARD", "STATE"));
        for (Map.Entry<String, Object> e : ((Map<String, Object>) status.get("instances")).entrySet()) {
            Map<String, Object> i = (Map<String, Object>) e.getValue();
            String outcome = (String) i.get("outcome");
            sb.append(String.format("%-36s %-16s %s%s%n", e.getKey(), i.get("board") == null ? "-" : i.get("board"), i.get("state"),
                    outcome == null ? "" : " (" + outcome + ")"));
        }
        sb.append(String.format("%n%-16s %-8s %-6s %-10s %s%n", "BOARD", "STATE", "CPU", "INSTANCES", "LABELS"));
        for (Map.Entry<String, Object> e : ((Map<String, Object>) status.get("boards")).entrySet()) {
            Map<String, Object> b = (Map<String, Object>) e.getValue();
            Map<String, Object> load = (Map<String, Object>) b.get("load");
            Object cpu = load.get("cpu");
            sb.append(String.format("%-16s %-8s %-6s %-10d %s%n", e.getKey(), b.get("state"),
                    cpu instanceof Number ? String.format("%.2f", ((Number) cpu).doubleValue()) : "-",
                    ((List<Object>) b.get("instances")).size(), Json.write(b.get("labels"))));
        }
        return sb.toString();
    }

    /**
     * Asks the controller to move an instance (an id, {@code GRAPH/NODE} or a node name naming one
     * instance) to a board, and waits for its answer: once the instance runs there.
     *
     * @return the controller's reply ({@code ok}, {@code error}, {@code instance}, {@code from}, {@code to})
     */
    public static Map<String, Object> move(FleetClient client, FleetTopics topics, String instance, String to, long timeoutMillis)
            throws FleetException {
        String request = "cli-" + Long.toHexString(System.nanoTime()) + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        BlockingQueue<Map<String, Object>> replies = new ArrayBlockingQueue<>(16);
        client.subscribe(topics.controllerReply(), (t, p) -> {
            try {
                Map<String, Object> r = Json.parseObject(p);
                if (request.equals(Json.string(r, "request"))) {
                    replies.add(r);
                }
            } catch (FleetException e) {
                // not ours
            }
        });
        Map<String, Object> cmd = Json.object();
        cmd.put("op", "move");
        cmd.put("instance", instance);
        cmd.put("to", to);
        cmd.put("request", request);
        client.publishAndWait(topics.controllerCmd(), Json.bytes(cmd), false);
        try {
            Map<String, Object> r = replies.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new FleetException("move " + instance + ": no answer from the controller within " + timeoutMillis
                        + " ms (is weir fleet controller running for fleet " + topics.fleet() + "?)");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
