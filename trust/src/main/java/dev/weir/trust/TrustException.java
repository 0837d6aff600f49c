package dev.weir.trust;

/** A module refused by the trust policy, or a policy file that cannot be read; the message is one line. */
public final class TrustException extends Exception {
    private static final long serialVersionUID = 1L;

    public TrustException(String message) {
        super(message);
    }

    public TrustException(String message, Throwable cause) {
        super(message, cause);
    }
}
