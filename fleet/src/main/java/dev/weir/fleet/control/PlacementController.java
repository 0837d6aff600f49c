package dev.weir.fleet.control;

import dev.weir.fleet.FleetClient;
import dev.weir.fleet.FleetException;
import dev.weir.fleet.FleetTopics;
import dev.weir.fleet.Json;
import dev.weir.fleet.graph.Graph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The placement controller: maps the graphs on {@code F/graphs/+} onto the boards that report on
 * {@code F/nodes/+/status}, and keeps the mapping true.
 * <ul>
 * <li><b>Place.</b> An instance goes to a live board that meets its node's requirements (labels,
 * pins not already taken by another instance there, camera, architecture, memory left) with the
 * lowest score: reported CPU load, plus the instances already there over the board's processors,
 * plus one for a replica of the same node already there (replicas spread).</li>
 * <li><b>Fail over.</b> A board is dead when its status says offline (its last will, or a clean
 * leave) or when no heartbeat came for {@code heartbeatTimeout} (3 s); its instances are placed
 * again at once, from scratch (a stateful instance resumes from its snapshot only when it was
 * being moved).</li>
 * <li><b>Move.</b> On {@code weir fleet move}, or when a board's CPU load stays above its graph's
 * {@code overload} threshold for two heartbeats, a stateful instance is checkpointed on its board
 * (the board stops it and publishes the snapshot), then assigned to the target with {@code restore}.
 * Its broker session keeps the QoS 1 messages that arrive meanwhile.</li>
 * <li><b>Continue.</b> Placements, pending restores and assignment generations are retained on
 * {@code F/controller/state}; a restarted controller reads them, waits a second for the retained
 * statuses and graphs, and goes on without moving anything that runs.</li>
 * </ul>
 * All state is touched on the client's delivery thread only (messages, and a 200 ms tick).
 */
public final class PlacementController implements AutoCloseable {
    /** Where the controller works and its timing. */
    public static final class Settings {
        final String broker;
        String fleet = FleetTopics.DEFAULT_FLEET;
        long heartbeatTimeoutMillis = 3000;
        long tickMillis = 200;
        long checkpointTimeoutMillis = 10_000;
        long overloadCooldownMillis = 5000;
        long settleMillis = 1000;

        public Settings(String broker) {
            this.broker = broker;
        }

        public Settings fleet(String name) { this.fleet = name; return this; }

        /** A board without a heartbeat for this long is dead (default 3 s). */
        public Settings heartbeatTimeoutMillis(long ms) { this.heartbeatTimeoutMillis = ms; return this; }

        /** How long a board must wait for its checkpoint reply (default 10 s). */
        public Settings checkpointTimeoutMillis(long ms) { this.checkpointTimeoutMillis = ms; return this; }

        /** Least time between two overload moves off the same board (default 5 s). */
        public Settings overloadCooldownMillis(long ms) { this.overloadCooldownMillis = ms; return this; }
    }

    /** A board as the controller sees it. */
    static final class Board {
        final String name;
        boolean online;
        long lastSeen;
        Map<String, String> labels = new HashMap<>();
        String arch;
        int cpus = 1;
        long memoryBytes;
        List<Integer> pins = new ArrayList<>();
        int cameras;
        double cpu;
        int overBeats;
        long lastShed;
        /** Instance id to its reported state and snapshot. */
        Map<String, String[]> reported = new HashMap<>();

        Board(String name) {
            this.name = name;
        }
    }

    /** A move in flight: the checkpoint asked of {@code from}, then the restore on {@code to}. */
    static final class Move {
        final String instance;
        final String from;
        final String to;
        final String request;
        final String cliRequest;
        final long started;
        boolean checkpointed;

        Move(String instance, String from, String to, String request, String cliRequest, long started) {
            this.instance = instance;
            this.from = from;
            this.to = to;
            this.request = request;
            this.cliRequest = cliRequest;
            this.started = started;
        }
    }

    private final Settings settings;
    private final FleetTopics topics;
    private final ScheduledExecutorService timer;
    private FleetClient client;

    private final Map<String, Graph> graphs = new TreeMap<>();
    private final Map<String, Board> boards = new TreeMap<>();
    private final Map<String, String> placements = new TreeMap<>();
    private final Map<String, String> restore = new TreeMap<>();
    private final Map<String, Move> moves = new TreeMap<>();
    /** Instance id to the CLI request waiting for it to run on its new board. */
    private final Map<String, String> awaitingRun = new TreeMap<>();
    private final Map<String, Long> generations = new TreeMap<>();
    private final Map<String, String> lastAssigned = new HashMap<>();
    private String lastState = "";
    /** Instances no live board can take now. */
    private final List<String> pending = new ArrayList<>();
    private Map<String, Graph.Instance> lastDesired;
    private Map<String, String> lastPlacements = new TreeMap<>();
    private Map<String, String> lastRestore = new TreeMap<>();
    /** Every instance of every graph, by id; null after a graph changed. */
    private Map<String, Graph.Instance> desiredCache;
    private long requestSeq;
    private volatile boolean ready;
    private final Map<String, String> view = new ConcurrentHashMap<>();
    private volatile long failovers;
    private volatile long movesDone;

    public PlacementController(Settings settings) throws FleetException {
        this.settings = settings;
        try {
            this.topics = new FleetTopics(settings.fleet);
        } catch (IllegalArgumentException e) {
            throw new FleetException(e.getMessage());
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weir-fleet-controller-tick");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects, reads the retained controller state, subscribes, and after a settle period (1 s, for
     * the retained statuses and graphs to arrive) starts reconciling; returns then.
     */
    public void start() throws FleetException {
        client = new FleetClient(settings.broker, "weir-fleet-controller-" + settings.fleet, 5, null, null);
        client.connect(10_000);
        byte[] state = client.fetchRetained(topics.controllerState(), 1500);
        if (state != null) {
            loadState(state);
        }
        client.subscribe(topics.allGraphs(), this::graph);
        client.subscribe(topics.allStatus(), this::status);
        client.subscribe(topics.allHeartbeats(), this::heartbeat);
        client.subscribe(topics.allReplies(), this::nodeReply);
        client.subscribe(topics.controllerCmd(), this::command);
        try {
            Thread.sleep(settings.settleMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.execute(() -> {
            long now = System.currentTimeMillis();
            for (Board b : boards.values()) {
                b.lastSeen = Math.max(b.lastSeen, now);
            }
            ready = true;
        });
        timer.scheduleWithFixedDelay(() -> client.execute(this::reconcile), 0, settings.tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops reconciling and disconnects; its state stays retained for the next controller. */
    public void stop() {
        timer.shutdownNow();
        if (client != null) {
            client.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Instance id to board, as last reconciled (for tests and status). */
    public Map<String, String> placements() {
        return new TreeMap<>(view);
    }

    /** How many instances were placed again because their board died. */
    public long failovers() {
        return failovers;
    }

    /** How many moves completed (checkpoint taken and assigned with restore). */
    public long moves() {
        return movesDone;
    }

    // ---- inputs

    private void graph(String topic, byte[] payload) {
        String name = FleetTopics.last(topic);
        desiredCache = null;
        if (payload.length == 0) {
            graphs.remove(name);
            return;
        }
        try {
            graphs.put(name, Graph.fromJson(Json.parseObject(payload)));
        } catch (FleetException | RuntimeException e) {
            System.err.println("weir fleet controller: graph " + name + " ignored: " + e.getMessage());
        }
    }

    private void status(String topic, byte[] payload) {
        String node = topics.nodeOf(topic);
        if (node == null || payload.length == 0) {
            return;
        }
        Map<String, Object> s;
        try {
            s = Json.parseObject(payload);
        } catch (FleetException e) {
            return;
        }
        Board b = boards.computeIfAbsent(node, Board::new);
        b.online = "online".equals(Json.string(s, "state"));
        if (!b.online) {
            return;
        }
        b.lastSeen = Math.max(b.lastSeen, client.arrivedAt());
        b.labels = Json.strings(s, "labels");
        Map<String, Object> cap = Json.object(s, "capacity");
        b.arch = Json.string(cap, "arch");
        b.cpus = (int) Math.max(1, Json.number(cap, "cpus", 1));
        b.memoryBytes = Json.number(cap, "memoryBytes", 0);
        b.pins = new ArrayList<>();
        for (Object p : Json.list(cap, "pins")) {
            b.pins.add(((Number) p).intValue());
        }
        b.cameras = Json.list(cap, "cameras").size();
        b.cpu = Json.decimal(Json.object(s, "load"), "cpu", 0);
        Map<String, String[]> reported = new HashMap<>();
        for (Object o : Json.list(s, "instances")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> i = (Map<String, Object>) o;
            reported.put(Json.string(i, "id"), new String[] {Json.string(i, "state"), Json.string(i, "snapshot"),
                    Json.string(i, "outcome")});
        }
        b.reported = reported;
    }

    private void heartbeat(String topic, byte[] payload) {
        String node = topics.nodeOf(topic);
        Board b = node == null ? null : boards.get(node);
        if (b == null || payload.length == 0) {
            return;
        }
        try {
            Map<String, Object> h = Json.parseObject(payload);
            b.cpu = Json.decimal(Json.object(h, "load"), "cpu", b.cpu);
            b.lastSeen = Math.max(b.lastSeen, client.arrivedAt());
            if (b.online) {
                overload(b);
            }
        } catch (FleetException e) {
            // a malformed heartbeat still says nothing about liveness
        }
    }

    private void nodeReply(String topic, byte[] payload) {
        Map<String, Object> r;
        try {
            r = Json.parseObject(payload);
        } catch (FleetException e) {
            return;
        }
        String request = Json.string(r, "request");
        for (Move m : new ArrayList<>(moves.values())) {
            if (m.request.equals(request)) {
                if (Boolean.TRUE.equals(r.get("ok"))) {
                    checkpointed(m, Json.string(r, "snapshot"));
                } else if (Boolean.FALSE.equals(r.get("running"))) {
                    // Nothing runs there to carry over (it failed, or never started): start it on the target.
                    checkpointed(m, null);
                } else {
                    moves.remove(m.instance);
                    answer(m.cliRequest, false, "checkpoint on " + m.from + " failed: " + Json.string(r, "error"), m);
                }
            }
        }
    }

    private void checkpointed(Move m, String snapshot) {
        moves.remove(m.instance);
        Board to = boards.get(m.to);
        String target = to != null && alive(to) ? m.to : choose(m.instance, m.from);
        if (target == null) {
            placements.remove(m.instance);
        } else {
            placements.put(m.instance, target);
        }
        if (snapshot != null) {
            restore.put(m.instance, snapshot);
        }
        movesDone++;
        if (m.cliRequest != null) {
            awaitingRun.put(m.instance, m.cliRequest);
        }
    }

    private void command(String topic, byte[] payload) {
        Map<String, Object> c;
        try {
            c = Json.parseObject(payload);
        } catch (FleetException e) {
            return;
        }
        String request = Json.string(c, "request");
        if (!"move".equals(Json.string(c, "op"))) {
            answer(request, false, "unknown op '" + Json.string(c, "op") + "' (known: move)", null);
            return;
        }
        String what = Json.string(c, "instance");
        String to = Json.string(c, "to");
        List<String> ids = resolve(what);
        if (ids.size() != 1) {
            answer(request, false, ids.isEmpty() ? "no instance '" + what + "' (weir fleet status lists them)"
                    : "'" + what + "' names " + ids.size() + " instances: " + String.join(", ", ids), null);
            return;
        }
        String id = ids.get(0);
        Board target = boards.get(to);
        if (target == null || !alive(target)) {
            answer(request, false, "board '" + to + "' is not online", null);
            return;
        }
        Graph.Instance inst = desired().get(id);
        String from = placements.get(id);
        String why = unfit(inst, target);
        if (why != null) {
            answer(request, false, "board " + to + " cannot run " + id + ": " + why, null);
            return;
        }
        if (to.equals(from)) {
            answer(request, true, null, new Move(id, from, to, "", request, 0));
            return;
        }
        if (moves.containsKey(id)) {
            answer(request, false, id + " is being moved already", null);
            return;
        }
        startMove(id, from, to, request);
    }

    /** Instance ids for an exact id, {@code GRAPH/NODE}, or a node name unique across graphs. */
    private List<String> resolve(String what) {
        List<String> ids = new ArrayList<>();
        if (what == null) {
            return ids;
        }
        for (String id : desired().keySet()) {
            String node = id.substring(id.indexOf('/') + 1, id.indexOf('#'));
            String graphNode = id.substring(0, id.indexOf('#'));
            if (id.equals(what)) {
                return List.of(id);
            }
            if (graphNode.equals(what) || node.equals(what)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private void startMove(String id, String from, String to, String cliRequest) {
        Board f = from == null ? null : boards.get(from);
        Graph.Instance inst = desired().get(id);
        if (f == null || !alive(f) || inst == null || !inst.node.stateful) {
            // Nothing to carry over: a stateless instance, or its board is gone; it starts on the target.
            // (A stateful one is always asked for a checkpoint: the board's last status may lag behind.)
            placements.put(id, to);
            movesDone++;
            if (cliRequest != null) {
                awaitingRun.put(id, cliRequest);
            }
            return;
        }
        String request = "move-" + (++requestSeq) + "-" + System.nanoTime();
        Move m = new Move(id, from, to, request, cliRequest, System.currentTimeMillis());
        moves.put(id, m);
        Map<String, Object> cmd = Json.object();
        cmd.put("op", "checkpoint");
        cmd.put("instance", id);
        cmd.put("request", request);
        client.publish(topics.nodeCmd(from), Json.bytes(cmd), false);
    }

    private void answer(String request, boolean ok, String error, Move m) {
        if (request == null) {
            if (error != null) {
                System.err.println("weir fleet controller: " + error);
            }
            return;
        }
        Map<String, Object> r = Json.object();
        r.put("request", request);
        r.put("ok", ok);
        if (error != null) {
            r.put("error", error);
        }
        if (m != null) {
            r.put("instance", m.instance);
            r.put("from", m.from);
            r.put("to", placements.getOrDefault(m.instance, m.to));
        }
        client.publish(topics.controllerReply(), Json.bytes(r), false);
    }

    // ---- reconciling

    private boolean alive(Board b) {
        return b.online && System.currentTimeMillis() - b.lastSeen <= settings.heartbeatTimeoutMillis;
    }

    private Map<String, Graph.Instance> desired() {
        if (desiredCache != null) {
            return desiredCache;
        }
        Map<String, Graph.Instance> d = new LinkedHashMap<>();
        for (Graph g : graphs.values()) {
            for (Graph.Instance i : g.instances(settings.broker)) {
                d.put(i.spec.instanceId(), i);
            }
        }
        desiredCache = d;
        return d;
    }

    private void overload(Board b) {
        double threshold = 1.0;
        for (Map.Entry<String, String> p : placements.entrySet()) {
            if (p.getValue().equals(b.name)) {
                Graph g = graphs.get(p.getKey().substring(0, p.getKey().indexOf('/')));
                if (g != null) {
                    threshold = Math.min(threshold, g.overload);
                }
            }
        }
        b.overBeats = b.cpu > threshold ? b.overBeats + 1 : 0;
    }

    private void reconcile() {
        if (!ready) {
            return;
        }
        long now = System.currentTimeMillis();
        Map<String, Graph.Instance> desired = desired();
        placements.keySet().retainAll(desired.keySet());
        restore.keySet().retainAll(desired.keySet());
        moves.keySet().retainAll(desired.keySet());
        // Moves whose checkpoint did not come back.
        for (Move m : new ArrayList<>(moves.values())) {
            Board f = boards.get(m.from);
            String[] rep = f == null ? null : f.reported.get(m.instance);
            if (rep != null && "STOPPED".equals(rep[0]) && rep[1] != null) {
                checkpointed(m, rep[1]);
            } else if (f == null || !alive(f)) {
                moves.remove(m.instance);
                placements.remove(m.instance);
                answer(m.cliRequest, false, "board " + m.from + " died during the move; " + m.instance + " starts afresh", m);
            } else if (now - m.started > settings.checkpointTimeoutMillis) {
                moves.remove(m.instance);
                answer(m.cliRequest, false, "no checkpoint from " + m.from + " within " + settings.checkpointTimeoutMillis + " ms", m);
            }
        }
        // Fail over instances of dead boards.
        for (Map.Entry<String, String> p : new ArrayList<>(placements.entrySet())) {
            Board b = boards.get(p.getValue());
            if ((b == null || !alive(b)) && !moves.containsKey(p.getKey())) {
                placements.remove(p.getKey());
                restore.remove(p.getKey());
                failovers++;
            }
        }
        // Place what is not placed.
        pending.clear();
        for (String id : desired.keySet()) {
            if (!placements.containsKey(id)) {
                String target = choose(id, null);
                if (target != null) {
                    placements.put(id, target);
                } else {
                    pending.add(id);
                }
            }
        }
        // Shed load: one stateful instance off a board over its threshold for two heartbeats.
        for (Board b : boards.values()) {
            if (b.overBeats >= 2 && alive(b) && now - b.lastShed > settings.overloadCooldownMillis) {
                String candidate = null;
                for (Map.Entry<String, String> p : placements.entrySet()) {
                    Graph.Instance inst = desired.get(p.getKey());
                    if (p.getValue().equals(b.name) && inst != null && inst.node.stateful && !moves.containsKey(p.getKey())) {
                        candidate = p.getKey();
                        break;
                    }
                }
                if (candidate != null) {
                    String target = choose(candidate, b.name);
                    Board t = target == null ? null : boards.get(target);
                    Graph g = graphs.get(candidate.substring(0, candidate.indexOf('/')));
                    if (t != null && (g == null || t.cpu < g.overload)) {
                        b.lastShed = now;
                        b.overBeats = 0;
                        startMove(candidate, b.name, target, null);
                    }
                }
            }
        }
        // Restores done, moves confirmed.
        for (Map.Entry<String, String> p : placements.entrySet()) {
            Board b = boards.get(p.getValue());
            String[] rep = b == null ? null : b.reported.get(p.getKey());
            if (rep != null && "RUNNING".equals(rep[0])) {
                restore.remove(p.getKey());
                String cli = awaitingRun.remove(p.getKey());
                if (cli != null) {
                    Move done = new Move(p.getKey(), null, p.getValue(), "", cli, 0);
                    answer(cli, true, null, done);
                }
            } else if (rep != null && "FAILED".equals(rep[0]) && awaitingRun.containsKey(p.getKey())) {
                String cli = awaitingRun.remove(p.getKey());
                answer(cli, false, p.getKey() + " failed to start on " + p.getValue() + ": " + rep[2], null);
            }
        }
        publishAssignments(desired);
        publishState();
    }

    /** Why the board cannot take the instance, or null when it can (the instance itself is not counted against it). */
    private String unfit(Graph.Instance inst, Board b) {
        if (inst == null) {
            return "not in any graph";
        }
        Graph.Requirements r = inst.node.requires;
        for (Map.Entry<String, String> l : r.labels.entrySet()) {
            if (!l.getValue().equals(b.labels.get(l.getKey()))) {
                return "label " + l.getKey() + "=" + l.getValue() + " missing";
            }
        }
        if (!b.pins.containsAll(r.pins)) {
            return "pins " + r.pins + " not all offered (offers " + b.pins + ")";
        }
        if (r.camera >= b.cameras) {
            return "no camera " + r.camera;
        }
        if (r.arch != null && !r.arch.equals(b.arch)) {
            return "arch " + b.arch + ", needs " + r.arch;
        }
        long used = 0;
        Map<String, Graph.Instance> desired = desired();
        for (Map.Entry<String, String> p : placements.entrySet()) {
            if (p.getValue().equals(b.name) && !p.getKey().equals(inst.spec.instanceId())) {
                Graph.Instance other = desired.get(p.getKey());
                if (other != null) {
                    used += other.node.requires.memoryBytes;
                    for (Integer pin : other.node.requires.pins) {
                        if (r.pins.contains(pin)) {
                            return "pin " + pin + " is used by " + p.getKey();
                        }
                    }
                }
            }
        }
        if (r.memoryBytes > 0 && used + r.memoryBytes > b.memoryBytes) {
            return "memory: needs " + r.memoryBytes + " bytes, " + (b.memoryBytes - used) + " left";
        }
        return null;
    }

    /** The best live board for an instance, not {@code exclude}; null when none fits. */
    private String choose(String id, String exclude) {
        Map<String, Graph.Instance> desired = desired();
        Graph.Instance inst = desired.get(id);
        if (inst == null) {
            return null;
        }
        Map<String, Integer> count = new HashMap<>();
        Map<String, Integer> siblings = new HashMap<>();
        String nodePrefix = id.substring(0, id.indexOf('#') + 1);
        for (Map.Entry<String, String> p : placements.entrySet()) {
            count.merge(p.getValue(), 1, Integer::sum);
            if (p.getKey().startsWith(nodePrefix)) {
                siblings.merge(p.getValue(), 1, Integer::sum);
            }
        }
        String best = null;
        double bestScore = Double.MAX_VALUE;
        for (Board b : boards.values()) {
            if (b.name.equals(exclude) || !alive(b) || unfitFast(inst, b) != null) {
                continue;
            }
            double score = b.cpu + count.getOrDefault(b.name, 0) / (double) (b.cpus * 4) + siblings.getOrDefault(b.name, 0);
            if (score < bestScore) {
                bestScore = score;
                best = b.name;
            }
        }
        return best;
    }

    /** {@link #unfit} without the per-board scan unless the node needs pins or memory (the common case is fast). */
    private String unfitFast(Graph.Instance inst, Board b) {
        Graph.Requirements r = inst.node.requires;
        if (r.pins.isEmpty() && r.memoryBytes == 0) {
            for (Map.Entry<String, String> l : r.labels.entrySet()) {
                if (!l.getValue().equals(b.labels.get(l.getKey()))) {
                    return "label";
                }
            }
            if (r.camera >= b.cameras) {
                return "camera";
            }
            if (r.arch != null && !r.arch.equals(b.arch)) {
                return "arch";
            }
            return null;
        }
        return unfit(inst, b);
    }

    private void publishAssignments(Map<String, Graph.Instance> desired) {
        // Unchanged placements, restores and graphs: the assignments are what was last published.
        if (desired == lastDesired && placements.equals(lastPlacements) && restore.equals(lastRestore)
                && !lastAssigned.containsValue("")) {
            return;
        }
        lastDesired = desired;
        lastPlacements = new TreeMap<>(placements);
        lastRestore = new TreeMap<>(restore);
        Map<String, List<Object>> byBoard = new TreeMap<>();
        for (String b : lastAssigned.keySet()) {
            byBoard.put(b, new ArrayList<>());
        }
        for (Map.Entry<String, String> p : placements.entrySet()) {
            Graph.Instance inst = desired.get(p.getKey());
            if (inst == null) {
                continue;
            }
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("id", inst.spec.instanceId());
            j.put("module", inst.spec.moduleHash());
            j.put("moduleName", inst.moduleName);
            j.put("grants", inst.spec.grants());
            j.put("links", inst.spec.links());
            j.put("outputs", inst.spec.outputs());
            j.put("inputs", inst.spec.inputs());
            j.put("spiffeId", inst.spec.spiffeId());
            j.put("args", inst.spec.args());
            j.put("restore", restore.get(p.getKey()));
            byBoard.computeIfAbsent(p.getValue(), k -> new ArrayList<>()).add(j);
        }
        // An instance being moved stays in its old board's assignment until the checkpoint is back
        // (the board keeps it stopped meanwhile); then placements name the new board.
        view.clear();
        view.putAll(placements);
        for (Map.Entry<String, List<Object>> e : byBoard.entrySet()) {
            String content = Json.write(e.getValue());
            if (content.equals(lastAssigned.get(e.getKey()))) {
                continue;
            }
            long gen = generations.getOrDefault(e.getKey(), 0L) + 1;
            generations.put(e.getKey(), gen);
            lastAssigned.put(e.getKey(), content);
            Map<String, Object> a = Json.object();
            a.put("generation", gen);
            a.put("instances", e.getValue());
            client.publish(topics.assign(e.getKey()), Json.bytes(a), true);
        }
    }

    private void publishState() {
        Map<String, Object> s = Json.object();
        s.put("placements", placements);
        s.put("restore", restore);
        List<Object> ms = new ArrayList<>();
        for (Move m : moves.values()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("instance", m.instance);
            j.put("from", m.from);
            j.put("to", m.to);
            j.put("request", m.request);
            ms.add(j);
        }
        s.put("moves", ms);
        s.put("pending", new ArrayList<>(pending));
        s.put("generations", generations);
        String text = Json.write(s);
        if (!text.equals(lastState)) {
            lastState = text;
            client.publish(topics.controllerState(), Json.bytes(s), true);
        }
    }

    private void loadState(byte[] payload) {
        try {
            Map<String, Object> s = Json.parseObject(payload);
            placements.putAll(Json.strings(s, "placements"));
            restore.putAll(Json.strings(s, "restore"));
            for (Map.Entry<String, Object> e : Json.object(s, "generations").entrySet()) {
                generations.put(e.getKey(), ((Number) e.getValue()).longValue());
            }
            for (Object o : Json.list(s, "moves")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> j = (Map<String, Object>) o;
                String id = Json.string(j, "instance");
                moves.put(id, new Move(id, Json.string(j, "from"), Json.string(j, "to"), Json.string(j, "request"), null,
                        System.currentTimeMillis()));
            }
            for (String b : placements.values()) {
                boards.computeIfAbsent(b, Board::new);
                lastAssigned.put(b, "");
            }
        } catch (FleetException | RuntimeException e) {
            System.err.println("weir fleet controller: retained state ignored: " + e.getMessage());
        }
    }

}
