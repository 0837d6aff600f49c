package dev.weir.fleet;

/**
 * The topics of the fleet protocol (docs/fleet-protocol.md) under one fleet's prefix
 * {@code weir/fleet/<fleet>}, and the application topics derived from a graph's edges.
 */
public final class FleetTopics {
    public static final String DEFAULT_FLEET = "default";

    private final String fleet;
    private final String prefix;

    public FleetTopics(String fleet) {
        if (fleet == null || fleet.isEmpty() || fleet.contains("/") || fleet.contains("+") || fleet.contains("#")) {
            throw new IllegalArgumentException("fleet name must be one topic level without wildcards: " + fleet);
        }
        this.fleet = fleet;
        this.prefix = "weir/fleet/" + fleet;
    }

    public String fleet() { return fleet; }
    public String prefix() { return prefix; }

    public String status(String node) { return prefix + "/nodes/" + node + "/status"; }
    public String heartbeat(String node) { return prefix + "/nodes/" + node + "/heartbeat"; }
    public String assign(String node) { return prefix + "/nodes/" + node + "/assign"; }
    public String nodeCmd(String node) { return prefix + "/nodes/" + node + "/cmd"; }
    public String nodeReply(String node) { return prefix + "/nodes/" + node + "/reply"; }
    public String allStatus() { return prefix + "/nodes/+/status"; }
    public String allHeartbeats() { return prefix + "/nodes/+/heartbeat"; }
    public String allReplies() { return prefix + "/nodes/+/reply"; }

    /** @param hash {@code sha256:HEX} or HEX */
    public String module(String hash) { return prefix + "/modules/" + hex(hash); }
    public String snapshot(String hash) { return prefix + "/snapshots/" + hex(hash); }
    public String graph(String graph) { return prefix + "/graphs/" + graph; }
    public String allGraphs() { return prefix + "/graphs/+"; }
    public String controllerState() { return prefix + "/controller/state"; }
    public String controllerCmd() { return prefix + "/controller/cmd"; }
    public String controllerReply() { return prefix + "/controller/reply"; }

    /** The node name in a {@code F/nodes/<node>/...} topic, or null. */
    public String nodeOf(String topic) {
        String p = prefix + "/nodes/";
        if (!topic.startsWith(p)) {
            return null;
        }
        int slash = topic.indexOf('/', p.length());
        return slash < 0 ? null : topic.substring(p.length(), slash);
    }

    /** The last level of a topic. */
    public static String last(String topic) {
        return topic.substring(topic.lastIndexOf('/') + 1);
    }

    /** The topic output port {@code port} of graph node {@code node} publishes to. */
    public static String appTopic(String graph, String node, String port) {
        return "weir/app/" + graph + "/" + node + "/" + port;
    }

    static String hex(String hash) {
        return hash.startsWith("sha256:") ? hash.substring(7) : hash;
    }
}
