package dev.weir.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.hal.messaging.MessagingError;
import dev.weir.hal.messaging.MessagingGrant;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The MQTT transport against a real mosquitto on 127.0.0.1 (never an in-process stand-in): two
 * "modules" (hosts with their own link, client id and grant) talk through the broker, and the broker
 * is stopped, started late, or flooded, to check that nothing promised is lost.
 */
@Timeout(120)
class MqttTransportTest {
    private static final String FAST = ",reconnect-max=500";

    private static MessagingGrant publisher(int buffer) {
        return new MessagingGrant.Builder("broker").publish("sensors/+/temperature").publish("big/#").rate(0)
                .buffer(buffer).maxMessage(8192).build("test");
    }

    private static MessagingGrant subscriber(int inbox, int policy) {
        return new MessagingGrant.Builder("broker").subscribe("sensors/#").subscribe("big/#").maxMessage(8192)
                .inbox(inbox, policy).build("test");
    }

    @Test
    void modulesTalkThroughMosquittoInOrderAtQos1() throws Exception {
        try (Mosquitto broker = Mosquitto.started()) {
            Modules sub = new Modules(subscriber(16, MessagingGrant.POLICY_BLOCK), broker.uri() + ",client-id=t1-sub" + FAST);
            Modules pub = new Modules(publisher(1000), broker.uri() + ",client-id=t1-pub" + FAST);
            assertTrue(sub.waitConnected(10_000) && pub.waitConnected(10_000), "both links connect");
            assertEquals(0, sub.subscribe("sensors/+/temperature", 1));
            for (int i = 0; i < 200; i++) {
                assertEquals(0, pub.publish("sensors/s" + (i % 2) + "/temperature", Integer.toString(i), 1));
            }
            int[] last = {-1, -1};
            for (int n = 0; n < 200; n++) {
                String p = sub.receive(10_000);
                assertTrue(p != null, "message " + n + " arrived");
                int v = Integer.parseInt(p);
                int topic = sub.receivedTopic().equals("sensors/s0/temperature") ? 0 : 1;
                assertEquals(v % 2, topic);
                assertTrue(v > last[topic], "per-topic order kept: " + v + " after " + last[topic]);
                last[topic] = v;
            }
            assertEquals(null, sub.receive(200), "exactly once here: no broker trouble, no duplicates");
            pub.close();
            sub.close();
        }
    }

    @Test
    void brokerStoppedAndRestartedMidStreamLosesNothingAtQos1() throws Exception {
        final int total = 3000;
        try (Mosquitto broker = Mosquitto.started()) {
            Modules sub = new Modules(subscriber(64, MessagingGrant.POLICY_BLOCK), broker.uri() + ",client-id=t2-sub" + FAST);
            Modules pub = new Modules(publisher(total), broker.uri() + ",client-id=t2-pub" + FAST);
            assertTrue(sub.waitConnected(10_000) && pub.waitConnected(10_000));
            assertEquals(0, sub.subscribe("sensors/#", 1));
            BitSet seen = new BitSet(total);
            int duplicates = 0;
            int received = 0;
            int sent = 0;
            long restartAt = 0;
            boolean stopped = false;
            boolean restarted = false;
            while (seen.cardinality() < total) {
                if (sent < total) {
                    int r = pub.publish("sensors/a/temperature", Integer.toString(sent), 1);
                    assertEquals(0, r, "publish " + sent + " taken (buffer " + total + ")");
                    sent++;
                }
                if (sent == total / 3 && !stopped) {
                    broker.stop();
                    stopped = true;
                    restartAt = System.nanoTime() + 1_000_000_000L;
                }
                if (stopped && !restarted && System.nanoTime() > restartAt) {
                    broker.start();
                    restarted = true;
                }
                String p = sub.receive(sent < total ? 0 : 20_000);
                if (p == null) {
                    if (sent == total && restarted) {
                        break;
                    }
                    continue;
                }
                received++;
                int v = Integer.parseInt(p);
                if (seen.get(v)) {
                    duplicates++;
                }
                seen.set(v);
            }
            System.out.println("broker restart mid-stream: " + total + " published at qos 1, " + seen.cardinality()
                    + " distinct received, " + duplicates + " duplicates, " + received + " deliveries");
            assertTrue(stopped && restarted);
            assertEquals(total, seen.cardinality(), "every message the link took arrived");
            pub.close();
            sub.close();
        }
    }

    /**
     * kill -9 of the broker mid-stream, restarted on the same port: the publisher's link resends what
     * the dead broker had not acknowledged, the subscriber's link subscribes again, and every message
     * the link took arrives at least once (duplicates counted and printed), except what the killed
     * broker itself had acknowledged and lost, which its log (log_type all) must show for each such
     * message; any other loss fails.
     * <p>
     * mosquitto answers SUBSCRIBE and PUBLISH before it writes anything to disk (issue 13; the
     * evidence is in docs/RATIONALE.md). (1) A kill while it was still saving the subscription
     * brought the broker back without it, and it answered resent messages with PUBACK 16 "no matching
     * subscribers": the broker is stopped cleanly once after subscribing, which saves it. (2) A message
     * it can send on at once is never saved, so after the kill only the subscriber's socket holds it,
     * and the subscriber's client loses it when the connection dies before it has read it: the
     * broker's loss, which the test tells from weir's by the log. The subscriber's window is larger
     * than the stream (receive-maximum) so the broker sends on instead of queueing, and saves seldom:
     * the test stays fast.
     */
    @Test
    void brokerKilledAndRestartedMidStreamLosesNothingAtQos1() throws Exception {
        final int total = 2000;
        try (Mosquitto broker = Mosquitto.notStartedSavingEveryChange()) {
            broker.start();
            Modules sub = new Modules(subscriber(64, MessagingGrant.POLICY_BLOCK), broker.uri() + ",client-id=t8-sub" + FAST
                    + ",receive-maximum=" + 2 * total);
            Modules pub = new Modules(publisher(total), broker.uri() + ",client-id=t8-pub" + FAST);
            assertTrue(sub.waitConnected(10_000) && pub.waitConnected(10_000));
            assertEquals(0, sub.subscribe("sensors/#", 1));
            broker.stop();
            assertTrue(sub.waitDisconnected(10_000) && pub.waitDisconnected(10_000));
            broker.start();
            assertTrue(sub.waitConnected(10_000) && pub.waitConnected(10_000));
            BitSet seen = new BitSet(total);
            int duplicates = 0;
            int sent = 0;
            long restartAt = 0;
            boolean killed = false;
            boolean restarted = false;
            while (seen.cardinality() < total) {
                if (sent < total) {
                    assertEquals(0, pub.publish("sensors/" + sent + "/temperature", Integer.toString(sent), 1), "publish " + sent);
                    sent++;
                }
                if (sent == total / 3 && !killed) {
                    broker.kill();
                    killed = true;
                    restartAt = System.nanoTime() + 1_000_000_000L;
                }
                if (killed && !restarted && System.nanoTime() > restartAt) {
                    broker.start();
                    restarted = true;
                }
                // Until the restart, wait at most 10 ms, so the broker is back after about 1 s. The stream
                // is over when nothing came for 20 s and the publisher's link has nothing left to send:
                // under a load average of 40 mosquitto's save after every message took seconds each.
                String p = sub.receive(sent < total ? 0 : restarted ? 20_000 : 10);
                if (p == null) {
                    if (sent == total && restarted && pub.host.waitingToSend(pub.link) == 0) {
                        break;
                    }
                    continue;
                }
                int v = Integer.parseInt(p);
                if (seen.get(v)) {
                    duplicates++;
                }
                seen.set(v);
            }
            System.out.println("broker kill -9 mid-stream: " + total + " published at qos 1, " + seen.cardinality()
                    + " distinct received, " + duplicates + " duplicates, PUBACK reason 16 (no matching subscribers) "
                    + pub.transport.pubAckReasonCount(16) + " times");
            assertTrue(killed && restarted);
            // Every message missing must be one the killed broker acknowledged to the publisher (rc 0),
            // never had acknowledged by the subscriber, and the subscriber's transport never handed to
            // its host: the broker took it over and lost it in the crash (it keeps messages in flight
            // only in memory; see the class comment). Anything else is weir's loss and fails.
            BrokerLog log = new BrokerLog(broker.log(), "t8-pub", "t8-sub", total);
            int killedLife = log.lives - 2;
            int brokersLoss = 0;
            StringBuilder weirsLoss = new StringBuilder();
            for (int v = seen.nextClearBit(0); v < total; v = seen.nextClearBit(v + 1)) {
                boolean handedOver = sub.delivered.contains("sensors/" + v + "/temperature");
                boolean brokers = log.ackedToPublisherIn[v] == killedLife && log.reasonCode[v] == 0
                        && !log.subscriberAcknowledged[v] && !handedOver;
                System.out.println("missing " + v + ": " + log.describe(v) + ", handed to the subscriber's host: "
                        + handedOver + (brokers ? ": lost by the killed broker" : ": LOST BY WEIR"));
                if (brokers) {
                    brokersLoss++;
                } else {
                    weirsLoss.append(' ').append(v);
                }
            }
            System.out.println("broker kill -9 mid-stream: " + brokersLoss + " messages acknowledged and lost by the killed"
                    + " broker (life " + killedLife + " of " + log.lives + ")");
            assertEquals("", weirsLoss.toString(), "messages the link took that neither arrived nor were acknowledged by the"
                    + " broker that was killed");
            assertEquals(0, pub.transport.refused(), "publishes the broker refused");
            pub.close();
            sub.close();
        }
    }

    /**
     * A broker killed before it saved anything comes back without the links' sessions (issue 13's
     * kill test hit this under load): the subscriber's link subscribes again when it reconnects and
     * keeps receiving, and the publisher's link sends on the new session. This broker never autosaves
     * before the kill, so the sessions are always lost.
     */
    @Test
    void brokerRestartedWithoutTheSessionStillDeliversToTheLink() throws Exception {
        try (Mosquitto broker = Mosquitto.started()) {
            Modules sub = new Modules(subscriber(16, MessagingGrant.POLICY_BLOCK), broker.uri() + ",client-id=t9-sub" + FAST);
            Modules pub = new Modules(publisher(100), broker.uri() + ",client-id=t9-pub" + FAST);
            assertTrue(sub.waitConnected(10_000) && pub.waitConnected(10_000));
            assertEquals(0, sub.subscribe("sensors/#", 1));
            assertEquals(0, pub.publish("sensors/a/temperature", "before", 1));
            assertEquals("before", sub.receive(10_000));
            broker.kill();
            broker.start();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while ((sub.host.status(sub.link) != 1 || pub.host.status(pub.link) != 1) && System.nanoTime() < deadline) {
                Mosquitto.sleep(20);
            }
            // The link subscribes again on every connect; this waits for the broker's answer to it.
            assertEquals(0, sub.subscribe("sensors/#", 1));
            for (int i = 0; i < 10; i++) {
                assertEquals(0, pub.publish("sensors/a/temperature", Integer.toString(i), 1));
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(Integer.toString(i), sub.receive(10_000), "message " + i + " after the broker lost the session");
            }
            pub.close();
            sub.close();
        }
    }

    @Test
    void brokerUnreachableAtStartTheModuleRunsAndMessagesWait() throws Exception {
        try (Mosquitto broker = Mosquitto.notStarted()) {
            // The subscriber's persistent session exists from an earlier run of the broker.
            broker.start();
            Modules sub = new Modules(subscriber(16, MessagingGrant.POLICY_BLOCK), broker.uri() + ",client-id=t3-sub" + FAST);
            assertTrue(sub.waitConnected(10_000));
            assertEquals(0, sub.subscribe("sensors/#", 1));
            broker.stop();

            Modules pub = new Modules(publisher(100), broker.uri() + ",client-id=t3-pub" + FAST);
            assertEquals(0, pub.host.status(pub.link), "no broker yet");
            for (int i = 0; i < 20; i++) {
                assertEquals(0, pub.publish("sensors/a/temperature", Integer.toString(i), 1), "taken while unreachable");
            }
            broker.start();
            for (int i = 0; i < 20; i++) {
                assertEquals(Integer.toString(i), sub.receive(20_000), "message " + i + " waited and arrived");
            }
            pub.close();
            sub.close();
        }
    }

    @Test
    void fullOutgoingBufferRefusesNewMessagesAndKeepsTheTakenOnes() throws Exception {
        try (Mosquitto broker = Mosquitto.notStarted()) {
            broker.start();
            Modules sub = new Modules(subscriber(64, MessagingGrant.POLICY_BLOCK), broker.uri() + ",client-id=t4-sub" + FAST);
            assertTrue(sub.waitConnected(10_000));
            assertEquals(0, sub.subscribe("sensors/#", 1));
            broker.stop();
            Modules pub = new Modules(publisher(10), broker.uri() + ",client-id=t4-pub" + FAST);
            int taken = 0;
            int full = 0;
            for (int i = 0; i < 15; i++) {
                int r = pub.publish("sensors/a/temperature", Integer.toString(i), 1);
                if (r == 0) {
                    taken++;
                } else {
                    assertEquals(-MessagingError.BUFFER_FULL, r);
                    full++;
                }
            }
            assertEquals(10, taken, "the buffer bound");
            assertEquals(5, full);
            broker.start();
            for (int i = 0; i < 10; i++) {
                assertEquals(Integer.toString(i), sub.receive(20_000));
            }
            assertEquals(null, sub.receive(300));
            pub.close();
            sub.close();
        }
    }

    @Test
    void slowSubscriberBlockPolicyHoldsTheBrokerBackAndLosesNothing() throws Exception {
        try (Mosquitto broker = Mosquitto.started()) {
            Modules sub = new Modules(subscriber(4, MessagingGrant.POLICY_BLOCK), broker.uri() + ",client-id=t5-sub" + FAST);
            Modules pub = new Modules(publisher(1000), broker.uri() + ",client-id=t5-pub" + FAST);
            assertTrue(sub.waitConnected(10_000) && pub.waitConnected(10_000));
            assertEquals(0, sub.subscribe("sensors/#", 1));
            for (int i = 0; i < 300; i++) {
                assertEquals(0, pub.publish("sensors/a/temperature", Integer.toString(i), 1));
            }
            for (int i = 0; i < 300; i++) {
                if (i % 50 == 0) {
                    Mosquitto.sleep(100);
                }
                assertTrue(sub.host.pending(sub.link) <= 4, "the inbox never holds more than its size");
                assertEquals(Integer.toString(i), sub.receive(10_000));
            }
            assertEquals(0, sub.host.messagesLost(sub.link));
            pub.close();
            sub.close();
        }
    }

    @Test
    void slowSubscriberDropPolicyCountsEveryDroppedMessage() throws Exception {
        try (Mosquitto broker = Mosquitto.started()) {
            Modules sub = new Modules(subscriber(4, MessagingGrant.POLICY_DROP), broker.uri() + ",client-id=t6-sub" + FAST);
            Modules pub = new Modules(publisher(1000), broker.uri() + ",client-id=t6-pub" + FAST);
            assertTrue(sub.waitConnected(10_000) && pub.waitConnected(10_000));
            assertEquals(0, sub.subscribe("sensors/#", 0));
            for (int i = 0; i < 300; i++) {
                assertEquals(0, pub.publish("sensors/a/temperature", Integer.toString(i), 0));
            }
            Mosquitto.sleep(1000);
            int got = 0;
            while (sub.receive(500) != null) {
                got++;
            }
            int lost = sub.host.messagesLost(sub.link);
            assertTrue(lost > 0, "a 4-message inbox overflowed");
            assertEquals(300, got + lost, "every message was either taken or counted as dropped");
            pub.close();
            sub.close();
        }
    }

    @Test
    void oversizeAndOutOfGrantPublishesAreErrorCodesAndTheModuleGoesOn() throws Exception {
        try (Mosquitto broker = Mosquitto.started()) {
            Modules sub = new Modules(subscriber(16, MessagingGrant.POLICY_BLOCK), broker.uri() + ",client-id=t7-sub" + FAST);
            Modules pub = new Modules(publisher(100), broker.uri() + ",client-id=t7-pub" + FAST);
            assertTrue(sub.waitConnected(10_000) && pub.waitConnected(10_000));
            assertEquals(0, sub.subscribe("big/#", 1));
            assertEquals(-MessagingError.PERMISSION_DENIED, sub.subscribe("#", 1), "wider than the grant");
            assertEquals(-MessagingError.TOO_LARGE, pub.publishBytes("big/blob", 8193, 1));
            assertEquals(-MessagingError.PERMISSION_DENIED, pub.publish("actuators/valve", "open", 1));
            assertEquals(-MessagingError.INVALID_TOPIC, pub.publish("big/+", "x", 1));
            assertEquals(-MessagingError.OUT_OF_BOUNDS, pub.host.publish(pub.memory, pub.link, 65000, 1000, 0, 1, 1, 0, 0));
            assertEquals(1, pub.audit.size(), pub.audit.toString());
            assertTrue(pub.audit.get(0).contains("publish to actuators/valve"), pub.audit.toString());
            assertEquals(0, pub.publishBytes("big/blob", 8192, 1), "the module goes on");
            assertTrue(sub.receive(10_000) != null);
            assertEquals("big/blob", sub.receivedTopic());
            pub.close();
            sub.close();
        }
    }
}
