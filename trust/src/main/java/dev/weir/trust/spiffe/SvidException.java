package dev.weir.trust.spiffe;

/** An X.509-SVID or trust bundle that cannot be loaded or is not valid; the message is one line. */
public final class SvidException extends Exception {
    private static final long serialVersionUID = 1L;

    public SvidException(String message) {
        super(message);
    }

    public SvidException(String message, Throwable cause) {
        super(message, cause);
    }
}
