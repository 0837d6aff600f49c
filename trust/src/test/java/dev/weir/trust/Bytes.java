package dev.weir.trust;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * Hand assembly of test vectors, written apart from the code under test: bytes are appended one by
 * one, hashes and Ed25519 signatures come straight from the JDK.
 */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes b(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    /** An unsigned LEB128 number, written out by hand: 7 bits per byte, high bit set on all but the last. */
    Bytes u32(int value) {
        int v = value;
        while (v >= 0x80) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
        return this;
    }

    Bytes bytes(byte[] values) {
        out.write(values, 0, values.length);
        return this;
    }

    Bytes ascii(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    byte[] done() {
        return out.toByteArray();
    }

    static byte[] hex(String s) {
        String t = s.replace(" ", "");
        byte[] r = new byte[t.length() / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
        }
        return r;
    }

    static byte[] concat(byte[]... parts) {
        Bytes b = new Bytes();
        for (byte[] p : parts) {
            b.bytes(p);
        }
        return b.done();
    }

    static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    /** Ed25519 by the JDK, from a 32-byte seed wrapped by hand in PKCS#8. */
    static byte[] ed25519(byte[] seed, byte[] message) throws Exception {
        byte[] pkcs8 = concat(hex("302e020100300506032b657004220420"), seed);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        s.update(message);
        return s.sign();
    }

    /** "wasmsig", spec version 1, content type 1 (module), hash function 1 (SHA-256), then the hashes. */
    static byte[] message(byte[]... hashes) {
        Bytes m = new Bytes().ascii("wasmsig").b(0x01, 0x01, 0x01);
        for (byte[] h : hashes) {
            m.bytes(h);
        }
        return m.done();
    }
}
