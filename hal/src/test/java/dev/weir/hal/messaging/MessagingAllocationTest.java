package dev.weir.hal.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.Memory;
import dev.weir.hal.capability.Grants;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * weir's side of the data path allocates nothing per message: publish (pointer checks, topic
 * validation and grant matching in place, rate limiter) and receive (the inbox slot copied into
 * memory, the acknowledgement), measured like core's ZeroAllocationTest with HotSpot's per-thread
 * allocated-bytes counter around many warm messages, through the in-process {@link LoopbackTransport},
 * whose own state is preallocated.
 */
class MessagingAllocationTest {
    private static final int ROUNDS = 20_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    interface Workload {
        long run();
    }

    private static long allocatedBy(Workload workload) {
        long id = Thread.currentThread().getId();
        long checksum = 0;
        for (int i = 0; i < 3; i++) {
            checksum += workload.run();
        }
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long before = THREADS.getThreadAllocatedBytes(id);
            checksum += workload.run();
            long after = THREADS.getThreadAllocatedBytes(id);
            least = Math.min(least, after - before);
        }
        return checksum == 0 ? -1 : least;
    }

    @Test
    void publishAndReceiveAllocateNothingPerMessage() {
        MessagingGrant grant = new MessagingGrant.Builder("broker").publish("sensors/+/temperature").subscribe("sensors/#")
                .maxMessage(4096).inbox(64, MessagingGrant.POLICY_DROP).rate(0).build("test");
        final MessagingHost host = new MessagingHost(new Grants().add(grant),
                Collections.singletonMap("broker", LinkSettings.mqtt("broker", "127.0.0.1", 1883)),
                Collections.<String, MessageTransport.Factory>singletonMap("mqtt", new MessageTransport.Factory() {
                    @Override
                    public MessageTransport open(LinkSettings settings, MessagingGrant g) {
                        return new LoopbackTransport();
                    }
                }));
        final Memory memory = new Memory(1, 1);
        byte[] name = "broker".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, memory.array(), 0, name.length);
        final int link = host.openLink(memory, 0, name.length);
        assertTrue(link > 0);
        byte[] filter = "sensors/+/temperature".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(filter, 0, memory.array(), 100, filter.length);
        assertEquals(0, host.subscribe(memory, link, 100, filter.length, 1));
        final int topicLength = filter.length;
        memory.array()[108] = 'a';
        for (final int size : new int[] {64, 4096}) {
            assertEquals(0, allocatedBy(() -> {
                long sum = 0;
                for (int i = 0; i < ROUNDS; i++) {
                    memory.array()[1000] = (byte) i;
                    int r = host.publish(memory, link, 100, topicLength, 1000, size, 1, 0, 0);
                    sum += r;
                    sum += host.receive(memory, 0, 200, 300, 256, 10_000, 4096, 0);
                }
                return sum;
            }), "publish and receive of " + size + "-byte messages");
        }
        assertEquals(0, host.messagesLost(link));
        host.close();
    }
}
