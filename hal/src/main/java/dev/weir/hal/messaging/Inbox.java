package dev.weir.hal.messaging;

/**
 * The incoming messages of one module instance: a preallocated ring per open link (sized by its grant:
 * inbox messages of up to max-message bytes and a topic of up to {@value Topics#MAX_LENGTH} bytes),
 * filled by the links' driver threads and drained by the module's thread, which copies a message
 * straight from its slot into linear memory. One monitor guards every ring, so a module can wait for a
 * message from any of its links with one timeout. Offering, taking and waiting allocate nothing.
 * <p>
 * A full ring applies its grant's policy: {@code block} makes the driver thread wait (which holds back
 * that link's later messages, and with the broker's receive maximum set to the inbox size, the
 * broker's flow), {@code drop} drops the new message and counts it for {@code messages-lost}.
 */
final class Inbox {
    /** One link's ring; made when the link opens. */
    static final class Ring {
        final int mask;
        final int policy;
        final byte[][] topics;
        final int[] topicLengths;
        final byte[][] payloads;
        final int[] payloadLengths;
        final int[] flags;
        final long[] tokens;
        long head;
        long tail;
        int lost;
        long lostTotal;
        int handle;
        boolean attached;

        Ring(int capacity, int maxMessage, int policy) {
            int size = Integer.highestOneBit(capacity);
            if (size < capacity) {
                size <<= 1;
            }
            this.mask = size - 1;
            this.policy = policy;
            this.topics = new byte[size][Topics.MAX_LENGTH];
            this.topicLengths = new int[size];
            this.payloads = new byte[size][maxMessage];
            this.payloadLengths = new int[size];
            this.flags = new int[size];
            this.tokens = new long[size];
        }

        int size() {
            return (int) (tail - head);
        }

        /** The capacity asked for may be rounded up to a power of two; the policy applies at the asked size. */
        boolean full(int limit) {
            return tail - head >= limit;
        }
    }

    private final Ring[] rings;
    private final int[] limits;
    private int next;

    // What the last take left for the (single) consumer thread.
    private long takenToken;
    private int takenIndex;

    Inbox(int slots) {
        this.rings = new Ring[slots];
        this.limits = new int[slots];
    }

    synchronized void attach(int index, int handle, Ring ring, int limit) {
        ring.handle = handle;
        ring.attached = true;
        rings[index] = ring;
        limits[index] = limit;
        notifyAll();
    }

    /** The link closed: its ring goes, and a driver thread blocked on it wakes and drops. */
    synchronized void detach(int index) {
        Ring r = rings[index];
        if (r != null) {
            r.attached = false;
        }
        rings[index] = null;
        notifyAll();
    }

    /**
     * Called by a link's driver thread. Returns 1 when stored, 0 when dropped by the policy
     * (inbox-full=drop; counted), -1 when not stored because the link closed meanwhile or the thread
     * was interrupted while blocked: such a message must not be acknowledged, so that the broker sends
     * it again to the link's next session (a resumed checkpoint, a restarted run).
     */
    synchronized int offer(int index, int handle, byte[] topic, int topicOffset, int topicLength, byte[] payload,
            int payloadOffset, int payloadLength, int flags, long token) {
        Ring r = rings[index];
        if (r == null || r.handle != handle || !r.attached) {
            return -1;
        }
        while (r.full(limits[index])) {
            if (r.policy == MessagingGrant.POLICY_DROP) {
                r.lost = r.lost == Integer.MAX_VALUE ? r.lost : r.lost + 1;
                r.lostTotal++;
                return 0;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            if (!r.attached) {
                return -1;
            }
        }
        int at = (int) r.tail & r.mask;
        System.arraycopy(topic, topicOffset, r.topics[at], 0, topicLength);
        r.topicLengths[at] = topicLength;
        System.arraycopy(payload, payloadOffset, r.payloads[at], 0, payloadLength);
        r.payloadLengths[at] = payloadLength;
        r.flags[at] = flags;
        r.tokens[at] = token;
        r.tail++;
        notifyAll();
        return 1;
    }

    /** Counts a message the driver thread dropped before it reached the ring (a topic too long for a slot). */
    synchronized void countLost(int index, int handle) {
        Ring r = rings[index];
        if (r != null && r.handle == handle) {
            r.lost = r.lost == Integer.MAX_VALUE ? r.lost : r.lost + 1;
            r.lostTotal++;
        }
    }

    /**
     * Takes the oldest message of link slot {@code only} (or of any link, in turn, when only is -1) into
     * memory: the 16-byte header at headerAt, the topic at topicAt, the payload at payloadAt. Waits up to
     * timeoutMillis (negative: forever). Returns 1 when taken (then {@link #takenToken()} and {@link
     * #takenIndex()} say what to acknowledge), 0 on timeout, or -{@link MessagingError#TOO_LARGE} when
     * the message does not fit the buffers: the header is written with its sizes and the message stays.
     * The caller checked every range.
     */
    synchronized int take(int only, byte[] memory, int headerAt, int topicAt, int topicCap, int payloadAt,
            int payloadCap, long timeoutMillis) {
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        while (true) {
            int index = find(only);
            if (index >= 0) {
                Ring r = rings[index];
                int at = (int) r.head & r.mask;
                int tl = r.topicLengths[at];
                int pl = r.payloadLengths[at];
                putInt(memory, headerAt, r.handle);
                putInt(memory, headerAt + 4, tl);
                putInt(memory, headerAt + 8, pl);
                putInt(memory, headerAt + 12, r.flags[at]);
                if (tl > topicCap || pl > payloadCap) {
                    return -MessagingError.TOO_LARGE;
                }
                System.arraycopy(r.topics[at], 0, memory, topicAt, tl);
                System.arraycopy(r.payloads[at], 0, memory, payloadAt, pl);
                takenToken = r.tokens[at];
                takenIndex = index;
                r.head++;
                notifyAll();
                return 1;
            }
            if (timeoutMillis == 0) {
                return 0;
            }
            try {
                if (timeoutMillis < 0) {
                    wait();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return 0;
                    }
                    wait(Math.max(1, left / 1_000_000L));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }

    private int find(int only) {
        if (only >= 0) {
            Ring r = rings[only];
            return r != null && r.head != r.tail ? only : -1;
        }
        int n = rings.length;
        for (int k = 0; k < n; k++) {
            int i = (next + k) % n;
            Ring r = rings[i];
            if (r != null && r.head != r.tail) {
                next = (i + 1) % n;
                return i;
            }
        }
        return -1;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    long takenToken() {
        return takenToken;
    }

    int takenIndex() {
        return takenIndex;
    }

    /** Dropped messages of a link since the last call; resets the count. */
    synchronized int takeLost(int index) {
        Ring r = rings[index];
        if (r == null) {
            return 0;
        }
        int n = r.lost;
        r.lost = 0;
        return n;
    }

    /** Dropped messages of a link since the last messages-lost call, without resetting it. */
    synchronized int peekLost(int index) {
        Ring r = rings[index];
        return r == null ? 0 : r.lost;
    }

    /** A restored link's drop counts. */
    synchronized void restoreLost(int index, int lost, long lostTotal) {
        Ring r = rings[index];
        if (r != null) {
            r.lost = lost;
            r.lostTotal = lostTotal;
        }
    }

    /**
     * Writes the messages of a link not yet taken, oldest first, for a checkpoint: their count, then
     * each one's flags, topic and payload (lengths first); adds their tokens to {@code tokens}.
     */
    synchronized void save(int index, java.io.DataOutputStream out, java.util.List<Long> tokens) throws java.io.IOException {
        Ring r = rings[index];
        if (r == null) {
            out.writeInt(0);
            return;
        }
        out.writeInt(r.size());
        for (long k = r.head; k < r.tail; k++) {
            int at = (int) k & r.mask;
            out.writeInt(r.flags[at]);
            out.writeInt(r.topicLengths[at]);
            out.write(r.topics[at], 0, r.topicLengths[at]);
            out.writeInt(r.payloadLengths[at]);
            out.write(r.payloads[at], 0, r.payloadLengths[at]);
            tokens.add(r.tokens[at]);
        }
    }

    /** Dropped messages of a link since it opened. */
    synchronized long lostTotal(int index) {
        Ring r = rings[index];
        return r == null ? 0 : r.lostTotal;
    }

    synchronized int size(int index) {
        Ring r = rings[index];
        return r == null ? 0 : r.size();
    }
}
