package dev.weir.fleet.graph;

import dev.weir.fleet.FleetException;
import dev.weir.fleet.FleetTopics;
import dev.weir.fleet.Json;
import dev.weir.fleet.node.InstanceSpec;
import dev.weir.fleet.node.NodeAgent;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.messaging.MessagingGrant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A dataflow graph: nodes (a signed module each, with grants, links, requirements and replicas) and
 * edges from an output port of one node to an input port of another. Read from a YAML manifest
 * (fleet/README.md describes it); carried between {@code weir fleet apply} and the controller as
 * JSON on {@code F/graphs/<graph>}. The graph derives each instance's topics and messaging grant from
 * the edges, so a module names only its own ports.
 */
public final class Graph {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");
    /** Default overload threshold: a board above this CPU load sheds a stateful module. */
    public static final double DEFAULT_OVERLOAD = 0.9;

    /** What a node needs of a board. */
    public static final class Requirements {
        public final Map<String, String> labels;
        public final List<Integer> pins;
        /** -1: no camera needed; n: the board must offer camera n (0 for the first). */
        public final int camera;
        public final String arch;
        public final long memoryBytes;

        Requirements(Map<String, String> labels, List<Integer> pins, int camera, String arch, long memoryBytes) {
            this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            this.pins = List.copyOf(pins);
            this.camera = camera;
            this.arch = arch;
            this.memoryBytes = memoryBytes;
        }
    }

    /** One graph node: a module and how many instances of it run. */
    public static final class Node {
        public final String name;
        public final String module;
        public final String moduleName;
        public final String grants;
        public final Map<String, String> links;
        public final List<String> args;
        public final String identity;
        public final Requirements requires;
        public final int replicas;
        public final boolean stateful;
        /** Port to topic (outputs) and port to topic filter (inputs), derived from the edges. */
        public final Map<String, String> outputs = new LinkedHashMap<>();
        public final Map<String, String> inputs = new LinkedHashMap<>();

        Node(String name, String module, String moduleName, String grants, Map<String, String> links, List<String> args,
                String identity, Requirements requires, int replicas, boolean stateful) {
            this.name = name;
            this.module = module;
            this.moduleName = moduleName;
            this.grants = grants;
            this.links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
            this.args = List.copyOf(args);
            this.identity = identity;
            this.requires = requires;
            this.replicas = replicas;
            this.stateful = stateful;
        }
    }

    /** One instance of a node, as the controller places it. */
    public static final class Instance {
        public final Node node;
        public final InstanceSpec spec;
        public final String moduleName;

        Instance(Node node, InstanceSpec spec, String moduleName) {
            this.node = node;
            this.spec = spec;
            this.moduleName = moduleName;
        }
    }

    public final String name;
    public final double overload;
    /** The messaging link name every module uses for its edges (default {@code broker}). */
    public final String link;
    /** The broker URI of that link, or null: the fleet's own broker. */
    public final String broker;
    public final Map<String, Node> nodes;
    /** Edges as {from "node.port", to "node.port"}. */
    public final List<String[]> edges;

    private Graph(String name, double overload, String link, String broker, Map<String, Node> nodes, List<String[]> edges) {
        this.name = name;
        this.overload = overload;
        this.link = link;
        this.broker = broker;
        this.nodes = Collections.unmodifiableMap(nodes);
        this.edges = Collections.unmodifiableList(edges);
    }

    // ---- reading the manifest

    /**
     * Reads a manifest; module paths are relative to it. Each node's module file is read and hashed
     * (a {@code hash:} given too must match); the bytes are put in {@code modules} by hash, for
     * {@code weir fleet apply} to publish.
     */
    public static Graph read(Path file, Map<String, byte[]> modules) throws FleetException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FleetException(file + ": cannot read: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir, modules);
    }

    /** @param dir where module paths are resolved, or null when module files are not read (hash only) */
    public static Graph parse(String text, String where, Path dir, Map<String, byte[]> modules) throws FleetException {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (MarkedYAMLException e) {
            throw new FleetException(where + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new FleetException(where + ": not valid YAML: " + e.getMessage().split("\n")[0]);
        }
        Reader r = new Reader(where);
        Map<String, Object> m = r.map(doc, "");
        r.link = m.containsKey("link") ? r.name(m.get("link"), "link") : "broker";
        r.only(m, "", "graph", "overload", "link", "broker", "nodes", "edges");
        String name = r.name(m.get("graph"), "graph");
        double overload = m.containsKey("overload") ? r.fraction(m.get("overload"), "overload") : DEFAULT_OVERLOAD;
        String link = r.link;
        String broker = m.containsKey("broker") ? r.string(m.get("broker"), "broker") : null;
        Map<String, Object> nodeMap = r.map(m.get("nodes"), "nodes");
        if (nodeMap.isEmpty()) {
            throw r.error("nodes", "a graph needs at least one node");
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : nodeMap.entrySet()) {
            String nodeName = r.name(e.getKey(), "nodes");
            nodes.put(nodeName, r.node(nodeName, e.getValue(), dir, modules));
        }
        List<String[]> edges = new ArrayList<>();
        Object edgeList = m.get("edges");
        if (edgeList != null) {
            List<Object> l = r.list(edgeList, "edges");
            for (int i = 0; i < l.size(); i++) {
                String f = "edges[" + i + "]";
                Map<String, Object> em = r.map(l.get(i), f);
                r.only(em, f, "from", "to");
                edges.add(new String[] {r.string(em.get("from"), f + ".from"), r.string(em.get("to"), f + ".to")});
            }
        }
        Graph g = new Graph(name, overload, link, broker, nodes, edges);
        g.derive(where);
        return g;
    }

    /** Fills each node's inputs and outputs from the edges, checking both ends exist. */
    private void derive(String where) throws FleetException {
        Reader r = new Reader(where);
        for (int i = 0; i < edges.size(); i++) {
            String[] e = edges.get(i);
            String[] from = r.port(e[0], "edges[" + i + "].from");
            String[] to = r.port(e[1], "edges[" + i + "].to");
            Node a = nodes.get(from[0]);
            Node b = nodes.get(to[0]);
            if (a == null) {
                throw r.error("edges[" + i + "].from", "no node '" + from[0] + "' (nodes: " + String.join(", ", nodes.keySet()) + ")");
            }
            if (b == null) {
                throw r.error("edges[" + i + "].to", "no node '" + to[0] + "' (nodes: " + String.join(", ", nodes.keySet()) + ")");
            }
            if (a.inputs.containsKey(from[1])) {
                throw r.error("edges[" + i + "].from", "port " + e[0] + " is already an input");
            }
            String topic = FleetTopics.appTopic(name, from[0], from[1]);
            a.outputs.put(from[1], topic);
            String existing = b.inputs.get(to[1]);
            if (existing != null && !existing.equals(topic)) {
                throw r.error("edges[" + i + "].to", "input " + e[1] + " is already fed by " + existing
                        + " (one edge per input port: give the node another input port)");
            }
            if (b.outputs.containsKey(to[1])) {
                throw r.error("edges[" + i + "].to", "port " + e[1] + " is already an output");
            }
            b.inputs.put(to[1], topic);
        }
    }

    // ---- instances

    /** The instance id of replica {@code i} of a node: {@code GRAPH/NODE#I}. */
    public String instanceId(String node, int replica) {
        return name + "/" + node + "#" + replica;
    }

    /**
     * Every instance of the graph with its spec: the node's grants plus one messaging line for the
     * edges ({@code messaging LINK publish=OUT,... subscribe=IN,... topic-map=PORT=TOPIC,...}) and
     * the link to the broker.
     *
     * @param fleetBroker the fleet's broker URI, used when the graph names none
     */
    public List<Instance> instances(String fleetBroker) {
        List<Instance> list = new ArrayList<>();
        for (Node n : nodes.values()) {
            String grants = grants(n);
            Map<String, String> links = new LinkedHashMap<>(n.links);
            if (!n.inputs.isEmpty() || !n.outputs.isEmpty()) {
                links.putIfAbsent(link, broker != null ? broker : fleetBroker);
            }
            for (int i = 0; i < n.replicas; i++) {
                InstanceSpec spec = new InstanceSpec(instanceId(n.name, i), n.module, grants, links, n.outputs, n.inputs,
                        n.identity, n.args);
                list.add(new Instance(n, spec, n.moduleName));
            }
        }
        return list;
    }

    /** The node's grant lines plus the messaging line its edges imply. */
    public String grants(Node n) {
        StringBuilder sb = new StringBuilder(n.grants);
        if (n.inputs.isEmpty() && n.outputs.isEmpty()) {
            return sb.toString();
        }
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
        sb.append("messaging ").append(link);
        if (!n.outputs.isEmpty()) {
            sb.append(" publish=").append(String.join(",", n.outputs.values()));
        }
        if (!n.inputs.isEmpty()) {
            sb.append(" subscribe=").append(String.join(",", n.inputs.values()));
        }
        sb.append(" topic-map=");
        boolean first = true;
        for (Map<String, String> ports : List.of(n.outputs, n.inputs)) {
            for (Map.Entry<String, String> e : ports.entrySet()) {
                sb.append(first ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
                first = false;
            }
        }
        sb.append('\n');
        return sb.toString();
    }

    // ---- JSON, as on F/graphs/<graph>

    public Map<String, Object> toJson() {
        Map<String, Object> m = Json.object();
        m.put("graph", name);
        m.put("overload", overload);
        m.put("link", link);
        m.put("broker", broker);
        List<Object> ns = new ArrayList<>();
        for (Node n : nodes.values()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("name", n.name);
            j.put("module", n.module);
            j.put("moduleName", n.moduleName);
            j.put("grants", n.grants);
            j.put("links", n.links);
            j.put("args", n.args);
            j.put("identity", n.identity);
            Map<String, Object> req = new LinkedHashMap<>();
            req.put("labels", n.requires.labels);
            req.put("pins", n.requires.pins);
            req.put("camera", (long) n.requires.camera);
            req.put("arch", n.requires.arch);
            req.put("memoryBytes", n.requires.memoryBytes);
            j.put("requires", req);
            j.put("replicas", (long) n.replicas);
            j.put("stateful", n.stateful);
            ns.add(j);
        }
        m.put("nodes", ns);
        List<Object> es = new ArrayList<>();
        for (String[] e : edges) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("from", e[0]);
            j.put("to", e[1]);
            es.add(j);
        }
        m.put("edges", es);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static Graph fromJson(Map<String, Object> m) throws FleetException {
        String where = "graph " + Json.string(m, "graph");
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Object o : Json.list(m, "nodes")) {
            Map<String, Object> j = (Map<String, Object>) o;
            Map<String, Object> req = Json.object(j, "requires");
            List<Integer> pins = new ArrayList<>();
            for (Object p : Json.list(req, "pins")) {
                pins.add(((Number) p).intValue());
            }
            List<String> args = new ArrayList<>();
            for (Object a : Json.list(j, "args")) {
                args.add(String.valueOf(a));
            }
            Requirements r = new Requirements(Json.strings(req, "labels"), pins, (int) Json.number(req, "camera", -1),
                    Json.string(req, "arch"), Json.number(req, "memoryBytes", 0));
            String name = Json.string(j, "name");
            String grants = Json.string(j, "grants");
            nodes.put(name, new Node(name, Json.string(j, "module"), Json.string(j, "moduleName"), grants == null ? "" : grants,
                    Json.strings(j, "links"), args, Json.string(j, "identity"), r, (int) Json.number(j, "replicas", 1),
                    Boolean.TRUE.equals(j.get("stateful"))));
        }
        List<String[]> edges = new ArrayList<>();
        for (Object o : Json.list(m, "edges")) {
            Map<String, Object> j = (Map<String, Object>) o;
            edges.add(new String[] {Json.string(j, "from"), Json.string(j, "to")});
        }
        String link = Json.string(m, "link");
        Graph g = new Graph(Json.string(m, "graph"), Json.decimal(m, "overload", DEFAULT_OVERLOAD), link == null ? "broker" : link,
                Json.string(m, "broker"), nodes, edges);
        g.derive(where);
        return g;
    }

    // ---- validation helpers: every error is one line naming the file and the field

    private static final class Reader {
        final String where;
        String link = "broker";

        Reader(String where) {
            this.where = where;
        }

        FleetException error(String field, String what) {
            return new FleetException(where + ": " + (field.isEmpty() ? "" : field + ": ") + what);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(Object o, String field) throws FleetException {
            if (o == null) {
                throw error(field, "missing");
            }
            if (!(o instanceof Map)) {
                throw error(field, "expected a mapping (key: value lines)");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : ((Map<Object, Object>) o).entrySet()) {
                m.put(String.valueOf(e.getKey()), e.getValue());
            }
            return m;
        }

        @SuppressWarnings("unchecked")
        List<Object> list(Object o, String field) throws FleetException {
            if (!(o instanceof List)) {
                throw error(field, "expected a list");
            }
            return (List<Object>) o;
        }

        void only(Map<String, Object> m, String field, String... keys) throws FleetException {
            List<String> known = List.of(keys);
            for (String k : m.keySet()) {
                if (!known.contains(k)) {
                    throw error(field.isEmpty() ? k : field + "." + k, "unknown field (known: " + String.join(", ", keys) + ")");
                }
            }
        }

        String string(Object o, String field) throws FleetException {
            if (o == null) {
                throw error(field, "missing");
            }
            if (o instanceof Map || o instanceof List) {
                throw error(field, "expected a single value");
            }
            return String.valueOf(o);
        }

        String name(Object o, String field) throws FleetException {
            String s = string(o, field);
            if (!NAME.matcher(s).matches()) {
                throw error(field, "'" + s + "' is not a name: lower-case letters, digits, - and _, at most 63");
            }
            return s;
        }

        double fraction(Object o, String field) throws FleetException {
            if (!(o instanceof Number) || ((Number) o).doubleValue() <= 0 || ((Number) o).doubleValue() > 1) {
                throw error(field, "expected a CPU load between 0 and 1, such as 0.8");
            }
            return ((Number) o).doubleValue();
        }

        int count(Object o, String field, int min) throws FleetException {
            if (!(o instanceof Integer) || (Integer) o < min || (Integer) o > 10_000) {
                throw error(field, "expected a whole number from " + min + " to 10000");
            }
            return (Integer) o;
        }

        String[] port(String s, String field) throws FleetException {
            int dot = s.indexOf('.');
            if (dot <= 0 || dot != s.lastIndexOf('.') || !NAME.matcher(s.substring(0, dot)).matches()
                    || !NAME.matcher(s.substring(dot + 1)).matches()) {
                throw error(field, "'" + s + "': expected NODE.PORT, both names");
            }
            return new String[] {s.substring(0, dot), s.substring(dot + 1)};
        }

        long bytes(Object o, String field) throws FleetException {
            if (o instanceof Integer || o instanceof Long) {
                return ((Number) o).longValue();
            }
            String s = string(o, field).trim();
            long unit = 1;
            String[][] units = {{"KiB", "1024"}, {"MiB", "1048576"}, {"GiB", "1073741824"}, {"k", "1000"}, {"M", "1000000"},
                    {"G", "1000000000"}};
            for (String[] u : units) {
                if (s.endsWith(u[0])) {
                    unit = Long.parseLong(u[1]);
                    s = s.substring(0, s.length() - u[0].length()).trim();
                    break;
                }
            }
            try {
                return Long.parseLong(s) * unit;
            } catch (NumberFormatException e) {
                throw error(field, "'" + o + "': expected bytes, such as 67108864 or 64MiB");
            }
        }

        Node node(String name, Object o, Path dir, Map<String, byte[]> modules) throws FleetException {
            String f = "nodes." + name;
            Map<String, Object> m = map(o, f);
            only(m, f, "module", "hash", "grants", "links", "args", "identity", "requires", "replicas", "stateful");
            String modulePath = m.containsKey("module") ? string(m.get("module"), f + ".module") : null;
            String hash = m.containsKey("hash") ? string(m.get("hash"), f + ".hash") : null;
            if (hash != null && !HASH.matcher(hash).matches()) {
                throw error(f + ".hash", "expected sha256: and 64 lower-case hex digits");
            }
            if (modulePath == null && hash == null) {
                throw error(f + ".module", "missing (the signed module's file, or hash: of one already published)");
            }
            String moduleName = null;
            if (modulePath != null) {
                Path p = dir == null ? Path.of(modulePath) : dir.resolve(modulePath);
                moduleName = p.getFileName().toString();
                if (dir != null) {
                    byte[] bytes;
                    try {
                        bytes = Files.readAllBytes(p);
                    } catch (IOException e) {
                        throw error(f + ".module", "cannot read " + p + " (" + e.getClass().getSimpleName() + ")");
                    }
                    String actual = NodeAgent.sha256(bytes);
                    if (hash != null && !hash.equals(actual)) {
                        throw error(f + ".hash", "does not match " + p + " (" + actual + ")");
                    }
                    hash = actual;
                    if (modules != null) {
                        modules.put(hash, bytes);
                    }
                } else if (hash == null) {
                    throw error(f + ".hash", "missing");
                }
            }
            String grants = "";
            Object g = m.get("grants");
            if (g instanceof List) {
                StringBuilder sb = new StringBuilder();
                for (Object line : (List<?>) g) {
                    sb.append(string(line, f + ".grants")).append('\n');
                }
                grants = sb.toString();
            } else if (g != null) {
                grants = string(g, f + ".grants");
            }
            List<Grant> parsed;
            try {
                parsed = NodeAgent.grantFile().parse(grants, f + ".grants");
            } catch (RuntimeException e) {
                throw new FleetException(where + ": " + e.getMessage());
            }
            Map<String, String> links = new LinkedHashMap<>();
            if (m.get("links") != null) {
                for (Map.Entry<String, Object> e : map(m.get("links"), f + ".links").entrySet()) {
                    links.put(e.getKey(), string(e.getValue(), f + ".links." + e.getKey()));
                }
            }
            List<String> args = new ArrayList<>();
            if (m.get("args") != null) {
                for (Object a : list(m.get("args"), f + ".args")) {
                    args.add(string(a, f + ".args"));
                }
            }
            String identity = m.containsKey("identity") ? string(m.get("identity"), f + ".identity") : null;
            Requirements req = requirements(m.get("requires"), f + ".requires");
            int replicas = m.containsKey("replicas") ? count(m.get("replicas"), f + ".replicas", 1) : 1;
            Object st = m.get("stateful");
            if (st != null && !(st instanceof Boolean)) {
                throw error(f + ".stateful", "expected true or false");
            }
            boolean stateful = Boolean.TRUE.equals(st);
            for (Grant pg : parsed) {
                if (pg instanceof MessagingGrant) {
                    // A messaging line of the node's own is allowed for other links; the edges' link is derived.
                    String[] words = pg.describe().split("[ \t]+");
                    if (words.length > 1 && words[1].equals(link)) {
                        throw error(f + ".grants", "'messaging " + link + "' is derived from the edges; remove it");
                    }
                }
            }
            return new Node(name, hash, moduleName, grants, links, args, identity, req, replicas, stateful);
        }

        Requirements requirements(Object o, String f) throws FleetException {
            if (o == null) {
                return new Requirements(Map.of(), List.of(), -1, null, 0);
            }
            Map<String, Object> m = map(o, f);
            only(m, f, "labels", "pins", "camera", "arch", "memory");
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.get("labels") != null) {
                for (Map.Entry<String, Object> e : map(m.get("labels"), f + ".labels").entrySet()) {
                    labels.put(e.getKey(), string(e.getValue(), f + ".labels." + e.getKey()));
                }
            }
            List<Integer> pins = new ArrayList<>();
            if (m.get("pins") != null) {
                for (Object p : list(m.get("pins"), f + ".pins")) {
                    pins.add(count(p, f + ".pins", 0));
                }
            }
            int camera = -1;
            Object c = m.get("camera");
            if (Boolean.TRUE.equals(c)) {
                camera = 0;
            } else if (c instanceof Integer) {
                camera = count(c, f + ".camera", 0);
            } else if (c != null && !Boolean.FALSE.equals(c)) {
                throw error(f + ".camera", "expected true, false or a camera number (0 is the first)");
            }
            String arch = m.containsKey("arch") ? string(m.get("arch"), f + ".arch") : null;
            long memory = m.containsKey("memory") ? bytes(m.get("memory"), f + ".memory") : 0;
            return new Requirements(labels, pins, camera, arch, memory);
        }
    }
}
