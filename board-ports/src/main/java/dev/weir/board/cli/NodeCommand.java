package dev.weir.board.cli;

import dev.weir.fleet.FleetException;
import dev.weir.fleet.control.PlacementController;
import dev.weir.fleet.node.BoardCapacity;
import dev.weir.fleet.node.NodeAgent;
import dev.weir.trust.TrustException;
import dev.weir.trust.TrustPolicy;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code weir node}: this board joins a fleet through its broker ({@link NodeAgent}) and runs the
 * instances the placement controller assigns it ({@link BoardModuleRunner}), until SIGINT or SIGTERM,
 * when it stops them and tells the fleet it left. With {@code --controller} the same process also takes
 * the controller role.
 */
final class NodeCommand {
    static final String HELP = "usage: weir node --id ID --broker mqtt://HOST:PORT --trust POLICY [OPTIONS]\n"
            + "\n"
            + "Joins a fleet as a board and runs the graph instances its placement controller assigns here\n"
            + "(docs/fleet-protocol.md), until Ctrl-C or SIGTERM. Modules are pulled by hash from the broker and\n"
            + "must pass the trust policy (signature, signer, every grant) before they run.\n"
            + "\n"
            + "  --id ID                  the node's name in the fleet (one topic level: no / + #)\n"
            + "  --broker URI             the site's broker, mqtt://HOST:PORT\n"
            + "  --trust POLICY           the trust policy file modules must pass (--trust none: only the\n"
            + "                           module's hash is checked; for development)\n"
            + "  --labels K=V,...         labels a graph's requirements can ask for (role=camera,room=lab)\n"
            + "  --fleet NAME             the fleet (topic prefix weir/fleet/NAME), default default\n"
            + "  --board NAME             the board port (weir help board); default: detect\n"
            + "  --camera SPEC            a camera this node offers, as weir run's (repeat: camera 0, 1, ...);\n"
            + "                           without it the node offers no camera\n"
            + "  --pins N,N,...|none      the GPIO pins (BCM) this node offers; default: every pin of the board\n"
            + "  --controller             also run the placement controller (one per fleet is enough; a\n"
            + "                           restarted one picks up from the broker's retained state)\n";

    private NodeCommand() {
    }

    static int execute(String[] args, PrintStream out, PrintStream err) throws CliException {
        String id = null;
        String broker = null;
        String trust = null;
        String fleet = null;
        String board = null;
        boolean controller = false;
        Map<String, String> labels = new LinkedHashMap<>();
        List<String> cameras = new ArrayList<>();
        List<Integer> pins = null;
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if ("--controller".equals(name)) {
                controller = true;
                continue;
            }
            if (!name.startsWith("--")) {
                throw CliException.usage("node takes no arguments, only options (got " + name + "; see weir help node)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw CliException.usage(name + " needs a value (see weir help node)");
                }
                value = args[++i];
            }
            switch (name) {
                case "--id":
                    id = value;
                    break;
                case "--broker":
                    broker = value;
                    break;
                case "--trust":
                    trust = value;
                    break;
                case "--fleet":
                    fleet = value;
                    break;
                case "--board":
                    board = value;
                    break;
                case "--camera":
                    cameras.add(value);
                    break;
                case "--labels":
                    for (String pair : value.split(",")) {
                        int at = pair.indexOf('=');
                        if (at <= 0) {
                            throw CliException.usage("--labels " + value + ": expected KEY=VALUE,... (got '" + pair + "')");
                        }
                        labels.put(pair.substring(0, at).trim(), pair.substring(at + 1).trim());
                    }
                    break;
                case "--pins":
                    pins = new ArrayList<>();
                    if (!"none".equals(value)) {
                        for (String p : value.split(",")) {
                            try {
                                pins.add(Integer.parseInt(p.trim()));
                            } catch (NumberFormatException e) {
                                throw CliException.usage("--pins " + value + ": '" + p + "' is not a BCM pin number");
                            }
                        }
                    }
                    break;
                default:
                    throw CliException.usage("unknown option " + name + " for node (see weir help node)");
            }
        }
        if (id == null) {
            throw CliException.usage("node needs --id ID, the node's name in the fleet");
        }
        if (broker == null) {
            throw CliException.usage("node needs --broker mqtt://HOST:PORT, the fleet's broker");
        }
        if (trust == null) {
            throw CliException.usage("node needs --trust POLICY, the policy every module must pass (--trust none for"
                    + " development: then only the module's hash is checked)");
        }
        TrustPolicy policy = null;
        if (!"none".equals(trust)) {
            if (!Files.isRegularFile(Paths.get(trust))) {
                throw new CliException(ExitStatus.FILE_NOT_FOUND, "--trust " + trust + ": no such file");
            }
            try {
                policy = TrustPolicy.read(Paths.get(trust));
            } catch (TrustException e) {
                throw new CliException(ExitStatus.MALFORMED, e.getMessage());
            }
        }
        checkReachable(id, broker);
        BoardModuleRunner runner;
        try {
            runner = new BoardModuleRunner(board, cameras, pins, out, err);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        NodeAgent.Settings settings = new NodeAgent.Settings(broker, id).labels(labels).trust(policy);
        if (fleet != null) {
            settings.fleet(fleet);
        }
        AutoCloseable control = null;
        NodeAgent agent;
        try {
            if (controller) {
                control = Controllers.start(broker, fleet);
            }
            agent = new NodeAgent(settings, runner);
            agent.start();
        } catch (FleetException e) {
            closeQuietly(control);
            throw new CliException(ExitStatus.LINK, "node " + id + ": " + e.getMessage());
        }
        BoardCapacity c = runner.capacity();
        out.print("weir node " + id + ": in fleet " + (fleet == null ? "default" : fleet) + " at " + broker + (controller
                ? " (and its controller)" : "") + "; labels " + labels + ", pins " + c.pins() + ", cameras " + c.cameras()
                + ", " + c.cpus() + " CPUs, " + (c.memoryBytes() >> 20) + " MiB for instances\n");
        out.flush();
        CountDownLatch left = new CountDownLatch(1);
        final AutoCloseable controlRole = control;
        final String nodeId = id;
        final NodeAgent member = agent;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            member.stop();
            closeQuietly(controlRole);
            synchronized (out) {
                out.print("weir node " + nodeId + ": left the fleet\n");
                out.flush();
            }
            left.countDown();
        }, "weir-node-leave"));
        try {
            left.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitStatus.OK;
    }

    /**
     * One line at once when the broker's port does not answer (refused, no route, unknown host), rather
     * than the MQTT client's timeout after retrying in the background.
     */
    static void checkReachable(String id, String broker) throws CliException {
        java.net.URI uri;
        try {
            uri = new java.net.URI(broker);
        } catch (java.net.URISyntaxException e) {
            throw CliException.usage("--broker " + broker + ": not a URI (expected mqtt://HOST:PORT)");
        }
        if (!"mqtt".equals(uri.getScheme()) || uri.getHost() == null) {
            throw CliException.usage("--broker " + broker + ": expected mqtt://HOST:PORT");
        }
        int port = uri.getPort() < 0 ? 1883 : uri.getPort();
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(uri.getHost(), port), 3000);
        } catch (java.io.IOException e) {
            String why = e instanceof java.net.UnknownHostException ? "unknown host " + uri.getHost()
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new CliException(ExitStatus.LINK, "node " + id + ": broker " + broker + " is unreachable (" + why + ")");
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // leaving anyway
        }
    }

    /** The controller role, kept apart so the node runs without it. */
    static final class Controllers {
        private Controllers() {
        }

        static AutoCloseable start(String broker, String fleet) throws FleetException {
            PlacementController.Settings settings = new PlacementController.Settings(broker);
            if (fleet != null) {
                settings.fleet(fleet);
            }
            PlacementController controller = new PlacementController(settings);
            controller.start();
            return controller;
        }
    }
}
