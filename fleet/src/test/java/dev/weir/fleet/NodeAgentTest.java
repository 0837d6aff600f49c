package dev.weir.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.fleet.node.NodeAgent;
import dev.weir.fleet.node.RunningModule;
import dev.weir.messaging.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The node agent alone against a real mosquitto, with the controller's messages written by hand. */
class NodeAgentTest {
    static final byte[] MODULE = {0, 'a', 's', 'm', 1, 0, 0, 0};

    static Map<String, Object> instance(String id, String hash) {
        Map<String, Object> i = new java.util.LinkedHashMap<>();
        i.put("id", id);
        i.put("module", hash);
        i.put("grants", "messaging broker publish=weir/app/g/a/out");
        i.put("links", Map.of("broker", "mqtt://127.0.0.1:1"));
        i.put("outputs", Map.of("out", "weir/app/g/a/out"));
        i.put("inputs", Map.of());
        return i;
    }

    @Test
    void runsItsAssignmentChecksHashesAndCheckpoints() throws Exception {
        try (Mosquitto broker = Mosquitto.started();
                FleetClient ctl = new FleetClient(broker.uri(), "test-ctl", 5, null, null)) {
            ctl.connect(10_000);
            FleetTopics t = new FleetTopics("default");
            String hash = NodeAgent.sha256(MODULE);
            ctl.publishAndWait(t.module(hash), MODULE, true);
            String wrong = NodeAgent.sha256(new byte[] {1});
            ctl.publishAndWait(t.module(wrong), MODULE, true);
            Map<String, Object> a = Json.object();
            a.put("generation", 1L);
            a.put("instances", List.of(instance("g/a#0", hash), instance("g/b#0", wrong)));
            ctl.publishAndWait(t.assign("n1"), Json.bytes(a), true);
            BlockingQueue<byte[]> replies = new ArrayBlockingQueue<>(4);
            ctl.subscribe(t.nodeReply("n1"), (topic, p) -> replies.add(p));

            FakeRunner board = new FakeRunner();
            NodeAgent agent = new NodeAgent(new NodeAgent.Settings(broker.uri(), "n1").labels(Map.of("role", "cam")), board);
            agent.start();
            try {
                Wait.until("g/a#0 running and g/b#0 failed", 10_000, () ->
                        agent.instances().get("g/a#0") == RunningModule.State.RUNNING
                        && agent.instances().get("g/b#0") == RunningModule.State.FAILED);
                Map<String, Object> status = Json.parseObject(ctl.fetchRetained(t.status("n1"), 5_000));
                assertEquals("online", status.get("state"));
                assertEquals("cam", Json.strings(status, "labels").get("role"));

                board.running("g/a#0").counter.set(42);
                Map<String, Object> cmd = Json.object();
                cmd.put("op", "checkpoint");
                cmd.put("instance", "g/a#0");
                cmd.put("request", "r1");
                ctl.publishAndWait(t.nodeCmd("n1"), Json.bytes(cmd), false);
                Map<String, Object> reply = Json.parseObject(replies.poll(10, TimeUnit.SECONDS));
                assertEquals(Boolean.TRUE, reply.get("ok"), String.valueOf(reply));
                String snap = Json.string(reply, "snapshot");
                byte[] bytes = ctl.fetchRetained(t.snapshot(snap), 5_000);
                assertNotNull(bytes);
                assertEquals("42", new String(bytes, StandardCharsets.UTF_8));
                assertEquals(RunningModule.State.STOPPED, agent.instances().get("g/a#0"));
            } finally {
                agent.stop();
            }
            Map<String, Object> after = Json.parseObject(ctl.fetchRetained(t.status("n1"), 5_000));
            assertEquals("offline", after.get("state"));
            assertTrue(board.running("g/a#0") == null);
        }
    }
}
