package dev.weir.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllocationsTest {
    @Test
    void arithmeticAllocatesNothing() {
        assertEquals(0, Allocations.leastBytes(() -> {
            long sum = 0;
            for (int i = 0; i < 10_000; i++) {
                sum += i * 31L;
            }
            return sum;
        }));
    }

    @Test
    void seesAnAllocationInEveryRun() {
        long bytes = Allocations.leastBytes(() -> {
            long sum = 0;
            for (int i = 0; i < 100; i++) {
                sum += new long[16].length + i;
            }
            return sum;
        });
        // 100 arrays of 16 longs: at least 100 * 128 bytes of payload.
        assertTrue(bytes >= 100 * 128, bytes + " bytes");
    }

    @Test
    void addsUpTheThreadsItIsGiven() {
        long id = Thread.currentThread().getId();
        long once = Allocations.leastBytes(() -> new byte[4096].length, id);
        long twice = Allocations.leastBytes(() -> new byte[4096].length, id, id);
        assertTrue(once >= 4096 && twice >= 2 * 4096, once + " and " + twice + " bytes");
    }
}
