package dev.weir.hal.gpio;

/**
 * The preallocated queue of edge events between the driver's thread (which offers) and the module's
 * thread (which takes). Fixed capacity, a power of two; when full, new events are dropped and counted,
 * since the oldest events are the ones a program has most likely already reacted to. Offering, taking
 * and waiting allocate nothing. The taken event is left in {@link #handle()}, {@link #edge()} and
 * {@link #time()} for the single consumer thread.
 */
final class EdgeRing {
    private final int mask;
    private final int[] handles;
    private final int[] edges;
    private final long[] times;
    private long head;
    private long tail;
    private int lost;

    private int takenHandle;
    private int takenEdge;
    private long takenTime;

    /** @param capacity the most events held at once, rounded up to a power of two */
    EdgeRing(int capacity) {
        if (capacity < 1 || capacity > (1 << 20)) {
            throw new IllegalArgumentException("edge ring capacity " + capacity + " is not in 1..1048576");
        }
        int size = Integer.highestOneBit(capacity);
        if (size < capacity) {
            size <<= 1;
        }
        mask = size - 1;
        handles = new int[size];
        edges = new int[size];
        times = new long[size];
    }

    int capacity() {
        return mask + 1;
    }

    /** Adds an event and wakes a waiting consumer; false (and counted as lost) when the ring is full. */
    synchronized boolean offer(int handle, int edge, long time) {
        if (tail - head > mask) {
            if (lost != Integer.MAX_VALUE) {
                lost++;
            }
            return false;
        }
        int at = (int) tail & mask;
        handles[at] = handle;
        edges[at] = edge;
        times[at] = time;
        tail++;
        notifyAll();
        return true;
    }

    /** Takes the oldest event into handle()/edge()/time(); false when there is none. */
    synchronized boolean poll() {
        if (head == tail) {
            return false;
        }
        int at = (int) head & mask;
        takenHandle = handles[at];
        takenEdge = edges[at];
        takenTime = times[at];
        head++;
        return true;
    }

    /**
     * Takes the oldest event, waiting up to {@code timeoutMillis} for one (forever when negative).
     * Returns false on timeout or when the thread is interrupted (its interrupt flag stays set).
     */
    synchronized boolean take(long timeoutMillis) {
        if (head == tail && timeoutMillis != 0) {
            long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
            try {
                while (head == tail) {
                    if (timeoutMillis < 0) {
                        wait();
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        wait(Math.max(1, left / 1_000_000L));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return poll();
    }

    /** Events held now. */
    synchronized int size() {
        return (int) (tail - head);
    }

    /** Events dropped because the ring was full since the last call; resets the count. */
    synchronized int takeLost() {
        int n = lost;
        lost = 0;
        return n;
    }

    /** The events held now, oldest first, for a checkpoint: count, then handle, edge and time of each. */
    synchronized void save(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt((int) (tail - head));
        for (long k = head; k < tail; k++) {
            int at = (int) k & mask;
            out.writeInt(handles[at]);
            out.writeInt(edges[at]);
            out.writeLong(times[at]);
        }
    }

    /**
     * Puts saved events ahead of those held now (the new board's, since the handles were opened);
     * what does not fit is counted as lost.
     */
    synchronized void restore(int[] savedHandles, int[] savedEdges, long[] savedTimes) {
        int n = (int) (tail - head);
        int[] h = new int[n];
        int[] e = new int[n];
        long[] t = new long[n];
        for (int k = 0; k < n; k++) {
            int at = (int) (head + k) & mask;
            h[k] = handles[at];
            e[k] = edges[at];
            t[k] = times[at];
        }
        head = tail;
        for (int k = 0; k < savedHandles.length; k++) {
            offer(savedHandles[k], savedEdges[k], savedTimes[k]);
        }
        for (int k = 0; k < n; k++) {
            offer(h[k], e[k], t[k]);
        }
    }

    synchronized void clear() {
        head = tail;
    }

    int handle() {
        return takenHandle;
    }

    int edge() {
        return takenEdge;
    }

    long time() {
        return takenTime;
    }
}
