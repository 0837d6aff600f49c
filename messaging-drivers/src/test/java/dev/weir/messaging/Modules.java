package dev.weir.messaging;

import dev.weir.core.Memory;
import dev.weir.hal.capability.AuditListener;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.messaging.LinkSettings;
import dev.weir.hal.messaging.MessageTransport;
import dev.weir.hal.messaging.MessagingGrant;
import dev.weir.hal.messaging.MessagingHost;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One module's side of messaging for the integration tests: a {@link MessagingHost} over the real MQTT
 * transport, and a linear memory that calls go through exactly as a wasm module's calls do (pointers
 * and lengths), so the tests exercise the same host functions.
 */
final class Modules {
    static final int TOPIC_AT = 1000;
    static final int PAYLOAD_AT = 4096;
    static final int HEADER_AT = 100;
    static final int IN_TOPIC_AT = 200;
    static final int IN_PAYLOAD_AT = 32768;

    final MessagingHost host;
    final Memory memory = new Memory(1, 1);
    final List<String> audit = Collections.synchronizedList(new ArrayList<String>());
    int link;
    /** The link's transport, for what it saw (refused publishes, PUBACK reason codes). */
    MqttTransport transport;
    /** Topics in the order the transport handed them to the host, for diagnostics. */
    final List<String> delivered = Collections.synchronizedList(new ArrayList<String>());

    /** The link's transport, recording every message it hands to the host. */
    private final class Recording implements MessageTransport {
        private final MessageTransport inner;

        Recording(MessageTransport inner) {
            this.inner = inner;
        }

        @Override
        public void start(final Receiver receiver) {
            inner.start(new Receiver() {
                @Override
                public void received(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset,
                        int payloadLength, int flags, long token) {
                    delivered.add(new String(topic, topicOffset, topicLength, StandardCharsets.UTF_8));
                    receiver.received(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, flags, token);
                }
            });
        }

        @Override
        public int subscribe(byte[] filter, int offset, int length, int qos) {
            return inner.subscribe(filter, offset, length, qos);
        }

        @Override
        public int publish(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset,
                int payloadLength, byte[] contentType, int contentTypeOffset, int contentTypeLength, int flags) {
            return inner.publish(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, contentType,
                    contentTypeOffset, contentTypeLength, flags);
        }

        @Override
        public void acknowledge(long token) {
            inner.acknowledge(token);
        }

        @Override
        public boolean isConnected() {
            return inner.isConnected();
        }

        @Override
        public int pendingOutgoing() {
            return inner.pendingOutgoing();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    Modules(MessagingGrant grant, String linkSpec) {
        Grants grants = new Grants().add(grant).audit(new AuditListener() {
            @Override
            public void denied(String capability, String request, String reason) {
                audit.add(capability + " denied: " + request + ": " + reason);
            }

            @Override
            public void revoked(String capability, String g, int openHandles) {
                audit.add(capability + " revoked: " + g);
            }
        });
        host = new MessagingHost(grants, Collections.singletonMap(grant.link(), LinkSettings.parse(grant.link(), linkSpec)),
                Collections.<String, MessageTransport.Factory>singletonMap("mqtt", new MessageTransport.Factory() {
                    @Override
                    public MessageTransport open(LinkSettings settings, MessagingGrant g) {
                        transport = new MqttTransport(settings, g);
                        return new Recording(transport);
                    }
                }));
        link = host.openLink(grant.link());
        if (link <= 0) {
            throw new AssertionError("open-link " + grant.link() + ": " + link + " " + audit);
        }
    }

    int put(int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, memory.array(), at, b.length);
        return b.length;
    }

    int subscribe(String filter, int qos) {
        return host.subscribe(memory, link, TOPIC_AT, put(TOPIC_AT, filter), qos);
    }

    int publish(String topic, String payload, int qos) {
        return host.publish(memory, link, TOPIC_AT, put(TOPIC_AT, topic), PAYLOAD_AT, put(PAYLOAD_AT, payload), qos, 0, 0);
    }

    int publishBytes(String topic, int size, int qos) {
        return host.publish(memory, link, TOPIC_AT, put(TOPIC_AT, topic), PAYLOAD_AT, size, qos, 0, 0);
    }

    /** The next message's payload as a string, or null when none came within timeoutMillis. */
    String receive(int timeoutMillis) {
        int r = host.receive(memory, 0, HEADER_AT, IN_TOPIC_AT, 256, IN_PAYLOAD_AT, 32768, timeoutMillis);
        if (r < 0) {
            throw new AssertionError("receive: " + r);
        }
        return r == 0 ? null : new String(memory.array(), IN_PAYLOAD_AT, Memory.getInt(memory.array(), HEADER_AT + 8),
                StandardCharsets.UTF_8);
    }

    /** Takes the next message into memory without decoding it: its payload length, 0 when none came. */
    int receiveInto(int timeoutMillis) {
        return host.receive(memory, 0, HEADER_AT, IN_TOPIC_AT, 256, IN_PAYLOAD_AT, 32768, timeoutMillis);
    }

    String receivedTopic() {
        return new String(memory.array(), IN_TOPIC_AT, Memory.getInt(memory.array(), HEADER_AT + 4), StandardCharsets.UTF_8);
    }

    boolean waitConnected(long millis) {
        return waitStatus(1, millis);
    }

    /** Waits until the link has noticed that its broker is gone. */
    boolean waitDisconnected(long millis) {
        return waitStatus(0, millis);
    }

    private boolean waitStatus(int status, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (host.status(link) == status) {
                return true;
            }
            Mosquitto.sleep(10);
        }
        return false;
    }

    void close() {
        host.close();
    }
}
