package dev.weir.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.hal.messaging.MessagingGrant;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * weir's side of the MQTT receive path allocates nothing per message, against a real mosquitto: a
 * module thread taking QoS 1 messages from the inbox into linear memory, which acknowledges each to
 * the transport (the token ring of {@link MqttTransport}) and through it to the client library.
 * Measured like hal's MessagingAllocationTest, with HotSpot's per-thread allocated-bytes counter
 * around batches of messages that already wait in the inbox, so the network does not take part.
 * The client library's acknowledgement (a task handed to its network thread) is on this thread too
 * and allocated nothing here either; its queue may grow in chunks now and then, so the least of five
 * warm batches is what must be 0. The map of Long tokens this replaced allocated 24 bytes per
 * message. Where weir's side ends: messaging-drivers/README.md.
 */
@Timeout(120)
class MqttAllocationTest {
    private static final int BATCH = 1000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void takingAndAcknowledgingQos1MessagesAllocatesNothingPerMessage() throws Exception {
        try (Mosquitto broker = Mosquitto.started()) {
            MessagingGrant subGrant = new MessagingGrant.Builder("broker").subscribe("sensors/#").maxMessage(8192)
                    .inbox(2 * BATCH, MessagingGrant.POLICY_BLOCK).build("test");
            MessagingGrant pubGrant = new MessagingGrant.Builder("broker").publish("sensors/+/temperature").rate(0)
                    .buffer(2 * BATCH).maxMessage(8192).build("test");
            // A window larger than a batch, so a whole batch waits in the inbox before it is measured.
            Modules sub = new Modules(subGrant, broker.uri() + ",client-id=a1-sub,receive-maximum=" + 4 * BATCH);
            Modules pub = new Modules(pubGrant, broker.uri() + ",client-id=a1-pub");
            assertTrue(sub.waitConnected(10_000) && pub.waitConnected(10_000));
            assertEquals(0, sub.subscribe("sensors/#", 1));
            long id = Thread.currentThread().getId();
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < BATCH; i++) {
                    assertEquals(0, pub.publishBytes("sensors/a/temperature", 64, 1));
                }
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (sub.host.pending(sub.link) < BATCH && System.nanoTime() < deadline) {
                    Mosquitto.sleep(5);
                }
                assertEquals(BATCH, sub.host.pending(sub.link), "a batch waits in the inbox");
                long before = THREADS.getThreadAllocatedBytes(id);
                int taken = 0;
                for (int i = 0; i < BATCH; i++) {
                    taken += sub.receiveInto(0) > 0 ? 1 : 0;
                }
                long after = THREADS.getThreadAllocatedBytes(id);
                assertEquals(BATCH, taken);
                if (round >= 3) {
                    least = Math.min(least, after - before);
                }
            }
            System.out.println("mqtt receive path: " + least + " bytes allocated by the module thread for " + BATCH
                    + " QoS 1 messages taken and acknowledged");
            assertEquals(0, least, "bytes allocated for " + BATCH + " messages taken and acknowledged");
            pub.close();
            sub.close();
        }
    }
}
