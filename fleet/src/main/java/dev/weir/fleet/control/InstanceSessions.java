package dev.weir.fleet.control;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.weir.fleet.node.InstanceSpec;
import dev.weir.hal.messaging.LinkSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Creates an instance's broker session before the instance first runs, so that QoS 1 messages
 * published to its inputs before its board starts it wait in the broker instead of being lost: one
 * MQTT 5 connection with the instance's client identity, clean start off and the link's session
 * expiry, subscribing at QoS 1 to the instance's derived input filters, then a clean disconnect.
 * The board's link later connects with the same identity and clean start off, and gets what was queued.
 */
final class InstanceSessions {
    private InstanceSessions() {
    }

    /**
     * Starts creating the session of {@code spec}'s edge link {@code link}; the future completes with
     * null when the broker acknowledged the subscriptions and the connection is closed, or with the
     * one-line reason it could not (it never completes exceptionally).
     */
    static CompletableFuture<String> prepare(InstanceSpec spec, String link, long timeoutMillis) {
        String uri = spec.links().get(link);
        Collection<String> filters = spec.inputs().values();
        if (uri == null || filters.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (uri.contains("username=") || uri.contains("password-file=")) {
            // The credentials are the board's (a password file on the board): the controller does not
            // read files a graph names, nor act as a module's broker user.
            return CompletableFuture.completedFuture("link " + link + " authenticates with the board's credentials,"
                    + " which the controller does not have");
        }
        if (!uri.contains("client-id=")) {
            uri = uri + ",client-id=" + InstanceSpec.clientId(spec.instanceId(), link);
        }
        LinkSettings s;
        try {
            s = LinkSettings.parse(link, uri);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture("link " + link + ": " + e.getMessage());
        }
        if (!"mqtt".equals(s.scheme()) && !"tcp".equals(s.scheme())) {
            // mqtts: the broker knows the instance by its SVID client certificate, which only its board holds.
            return CompletableFuture.completedFuture("link " + link + " is " + s.scheme()
                    + " with the module's own certificate (SVID), which the controller cannot present");
        }
        Mqtt5ClientBuilder b = MqttClient.builder().useMqttVersion5().identifier(s.clientId())
                .serverHost(s.host()).serverPort(s.port());
        Mqtt5AsyncClient c = b.buildAsync();
        List<Mqtt5Subscription> subs = new ArrayList<>();
        for (String f : filters) {
            subs.add(Mqtt5Subscription.builder().topicFilter(f).qos(MqttQos.AT_LEAST_ONCE).build());
        }
        Mqtt5Subscribe subscribe = Mqtt5Subscribe.builder().addSubscriptions(subs).build();
        String where = s.address() + " as " + s.clientId();
        return c.connectWith().cleanStart(false).sessionExpiryInterval(s.sessionExpirySeconds()).send()
                .thenCompose(ack -> c.subscribe(subscribe))
                .thenCompose(subAck -> {
                    String refused = null;
                    for (Mqtt5SubAckReasonCode code : subAck.getReasonCodes()) {
                        if (code.isError()) {
                            refused = "broker " + where + " refused the subscription (" + code + ")";
                        }
                    }
                    String r = refused;
                    return c.disconnect().thenApply(v -> r);
                })
                .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .handle((r, e) -> {
                    if (e == null) {
                        return r;
                    }
                    c.disconnect();
                    Throwable t = e;
                    while (t.getCause() != null) {
                        t = t.getCause();
                    }
                    String m = t instanceof java.util.concurrent.TimeoutException ? "no answer within " + timeoutMillis + " ms"
                            : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
                    int nl = m.indexOf('\n');
                    return "broker " + where + ": " + (nl < 0 ? m : m.substring(0, nl));
                });
    }
}
