package dev.weir.trust;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An Ed25519 public key that verifies module signatures. Files are read in either form:
 * <ul>
 * <li>the signature format's own (wasmsign2's {@code .pk} files): 33 bytes, {@code 0x01} then the
 *     32-byte key;</li>
 * <li>PEM {@code PUBLIC KEY} or bare DER: an X.509 SubjectPublicKeyInfo (RFC 8410), as OpenSSL
 *     writes ({@code openssl pkey -pubout}).</li>
 * </ul>
 */
public final class PublicSigningKey {
    /** The key type byte of a serialized Ed25519 public key. */
    public static final int RAW_ID = 0x01;
    public static final int RAW_SIZE = 1 + Ed25519.KEY_SIZE;

    private final byte[] raw;
    private final PublicKey jca;

    private PublicSigningKey(byte[] raw) throws SignatureException {
        this.raw = raw.clone();
        this.jca = Ed25519.publicKey(raw);
    }

    /** From the 32 bytes of the key itself. */
    public static PublicSigningKey ofRaw(byte[] key) throws SignatureException {
        if (key.length != Ed25519.KEY_SIZE) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "an Ed25519 public key has 32 bytes, not " + key.length);
        }
        return new PublicSigningKey(key);
    }

    /** Reads any of the forms above; the message says which was expected when none fits. */
    public static PublicSigningKey parse(byte[] bytes) throws SignatureException {
        if (bytes.length == RAW_SIZE && (bytes[0] & 0xff) == RAW_ID) {
            return ofRaw(Arrays.copyOfRange(bytes, 1, RAW_SIZE));
        }
        if (bytes.length > 0 && (bytes[0] & 0xff) == SecretSigningKey.RAW_ID && bytes.length == SecretSigningKey.RAW_SIZE) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "this is a secret key (0x81...), not a public key");
        }
        byte[] der = bytes;
        if (Pem.looksLikePem(bytes)) {
            List<Pem.Block> blocks;
            try {
                blocks = Pem.read(new String(bytes, StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new SignatureException(SignatureException.Reason.BAD_KEY, "bad PEM: " + e.getMessage());
            }
            der = null;
            for (Pem.Block b : blocks) {
                if ("PUBLIC KEY".equals(b.label)) {
                    der = b.der;
                    break;
                }
                if (b.label.contains("PRIVATE KEY")) {
                    throw new SignatureException(SignatureException.Reason.BAD_KEY, "this PEM holds a private key, not a public key");
                }
            }
            if (der == null) {
                throw new SignatureException(SignatureException.Reason.BAD_KEY, "no PEM PUBLIC KEY block");
            }
        }
        if (der.length == Ed25519.SPKI_PREFIX.length + Ed25519.KEY_SIZE
                && Arrays.equals(Arrays.copyOf(der, Ed25519.SPKI_PREFIX.length), Ed25519.SPKI_PREFIX)) {
            return ofRaw(Ed25519.tail(der, Ed25519.KEY_SIZE));
        }
        throw new SignatureException(SignatureException.Reason.BAD_KEY,
                "not an Ed25519 public key (expected 33 bytes starting 0x01, or a PEM/DER SubjectPublicKeyInfo for Ed25519)");
    }

    public static PublicSigningKey read(Path file) throws SignatureException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, file + ": cannot read: " + e.getMessage(), e);
        } catch (SignatureException e) {
            throw new SignatureException(e.reason(), file + ": " + e.getMessage(), e);
        }
    }

    /** The 32 key bytes. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The signature format's serialization: {@code 0x01} then the key. */
    public byte[] toRawFile() {
        byte[] out = new byte[RAW_SIZE];
        out[0] = RAW_ID;
        System.arraycopy(raw, 0, out, 1, Ed25519.KEY_SIZE);
        return out;
    }

    public String toPem() {
        return Pem.write("PUBLIC KEY", Ed25519.concat(Ed25519.SPKI_PREFIX, raw));
    }

    /**
     * wasmsign2's default key identifier: the first 12 bytes of HMAC-SHA256 keyed with the public key
     * over the ASCII text {@code key_id}. weir writes it with every signature, so a verifier with many
     * keys can tell which one signed.
     */
    public byte[] defaultKeyId() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal("key_id".getBytes(StandardCharsets.US_ASCII)), 12);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    /** A short name for messages: the first 8 bytes of SHA-256 of the key, in hex. */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(raw);
            StringBuilder sb = new StringBuilder("ed25519:");
            for (int i = 0; i < 8; i++) {
                sb.append(String.format("%02x", d[i] & 0xff));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    boolean verifies(byte[] message, byte[] signature) throws SignatureException {
        return Ed25519.verify(jca, message, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicSigningKey && Arrays.equals(raw, ((PublicSigningKey) o).raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return fingerprint();
    }
}
