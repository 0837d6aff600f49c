package dev.weir.hal.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.Memory;
import dev.weir.hal.capability.AuditListener;
import dev.weir.hal.capability.Grants;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagingHostTest {
    private final Memory memory = new Memory(1, 1);
    private final List<String> audit = new ArrayList<String>();
    private final List<LoopbackTransport> transports = new ArrayList<LoopbackTransport>();

    private MessagingHost host(MessagingGrant... grants) {
        Grants g = new Grants().audit(new AuditListener() {
            @Override
            public void denied(String capability, String request, String reason) {
                audit.add(capability + " denied: " + request + ": " + reason);
            }

            @Override
            public void revoked(String capability, String grant, int openHandles) {
                audit.add(capability + " revoked: " + grant);
            }
        });
        for (MessagingGrant grant : grants) {
            g.add(grant);
        }
        Map<String, MessageTransport.Factory> factories = Collections.<String, MessageTransport.Factory>singletonMap("mqtt",
                new MessageTransport.Factory() {
                    @Override
                    public MessageTransport open(LinkSettings settings, MessagingGrant grant) {
                        LoopbackTransport t = new LoopbackTransport();
                        transports.add(t);
                        return t;
                    }
                });
        return new MessagingHost(g, Collections.singletonMap("broker", LinkSettings.mqtt("broker", "127.0.0.1", 1883)),
                factories);
    }

    private static MessagingGrant grant() {
        return new MessagingGrant.Builder("broker").publish("sensors/+/temperature").subscribe("sensors/#")
                .maxMessage(64).inbox(4, MessagingGrant.POLICY_BLOCK).rate(0).build("test");
    }

    /** Writes s at address and returns its length. */
    private int put(int address, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, memory.array(), address, b.length);
        return b.length;
    }

    private int open(MessagingHost host) {
        return host.openLink(memory, 0, put(0, "broker"));
    }

    private int publish(MessagingHost host, int link, String topic, String payload) {
        int tl = put(100, topic);
        int pl = put(400, payload);
        return host.publish(memory, link, 100, tl, 400, pl, 1, 0, 0);
    }

    private int subscribe(MessagingHost host, int link, String filter) {
        return host.subscribe(memory, link, 100, put(100, filter), 1);
    }

    private String receivedPayload() {
        return new String(memory.array(), 3000, Memory.getInt(memory.array(), 2008), StandardCharsets.UTF_8);
    }

    private int receive(MessagingHost host, int link, int payloadCap, int timeout) {
        return host.receive(memory, link, 2000, 2100, 256, 3000, payloadCap, timeout);
    }

    @Test
    void publishedMessagesComeBackThroughTheInboxAndAreAcknowledgedOnlyWhenTaken() {
        MessagingHost host = host(grant());
        int link = open(host);
        assertTrue(link > 0);
        assertEquals(0, subscribe(host, link, "sensors/+/temperature"));
        assertEquals(0, publish(host, link, "sensors/a/temperature", "21.5"));
        LoopbackTransport t = transports.get(0);
        assertEquals(0, t.acknowledgements, "not acknowledged before the module takes it");
        assertEquals(1, host.pending(link));
        assertEquals(1, receive(host, 0, 64, 0));
        assertEquals(1, t.acknowledgements);
        assertEquals(link, Memory.getInt(memory.array(), 2000));
        assertEquals("sensors/a/temperature", new String(memory.array(), 2100, Memory.getInt(memory.array(), 2004),
                StandardCharsets.UTF_8));
        assertEquals("21.5", receivedPayload());
        assertEquals(1, Memory.getInt(memory.array(), 2012) & 3);
        assertEquals(0, receive(host, link, 64, 10), "nothing more: times out");
        host.close();
        assertTrue(t.closed);
    }

    @Test
    void linksWithoutAGrantAreDeniedAndAudited() {
        MessagingHost host = host(grant());
        assertEquals(-MessagingError.PERMISSION_DENIED, host.openLink(memory, 0, put(0, "other")));
        assertTrue(audit.get(0).contains("no grant names link other"), audit.toString());
        assertEquals(-MessagingError.OUT_OF_BOUNDS, host.openLink(memory, 65530, 10));
        int link = open(host);
        assertEquals(-MessagingError.ALREADY_OPEN, open(host));
        assertEquals(0, host.close(link));
        assertEquals(-MessagingError.BAD_HANDLE, host.close(link), "a stale handle");
        assertEquals(-MessagingError.BAD_HANDLE, host.status(12345));
    }

    @Test
    void publishingOutsideTheGrantIsDeniedAndAuditedAndTheModuleGoesOn() {
        MessagingHost host = host(grant());
        int link = open(host);
        assertEquals(-MessagingError.PERMISSION_DENIED, publish(host, link, "actuators/valve", "open"));
        assertEquals(1, audit.size());
        assertTrue(audit.get(0).startsWith("messaging denied: publish to actuators/valve at qos 1 on link broker"),
                audit.toString());
        assertEquals(0, publish(host, link, "sensors/b/temperature", "20"));
    }

    @Test
    void malformedTopicsOversizePayloadsAndBadPointersAreErrorCodes() {
        MessagingHost host = host(grant());
        int link = open(host);
        assertEquals(-MessagingError.INVALID_TOPIC, publish(host, link, "sensors/+/temperature", "x"));
        assertEquals(-MessagingError.INVALID_TOPIC, publish(host, link, "sensors/../temperature", "x"));
        assertEquals(-MessagingError.INVALID_TOPIC, subscribe(host, link, "sensors/#/x"));
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            big.append('x');
        }
        assertEquals(-MessagingError.TOO_LARGE, publish(host, link, "sensors/a/temperature", big.toString()));
        assertEquals(-MessagingError.OUT_OF_BOUNDS, host.publish(memory, link, 65530, 20, 0, 1, 1, 0, 0));
        assertEquals(-MessagingError.OUT_OF_BOUNDS, host.publish(memory, link, 100, 5, -1, 8, 1, 0, 0));
        assertEquals(-MessagingError.OUT_OF_BOUNDS, host.receive(memory, link, 65530, 0, 10, 0, 10, 0));
        assertEquals(-MessagingError.OUT_OF_BOUNDS, host.publish(null, link, 0, 1, 0, 1, 1, 0, 0));
        assertEquals(-MessagingError.INVALID_ARGUMENT, host.publish(memory, link, 100, put(100, "sensors/a/temperature"),
                0, 1, 2, 0, 0));
        assertEquals(0, publish(host, link, "sensors/a/temperature", "ok"), "the module goes on");
        assertTrue(audit.isEmpty(), "malformed requests are the module's bugs, not denials: " + audit);
    }

    @Test
    void subscriptionsCannotWidenTheGrant() {
        MessagingHost host = host(new MessagingGrant.Builder("broker").subscribe("sensors/+/temperature").build("t"));
        int link = open(host);
        assertEquals(0, subscribe(host, link, "sensors/a/temperature"));
        assertEquals(-MessagingError.PERMISSION_DENIED, subscribe(host, link, "sensors/#"));
        assertEquals(-MessagingError.PERMISSION_DENIED, subscribe(host, link, "#"));
        assertEquals(2, audit.size());
    }

    @Test
    void aMessageTooLargeForTheBuffersStaysInTheInboxWithItsSizes() {
        MessagingHost host = host(grant());
        int link = open(host);
        subscribe(host, link, "sensors/#");
        transports.get(0).deliver("sensors/a/temperature", "0123456789".getBytes(StandardCharsets.UTF_8), 1);
        assertEquals(-MessagingError.TOO_LARGE, receive(host, link, 4, 0));
        assertEquals(10, Memory.getInt(memory.array(), 2008), "the header tells the size needed");
        assertEquals(0, transports.get(0).acknowledgements);
        assertEquals(1, receive(host, link, 10, 0));
        assertEquals("0123456789", receivedPayload());
        assertEquals(1, transports.get(0).acknowledgements);
    }

    @Test
    void dropPolicyCountsWhatAFullInboxDropsAndAcknowledgesIt() {
        MessagingHost host = host(new MessagingGrant.Builder("broker").subscribe("#").inbox(2, MessagingGrant.POLICY_DROP)
                .build("t"));
        int link = open(host);
        LoopbackTransport t = transports.get(0);
        for (int i = 0; i < 5; i++) {
            t.deliver("a", new byte[] {(byte) ('0' + i)}, 1);
        }
        assertEquals(3, t.acknowledgements, "the three dropped ones, so the broker does not resend them forever");
        assertEquals(3, host.messagesLost(link));
        assertEquals(0, host.messagesLost(link));
        assertEquals(1, receive(host, link, 64, 0));
        assertEquals("0", receivedPayload(), "the oldest are kept");
        assertEquals(1, receive(host, link, 64, 0));
        assertEquals("1", receivedPayload());
    }

    @Test
    void blockPolicyHoldsTheDriverThreadUntilTheModuleTakes() throws Exception {
        MessagingHost host = host(new MessagingGrant.Builder("broker").subscribe("#").inbox(2, MessagingGrant.POLICY_BLOCK)
                .build("t"));
        int link = open(host);
        final LoopbackTransport t = transports.get(0);
        Thread driver = new Thread(() -> {
            for (int i = 0; i < 6; i++) {
                t.deliver("a", new byte[] {(byte) ('0' + i)}, 1);
            }
        });
        driver.start();
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            assertEquals(1, receive(host, link, 64, 5000));
            seen.append(receivedPayload());
            assertTrue(host.pending(link) <= 2);
        }
        driver.join(5000);
        assertEquals("012345", seen.toString(), "nothing lost, order kept");
        assertEquals(0, host.messagesLost(link));
    }

    @Test
    void rateLimitRefusesPublishesBeyondTheGrant() {
        MessagingHost host = host(new MessagingGrant.Builder("broker").publish("a").rate(5).build("t"));
        int link = open(host);
        int ok = 0;
        int limited = 0;
        for (int i = 0; i < 20; i++) {
            int r = publish(host, link, "a", "x");
            if (r == 0) {
                ok++;
            } else if (r == -MessagingError.RATE_LIMITED) {
                limited++;
            }
        }
        assertTrue(ok >= 5 && ok <= 6, "a burst of one second's worth: " + ok);
        assertEquals(20, ok + limited);
    }

    @Test
    void revokingTheGrantClosesTheLink() {
        MessagingGrant g = grant();
        Grants own = new Grants().add(g);
        final LoopbackTransport transport = new LoopbackTransport();
        MessagingHost host = new MessagingHost(own, Collections.singletonMap("broker",
                LinkSettings.mqtt("broker", "127.0.0.1", 1883)), Collections.<String, MessageTransport.Factory>singletonMap(
                "mqtt", (settings, granted) -> transport));
        int link = host.openLink("broker");
        assertTrue(link > 0);
        assertEquals(1, host.status(link));
        own.revoke(g);
        assertTrue(transport.closed);
        assertEquals(-MessagingError.REVOKED, host.status(link));
        assertEquals(-MessagingError.REVOKED, host.publish(memory, link, 100, put(100, "sensors/a/temperature"), 0, 1,
                1, 0, 0));
        assertEquals(0, host.close(link));
        assertEquals(-MessagingError.PERMISSION_DENIED, host.openLink("broker"));
    }

    @Test
    void bufferFullIsReportedToTheModule() {
        MessagingHost host = host(grant());
        int link = open(host);
        transports.get(0).bufferLimit = 2;
        assertEquals(0, publish(host, link, "sensors/a/temperature", "1"));
        assertEquals(0, publish(host, link, "sensors/a/temperature", "2"));
        assertEquals(-MessagingError.BUFFER_FULL, publish(host, link, "sensors/a/temperature", "3"));
        assertEquals(2, host.waitingToSend(link), "what the link took and has not sent");
        assertEquals(0, host.waitingToSend(link + 1));
    }

    @Test
    void topicMapLetsTheModuleNamePortsWhileTheBrokerSeesTheMappedTopics() {
        MessagingGrant g = MessagingGrant.parse(("messaging broker publish=weir/app/g/agg/count subscribe=weir/app/g/motion/events"
                + ",weir/app/g/agg/count topic-map=out=weir/app/g/agg/count,in=weir/app/g/motion/events rate=0").split(" "), "test");
        MessagingHost host = host(g);
        int link = open(host);
        assertEquals(0, subscribe(host, link, "in"));
        LoopbackTransport t = transports.get(0);
        transports.get(0).deliver("weir/app/g/motion/events", "{\"event\":\"start\"}".getBytes(StandardCharsets.UTF_8), 1);
        assertEquals(1, receive(host, link, 64, 0));
        assertEquals("in", new String(memory.array(), 2100, Memory.getInt(memory.array(), 2004), StandardCharsets.UTF_8),
                "the module sees its port, not the fleet's topic");
        assertEquals(0, subscribe(host, link, "weir/app/g/agg/count"), "a real topic is used as it is");
        assertEquals(0, publish(host, link, "out", "7"));
        assertEquals(1, t.published);
        assertEquals(1, receive(host, link, 64, 0), "out was published to weir/app/g/agg/count");
        assertEquals("7", receivedPayload());
        assertEquals("out", new String(memory.array(), 2100, Memory.getInt(memory.array(), 2004), StandardCharsets.UTF_8));
        assertEquals(-MessagingError.PERMISSION_DENIED, publish(host, link, "in", "spoof"),
                "a map renames and never widens: in's topic is not publishable");
        assertTrue(audit.get(audit.size() - 1).contains("publish to weir/app/g/motion/events"), audit.toString());
        assertEquals(-MessagingError.PERMISSION_DENIED, publish(host, link, "elsewhere", "x"));
        assertEquals("messaging broker publish=weir/app/g/agg/count subscribe=weir/app/g/motion/events,weir/app/g/agg/count qos=1"
                + " max-message=4096 inbox=64 inbox-full=block rate=0 buffer=1000"
                + " topic-map=out=weir/app/g/agg/count,in=weir/app/g/motion/events", g.describe());
    }

    @Test
    void aCheckpointCarriesLinksSubscriptionsAndTheInboxIntoAFreshHost() {
        MessagingHost first = host(grant());
        int link = open(first);
        assertEquals(0, first.subscribe(memory, link, 100, put(100, "sensors/+/humidity"), 1));
        assertEquals(0, first.subscribe(memory, link, 100, put(100, "sensors/#"), 0));
        LoopbackTransport t1 = transports.get(0);
        t1.deliver("sensors/a/humidity", "one".getBytes(StandardCharsets.UTF_8), 1);
        t1.deliver("sensors/b/humidity", "two".getBytes(StandardCharsets.UTF_8), 1);
        t1.deliver("sensors/c/humidity", "three".getBytes(StandardCharsets.UTF_8), 1);
        assertEquals(1, first.receive(memory, link, 200, 300, 100, 500, 100, 0));
        assertEquals(1, t1.acknowledgements);

        byte[] state = first.saveState();
        assertEquals(1, t1.acknowledgements, "the inbox is acknowledged only once the snapshot is stored");
        first.acknowledgeSaved();
        assertEquals(3, t1.acknowledgements);
        first.close();

        MessagingHost second = host(grant());
        second.restoreState(state);
        LoopbackTransport t2 = transports.get(1);
        assertEquals(2, t2.filterCount, "both subscriptions are made again");
        t2.deliver("sensors/d/humidity", "four".getBytes(StandardCharsets.UTF_8), 1);
        String[] expected = {"two", "three", "four"};
        for (String payload : expected) {
            assertEquals(1, second.receive(memory, link, 200, 300, 100, 500, 100, 0));
            assertEquals(payload, new String(memory.array(), 500, Memory.getInt(memory.array(), 208), StandardCharsets.UTF_8));
        }
        assertEquals(1, t2.acknowledgements, "carried messages were acknowledged by the first run");
        assertTrue(second.summary().startsWith("broker: 0 published, 4 received"), second.summary());

        MessagingHost narrow = host(new MessagingGrant.Builder("broker").subscribe("sensors/+/humidity")
                .maxMessage(64).inbox(4, MessagingGrant.POLICY_BLOCK).rate(0).build("test"));
        try {
            narrow.restoreState(state);
            throw new AssertionError("restored outside the grant");
        } catch (IllegalArgumentException e) {
            assertEquals("the program holds link broker subscribed to sensors/# at qos 0, which this run's grant does"
                    + " not allow (permission-denied)", e.getMessage());
        }
        assertEquals(0, narrow.openLinks(), "nothing of the restore remains");
    }

    @Test
    void everyTruncationOfTheMessagingStateIsRefusedAndLeavesNothingOpen() {
        MessagingHost first = host(grant());
        int link = open(first);
        assertEquals(0, first.subscribe(memory, link, 100, put(100, "sensors/#"), 1));
        transports.get(0).deliver("sensors/a/humidity", "one".getBytes(StandardCharsets.UTF_8), 1);
        byte[] state = first.saveState();
        for (int length = 0; length < state.length; length++) {
            MessagingHost fresh = host(grant());
            try {
                fresh.restoreState(java.util.Arrays.copyOf(state, length));
                if (length > 8) {
                    throw new AssertionError("a state cut at " + length + " of " + state.length + " was restored");
                }
            } catch (IllegalArgumentException e) {
                assertEquals("the snapshot's messaging state is damaged", e.getMessage(), "cut at " + length);
            }
            assertEquals(0, fresh.openLinks(), "cut at " + length);
        }
    }
}
