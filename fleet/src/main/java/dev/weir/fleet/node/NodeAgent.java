package dev.weir.fleet.node;

import dev.weir.fleet.FleetClient;
import dev.weir.fleet.FleetException;
import dev.weir.fleet.FleetTopics;
import dev.weir.fleet.Json;
import dev.weir.hal.camera.CameraGrant;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantFile;
import dev.weir.hal.gpio.GpioGrant;
import dev.weir.hal.identity.IdentityGrant;
import dev.weir.hal.messaging.MessagingGrant;
import dev.weir.trust.TrustException;
import dev.weir.trust.TrustPolicy;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The fleet's agent on one board ({@code weir node}): joins the fleet through the broker, runs what the
 * controller assigns it with a {@link ModuleRunner}, and reports. What it does, in order:
 * <ol>
 * <li>connects with a retained last will {@code {"v":1,"node":ID,"state":"offline"}} on its status
 * topic (keepalive 2 s: the broker publishes it when the board dies), then publishes its retained
 * status (labels, capacity, load, instances) and a heartbeat with its load every second;</li>
 * <li>takes its retained assignment and runs exactly the instances listed: for each new one it pulls
 * the module from the retained {@code F/modules/<hash>}, checks the bytes' SHA-256 against the hash,
 * admits the module with the node's trust policy (signature, signer may sign it, every grant allowed
 * to the signer), pulls and checks the snapshot when the assignment says {@code restore}, and starts
 * it; instances no longer listed are stopped;</li>
 * <li>on {@code checkpoint} from the controller stops the instance with a snapshot, publishes it
 * retained on {@code F/snapshots/<hash>} and answers with the hash (the controller then assigns the
 * instance elsewhere with {@code restore}).</li>
 * </ol>
 * Everything the agent does with its state happens on its client's delivery thread; the heartbeat
 * timer only reads.
 */
public final class NodeAgent implements AutoCloseable {
    /** How a node joins the fleet. */
    public static final class Settings {
        final String broker;
        final String nodeId;
        String fleet = FleetTopics.DEFAULT_FLEET;
        Map<String, String> labels = new LinkedHashMap<>();
        TrustPolicy trust;
        long heartbeatMillis = 1000;
        int keepAliveSeconds = 2;
        long fetchTimeoutMillis = 10_000;
        long checkpointTimeoutMillis = 5_000;
        DoubleSupplier cpuLoad;

        /**
         * @param broker {@code mqtt://HOST:PORT} of the site's broker
         * @param nodeId the node's name in the fleet: one topic level, no wildcards
         */
        public Settings(String broker, String nodeId) {
            this.broker = broker;
            this.nodeId = nodeId;
        }

        /** The fleet's name (default {@code default}), the topic prefix {@code weir/fleet/NAME}. */
        public Settings fleet(String name) { this.fleet = name; return this; }

        /** Labels the graph's requirements can ask for ({@code role=camera}). */
        public Settings labels(Map<String, String> l) { this.labels = new LinkedHashMap<>(l); return this; }

        /**
         * The trust policy every module must pass before it runs. Without one (null, for development)
         * only the module's hash is checked.
         */
        public Settings trust(TrustPolicy p) { this.trust = p; return this; }

        /** Heartbeat period (default 1 s); the controller takes 3 missed seconds as a dead node. */
        public Settings heartbeatMillis(long ms) { this.heartbeatMillis = ms; return this; }

        /** MQTT keepalive (default 2 s): the broker sends the last will after 1.5 times that. */
        public Settings keepAliveSeconds(int s) { this.keepAliveSeconds = s; return this; }

        /** How long to wait for a module or snapshot on the broker (default 10 s). */
        public Settings fetchTimeoutMillis(long ms) { this.fetchTimeoutMillis = ms; return this; }

        /**
         * The board's CPU load, 0.0 to 1.0, reported in heartbeats (default: the system load average
         * over the processors). Simulated boards give their own.
         */
        public Settings cpuLoad(DoubleSupplier probe) { this.cpuLoad = probe; return this; }
    }

    /** One assigned instance as the agent tracks it. */
    private static final class Slot {
        final String id;
        final String key;
        final String module;
        RunningModule running;
        RunningModule.State failedState;
        String failure;
        boolean checkpointed;
        String snapshot;

        Slot(String id, String key, String module) {
            this.id = id;
            this.key = key;
            this.module = module;
        }

        RunningModule.State state() {
            if (checkpointed) {
                return RunningModule.State.STOPPED;
            }
            return running != null ? running.state() : failedState;
        }

        String outcome() {
            return running != null && !checkpointed ? running.outcome() : failure;
        }
    }

    private final Settings settings;
    private final ModuleRunner runner;
    private final FleetTopics topics;
    private final String nodeId;
    private final long since = System.currentTimeMillis();
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Map<String, byte[]> modules = new HashMap<>();
    private final ScheduledExecutorService timer;
    private FleetClient client;
    private volatile String lastStates = "";
    private volatile long generation = -1;
    private long heartbeatSeq;

    public NodeAgent(Settings settings, ModuleRunner runner) throws FleetException {
        this.settings = settings;
        this.runner = runner;
        this.nodeId = settings.nodeId;
        if (nodeId == null || nodeId.isEmpty() || nodeId.contains("/") || nodeId.contains("+") || nodeId.contains("#")) {
            throw new FleetException("node id '" + nodeId + "': must be one MQTT topic level, without / + #");
        }
        try {
            this.topics = new FleetTopics(settings.fleet);
        } catch (IllegalArgumentException e) {
            throw new FleetException(e.getMessage());
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weir-node-" + nodeId + "-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    public String nodeId() {
        return nodeId;
    }

    /**
     * Connects (waiting at most 10 s for the broker), publishes the node's status, takes its assignment
     * and starts the heartbeat; returns once the node is in the fleet.
     */
    public void start() throws FleetException {
        Map<String, Object> will = Json.object();
        will.put("node", nodeId);
        will.put("state", "offline");
        client = new FleetClient(settings.broker, "weir-node-" + settings.fleet + "-" + nodeId, settings.keepAliveSeconds,
                topics.status(nodeId), Json.bytes(will));
        client.onConnect(this::publishStatus);
        client.connect(10_000);
        publishStatus();
        client.subscribe(topics.nodeCmd(nodeId), this::command);
        client.subscribe(topics.assign(nodeId), this::assignment);
        timer.scheduleWithFixedDelay(this::beat, settings.heartbeatMillis, settings.heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Leaves the fleet: stops every instance, publishes the offline status itself (so the controller
     * places its instances elsewhere at once) and disconnects.
     */
    public void stop() {
        timer.shutdownNow();
        for (Slot s : slots.values()) {
            if (s.running != null && !s.checkpointed) {
                s.running.stop();
            }
        }
        slots.clear();
        if (client != null) {
            Map<String, Object> off = Json.object();
            off.put("node", nodeId);
            off.put("state", "offline");
            if (client.isConnected()) {
                try {
                    client.publish(topics.status(nodeId), Json.bytes(off), true).get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the broker is gone: its last will says the same
                }
            }
            client.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The states of the instances this node runs now, by instance id (for tests and {@code weir node}). */
    public Map<String, RunningModule.State> instances() {
        Map<String, RunningModule.State> m = new LinkedHashMap<>();
        for (Slot s : slots.values()) {
            m.put(s.id, s.state());
        }
        return m;
    }

    /** The generation of the last assignment applied, -1 before the first. */
    public long generation() {
        return generation;
    }

    // ---- assignment

    private void assignment(String topic, byte[] payload) {
        Map<String, Object> a;
        try {
            a = payload.length == 0 ? Json.object() : Json.parseObject(payload);
        } catch (FleetException e) {
            System.err.println("weir node " + nodeId + ": assignment ignored: " + e.getMessage());
            return;
        }
        Map<String, Map<String, Object>> wanted = new LinkedHashMap<>();
        for (Object o : Json.list(a, "instances")) {
            if (o instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) o;
                String id = Json.string(m, "id");
                if (id != null) {
                    wanted.put(id, m);
                }
            }
        }
        for (Slot s : new ArrayList<>(slots.values())) {
            Map<String, Object> w = wanted.get(s.id);
            if (w == null || !specKey(w).equals(s.key)) {
                if (s.running != null && !s.checkpointed) {
                    s.running.stop();
                }
                slots.remove(s.id);
            }
        }
        for (Map<String, Object> w : wanted.values()) {
            String id = Json.string(w, "id");
            if (!slots.containsKey(id)) {
                slots.put(id, launch(w));
            }
        }
        generation = Json.number(a, "generation", 0);
        publishStatus();
    }

    /** What identifies an instance's setup: everything but {@code restore}, which only matters at start. */
    private static String specKey(Map<String, Object> w) {
        Map<String, Object> k = new LinkedHashMap<>(w);
        k.remove("restore");
        return Json.write(k);
    }

    private Slot launch(Map<String, Object> w) {
        InstanceSpec spec = spec(w);
        Slot slot = new Slot(spec.instanceId(), specKey(w), spec.moduleHash());
        try {
            byte[] wasm = pull(spec.moduleHash(), topics.module(spec.moduleHash()), "module");
            admit(Json.string(w, "moduleName"), wasm, spec);
            byte[] snapshot = null;
            String restore = Json.string(w, "restore");
            if (restore != null) {
                snapshot = pull(restore, topics.snapshot(restore), "snapshot");
            }
            slot.running = runner.start(spec, wasm, snapshot);
            if (restore != null) {
                client.publish(topics.snapshot(restore), new byte[0], true);
            }
        } catch (FleetException e) {
            slot.failedState = RunningModule.State.FAILED;
            slot.failure = e.getMessage();
            System.err.println("weir node " + nodeId + ": " + spec.instanceId() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            slot.failedState = RunningModule.State.FAILED;
            slot.failure = "runner failed: " + e;
            System.err.println("weir node " + nodeId + ": " + spec.instanceId() + ": " + slot.failure);
        }
        return slot;
    }

    static InstanceSpec spec(Map<String, Object> w) {
        List<String> args = new ArrayList<>();
        for (Object o : Json.list(w, "args")) {
            args.add(String.valueOf(o));
        }
        String grants = Json.string(w, "grants");
        return new InstanceSpec(Json.string(w, "id"), Json.string(w, "module"), grants == null ? "" : grants,
                Json.strings(w, "links"), Json.strings(w, "outputs"), Json.strings(w, "inputs"),
                Json.string(w, "spiffeId"), args);
    }

    /** Module bytes by hash: cached, else the retained message, checked against the hash. */
    private byte[] pull(String hash, String topic, String what) throws FleetException {
        if (hash == null || !hash.matches("sha256:[0-9a-f]{64}")) {
            throw new FleetException(what + " hash '" + hash + "': expected sha256: and 64 lower-case hex digits");
        }
        byte[] cached = "module".equals(what) ? modules.get(hash) : null;
        if (cached != null) {
            return cached;
        }
        byte[] b = client.fetchRetained(topic, settings.fetchTimeoutMillis);
        if (b == null) {
            throw new FleetException(what + " " + hash + ": not on the broker (" + topic + ")");
        }
        String actual = sha256(b);
        if (!actual.equals(hash)) {
            throw new FleetException(what + " " + hash + ": the bytes on " + topic + " hash to " + actual);
        }
        if ("module".equals(what)) {
            modules.put(hash, b);
        }
        return b;
    }

    private void admit(String moduleName, byte[] wasm, InstanceSpec spec) throws FleetException {
        List<Grant> grants;
        try {
            grants = grantFile().parse(spec.grants(), spec.instanceId() + " grants");
        } catch (RuntimeException e) {
            throw new FleetException(e.getMessage());
        }
        if (settings.trust == null) {
            return;
        }
        String name = moduleName != null ? moduleName : spec.moduleHash().substring(7) + ".wasm";
        try {
            settings.trust.admit(name, wasm, null).checkGrants(grants);
        } catch (TrustException e) {
            throw new FleetException(e.getMessage());
        }
    }

    /** The grant lines a fleet instance may carry: gpio, camera, identity, messaging. */
    public static GrantFile grantFile() {
        return new GrantFile().register("gpio", GpioGrant.PARSER).register("camera", CameraGrant.PARSER)
                .register("identity", IdentityGrant.PARSER).register("messaging", MessagingGrant.PARSER);
    }

    // ---- commands

    private void command(String topic, byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        Map<String, Object> c;
        try {
            c = Json.parseObject(payload);
        } catch (FleetException e) {
            System.err.println("weir node " + nodeId + ": command ignored: " + e.getMessage());
            return;
        }
        Map<String, Object> reply = Json.object();
        reply.put("request", c.get("request"));
        reply.put("node", nodeId);
        String op = Json.string(c, "op");
        String id = Json.string(c, "instance");
        reply.put("instance", id);
        try {
            if (!"checkpoint".equals(op)) {
                throw new FleetException("unknown op '" + op + "' (known: checkpoint)");
            }
            Slot s = slots.get(id);
            if (s == null || s.running == null || s.checkpointed || s.running.state() != RunningModule.State.RUNNING) {
                reply.put("running", Boolean.FALSE);
                throw new FleetException("instance " + id + " does not run on " + nodeId);
            }
            byte[] snapshot = s.running.checkpointAndStop(settings.checkpointTimeoutMillis);
            s.checkpointed = true;
            String hash = sha256(snapshot);
            s.snapshot = hash;
            client.publishAndWait(topics.snapshot(hash), snapshot, true);
            reply.put("ok", Boolean.TRUE);
            reply.put("snapshot", hash);
        } catch (FleetException e) {
            reply.put("ok", Boolean.FALSE);
            reply.put("error", e.getMessage());
        }
        client.publish(topics.nodeReply(nodeId), Json.bytes(reply), false);
        publishStatus();
    }

    // ---- reporting

    private Map<String, Object> load() {
        Map<String, Object> l = new LinkedHashMap<>();
        double cpu;
        if (settings.cpuLoad != null) {
            cpu = settings.cpuLoad.getAsDouble();
        } else {
            double avg = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            cpu = avg < 0 ? 0 : avg / Runtime.getRuntime().availableProcessors();
        }
        l.put("cpu", Math.max(0, Math.min(1, cpu)));
        long mem = 0;
        int n = 0;
        for (Slot s : slots.values()) {
            if (s.running != null && s.state() == RunningModule.State.RUNNING) {
                mem += s.running.memoryBytes();
                n++;
            }
        }
        l.put("memoryBytes", mem);
        l.put("instances", (long) n);
        return l;
    }

    private List<Object> instanceList() {
        List<Object> list = new ArrayList<>();
        List<String> ids = new ArrayList<>(slots.keySet());
        Collections.sort(ids);
        for (String id : ids) {
            Slot s = slots.get(id);
            if (s == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id);
            m.put("module", s.module);
            RunningModule.State st = s.state();
            m.put("state", st == null ? "FAILED" : st.name());
            m.put("outcome", s.outcome());
            if (s.snapshot != null) {
                m.put("snapshot", s.snapshot);
            }
            list.add(m);
        }
        return list;
    }

    private void publishStatus() {
        if (client == null) {
            return;
        }
        Map<String, Object> st = Json.object();
        st.put("node", nodeId);
        st.put("state", "online");
        st.put("labels", settings.labels);
        BoardCapacity cap = runner.capacity();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("arch", cap.arch());
        c.put("cpus", (long) cap.cpus());
        c.put("memoryBytes", cap.memoryBytes());
        c.put("pins", cap.pins());
        c.put("cameras", cap.cameras());
        st.put("capacity", c);
        st.put("load", load());
        List<Object> inst = instanceList();
        st.put("instances", inst);
        st.put("generation", generation);
        st.put("since", since);
        lastStates = Json.write(inst);
        client.publish(topics.status(nodeId), Json.bytes(st), true);
    }

    private void beat() {
        try {
            Map<String, Object> hb = Json.object();
            hb.put("node", nodeId);
            hb.put("seq", ++heartbeatSeq);
            hb.put("load", load());
            client.publish(topics.heartbeat(nodeId), Json.bytes(hb), false);
            if (!Json.write(instanceList()).equals(lastStates)) {
                client.execute(this::publishStatus);
            }
        } catch (RuntimeException e) {
            System.err.println("weir node " + nodeId + ": heartbeat failed: " + e);
        }
    }

    /** {@code sha256:} and the lower-case hex digest of the bytes. */
    public static String sha256(byte[] b) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b);
            StringBuilder sb = new StringBuilder("sha256:");
            for (byte x : d) {
                sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
