package dev.weir.fleet;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One fleet participant's MQTT 3.1.1 connection (the HiveMQ client that messaging-drivers brings):
 * QoS 1 everywhere, an optional retained last will, automatic reconnect (100 ms doubling to 2 s) with
 * the subscriptions sent again on every connect (clean session: fleet state lives in retained
 * messages, not in sessions). Messages reach the handlers on one delivery thread, in arrival order,
 * so a participant's state needs no locks when only its handlers touch it. An empty retained payload
 * is a deletion (MQTT's way to clear a retained message) and is delivered as an empty array.
 */
public final class FleetClient implements AutoCloseable {
    /** Receives the messages of a subscription on the client's delivery thread. */
    public interface Handler {
        void message(String topic, byte[] payload);
    }

    private final String uri;
    private final Mqtt3AsyncClient client;
    private final int keepAliveSeconds;
    private final String willTopic;
    private final byte[] willPayload;
    private final ExecutorService delivery;
    private final List<Object[]> subscriptions = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<byte[]>> fetches = new ConcurrentHashMap<>();
    private final List<Runnable> connectHooks = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** When the message being handled arrived (read on the delivery thread only). */
    private long arrivedAt;

    /**
     * @param uri {@code mqtt://HOST:PORT} (port 1883 when left out)
     * @param willTopic a retained last will's topic, or null
     */
    public FleetClient(String uri, String clientId, int keepAliveSeconds, String willTopic, byte[] willPayload)
            throws FleetException {
        this.uri = uri;
        URI u;
        try {
            u = new URI(uri);
        } catch (Exception e) {
            throw new FleetException("broker " + uri + ": not a URI (expected mqtt://HOST:PORT)");
        }
        if (!"mqtt".equals(u.getScheme()) || u.getHost() == null) {
            throw new FleetException("broker " + uri + ": expected mqtt://HOST:PORT");
        }
        this.keepAliveSeconds = keepAliveSeconds;
        this.willTopic = willTopic;
        this.willPayload = willPayload;
        Mqtt3ClientBuilder b = MqttClient.builder().useMqttVersion3().identifier(clientId)
                .serverHost(u.getHost()).serverPort(u.getPort() < 0 ? 1883 : u.getPort())
                .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(2, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(context -> connected());
        this.client = b.buildAsync();
        String name = "weir-fleet-" + clientId;
        // Discards what arrives after close: a message the client hands over while closing would
        // otherwise be rejected inside its callback, and RxJava prints that as a stack trace.
        this.delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        client.publishes(MqttGlobalPublishFilter.ALL, this::arrived);
    }

    public String uri() {
        return uri;
    }

    /** Runs {@code hook} on the delivery thread after every (re)connect, after subscribing again. */
    public void onConnect(Runnable hook) {
        connectHooks.add(hook);
    }

    /** Connects, waiting at most {@code timeoutMillis}; fails with one line when the broker cannot be reached. */
    public void connect(long timeoutMillis) throws FleetException {
        Mqtt3ConnectBuilder.Send<CompletableFuture<com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck>> c =
                client.connectWith().cleanSession(true).keepAlive(keepAliveSeconds);
        if (willTopic != null) {
            c = c.willPublish().topic(willTopic).payload(willPayload).qos(MqttQos.AT_LEAST_ONCE).retain(true).applyWillPublish();
        }
        try {
            c.send().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("broker " + uri + ": interrupted while connecting");
        } catch (ExecutionException | TimeoutException e) {
            client.disconnect();
            delivery.shutdownNow();
            if (e instanceof TimeoutException) {
                throw new FleetException("broker " + uri + ": no connection within " + timeoutMillis + " ms");
            }
            throw new FleetException("broker " + uri + ": cannot connect (" + oneLine(e.getCause()) + ")");
        }
    }

    /** Subscribes (QoS 1), waiting for the broker's acknowledgement; again after every reconnect. */
    public void subscribe(String filter, Handler handler) throws FleetException {
        subscriptions.add(new Object[] {filter, handler});
        try {
            client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new FleetException("broker " + uri + ": cannot subscribe to " + filter + " (" + oneLine(e) + ")");
        }
    }

    /** Publishes with QoS 1 and returns at once. */
    public CompletableFuture<?> publish(String topic, byte[] payload, boolean retain) {
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(retain).payload(payload).send();
    }

    /** Publishes with QoS 1 and waits for the broker's acknowledgement. */
    public void publishAndWait(String topic, byte[] payload, boolean retain) throws FleetException {
        try {
            publish(topic, payload, retain).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("broker " + uri + ": interrupted publishing " + topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new FleetException("broker " + uri + ": cannot publish " + topic + " (" + oneLine(e) + ")");
        }
    }

    /**
     * The retained message of a topic, or null when there is none within {@code timeoutMillis}. Safe to
     * call from a handler: the answer does not pass through the delivery thread.
     */
    public byte[] fetchRetained(String topic, long timeoutMillis) throws FleetException {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        fetches.put(topic, f);
        try {
            client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send().get(10, TimeUnit.SECONDS);
            byte[] b = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return b.length == 0 ? null : b;
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("broker " + uri + ": interrupted fetching " + topic);
        } catch (ExecutionException e) {
            throw new FleetException("broker " + uri + ": cannot fetch " + topic + " (" + oneLine(e.getCause()) + ")");
        } finally {
            fetches.remove(topic);
            boolean stillWanted = false;
            for (Object[] s : subscriptions) {
                stillWanted |= s[0].equals(topic);
            }
            if (!stillWanted && !closed) {
                client.unsubscribeWith().topicFilter(topic).send();
            }
        }
    }

    /** Runs a task on the delivery thread (after the messages already queued). */
    public void execute(Runnable task) {
        if (!closed) {
            delivery.execute(task);
        }
    }

    /**
     * When the message a handler is handling arrived from the broker, in epoch milliseconds: a busy
     * delivery thread does not make a heartbeat late. Only meaningful inside a handler.
     */
    public long arrivedAt() {
        return arrivedAt;
    }

    public boolean isConnected() {
        return client.getState().isConnected();
    }

    /** Disconnects cleanly: the broker does not publish the last will. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // already disconnected or unreachable: nothing more to do
        }
        delivery.shutdownNow();
    }

    private void connected() {
        for (Object[] s : subscriptions) {
            client.subscribeWith().topicFilter((String) s[0]).qos(MqttQos.AT_LEAST_ONCE).send();
        }
        for (Runnable hook : connectHooks) {
            execute(hook);
        }
    }

    private void arrived(Mqtt3Publish p) {
        String topic = p.getTopic().toString();
        byte[] payload = p.getPayloadAsBytes();
        long at = System.currentTimeMillis();
        CompletableFuture<byte[]> f = fetches.get(topic);
        if (f != null) {
            f.complete(payload);
        }
        for (Object[] s : subscriptions) {
            if (matches((String) s[0], topic)) {
                Handler h = (Handler) s[1];
                execute(() -> {
                    try {
                        arrivedAt = at;
                        h.message(topic, payload);
                    } catch (RuntimeException e) {
                        System.err.println("weir fleet: handler for " + topic + " failed: " + oneLine(e));
                    }
                });
            }
        }
    }

    /** MQTT topic filter matching ({@code +} one level, {@code #} the rest). */
    public static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if ("#".equals(f[i])) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!"+".equals(f[i]) && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isEmpty()) {
            m = e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
