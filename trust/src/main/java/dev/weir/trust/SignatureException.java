package dev.weir.trust;

/**
 * Why a module's signature was not accepted. The message is one line, naming the reason and where
 * (section, byte offset) when there is a place to name; {@link #reason()} says which kind it is, so
 * a caller can tell an unsigned module from an altered one without reading the text.
 */
public final class SignatureException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kinds of refusal, in the order a verifier meets them. */
    public enum Reason {
        /** The bytes are not a WebAssembly module (header or section framing). */
        MALFORMED_MODULE,
        /** No {@code signature} section first in the module, and no detached signature. */
        NOT_SIGNED,
        /** The signature data does not follow the format (version, content type, hash function, lengths). */
        MALFORMED_SIGNATURE,
        /** No signature in the data verifies with any of the keys given. */
        NO_VALID_SIGNATURE,
        /** A signature verifies, but the module's sections do not hash to what it signed. */
        ALTERED,
        /** A signature covers the module only up to a delimiter; later sections are not signed. */
        PARTIALLY_SIGNED,
        /** A key file could not be read as an Ed25519 key. */
        BAD_KEY,
        /** Signing: the module already carries this key's signature over the same hashes. */
        ALREADY_SIGNED,
        /** The JVM has no Ed25519 (it needs Java 15 or later). */
        NO_ED25519
    }

    private final Reason reason;

    public SignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SignatureException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
