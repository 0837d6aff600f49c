package dev.weir.testsupport;

import java.lang.management.ManagementFactory;

/**
 * weir's one allocation meter for tests: HotSpot's per-thread allocated-bytes counter
 * ({@code com.sun.management.ThreadMXBean}) read around warm runs of a workload. Running wasm, host
 * calls on the data path and frame captures must allocate nothing, and this is how every module's
 * tests prove it: {@code assertEquals(0, Allocations.leastBytes(workload))}.
 *
 * <p>The workload first runs {@value #WARM_UP_RUNS} times, so that class loading, interpreter
 * profiles and JIT compilation are behind it; then it runs up to {@value #MEASURED_RUNS} times
 * more and the least of those counts is the answer. A one-off allocation by the VM itself (a
 * deoptimization re-materializing an object, the counter's own first use) lands in one run, while
 * anything allocated per call lands in every run.
 */
public final class Allocations {
    /** Runs before measuring. */
    public static final int WARM_UP_RUNS = 3;
    /** Measured runs at most; measuring stops at the first that allocated nothing. */
    public static final int MEASURED_RUNS = 5;

    /** Something to measure; returns a value derived from its work, so the JIT cannot drop it. */
    public interface Workload {
        /** Runs the workload once (typically thousands of calls) and returns a checksum. */
        long run();
    }

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    /** Where the checksums go: a volatile field keeps the work observable. */
    private static volatile long sink;

    private Allocations() {
    }

    /**
     * The fewest bytes the current thread allocated in one warm run of the workload.
     *
     * @throws IllegalStateException if the JVM has no per-thread allocation counter (not HotSpot)
     */
    public static long leastBytes(Workload workload) {
        return leastBytes(workload, Thread.currentThread().getId());
    }

    /**
     * The fewest bytes the given threads allocated together in one warm run of the workload
     * (the current thread and, say, a driver's reader thread).
     */
    public static long leastBytes(Workload workload, long... threadIds) {
        long checksum = 0;
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            checksum += workload.run();
        }
        // What reading the counters costs, in case a JVM allocates to read them.
        long start = allocated(threadIds);
        long reading = allocated(threadIds) - start;
        long least = Long.MAX_VALUE;
        for (int round = 0; round < MEASURED_RUNS && least != 0; round++) {
            long before = allocated(threadIds);
            checksum += workload.run();
            least = Math.min(least, allocated(threadIds) - before - reading);
        }
        sink += checksum;
        return least;
    }

    private static long allocated(long[] threadIds) {
        long sum = 0;
        for (long id : threadIds) {
            sum += THREADS.getThreadAllocatedBytes(id);
        }
        return sum;
    }

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean)
                || !((com.sun.management.ThreadMXBean) bean).isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM (" + System.getProperty("java.vm.name")
                    + ") has no per-thread allocation counter; run the allocation tests on HotSpot");
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }
}
