package dev.weir.messaging;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.weir.hal.messaging.LinkSettings;
import dev.weir.hal.messaging.MessageTransport;
import dev.weir.hal.messaging.MessagingError;
import dev.weir.hal.messaging.MessagingGrant;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One link to an MQTT broker, on the HiveMQ MQTT client (MQTT 5). What it promises, and how:
 * <ul>
 * <li><b>Persistent session.</b> It connects with clean start off and the link's session expiry, so
 * the broker keeps its subscriptions and queues QoS 1 messages while the link is down, and the client
 * resends its unacknowledged publishes when it is back (MQTT 5 section 4.4).</li>
 * <li><b>Reconnect with backoff.</b> The client's automatic reconnect: 100 ms after a loss, doubling
 * up to the link's {@code reconnect-max} (default 10 s), also when the broker is unreachable at start;
 * the module runs meanwhile and its messages wait.</li>
 * <li><b>Bounded outgoing buffer.</b> At most the grant's {@code buffer} messages are taken and not yet
 * acknowledged by the broker (QoS 1) or written (QoS 0). When that many wait, publish refuses the new
 * message with {@code buffer-full} and takes nothing: the module learns it at once and keeps the
 * message or drops it itself; nothing the link took is dropped. A publish that the client fails (not
 * one the broker refuses) is sent again, so at-least-once holds through client errors too. The module's
 * thread never waits for the network: the link's sender thread hands messages to the client.</li>
 * <li><b>Acknowledge after the module took it.</b> Incoming messages are taken with manual
 * acknowledgement; a QoS 1 message gets its PUBACK only when the host calls {@link #acknowledge},
 * after the module copied it out of the inbox. With {@code inbox-full=block} a full inbox stops the
 * link's delivery thread; messages not yet acknowledged count against the broker's in-flight window
 * (MQTT 5 receive maximum), so the broker holds back the rest. weir does not advertise a receive
 * maximum as small as the inbox: mosquitto 2.0.11 overran one in our tests, and the client then
 * disconnects (see README.md).</li>
 * <li><b>Order.</b> Incoming messages are handed to the receiver on one thread per link, in the order
 * the client got them, so per-topic order is the broker's.</li>
 * </ul>
 */
public final class MqttTransport implements MessageTransport {
    private static final long INITIAL_RECONNECT_MILLIS = 100;

    private final LinkSettings settings;
    private final MessagingGrant grant;
    private final Mqtt5AsyncClient client;
    private final ExecutorService delivery;
    /**
     * Messages handed to the host and not acknowledged yet, at slot {@code token & mask}, with their
     * tokens beside them (a stale or repeated token finds another token there and does nothing). Tokens
     * are handed out in order and the host acknowledges a message when the module takes it or the inbox
     * drops it, so at most the inbox's size plus the one being handed over are outstanding: the ring,
     * a power of two at least twice that, is never full, and acknowledging boxes nothing (a map
     * keyed by {@code Long} allocated a key per message). Guarded by {@link #ring}.
     */
    private Mqtt5Publish[] unacknowledged;
    private long[] unacknowledgedTokens;
    private final Object ring = new Object();
    /** The delivery thread's copies of a message's topic and payload, grown to the largest seen. */
    private byte[] topicScratch = new byte[256];
    private byte[] payloadScratch = new byte[1024];
    private final AtomicLong nextToken = new AtomicLong(1);
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** PUBACKs the broker sent with a reason code other than 0, counted by code. */
    private final java.util.concurrent.atomic.AtomicLongArray pubAckReasons = new java.util.concurrent.atomic.AtomicLongArray(256);
    /**
     * Taken publishes on their way to the client. A thread of the link's own hands them over in order,
     * because the client's publish blocks until the link has connected once, and the module must not.
     */
    private final java.util.concurrent.LinkedBlockingDeque<Mqtt5Publish> outgoing =
            new java.util.concurrent.LinkedBlockingDeque<Mqtt5Publish>();
    private final Thread sender;
    /** Every filter the module subscribed to, with its QoS: sent again on each connect. */
    private final java.util.List<Object[]> subscriptions = new java.util.concurrent.CopyOnWriteArrayList<Object[]>();
    private volatile boolean subscribeOnConnect;
    private volatile boolean closed;
    private final MqttTls tls;
    private final Consumer<String> problems;
    /**
     * The last problem reported, so a broker that keeps refusing gives one line, not one per attempt
     * (also across reconnects: a link that flaps for one reason says so once).
     */
    private volatile String lastProblem;

    public MqttTransport(LinkSettings settings, MessagingGrant grant) {
        this(settings, grant, null, null);
    }

    /**
     * @param tls the TLS managers of an {@code mqtts://} link, or null for plain MQTT
     * @param problems told, in one line each, why a TLS link cannot connect (a broker the bundle does
     *     not trust, a refused certificate); a repeated reason is told once. May be null.
     */
    public MqttTransport(LinkSettings settings, MessagingGrant grant, final MqttTls tls, Consumer<String> problems) {
        this.settings = settings;
        this.grant = grant;
        this.tls = tls;
        this.problems = problems;
        if (settings.tls() && tls == null) {
            throw new IllegalArgumentException("link " + settings.name() + ": " + settings.address() + " needs TLS settings");
        }
        Mqtt5ClientBuilder b = Mqtt5Client.builder()
                .identifier(settings.clientId())
                .transportConfig(transportConfig())
                .automaticReconnect()
                .initialDelay(INITIAL_RECONNECT_MILLIS, TimeUnit.MILLISECONDS)
                .maxDelay(settings.reconnectMaxMillis(), TimeUnit.MILLISECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(context -> connected())
                // disconnect() cannot stop a client that is connecting or waiting to reconnect: a
                // closed link's client would come back and take its session over from the next
                // process with the same client id (a resumed checkpoint). It stops here instead.
                .addDisconnectedListener(context -> {
                    if (closed) {
                        context.getReconnector().reconnect(false);
                        return;
                    }
                    if (tls != null && tls.takeRotation()) {
                        // A fresh TLS context: the old one would resume a session of the old SVID.
                        context.getReconnector().transportConfig(transportConfig());
                    }
                    if (tls != null) {
                        report(context.getCause());
                    }
                });
        if (settings.username() != null) {
            b = b.simpleAuth().username(settings.username()).password(settings.password() == null ? new byte[0]
                    : settings.password()).applySimpleAuth();
        }
        this.client = b.buildAsync();
        int slots = Integer.highestOneBit(Math.max(grant.inbox(), 1) + 1) * 4;
        this.unacknowledged = new Mqtt5Publish[slots];
        this.unacknowledgedTokens = new long[slots];
        final String name = "weir-mqtt-" + settings.name();
        this.sender = new Thread(name + "-send") {
            @Override
            public void run() {
                sendLoop();
            }
        };
        sender.setDaemon(true);
        // One thread; after close, what the client still hands over is dropped unacknowledged (the
        // broker sends it again to the session's next connection) instead of failing the client.
        // (With session-expiry=0 the client also ends the session there after the disconnect; a
        // rejecting executor made RxJava print a stack trace at the end of every such run.)
        this.delivery = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<Runnable>(), new ThreadFactory() {
                    @Override
                    public Thread newThread(Runnable r) {
                        Thread t = new Thread(r, name);
                        t.setDaemon(true);
                        return t;
                    }
                }, new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());
    }

    private com.hivemq.client.mqtt.MqttClientTransportConfig transportConfig() {
        com.hivemq.client.mqtt.MqttClientTransportConfigBuilder t = com.hivemq.client.mqtt.MqttClientTransportConfig.builder()
                .serverHost(settings.host())
                .serverPort(settings.port());
        if (tls != null) {
            t = t.sslConfig(tls.sslConfig());
        }
        return t.build();
    }

    /** One line for why the link went down or could not connect: the innermost cause that says something. */
    private void report(Throwable cause) {
        if (problems == null || cause == null) {
            return;
        }
        String why = null;
        boolean handshake = false;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                handshake = true;
            }
            if (t.getMessage() != null && !t.getMessage().isEmpty()) {
                why = t.getMessage();
            }
            if (t instanceof java.security.cert.CertificateException) {
                break;
            }
        }
        if (why == null) {
            why = cause.getClass().getSimpleName();
        }
        problem((handshake ? "TLS handshake with " + settings.address() + " failed: " : settings.address() + ": ") + why);
    }

    private void problem(String line) {
        if (problems != null && !line.equals(lastProblem)) {
            lastProblem = line;
            problems.accept(line);
        }
    }

    /** The factory for {@code mqtt://} links. */
    public static final Factory FACTORY = new Factory() {
        @Override
        public MessageTransport open(LinkSettings settings, MessagingGrant grant) {
            return new MqttTransport(settings, grant);
        }
    };

    @Override
    public void start(final Receiver receiver) {
        // Registered before connecting, so messages the broker queued for the session are not missed.
        client.publishes(MqttGlobalPublishFilter.ALL, new Consumer<Mqtt5Publish>() {
            @Override
            public void accept(Mqtt5Publish p) {
                deliver(receiver, p);
            }
        }, delivery, true);
        sender.start();
        com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder connect =
                com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect.builder()
                        .cleanStart(false)
                        .sessionExpiryInterval(settings.sessionExpirySeconds())
                        .keepAlive(settings.keepAliveSeconds());
        if (settings.receiveMaximum() > 0) {
            // The link's window (receive-maximum=): how many QoS 1 messages the broker may send before
            // one is acknowledged. Without it the broker picks (mosquitto: max_inflight_messages, 20).
            connect = connect.restrictions().receiveMaximum(settings.receiveMaximum()).applyRestrictions();
        }
        client.connect(connect.build());
        // A failed first attempt is retried by the automatic reconnect; nothing to do with the result.
    }

    private void deliver(Receiver receiver, Mqtt5Publish p) {
        if (closed) {
            return;
        }
        // Copied into the delivery thread's own arrays, which the receiver may read only during the call:
        // weir's side allocates nothing per message (the views are the client library's).
        ByteBuffer t = p.getTopic().toByteBuffer();
        int topicLength = t.remaining();
        byte[] topic = topicScratch.length >= topicLength ? topicScratch : (topicScratch = new byte[topicLength]);
        t.get(topic, 0, topicLength);
        ByteBuffer b = p.getPayload().orElse(null);
        int payloadLength = b == null ? 0 : b.remaining();
        byte[] payload = payloadScratch.length >= payloadLength ? payloadScratch : (payloadScratch = new byte[payloadLength]);
        if (b != null) {
            b.get(payload, 0, payloadLength);
        }
        int qos = p.getQos().getCode();
        int flags = (qos > 1 ? 1 : qos) | (p.isRetain() ? FLAG_RETAIN : 0);
        long token = 0;
        if (qos == 0) {
            p.acknowledge();
        } else {
            token = nextToken.getAndIncrement();
            hold(token, p);
        }
        receiver.received(topic, 0, topicLength, payload, 0, payloadLength, flags, token);
    }

    @Override
    public int subscribe(byte[] filter, int offset, int length, int qos) {
        String f = new String(filter, offset, length, StandardCharsets.UTF_8);
        subscriptions.add(new Object[] {f, qos});
        if (!client.getState().isConnected()) {
            // The sender thread sends it once the link is connected (and resubscribe() on every connect).
            subscribeOnConnect = true;
            return 0;
        }
        try {
            Mqtt5SubAck subAck = subscribeNow(f, qos).get(10, TimeUnit.SECONDS);
            for (Mqtt5SubAckReasonCode code : subAck.getReasonCodes()) {
                if (code.isError()) {
                    return code == Mqtt5SubAckReasonCode.NOT_AUTHORIZED ? -MessagingError.PERMISSION_DENIED
                            : -MessagingError.CONNECTION;
                }
            }
            return 0;
        } catch (java.util.concurrent.TimeoutException e) {
            return 0;
        } catch (Exception e) {
            // Lost the connection meanwhile: resubscribe() sends it again on the next connect.
            return 0;
        }
    }

    private java.util.concurrent.CompletableFuture<Mqtt5SubAck> subscribeNow(String filter, int qos) {
        return client.subscribeWith().topicFilter(filter).qos(qos == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE)
                .send();
    }

    /**
     * On every connect, subscribes again to everything: the session usually has the subscriptions
     * already (subscribing again is harmless in MQTT), but not when it expired, when the broker lost
     * it, or when the module subscribed before the first connect.
     */
    private void connected() {
        if (closed) {
            client.disconnect();
            return;
        }
        resubscribe();
    }

    private void resubscribe() {
        for (Object[] s : subscriptions) {
            subscribeNow((String) s[0], (Integer) s[1]);
        }
    }

    @Override
    public int publish(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset,
            int payloadLength, byte[] contentType, int contentTypeOffset, int contentTypeLength, int flags) {
        if (closed) {
            return -MessagingError.CONNECTION;
        }
        if (pending.incrementAndGet() > grant.buffer()) {
            pending.decrementAndGet();
            return -MessagingError.BUFFER_FULL;
        }
        byte[] data = new byte[payloadLength];
        System.arraycopy(payload, payloadOffset, data, 0, payloadLength);
        Mqtt5PublishBuilder.Complete b = Mqtt5Publish.builder()
                .topic(new String(topic, topicOffset, topicLength, StandardCharsets.UTF_8))
                .payload(ByteBuffer.wrap(data))
                .qos((flags & 3) == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE)
                .retain((flags & FLAG_RETAIN) != 0);
        if (contentTypeLength > 0) {
            b = b.contentType(new String(contentType, contentTypeOffset, contentTypeLength, StandardCharsets.UTF_8));
        }
        outgoing.add(b.build());
        return 0;
    }

    private void sendLoop() {
        while (!closed) {
            try {
                Mqtt5Publish next = outgoing.poll(50, TimeUnit.MILLISECONDS);
                if (subscribeOnConnect && client.getState().isConnected()) {
                    subscribeOnConnect = false;
                    resubscribe();
                }
                if (next == null) {
                    continue;
                }
                // Handing a message to a client that is not connected fails it, and the retry would
                // come after later messages: wait for the connection, so order is kept.
                while (!client.getState().isConnected() && !closed) {
                    Thread.sleep(10);
                }
                send(next);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void send(final Mqtt5Publish message) {
        client.publish(message).whenComplete(new BiConsumer<Mqtt5PublishResult, Throwable>() {
            @Override
            public void accept(Mqtt5PublishResult result, Throwable failure) {
                Throwable error = failure != null ? failure : result.getError().orElse(null);
                if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result) {
                    // Success codes other than 0 too: 16, "no matching subscribers", means nobody gets it.
                    int code = ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode().getCode();
                    if (code != 0) {
                        pubAckReasons.incrementAndGet(code & 0xff);
                    }
                }
                if (error instanceof java.util.concurrent.CompletionException && error.getCause() != null) {
                    error = error.getCause();
                }
                if (error instanceof com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException
                        || error instanceof com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException) {
                    // The broker answered and refused it (not authorized, quota, ...): sending it again
                    // gets the same answer. The async client reports this as a failed future.
                    refused.incrementAndGet();
                    String reason = ((com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5MessageException) error).getMqttMessage()
                            .toString();
                    if (error instanceof com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException) {
                        reason = ((com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException) error).getMqttMessage()
                                .getReasonCode().toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                    }
                    problem("the broker refused a publish to " + message.getTopic() + " (" + reason + ")");
                } else if (error != null && !closed && message.getQos() != MqttQos.AT_MOST_ONCE) {
                    // The client gave up on it (not the broker): the link promised it, so send it again.
                    resent.incrementAndGet();
                    outgoing.addFirst(message);
                    return;
                }
                pending.decrementAndGet();
            }
        });
    }

    private void hold(long token, Mqtt5Publish p) {
        synchronized (ring) {
            int i = (int) token & (unacknowledged.length - 1);
            if (unacknowledged[i] != null) {
                // Not expected (see the ring's bound); keep every message rather than overwrite one.
                grow();
                i = (int) token & (unacknowledged.length - 1);
            }
            unacknowledged[i] = p;
            unacknowledgedTokens[i] = token;
        }
    }

    private void grow() {
        Mqtt5Publish[] publishes = new Mqtt5Publish[unacknowledged.length * 2];
        long[] tokens = new long[publishes.length];
        for (int j = 0; j < unacknowledged.length; j++) {
            if (unacknowledged[j] != null) {
                int k = (int) unacknowledgedTokens[j] & (publishes.length - 1);
                publishes[k] = unacknowledged[j];
                tokens[k] = unacknowledgedTokens[j];
            }
        }
        unacknowledged = publishes;
        unacknowledgedTokens = tokens;
    }

    @Override
    public void acknowledge(long token) {
        Mqtt5Publish p;
        synchronized (ring) {
            int i = (int) token & (unacknowledged.length - 1);
            p = unacknowledgedTokens[i] == token ? unacknowledged[i] : null;
            if (p != null) {
                unacknowledged[i] = null;
                unacknowledgedTokens[i] = 0;
            }
        }
        if (p != null) {
            p.acknowledge();
        }
    }

    @Override
    public boolean isConnected() {
        return client.getState().isConnected();
    }

    @Override
    public int pendingOutgoing() {
        return pending.get();
    }

    /** Publishes the client failed and this transport sent again. */
    public long resent() {
        return resent.get();
    }

    /** Publishes the broker acknowledged with an error reason code (not authorized, quota, ...). */
    public long refused() {
        return refused.get();
    }

    /**
     * PUBACKs with this reason code (MQTT 5 section 3.4.2.1) for the link's QoS 1 publishes; 0 is not
     * counted. 16 (no matching subscribers) is a success to the client and means nobody got the message.
     */
    public long pubAckReasonCount(int reasonCode) {
        return reasonCode <= 0 || reasonCode > 255 ? 0 : pubAckReasons.get(reasonCode);
    }

    /**
     * Waits up to timeoutMillis for every taken publish to be acknowledged by the broker (QoS 1) or
     * written (QoS 0); true when none is left. For an orderly end of a run.
     */
    public boolean flush(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return pending.get() == 0;
    }

    /** How long close() waits for the broker to acknowledge what the module published, when connected. */
    static final long CLOSE_FLUSH_MILLIS = 30_000;

    /**
     * Waits for what the module published to be acknowledged (up to 30 s while connected, 2 s while the
     * broker is away: then what remains is lost with the process, and {@link #pendingOutgoing()}, in the
     * host's summary, says how much), then disconnects, leaving the session with the broker.
     */
    @Override
    public void close() {
        flush(client.getState().isConnected() ? CLOSE_FLUSH_MILLIS : 2000);
        closed = true;
        try {
            client.disconnect().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Not connected (or the broker is gone): the session, if any, stays with the broker.
        }
        delivery.shutdownNow();
        // The sender sees closed within 50 ms. Not interrupted: it may be inside the client's publish,
        // which blocks while the client has never connected and logs an interruption with a stack trace.
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
