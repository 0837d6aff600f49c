package dev.weir.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.fleet.node.NodeAgent;
import dev.weir.fleet.node.RunningModule;
import dev.weir.messaging.Mosquitto;
import dev.weir.trust.ModuleSigner;
import dev.weir.trust.SecretSigningKey;
import dev.weir.trust.TrustPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void theTrustPolicyDecidesBeforeAnythingRuns() throws Exception {
        SecretSigningKey key = SecretSigningKey.generate();
        byte[] signed = new ModuleSigner(key).sign(MODULE);
        Path dir = Files.createTempDirectory("weir-node-trust");
        Files.write(dir.resolve("acme.pk"), key.publicKey().toRawFile());
        TrustPolicy policy = TrustPolicy.parse("signer acme acme.pk\nallow acme module led*.wasm\nallow acme gpio 17\n"
                + "allow acme messaging *\n", "node.trust", dir);
        try (Mosquitto broker = Mosquitto.started();
                FleetClient ctl = new FleetClient(broker.uri(), "test-ctl", 5, null, null)) {
            ctl.connect(10_000);
            FleetTopics t = new FleetTopics("default");
            String good = NodeAgent.sha256(signed);
            String unsigned = NodeAgent.sha256(MODULE);
            ctl.publishAndWait(t.module(good), signed, true);
            ctl.publishAndWait(t.module(unsigned), MODULE, true);
            Map<String, Object> ok = instance("g/led#0", good);
            ok.put("moduleName", "led.wasm");
            ok.put("grants", "gpio 17 output\nmessaging broker publish=weir/app/g/led/out");
            Map<String, Object> pin = instance("g/led2#0", good);
            pin.put("moduleName", "led.wasm");
            pin.put("grants", "gpio 18 output");
            Map<String, Object> name = instance("g/cam#0", good);
            name.put("moduleName", "camera.wasm");
            Map<String, Object> plain = instance("g/plain#0", unsigned);
            plain.put("moduleName", "led.wasm");
            Map<String, Object> a = Json.object();
            a.put("generation", 1L);
            a.put("instances", List.of(ok, pin, name, plain));
            ctl.publishAndWait(t.assign("n2"), Json.bytes(a), true);
            FakeRunner board = new FakeRunner();
            NodeAgent agent = new NodeAgent(new NodeAgent.Settings(broker.uri(), "n2").trust(policy), board);
            agent.start();
            try {
                Wait.until("four instances decided", 10_000, () -> agent.instances().size() == 4 && agent.generation() == 1);
                assertEquals(RunningModule.State.RUNNING, agent.instances().get("g/led#0"));
                assertEquals(RunningModule.State.FAILED, agent.instances().get("g/led2#0"));
                assertEquals(RunningModule.State.FAILED, agent.instances().get("g/cam#0"));
                assertEquals(RunningModule.State.FAILED, agent.instances().get("g/plain#0"));
                assertEquals(1, board.started.size(), "refused modules never reach the runner");
                Wait.until("the status carries the reasons", 10_000, () -> {
                    try {
                        String st = new String(ctl.fetchRetained(t.status("n2"), 5_000), StandardCharsets.UTF_8);
                        return st.contains("grant 'gpio 18 output") && st.contains("is not allowed for modules signed by acme")
                                && st.contains("refused led.wasm");
                    } catch (FleetException e) {
                        return false;
                    }
                });
            } finally {
                agent.stop();
            }
        }
    }
}
