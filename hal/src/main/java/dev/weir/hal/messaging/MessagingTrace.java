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
}
