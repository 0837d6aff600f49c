package dev.weir.hal.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EdgeRingTest {
    @Test
    void deliversInOrderAndCountsWhatDidNotFit() {
        EdgeRing ring = new EdgeRing(3);
        assertEquals(4, ring.capacity());
        for (int i = 1; i <= 6; i++) {
            assertEquals(i <= 4, ring.offer(i, 1 + i % 2, i * 10L));
        }
        assertEquals(2, ring.takeLost());
        assertEquals(0, ring.takeLost());
        for (int i = 1; i <= 4; i++) {
            assertTrue(ring.poll());
            assertEquals(i, ring.handle());
            assertEquals(1 + i % 2, ring.edge());
            assertEquals(i * 10L, ring.time());
        }
        assertFalse(ring.poll());
    }

    @Test
    void waitTimesOutThenWakesForAnEventFromAnotherThread() throws Exception {
        EdgeRing ring = new EdgeRing(8);
        long t0 = System.nanoTime();
        assertFalse(ring.take(30));
        assertTrue(System.nanoTime() - t0 >= 25_000_000L, "waited the timeout");
        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            ring.offer(7, 2, 99);
        });
        producer.start();
        assertTrue(ring.take(-1));
        assertEquals(7, ring.handle());
        producer.join();
    }
}
