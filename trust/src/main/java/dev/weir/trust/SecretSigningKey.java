package dev.weir.trust;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * An Ed25519 key pair that signs modules. Files are read in either form:
 * <ul>
 * <li>the signature format's own (wasmsign2's {@code .sk} files): 65 bytes, {@code 0x81}, the 32-byte
 *     secret seed, then the 32-byte public key (checked against the seed);</li>
 * <li>PEM {@code PRIVATE KEY} or bare DER: PKCS#8 (RFC 8410), as OpenSSL writes
 *     ({@code openssl genpkey -algorithm ed25519}).</li>
 * </ul>
 */
public final class SecretSigningKey {
    /** The key type byte of a serialized Ed25519 key pair. */
    public static final int RAW_ID = 0x81;
    public static final int RAW_SIZE = 1 + 2 * Ed25519.KEY_SIZE;

    private final byte[] seed;
    private final PublicSigningKey publicKey;

    private SecretSigningKey(byte[] seed, PublicSigningKey publicKey) {
        this.seed = seed.clone();
        this.publicKey = publicKey;
    }

    public static SecretSigningKey generate() throws SignatureException {
        byte[][] pair = Ed25519.generate(new SecureRandom());
        return new SecretSigningKey(pair[0], PublicSigningKey.ofRaw(pair[1]));
    }

    /** From the 32-byte seed (RFC 8032's private key). */
    public static SecretSigningKey ofSeed(byte[] seed) throws SignatureException {
        if (seed.length != Ed25519.KEY_SIZE) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "an Ed25519 seed has 32 bytes, not " + seed.length);
        }
        return new SecretSigningKey(seed, PublicSigningKey.ofRaw(Ed25519.publicFromSeed(seed)));
    }

    public static SecretSigningKey parse(byte[] bytes) throws SignatureException {
        if (bytes.length == RAW_SIZE && (bytes[0] & 0xff) == RAW_ID) {
            SecretSigningKey key = ofSeed(Arrays.copyOfRange(bytes, 1, 1 + Ed25519.KEY_SIZE));
            if (!Arrays.equals(key.publicKey.raw(), Arrays.copyOfRange(bytes, 1 + Ed25519.KEY_SIZE, RAW_SIZE))) {
                throw new SignatureException(SignatureException.Reason.BAD_KEY,
                        "the public half of this key pair does not belong to its secret half");
            }
            return key;
        }
        if (bytes.length == PublicSigningKey.RAW_SIZE && (bytes[0] & 0xff) == PublicSigningKey.RAW_ID) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "this is a public key (0x01...), not a secret key");
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
                if ("PRIVATE KEY".equals(b.label)) {
                    der = b.der;
                    break;
                }
            }
            if (der == null) {
                throw new SignatureException(SignatureException.Reason.BAD_KEY, "no PEM PRIVATE KEY block (PKCS#8)");
            }
        }
        if (der.length == Ed25519.PKCS8_PREFIX.length + Ed25519.KEY_SIZE
                && Arrays.equals(Arrays.copyOf(der, Ed25519.PKCS8_PREFIX.length), Ed25519.PKCS8_PREFIX)) {
            return ofSeed(Ed25519.tail(der, Ed25519.KEY_SIZE));
        }
        throw new SignatureException(SignatureException.Reason.BAD_KEY,
                "not an Ed25519 secret key (expected 65 bytes starting 0x81, or a PEM/DER PKCS#8 Ed25519 key)");
    }

    public static SecretSigningKey read(Path file) throws SignatureException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, file + ": cannot read: " + e.getMessage(), e);
        } catch (SignatureException e) {
            throw new SignatureException(e.reason(), file + ": " + e.getMessage(), e);
        }
    }

    public PublicSigningKey publicKey() {
        return publicKey;
    }

    /** {@code 0x81}, seed, public key. */
    public byte[] toRawFile() {
        byte[] out = new byte[RAW_SIZE];
        out[0] = (byte) RAW_ID;
        System.arraycopy(seed, 0, out, 1, Ed25519.KEY_SIZE);
        System.arraycopy(publicKey.raw(), 0, out, 1 + Ed25519.KEY_SIZE, Ed25519.KEY_SIZE);
        return out;
    }

    public String toPem() {
        return Pem.write("PRIVATE KEY", Ed25519.concat(Ed25519.PKCS8_PREFIX, seed));
    }

    byte[] sign(byte[] message) throws SignatureException {
        return Ed25519.sign(seed, message);
    }

    @Override
    public String toString() {
        return "secret key of " + publicKey.fingerprint();
    }
}
