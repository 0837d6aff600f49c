package dev.weir.fleet.node;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of a graph node, as assigned to a board: which module, with which grants and links,
 * and how the module's port names map to the MQTT topics the controller derived from the graph's edges.
 * The module names only its ports; it never sees another module's topics.
 */
public final class InstanceSpec {
    private final String instanceId;
    private final String moduleHash;
    private final String grants;
    private final Map<String, String> links;
    private final Map<String, String> outputs;
    private final Map<String, String> inputs;
    private final String spiffeId;
    private final List<String> args;

    /**
     * @param instanceId unique in the fleet, {@code GRAPH/NODE#REPLICA}, for example {@code motion-demo/aggregator#0};
     *     also the MQTT client identity of the instance's links, so its broker session (and the QoS 1
     *     messages queued in it) follows the instance from board to board
     * @param moduleHash {@code sha256:} and 64 lower-case hex digits of the signed module's bytes
     * @param grants the instance's grants in weir's grant file syntax (hal/README.md), derived by the
     *     controller from the manifest: pins, camera, the links and the topics of its edges
     * @param links link name to broker URI, as {@code weir run --link NAME=URI}
     * @param outputs port name to the MQTT topic the module's publishes on that port go to
     * @param inputs port name to the MQTT topic filter the module receives on that port
     * @param spiffeId the instance's SPIFFE ID, or null
     * @param args the module's arguments after its name (WASI argv[1..])
     */
    public InstanceSpec(String instanceId, String moduleHash, String grants, Map<String, String> links,
            Map<String, String> outputs, Map<String, String> inputs, String spiffeId, List<String> args) {
        this.instanceId = instanceId;
        this.moduleHash = moduleHash;
        this.grants = grants;
        this.links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        this.spiffeId = spiffeId;
        this.args = List.copyOf(args);
    }

    public String instanceId() { return instanceId; }
    public String moduleHash() { return moduleHash; }
    public String grants() { return grants; }
    public Map<String, String> links() { return links; }
    public Map<String, String> outputs() { return outputs; }
    public Map<String, String> inputs() { return inputs; }
    public String spiffeId() { return spiffeId; }
    public List<String> args() { return args; }

    /**
     * The MQTT client identity of this instance's link {@code link}: {@code weir-}, its id and the link
     * name, with characters brokers may dislike replaced. The board uses it unless the link's URI names
     * a {@code client-id} of its own; the controller uses it to create the instance's session in advance.
     */
    public static String clientId(String instanceId, String link) {
        StringBuilder b = new StringBuilder("weir-");
        for (char c : (instanceId + "-" + link).toCharArray()) {
            b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        return b.toString();
    }
}
