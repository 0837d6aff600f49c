package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.fleet.FleetException;
import dev.weir.fleet.node.BoardCapacity;
import dev.weir.fleet.node.InstanceSpec;
import dev.weir.fleet.node.RunningModule;
import dev.weir.messaging.Mosquitto;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The board side of a fleet node: instances run as weir run would, stop at a checkpoint and resume elsewhere. */
class BoardModuleRunnerTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true);

    static InstanceSpec aggregator(String brokerUri) {
        String events = "weir/app/t/motion/events";
        String count = "weir/app/t/aggregator/count";
        return new InstanceSpec("t/aggregator#0", "sha256:x", "messaging broker subscribe=" + events + " publish=" + count
                + " topic-map=events=" + events + ",count=" + count + "\n", Map.of("broker", brokerUri),
                Map.of("count", count), Map.of("events", events), null, List.of());
    }

    @Test
    void aStatefulInstanceKeepsItsCountAcrossCheckpointAndResumeAndGetsWhatWasSentMeanwhile() throws Exception {
        byte[] wasm = Files.readAllBytes(Cli.root().resolve("examples/fleet/aggregator.wasm"));
        try (Mosquitto broker = Mosquitto.started(); FleetClient client = new FleetClient(broker.port, "test-client")) {
            client.subscribe("weir/app/t/aggregator/count");
            BoardModuleRunner board = new BoardModuleRunner("host", List.of(), null, out, out);
            RunningModule first = board.start(aggregator(broker.uri()), wasm, null);
            awaitLog("counting events", 20_000);
            for (int i = 1; i <= 3; i++) {
                client.publish("weir/app/t/motion/events", "{\"event\":\"start\",\"seq\":" + i + "}");
            }
            client.await("{\"count\":3,", 20_000);
            byte[] snapshot = first.checkpointAndStop(10_000);
            assertEquals(RunningModule.State.STOPPED, first.state(), log.toString());
            client.publish("weir/app/t/motion/events", "{\"event\":\"end\",\"seq\":4}"); // waits in the session
            RunningModule second = new BoardModuleRunner("host", List.of(), null, out, out)
                    .start(aggregator(broker.uri()), wasm, snapshot);
            client.await("{\"count\":4,\"motion\":0}", 20_000);
            client.publish("weir/app/t/motion/events", "{\"event\":\"start\",\"seq\":5}");
            client.await("{\"count\":5,\"motion\":1}", 20_000);
            assertEquals(RunningModule.State.RUNNING, second.state(), log.toString());
            assertTrue(second.memoryBytes() > 0);
            second.stop();
            assertEquals(RunningModule.State.STOPPED, second.state());
            assertTrue(log.toString().contains("[t/aggregator#0] aggregator: {\"count\":3,\"motion\":1}"), log.toString());
        }
    }

    @Test
    void capacityComesFromTheBoardPortAndUnofferedPinsOrCamerasAreRefusedInOneLine() {
        BoardModuleRunner board = new BoardModuleRunner("host", List.of("synthetic:paced"), Arrays.asList(17, 27), out, out);
        BoardCapacity c = board.capacity();
        assertEquals(Arrays.asList(17, 27), c.pins());
        assertEquals(List.of("synthetic:paced"), c.cameras());
        assertEquals(System.getProperty("os.arch"), c.arch());
        assertTrue(c.cpus() >= 1 && c.memoryBytes() > 0);
        InstanceSpec led = new InstanceSpec("t/led#0", "sha256:x", "gpio 22 output\n", Map.of(), Map.of(), Map.of(), null,
                List.of());
        FleetException e = assertThrows(FleetException.class, () -> board.start(led, new byte[0], null));
        assertEquals("instance t/led#0 needs GPIO 22, which this node does not offer (pins [17, 27])", e.getMessage());
        BoardModuleRunner noCamera = new BoardModuleRunner("host", List.of(), Collections.emptyList(), out, out);
        InstanceSpec motion = new InstanceSpec("t/motion#0", "sha256:x", "camera 0 max=80x60\n", Map.of(), Map.of(),
                Map.of(), null, List.of());
        e = assertThrows(FleetException.class, () -> noCamera.start(motion, new byte[0], null));
        assertEquals("instance t/motion#0 needs camera 0, and this node offers no camera", e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new BoardModuleRunner("host", List.of(), List.of(99), out, out));
        assertTrue(bad.getMessage().startsWith("--pins: GPIO 99 is not a pin of the host board"), bad.getMessage());
    }

    private void awaitLog(String text, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!log.toString(StandardCharsets.UTF_8).contains(text)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no line with " + text + ": " + log);
            }
            Thread.sleep(20);
        }
    }
}
