package dev.weir.hal.messaging;

/**
 * The error codes of the messaging import ABI, returned negated so that every non-negative result is
 * a value or a handle. 1..4 are the cases of wasi:messaging's {@code error} variant in its order
 * (connection, permission-denied, timeout, other); 5.. are weir's, for what a core-wasm ABI has to
 * say in numbers (handles, pointers, buffer sizes) and for weir's grants (rate, size, buffer).
 */
public final class MessagingError {
    /** The link's transport failed and cannot take the request (it is closed, or the broker refused it). */
    public static final int CONNECTION = 1;
    /** No grant allows this link, topic, filter or QoS; the operator sees an audit line. */
    public static final int PERMISSION_DENIED = 2;
    /** Not used by weir's calls, which report a timeout as "no message"; kept so the numbering matches. */
    public static final int TIMEOUT = 3;
    public static final int OTHER = 4;
    /** Not an open handle of this module: never issued, closed, stale or made up. */
    public static final int BAD_HANDLE = 5;
    /** The grant this link was opened under was revoked; close the handle. */
    public static final int REVOKED = 6;
    /** Not a valid MQTT topic (or filter): empty, too long, NUL, misplaced wildcards, "." or ".." levels. */
    public static final int INVALID_TOPIC = 7;
    /** The payload is larger than the grant's max-message, or a received message does not fit the buffer. */
    public static final int TOO_LARGE = 8;
    /** A pointer and length reach outside the module's memory (or it has none). */
    public static final int OUT_OF_BOUNDS = 9;
    /** The link's outgoing buffer is full (the broker is away): this message was not taken. */
    public static final int BUFFER_FULL = 10;
    /** Publishing faster than the grant's rate: this message was not taken. */
    public static final int RATE_LIMITED = 11;
    /** The module's handle table is full. */
    public static final int NO_SPACE = 12;
    /** An argument is out of range (unknown QoS or flags). */
    public static final int INVALID_ARGUMENT = 13;
    /** This module already has the link open. */
    public static final int ALREADY_OPEN = 14;

    private static final String[] NAMES = {"ok", "connection", "permission-denied", "timeout", "other", "bad-handle",
        "revoked", "invalid-topic", "too-large", "out-of-bounds", "buffer-full", "rate-limited", "no-space",
        "invalid-argument", "already-open"};

    private MessagingError() {
    }

    /** The WIT name of an error code, given positive or negated. */
    public static String name(int code) {
        int c = Math.abs(code);
        return c < NAMES.length ? NAMES[c] : "unknown-error-" + c;
    }
}
