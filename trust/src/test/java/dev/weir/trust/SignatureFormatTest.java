package dev.weir.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The signature format of WebAssembly tool-conventions Signatures.md, from vectors assembled here
 * byte by byte (hashes and signatures straight from the JDK), so the signer and verifier are checked
 * against the text rather than against each other.
 */
class SignatureFormatTest {
    /** RFC 8032, section 7.1, TEST 1: secret key (seed) and public key. */
    static final byte[] SEED = Bytes.hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    static final byte[] PK = Bytes.hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    /** RFC 8032, TEST 2. */
    static final byte[] SEED2 = Bytes.hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    static final byte[] PK2 = Bytes.hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");

    static final byte[] HEADER = Bytes.hex("0061736d 01000000");
    /** Type section: one type, () -> (). */
    static final byte[] TYPE = Bytes.hex("01 04 01 60 00 00");
    /** Function section: one function of type 0. */
    static final byte[] FUNCTION = Bytes.hex("03 02 01 00");
    /** Code section: one body, no locals, end. */
    static final byte[] CODE = Bytes.hex("0a 04 01 02 00 0b");
    /** Custom section "name" with three payload bytes (not a real name map: signatures don't care). */
    static final byte[] NAME = new Bytes().b(0x00, 0x08, 0x04).ascii("name").b(1, 2, 3).done();

    static byte[] delimiter(int fill) {
        Bytes b = new Bytes().b(0x00, 0x24, 0x13).ascii("signature_delimiter");
        for (int i = 0; i < 16; i++) {
            b.b(fill + i);
        }
        return b.done();
    }

    /** A signature section with one set of hashes and one signature without key id. */
    static byte[] signatureSection(byte[] signature, byte[]... hashes) {
        int setLength = 1 + 32 * hashes.length + 1 + 1 + 67;
        int payload = 3 + 1 + 1 + setLength;   // (+1 below when the set's length needs two LEB128 bytes)
        Bytes b = new Bytes().b(0x00).u32(1 + 9 + payload + (setLength >= 128 ? 1 : 0)).b(0x09).ascii("signature")
                .b(0x01, 0x01, 0x01)          // spec_version, content_type, hash_fn
                .b(0x01)                      // signed_hashes_count
                .u32(setLength)               // length of the set (wasmsign2 writes it; the text leaves it unsaid)
                .b(hashes.length);            // hashes_count
        for (byte[] h : hashes) {
            b.bytes(h);
        }
        return b.b(0x01)                      // signature_count
                .b(67)                        // length of the signature record
                .b(0x00)                      // key_id_len: no key id
                .b(0x01)                      // signature_id: Ed25519
                .b(64).bytes(signature).done();
    }

    static PublicSigningKey key() throws SignatureException {
        return PublicSigningKey.ofRaw(PK);
    }

    @Test
    void derivesRfc8032PublicKeysFromTheirSeeds() throws Exception {
        assertArrayEquals(PK, SecretSigningKey.ofSeed(SEED).publicKey().raw());
        assertArrayEquals(PK2, SecretSigningKey.ofSeed(SEED2).publicKey().raw());
    }

    @Test
    void handBuiltWholeModuleSignatureVerifies() throws Exception {
        byte[] h = Bytes.sha256(TYPE, FUNCTION, CODE, NAME);
        byte[] sig = Bytes.ed25519(SEED, Bytes.message(h));
        byte[] module = Bytes.concat(HEADER, signatureSection(sig, h), TYPE, FUNCTION, CODE, NAME);
        ModuleVerifier.Result r = new ModuleVerifier(key()).verify(module);
        assertTrue(r.complete());
        assertEquals(Arrays.asList(key()), r.signers());
    }

    @Test
    void signerWritesTheHandBuiltBytesExactly() throws Exception {
        // Ed25519 is deterministic, so the signer's output must equal the vector byte for byte.
        byte[] h = Bytes.sha256(TYPE, FUNCTION, CODE, NAME);
        byte[] expected = Bytes.concat(HEADER, signatureSection(Bytes.ed25519(SEED, Bytes.message(h)), h), TYPE, FUNCTION, CODE, NAME);
        byte[] unsigned = Bytes.concat(HEADER, TYPE, FUNCTION, CODE, NAME);
        byte[] signed = new ModuleSigner(SecretSigningKey.ofSeed(SEED)).keyId(null).sign(unsigned);
        assertArrayEquals(expected, signed);
    }

    @Test
    void detachedSignatureIsTheSectionPayload() throws Exception {
        byte[] unsigned = Bytes.concat(HEADER, TYPE, FUNCTION, CODE);
        byte[][] detached = new ModuleSigner(SecretSigningKey.ofSeed(SEED)).keyId(null).signDetached(unsigned);
        assertArrayEquals(unsigned, detached[0]);
        byte[] embedded = new ModuleSigner(SecretSigningKey.ofSeed(SEED)).keyId(null).sign(unsigned);
        // The embedded section: id 0, size, name "signature", then the same payload.
        byte[] payload = Arrays.copyOfRange(embedded, HEADER.length + 2 + 1 + 9, HEADER.length + 2 + 1 + 9 + detached[1].length);
        assertArrayEquals(detached[1], payload);
        assertTrue(new ModuleVerifier(key()).verify(unsigned, detached[1]).complete());
        SignatureException e = assertThrows(SignatureException.class, () -> new ModuleVerifier(key()).verify(unsigned));
        assertEquals(SignatureException.Reason.NOT_SIGNED, e.reason());
    }

    @Test
    void rollingHashesAtDelimitersVerifyEveryPart() throws Exception {
        byte[] d1 = delimiter(0x10);
        byte[] d2 = delimiter(0x40);
        byte[] h1 = Bytes.sha256(TYPE, FUNCTION, CODE, d1);
        byte[] h2 = Bytes.sha256(TYPE, FUNCTION, CODE, d1, NAME, d2);
        byte[] sig = Bytes.ed25519(SEED, Bytes.message(h1, h2));
        byte[] module = Bytes.concat(HEADER, signatureSection(sig, h1, h2), TYPE, FUNCTION, CODE, d1, NAME, d2);
        assertTrue(new ModuleVerifier(key()).verify(module).complete());
        // The signer computes the same two hashes from the same module.
        byte[] resigned = new ModuleSigner(SecretSigningKey.ofSeed(SEED)).keyId(null)
                .sign(Bytes.concat(HEADER, TYPE, FUNCTION, CODE, d1, NAME, d2));
        assertArrayEquals(module, resigned);
    }

    @Test
    void partialSignatureIsRefusedUnlessTheTailIsCustomAndAllowed() throws Exception {
        byte[] d1 = delimiter(0x10);
        byte[] h1 = Bytes.sha256(TYPE, FUNCTION, CODE, d1);
        byte[] sig = Bytes.ed25519(SEED, Bytes.message(h1));
        byte[] module = Bytes.concat(HEADER, signatureSection(sig, h1), TYPE, FUNCTION, CODE, d1, NAME);
        SignatureException e = assertThrows(SignatureException.class, () -> new ModuleVerifier(key()).verify(module));
        assertEquals(SignatureException.Reason.PARTIALLY_SIGNED, e.reason());
        assertTrue(e.getMessage().startsWith("partially signed: "), e.getMessage());
        ModuleVerifier.Result r = new ModuleVerifier(key()).allowUnsignedCustomSections(true).verify(module);
        assertFalse(r.complete());
        assertEquals(module.length - NAME.length, r.signedEnd());

        // A code section after the signed prefix is never accepted.
        byte[] withCode = Bytes.concat(HEADER, signatureSection(sig, h1), TYPE, FUNCTION, CODE, d1, CODE);
        assertEquals(SignatureException.Reason.PARTIALLY_SIGNED, assertThrows(SignatureException.class,
                () -> new ModuleVerifier(key()).allowUnsignedCustomSections(true).verify(withCode)).reason());
    }

    @Test
    void twoSignersWithKeyIdsOverTheSameHashes() throws Exception {
        // Signatures.md, Appendix A: two signatures for the same content, key ids "first" and "second".
        byte[] h = Bytes.sha256(TYPE, CODE);
        byte[] s1 = Bytes.ed25519(SEED, Bytes.message(h));
        byte[] s2 = Bytes.ed25519(SEED2, Bytes.message(h));
        byte[] rec1 = new Bytes().b(5).ascii("first").b(0x01, 64).bytes(s1).done();
        byte[] rec2 = new Bytes().b(6).ascii("second").b(0x01, 64).bytes(s2).done();
        byte[] set = new Bytes().b(1).bytes(h).b(2).b(rec1.length).bytes(rec1).b(rec2.length).bytes(rec2).done();
        assertEquals(1 + 32 + 1 + 1 + 72 + 1 + 73, set.length);
        // The set is 181 bytes long: its length takes two LEB128 bytes (181 = 0xb5 0x01).
        byte[] payload = new Bytes().b(1, 1, 1, 1).b(0xb5, 0x01).bytes(set).done();
        byte[] section = new Bytes().b(0x00).u32(1 + 9 + payload.length).b(9).ascii("signature").bytes(payload).done();
        byte[] module = Bytes.concat(HEADER, section, TYPE, CODE);

        PublicSigningKey k1 = key();
        PublicSigningKey k2 = PublicSigningKey.ofRaw(PK2);
        assertTrue(new ModuleVerifier(k1).verify(module).complete());
        assertTrue(new ModuleVerifier(k2).verify(module).complete());
        assertEquals(Arrays.asList(k1, k2), new ModuleVerifier(Arrays.asList(k1, k2)).verify(module).signers());

        // Signing twice with weir gives the same layout: one set, two signatures.
        byte[] twice = new ModuleSigner(SecretSigningKey.ofSeed(SEED2)).keyId("second".getBytes("US-ASCII"))
                .sign(new ModuleSigner(SecretSigningKey.ofSeed(SEED)).keyId("first".getBytes("US-ASCII"))
                        .sign(Bytes.concat(HEADER, TYPE, CODE)));
        assertArrayEquals(module, twice);
    }

    @Test
    void unknownSignatureAlgorithmsAreSkipped() throws Exception {
        byte[] h = Bytes.sha256(TYPE);
        byte[] good = new Bytes().b(0, 0x01, 64).bytes(Bytes.ed25519(SEED, Bytes.message(h))).done();
        byte[] other = new Bytes().b(0, 0x7f, 3, 9, 9, 9).done();     // some future algorithm
        byte[] set = new Bytes().b(1).bytes(h).b(2).b(other.length).bytes(other).b(good.length).bytes(good).done();
        byte[] payload = new Bytes().b(1, 1, 1, 1, set.length).bytes(set).done();
        byte[] module = Bytes.concat(HEADER, new Bytes().b(0, 10 + payload.length, 9).ascii("signature").bytes(payload).done(), TYPE);
        assertTrue(new ModuleVerifier(key()).verify(module).complete());
    }
}
