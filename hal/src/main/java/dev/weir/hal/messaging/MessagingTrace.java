package dev.weir.hal.messaging;

/**
 * Hears of every message a module publishes and takes, and of links opening and closing ({@code weir
 * run --trace messaging}). Called on the module's thread; the arrays are valid only during the call.
 */
public interface MessagingTrace {
    /** A link opened (or closed, when opened is false). */
    void link(String name, String address, boolean opened);

    /** The module published; result is 0 or the negated error it got. */
    void published(String link, byte[] topic, int offset, int length, int bytes, int qos, int result, long nanos);

    /** The module took a message. */
    void received(String link, byte[] topic, int offset, int length, int bytes, int flags, long nanos);

    /**
     * As {@link #published(String, byte[], int, int, int, int, int, long)}, with the payload: its
     * bytes start at {@code payloadOffset} of {@code memory}. The topic is in its own array, which is
     * linear memory too unless the grant's topic-map turned a port name into a topic. The host calls
     * this one; a trace that wants the payload ({@code weir run --inspect}) overrides it.
     */
    default void published(String link, byte[] topic, int topicOffset, int topicLength, byte[] memory, int payloadOffset,
            int bytes, int qos, int result, long nanos) {
        published(link, topic, topicOffset, topicLength, bytes, qos, result, nanos);
    }

    /** As {@link #received(String, byte[], int, int, int, int, long)}, with the payload at payloadOffset of memory. */
    default void received(String link, byte[] memory, int topicOffset, int topicLength, int payloadOffset, int bytes,
            int flags, long nanos) {
        received(link, memory, topicOffset, topicLength, bytes, flags, nanos);
    }
}
