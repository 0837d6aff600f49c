package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.fleet.control.PlacementController;
import dev.weir.messaging.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * weir fleet against a real mosquitto and a controller in process, without boards (the node side has
 * its own end-to-end tests): apply, status as a table and as JSON, a refused move, one-line errors.
 */
class FleetCliTest {
    private static void assertOneLineError(Cli.Result r, int status, String start) {
        assertEquals(status, r.status, r.stderr);
        assertTrue(r.stderr.startsWith("weir: " + start), r.stderr);
        assertEquals(1, r.stderr.split("\n").length, r.stderr);
    }

    @Test
    void appliesShowsStatusAndRefusesWithOneLine() throws Exception {
        Path dir = Files.createTempDirectory("weir-fleet-cli");
        Files.write(dir.resolve("a.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        Path graph = dir.resolve("g.yaml");
        Files.write(graph, ("graph: cli\nnodes:\n  a: {module: a.wasm, requires: {labels: {role: none}}}\n"
                + "  b: {module: a.wasm}\nedges:\n  - {from: a.out, to: b.in}\n").getBytes(StandardCharsets.UTF_8));
        Path bad = dir.resolve("bad.yaml");
        Files.write(bad, "graph: cli\nnodes:\n  a: {module: a.wasm, replicas: -1}\n".getBytes(StandardCharsets.UTF_8));
        try (Mosquitto broker = Mosquitto.started()) {
            PlacementController c = new PlacementController(new PlacementController.Settings(broker.uri()));
            c.start();
            try {
                Cli.Result r = Cli.run("fleet", "apply", graph.toString(), "--broker", broker.uri());
                assertEquals(0, r.status, r.stderr);
                assertEquals("applied graph cli: 2 nodes, 2 instances (weir fleet status shows where they run)\n", r.stdout);
                long deadline = System.nanoTime() + 20_000_000_000L;
                Cli.Result s;
                do {
                    Thread.sleep(200);
                    s = Cli.run("fleet", "status", "--json", "--broker", broker.uri());
                } while (!s.stdout.contains("\"cli/b#0\"") && System.nanoTime() < deadline);
                assertTrue(s.stdout.contains("\"cli/a#0\":{\"board\":null,\"state\":\"PENDING\""), s.stdout);
                Cli.Result table = Cli.run("fleet", "status", "--broker", broker.uri());
                assertTrue(table.stdout.startsWith("INSTANCE"), table.stdout);
                assertTrue(table.stdout.contains("cli/b#0") && table.stdout.contains("PENDING"), table.stdout);
                assertOneLineError(Cli.run("fleet", "move", "a", "--to", "gw9", "--broker", broker.uri()), ExitStatus.DENIED,
                        "fleet move: board 'gw9' is not online");
                assertOneLineError(Cli.run("fleet", "apply", bad.toString(), "--broker", broker.uri()), ExitStatus.INVALID,
                        bad + ": nodes.a.replicas: expected a whole number from 1 to 10000");
            } finally {
                c.stop();
            }
        }
        assertOneLineError(Cli.run("fleet"), ExitStatus.USAGE, "fleet: give a subcommand");
        assertOneLineError(Cli.run("fleet", "move", "a"), ExitStatus.USAGE, "fleet move: give the target board with --to BOARD");
        assertOneLineError(Cli.run("fleet", "apply", dir.resolve("none.yaml").toString()), ExitStatus.FILE_NOT_FOUND,
                "fleet apply: no file");
        assertTrue(Cli.run("help", "fleet").stdout.startsWith("usage: weir fleet apply GRAPH.yaml"));
    }
}
