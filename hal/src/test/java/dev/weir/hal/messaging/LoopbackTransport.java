package dev.weir.hal.messaging;

/**
 * An in-process transport for unit tests: every publish that a subscription of the same link matches
 * comes straight back to the link's receiver, on the publishing thread, with a QoS 1 token; nothing
 * leaves the JVM. Its own state is preallocated, so the allocation test measures only the host.
 * Records acknowledgements so tests can check that a message is acknowledged only once taken.
 */
final class LoopbackTransport implements MessageTransport {
    private MessageTransport.Receiver receiver;
    private final byte[][] filters = new byte[8][];
    int filterCount;
    private long nextToken = 1;
    long lastAcknowledged;
    int acknowledgements;
    int published;
    boolean connected = true;
    boolean closed;
    /** When set, publish refuses with buffer-full once this many are pending (never acknowledged). */
    int bufferLimit = Integer.MAX_VALUE;

    @Override
    public void start(Receiver r) {
        this.receiver = r;
    }

    @Override
    public int subscribe(byte[] filter, int offset, int length, int qos) {
        byte[] f = new byte[length];
        System.arraycopy(filter, offset, f, 0, length);
        filters[filterCount++] = f;
        return 0;
    }

    @Override
    public int publish(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset,
            int payloadLength, byte[] contentType, int contentTypeOffset, int contentTypeLength, int flags) {
        if (closed) {
            return -MessagingError.CONNECTION;
        }
        if (published >= bufferLimit) {
            return -MessagingError.BUFFER_FULL;
        }
        published++;
        for (int i = 0; i < filterCount; i++) {
            if (Topics.matches(filters[i], topic, topicOffset, topicLength)) {
                receiver.received(topic, topicOffset, topicLength, payload, payloadOffset, payloadLength, flags & 3,
                        (flags & 3) == 1 ? nextToken++ : 0);
                break;
            }
        }
        return 0;
    }

    /** Delivers a message as a broker would, on the caller's thread. */
    void deliver(String topic, byte[] payload, int qos) {
        byte[] t = Topics.bytes(topic);
        receiver.received(t, 0, t.length, payload, 0, payload.length, qos, qos == 1 ? nextToken++ : 0);
    }

    @Override
    public void acknowledge(long token) {
        lastAcknowledged = token;
        acknowledgements++;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public int pendingOutgoing() {
        return bufferLimit == Integer.MAX_VALUE ? 0 : published;
    }

    @Override
    public void close() {
        closed = true;
    }
}
