package dev.weir.hal.host;

import java.lang.management.ManagementFactory;

/**
 * hal's allocation measurement, as core's ZeroAllocationTest does it: HotSpot's per-thread
 * allocated-bytes counter around warm runs of a workload. Public for the interfaces' own
 * allocation tests (gpio, wasi).
 */
public final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    /** Something to measure; returns a checksum so the JIT cannot drop the work. */
    public interface Workload {
        long run();
    }

    /**
     * The fewest bytes allocated by one run, over three runs after three warm-up runs: a one-off
     * allocation (a deoptimization, say) lands in one run, an allocation per call in every run.
     * -1 when the checksum came out 0, which a workload is written never to return.
     */
    public static long allocatedBy(Workload workload) {
        long id = Thread.currentThread().getId();
        long checksum = 0;
        for (int i = 0; i < 3; i++) {
            checksum += workload.run();
            checksum += THREADS.getThreadAllocatedBytes(id);
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
}
