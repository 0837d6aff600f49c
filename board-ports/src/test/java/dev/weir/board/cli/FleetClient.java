package dev.weir.board.cli;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test support: an MQTT client that records what arrives on a filter and publishes QoS 1 messages. */
final class FleetClient implements AutoCloseable {
    private final Mqtt5BlockingClient client;
    private final List<String> received = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();

    FleetClient(int port, String clientId) {
        client = Mqtt5Client.builder().identifier(clientId).serverHost("127.0.0.1").serverPort(port).buildBlocking();
        client.connect();
        client.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> {
            synchronized (received) {
                received.add(p.getTopic() + " " + new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8));
                arrivals.add(System.nanoTime());
                received.notifyAll();
            }
        });
    }

    FleetClient subscribe(String filter) {
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
        return this;
    }

    void publish(String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    /** Waits until a received message contains text; returns the nanoTime it arrived, or fails. */
    long await(String text, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (received) {
            while (true) {
                for (int i = 0; i < received.size(); i++) {
                    if (received.get(i).contains(text)) {
                        return arrivals.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no message containing " + text + " within " + timeoutMillis + " ms; got "
                            + received);
                }
                received.wait(Math.max(1, left / 1_000_000L));
            }
        }
    }

    /** Waits for a message after index from that contains text; returns its index. */
    int awaitAfter(int from, String text, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (received) {
            while (true) {
                for (int i = from; i < received.size(); i++) {
                    if (received.get(i).contains(text)) {
                        return i;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no message containing " + text + " within " + timeoutMillis + " ms; got "
                            + received.subList(from, received.size()));
                }
                received.wait(Math.max(1, left / 1_000_000L));
            }
        }
    }

    /** When message i arrived (System.nanoTime). */
    long arrival(int i) {
        synchronized (received) {
            return arrivals.get(i);
        }
    }

    int size() {
        synchronized (received) {
            return received.size();
        }
    }

    /** The messages received so far, as "TOPIC PAYLOAD". */
    List<String> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
