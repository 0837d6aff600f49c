package dev.weir.hal.messaging;

/**
 * What a messaging driver implements for one link: a connection to a broker that publishes, subscribes
 * and hands incoming messages to a {@link Receiver}. hal knows no driver; the embedder gives {@link
 * MessagingHost} a {@link Factory} per URI scheme (weir run: the MQTT transport of
 * messaging-drivers).
 * <p>
 * The contract that keeps delivery at-least-once end to end:
 * <ul>
 * <li>{@link #start} returns at once; connecting, reconnecting with backoff and resuming the session
 * are the transport's business, and a broker that is away is not an error.</li>
 * <li>{@link #publish} copies what it needs before it returns (the arrays are the module's memory) and
 * either takes the message (0: it will be sent, now or after a reconnect) or refuses it with a negated
 * {@link MessagingError} ({@code BUFFER_FULL} when its bounded outgoing buffer is full); it never
 * drops a message it took.</li>
 * <li>The receiver is called on one thread per link, in the order the broker sent the messages; a
 * QoS 1 message is acknowledged to the broker only when the host calls {@link #acknowledge} with its
 * token, which it does after the module has taken the message (or the inbox policy dropped it).</li>
 * </ul>
 */
public interface MessageTransport {
    /** Gets incoming messages; its arrays are valid only during the call. */
    interface Receiver {
        /**
         * One message. May block (the inbox's block policy), which holds back this link's later messages.
         *
         * @param flags QoS in bits 0-1, {@link #FLAG_DUP} and {@link #FLAG_RETAIN}
         * @param token what to pass to {@link #acknowledge} once the message is taken; 0 for QoS 0
         */
        void received(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset,
                int payloadLength, int flags, long token);
    }

    /** Makes the transport of one link. */
    interface Factory {
        /**
         * @param settings where to connect, as the operator said
         * @param grant the module's grant for the link: QoS, max-message, inbox (as the broker's receive
         *     maximum) and buffer bounds
         */
        MessageTransport open(LinkSettings settings, MessagingGrant grant);
    }

    /** Incoming flag: the broker may have sent this message before (MQTT DUP). */
    int FLAG_DUP = 1 << 2;
    /** Incoming flag: a retained message. Outgoing: ask the broker to retain it. */
    int FLAG_RETAIN = 1 << 3;

    /** Starts connecting; incoming messages go to receiver. Returns at once. */
    void start(Receiver receiver);

    /** Subscribes to a filter (valid, granted) at a QoS; 0 or a negated {@link MessagingError}. */
    int subscribe(byte[] filter, int offset, int length, int qos);

    /**
     * Publishes a message; 0 when taken, else a negated {@link MessagingError}.
     *
     * @param contentType UTF-8 content type (MQTT 5), contentTypeLength 0 for none
     * @param flags QoS in bits 0-1, {@link #FLAG_RETAIN}
     */
    int publish(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset, int payloadLength,
            byte[] contentType, int contentTypeOffset, int contentTypeLength, int flags);

    /** The module took the message with this token: acknowledge it to the broker (QoS 1). */
    void acknowledge(long token);

    /** Whether the broker is connected now. */
    boolean isConnected();

    /** Messages taken by publish and not yet acknowledged by the broker (QoS 1) or sent (QoS 0). */
    int pendingOutgoing();

    /** Disconnects, keeping the broker's session (persistent sessions outlive a link's close). */
    void close();
}
