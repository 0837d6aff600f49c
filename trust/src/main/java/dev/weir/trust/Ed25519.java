package dev.weir.trust;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Ed25519 (RFC 8032) through the JDK's own provider (Java 15 and later), named by string so this
 * module compiles at Java 11 like board-ports. Raw 32-byte keys meet the JCA through their fixed DER
 * wrappings: SubjectPublicKeyInfo (RFC 8410: a 12-byte prefix) and PKCS#8 (a 16-byte prefix).
 */
final class Ed25519 {
    static final int KEY_SIZE = 32;
    static final int SIGNATURE_SIZE = 64;
    /** SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING (33 bytes: 0 unused bits + key) }. */
    static final byte[] SPKI_PREFIX = hex("302a300506032b6570032100");
    /** SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32-byte seed) } }. */
    static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    private Ed25519() {
    }

    static KeyFactory keyFactory() throws SignatureException {
        try {
            return KeyFactory.getInstance("Ed25519");
        } catch (NoSuchAlgorithmException e) {
            throw noEd25519(e);
        }
    }

    static SignatureException noEd25519(Exception e) {
        return new SignatureException(SignatureException.Reason.NO_ED25519,
                "this JVM (Java " + System.getProperty("java.specification.version") + ") has no Ed25519; run weir on Java 15 or later", e);
    }

    static PublicKey publicKey(byte[] raw) throws SignatureException {
        try {
            return keyFactory().generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, raw)));
        } catch (GeneralSecurityException e) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(byte[] seed) throws SignatureException {
        try {
            return keyFactory().generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
        } catch (GeneralSecurityException e) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "not an Ed25519 secret key: " + e.getMessage(), e);
        }
    }

    /**
     * The public key of a seed. The JCA has no call for it before Java 15's EdEC types, so this asks
     * the JDK's key-pair generator for a pair while handing it the seed as its "random" bytes: RFC
     * 8032's key generation is exactly a 32-byte random seed, and the generator draws nothing else.
     */
    static byte[] publicFromSeed(byte[] seed) throws SignatureException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(255, new FixedRandom(seed));
            byte[] spki = g.generateKeyPair().getPublic().getEncoded();
            return tail(spki, KEY_SIZE);
        } catch (NoSuchAlgorithmException e) {
            throw noEd25519(e);
        } catch (RuntimeException e) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "cannot derive the Ed25519 public key: " + e, e);
        }
    }

    /** A fresh pair: {seed, public key}. */
    static byte[][] generate(SecureRandom random) throws SignatureException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(255, random);
            KeyPair pair = g.generateKeyPair();
            return new byte[][] {tail(pair.getPrivate().getEncoded(), KEY_SIZE), tail(pair.getPublic().getEncoded(), KEY_SIZE)};
        } catch (NoSuchAlgorithmException e) {
            throw noEd25519(e);
        } catch (RuntimeException e) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "cannot generate an Ed25519 key: " + e, e);
        }
    }

    static byte[] sign(byte[] seed, byte[] message) throws SignatureException {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey(seed));
            s.update(message);
            return s.sign();
        } catch (NoSuchAlgorithmException e) {
            throw noEd25519(e);
        } catch (GeneralSecurityException e) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "Ed25519 signing failed: " + e, e);
        }
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signature) throws SignatureException {
        if (signature.length != SIGNATURE_SIZE) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (NoSuchAlgorithmException e) {
            throw noEd25519(e);
        } catch (java.security.SignatureException e) {
            return false;   // e.g. a non-canonical encoding: not a valid signature
        } catch (GeneralSecurityException e) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "Ed25519 verification failed: " + e, e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] tail(byte[] bytes, int n) {
        byte[] out = new byte[n];
        System.arraycopy(bytes, bytes.length - n, out, 0, n);
        return out;
    }

    static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** Hands out the given bytes once, as the generator's only draw. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;
        private boolean used;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 generator asked for more than one 32-byte seed");
            }
            used = true;
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
