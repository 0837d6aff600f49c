package dev.weir.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import dev.weir.fleet.control.FleetOps;
import dev.weir.fleet.node.BoardCapacity;
import dev.weir.fleet.node.InstanceSpec;
import dev.weir.fleet.node.ModuleRunner;
import dev.weir.fleet.node.NodeAgent;
import dev.weir.fleet.node.RunningModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * QoS 1 messages published to an instance's input before its board ever started it reach it: the
 * controller created the instance's session (its client identity, clean start off, QoS 1 subscription
 * to its input topic) before placing it. Real mosquitto; the consumer's board connects as the instance
 * does (same client identity, clean start off) but subscribes to nothing itself, so whatever it gets
 * was queued in the session the controller made. Without that session the broker has no subscriber
 * for the topic and drops the messages.
 */
class SessionsBeforeStartTest {
    static final String GRAPH = ""
            + "graph: early\n"
            + "nodes:\n"
            + "  producer: {module: producer.wasm}\n"
            + "  consumer: {module: consumer.wasm, requires: {labels: {role: sink}}}\n"
            + "edges:\n"
            + "  - {from: producer.out, to: consumer.in}\n";

    @Test
    void messagesPublishedBeforeTheConsumerFirstRunsAllReachIt() throws Exception {
        try (Site s = new Site()) {
            s.module("producer.wasm");
            s.module("consumer.wasm");
            s.board("gw1", Map.of(), new FakeRunner(), false);
            s.controller();
            AtomicReference<Map<String, Object>> state = new AtomicReference<>();
            s.client.subscribe(s.topics.controllerState(), (t, p) -> {
                try {
                    state.set(Json.parseObject(p));
                } catch (FleetException e) {
                    throw new IllegalStateException(e);
                }
            });
            FleetOps.apply(s.client, s.topics, s.manifest(GRAPH));
            // No board has role=sink yet: the consumer waits, with its session made.
            Wait.until("producer running, consumer's session made and the consumer pending", 20_000, () -> {
                Map<String, Object> st = state.get();
                return "gw1".equals(s.runs("early/producer#0")) && st != null
                        && Json.list(st, "sessions").contains("early/consumer#0")
                        && Json.list(st, "pending").contains("early/consumer#0");
            });
            String topic = FleetTopics.appTopic("early", "producer", "out");
            assertEquals(Map.of("out", topic), s.runners.get("gw1").running("early/producer#0").spec.outputs());
            int n = 20;
            for (int i = 0; i < n; i++) {
                s.client.publishAndWait(topic, ("m" + i).getBytes(StandardCharsets.UTF_8), false);
            }
            SessionRunner sink = new SessionRunner(s.broker.uri());
            NodeAgent agent = new NodeAgent(new NodeAgent.Settings(s.broker.uri(), "sink1").labels(Map.of("role", "sink")), sink);
            agent.start();
            s.agents.put("sink1", agent);
            Wait.until("the consumer got all " + n + " messages", 20_000, () -> sink.received.size() >= n);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                expected.add(topic + " m" + i);
            }
            assertEquals(expected, sink.received);
            assertTrue(sink.clientIds.contains(InstanceSpec.clientId("early/consumer#0", "broker")), sink.clientIds.toString());
        }
    }

    /** A board whose instances connect to the broker as the board's links do, and record what arrives. */
    static final class SessionRunner implements ModuleRunner {
        final String broker;
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<String> clientIds = new CopyOnWriteArrayList<>();

        SessionRunner(String broker) {
            this.broker = broker;
        }

        @Override
        public BoardCapacity capacity() {
            return new BoardCapacity("aarch64", 4, 512L << 20, List.of(), List.of());
        }

        @Override
        public RunningModule start(InstanceSpec spec, byte[] wasm, byte[] snapshot) {
            URI u = URI.create(spec.links().get("broker"));
            String id = InstanceSpec.clientId(spec.instanceId(), "broker");
            clientIds.add(id);
            Mqtt5AsyncClient c = MqttClient.builder().useMqttVersion5().identifier(id).serverHost(u.getHost())
                    .serverPort(u.getPort()).buildAsync();
            c.publishes(MqttGlobalPublishFilter.ALL, p -> received.add(p.getTopic() + " "
                    + new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
            c.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().join();
            return new RunningModule() {
                volatile State state = State.RUNNING;

                @Override public String instanceId() { return spec.instanceId(); }
                @Override public State state() { return state; }
                @Override public String outcome() { return null; }
                @Override public long memoryBytes() { return 65536; }

                @Override
                public byte[] checkpointAndStop(long timeoutMillis) {
                    stop();
                    return new byte[0];
                }

                @Override
                public void stop() {
                    state = State.STOPPED;
                    try {
                        c.disconnect().get(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // already gone
                    }
                }
            };
        }
    }
}
