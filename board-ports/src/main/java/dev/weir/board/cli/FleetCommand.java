package dev.weir.board.cli;

import dev.weir.fleet.FleetClient;
import dev.weir.fleet.FleetException;
import dev.weir.fleet.FleetTopics;
import dev.weir.fleet.Json;
import dev.weir.fleet.control.FleetOps;
import dev.weir.fleet.control.PlacementController;
import dev.weir.fleet.graph.Graph;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code weir fleet apply|delete|status|move|controller}: a graph onto the fleet, and the placement
 * controller (fleet/README.md, the protocol in docs/fleet-protocol.md).
 */
final class FleetCommand {
    static final String HELP = ""
            + "usage: weir fleet apply GRAPH.yaml      publish the graph's modules and the graph; the controller\n"
            + "                                        places its instances on the boards\n"
            + "       weir fleet delete GRAPH          remove a graph: its instances stop everywhere\n"
            + "       weir fleet status [--json]       where each instance runs and in what state, and the boards\n"
            + "       weir fleet move INSTANCE --to BOARD\n"
            + "                                        move an instance (GRAPH/NODE#N, GRAPH/NODE or NODE when it\n"
            + "                                        names one); a stateful one keeps its state (checkpoint and\n"
            + "                                        restore); returns once it runs on BOARD\n"
            + "       weir fleet controller            run the placement controller until stopped (SIGTERM)\n"
            + "\n"
            + "options (every subcommand):\n"
            + "  --broker URI     the site's MQTT broker (default: $WEIR_BROKER, else mqtt://127.0.0.1:1883)\n"
            + "  --fleet NAME     the fleet, topic prefix weir/fleet/NAME (default: default)\n"
            + "  --timeout TIME   move: how long to wait for the controller (default 60s)\n"
            + "\n"
            + "A graph manifest names nodes (a signed module, grants, links, requirements: labels, pins, camera,\n"
            + "arch, memory; replicas; stateful) and edges (NODE.PORT to NODE.PORT); weir derives the topics and\n"
            + "the messaging grants from the edges. See fleet/README.md.\n";

    private FleetCommand() {
    }

    static int execute(String[] args, PrintStream out) throws CliException {
        if (args.length < 2) {
            throw CliException.usage("fleet: give a subcommand: apply, delete, status, move, controller (weir help fleet)");
        }
        String sub = args[1];
        String broker = System.getenv("WEIR_BROKER") != null ? System.getenv("WEIR_BROKER") : "mqtt://127.0.0.1:1883";
        String fleet = FleetTopics.DEFAULT_FLEET;
        String to = null;
        long timeout = 60_000;
        boolean json = false;
        List<String> rest = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String a = args[i];
            if (("--broker".equals(a) || "--fleet".equals(a) || "--to".equals(a) || "--timeout".equals(a)) && i + 1 >= args.length) {
                throw CliException.usage("fleet " + sub + ": " + a + " needs a value");
            }
            switch (a) {
                case "--broker": broker = args[++i]; break;
                case "--fleet": fleet = args[++i]; break;
                case "--to": to = args[++i]; break;
                case "--timeout": timeout = RunOptions.parseDuration("--timeout", args[++i]); break;
                case "--json": json = true; break;
                default:
                    if (a.startsWith("--")) {
                        throw CliException.usage("fleet " + sub + ": unknown option " + a + " (weir help fleet)");
                    }
                    rest.add(a);
            }
        }
        FleetTopics topics;
        try {
            topics = new FleetTopics(fleet);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--fleet: " + e.getMessage());
        }
        switch (sub) {
            case "apply": {
                one(rest, sub, "GRAPH.yaml");
                if (!Files.isRegularFile(Paths.get(rest.get(0)))) {
                    throw new CliException(ExitStatus.FILE_NOT_FOUND, "fleet apply: no file " + rest.get(0));
                }
                try (FleetClient c = connect(broker, "apply")) {
                    Graph g = FleetOps.apply(c, topics, Paths.get(rest.get(0)));
                    int n = g.instances(broker).size();
                    out.println("applied graph " + g.name + ": " + g.nodes.size() + " nodes, " + n + " instance" + (n == 1 ? "" : "s")
                            + " (weir fleet status shows where they run)");
                } catch (FleetException e) {
                    throw new CliException(e.getMessage().startsWith("broker ") ? ExitStatus.LINK : ExitStatus.INVALID, e.getMessage());
                }
                return ExitStatus.OK;
            }
            case "delete": {
                one(rest, sub, "GRAPH");
                try (FleetClient c = connect(broker, "delete")) {
                    FleetOps.delete(c, topics, rest.get(0));
                    out.println("deleted graph " + rest.get(0));
                } catch (FleetException e) {
                    throw new CliException(ExitStatus.LINK, e.getMessage());
                }
                return ExitStatus.OK;
            }
            case "status": {
                none(rest, sub);
                try (FleetClient c = connect(broker, "status")) {
                    Map<String, Object> s = FleetOps.status(c, topics, 300);
                    out.print(json ? Json.write(s) + "\n" : FleetOps.table(s));
                } catch (FleetException e) {
                    throw new CliException(ExitStatus.LINK, e.getMessage());
                }
                return ExitStatus.OK;
            }
            case "move": {
                one(rest, sub, "INSTANCE");
                if (to == null) {
                    throw CliException.usage("fleet move: give the target board with --to BOARD");
                }
                Map<String, Object> r;
                try (FleetClient c = connect(broker, "move")) {
                    r = FleetOps.move(c, topics, rest.get(0), to, timeout);
                } catch (FleetException e) {
                    throw new CliException(ExitStatus.LINK, e.getMessage());
                }
                if (!Boolean.TRUE.equals(r.get("ok"))) {
                    throw new CliException(ExitStatus.DENIED, "fleet move: " + r.get("error"));
                }
                out.println("moved " + r.get("instance") + (r.get("from") == null ? "" : " from " + r.get("from")) + " to " + r.get("to"));
                return ExitStatus.OK;
            }
            case "controller": {
                none(rest, sub);
                PlacementController pc;
                try {
                    pc = new PlacementController(new PlacementController.Settings(broker).fleet(fleet));
                    pc.start();
                } catch (FleetException e) {
                    throw new CliException(ExitStatus.LINK, e.getMessage());
                }
                out.println("weir fleet controller: fleet " + fleet + " on " + broker);
                out.flush();
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    pc.stop();
                    stopped.countDown();
                }));
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ExitStatus.OK;
            }
            default:
                throw CliException.usage("fleet: unknown subcommand " + sub + " (apply, delete, status, move, controller)");
        }
    }

    private static FleetClient connect(String broker, String what) throws FleetException {
        FleetClient c = new FleetClient(broker, "weir-fleet-" + what + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime(),
                5, null, null);
        c.connect(10_000);
        return c;
    }

    private static void one(List<String> rest, String sub, String what) throws CliException {
        if (rest.size() != 1) {
            throw CliException.usage("fleet " + sub + ": expected one " + what + (rest.isEmpty() ? "" : ", got " + rest));
        }
    }

    private static void none(List<String> rest, String sub) throws CliException {
        if (!rest.isEmpty()) {
            throw CliException.usage("fleet " + sub + ": unexpected " + rest.get(0));
        }
    }
}
