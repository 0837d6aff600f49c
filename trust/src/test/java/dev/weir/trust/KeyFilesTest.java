package dev.weir.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;

/** Key files: the signature format's raw layout (wasmsign2's) and PEM, both ways. */
class KeyFilesTest {
    @Test
    void readsRawPublicAndSecretKeysLaidOutByHand() throws Exception {
        byte[] pkFile = new Bytes().b(0x01).bytes(SignatureFormatTest.PK).done();
        byte[] skFile = new Bytes().b(0x81).bytes(SignatureFormatTest.SEED).bytes(SignatureFormatTest.PK).done();
        assertArrayEquals(SignatureFormatTest.PK, PublicSigningKey.parse(pkFile).raw());
        SecretSigningKey sk = SecretSigningKey.parse(skFile);
        assertEquals(PublicSigningKey.parse(pkFile), sk.publicKey());
        assertArrayEquals(skFile, sk.toRawFile());
        assertArrayEquals(pkFile, sk.publicKey().toRawFile());
    }

    @Test
    void refusesAKeyPairWhoseHalvesDoNotMatch() {
        byte[] skFile = new Bytes().b(0x81).bytes(SignatureFormatTest.SEED).bytes(SignatureFormatTest.PK2).done();
        SignatureException e = assertThrows(SignatureException.class, () -> SecretSigningKey.parse(skFile));
        assertEquals(SignatureException.Reason.BAD_KEY, e.reason());
    }

    @Test
    void refusesASecretKeyGivenAsPublicAndTheOtherWayRound() throws Exception {
        SecretSigningKey sk = SecretSigningKey.ofSeed(SignatureFormatTest.SEED);
        assertTrue(assertThrows(SignatureException.class, () -> PublicSigningKey.parse(sk.toRawFile())).getMessage().contains("secret key"));
        assertTrue(assertThrows(SignatureException.class, () -> SecretSigningKey.parse(sk.publicKey().toRawFile())).getMessage().contains("public key"));
        assertTrue(assertThrows(SignatureException.class,
                () -> PublicSigningKey.parse(sk.toPem().getBytes(StandardCharsets.US_ASCII))).getMessage().contains("private key"));
    }

    @Test
    void readsPemWrittenByTheJdk() throws Exception {
        // The JDK's own encodings stand in for OpenSSL's: both are RFC 8410.
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pubPem = Pem.write("PUBLIC KEY", pair.getPublic().getEncoded());
        String privPem = "an explanation before the block is ignored\n" + Pem.write("PRIVATE KEY", pair.getPrivate().getEncoded());
        SecretSigningKey sk = SecretSigningKey.parse(privPem.getBytes(StandardCharsets.US_ASCII));
        PublicSigningKey pk = PublicSigningKey.parse(pubPem.getBytes(StandardCharsets.US_ASCII));
        assertEquals(pk, sk.publicKey());
        assertEquals(pk, PublicSigningKey.parse(pair.getPublic().getEncoded()));   // bare DER
        byte[] signed = new ModuleSigner(sk).sign(MutationTest.UNSIGNED);
        assertTrue(new ModuleVerifier(pk).verify(signed).complete());
    }

    @Test
    void pemRoundTripsAndMatchesTheRfc8410Layout() throws Exception {
        SecretSigningKey sk = SecretSigningKey.ofSeed(SignatureFormatTest.SEED);
        assertEquals(sk.publicKey(), PublicSigningKey.parse(sk.publicKey().toPem().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(sk.publicKey(), SecretSigningKey.parse(sk.toPem().getBytes(StandardCharsets.US_ASCII)).publicKey());
        // The SubjectPublicKeyInfo of RFC 8410: the fixed 12-byte prefix, then the key.
        byte[] der = Pem.read(sk.publicKey().toPem()).get(0).der;
        assertArrayEquals(Bytes.concat(Bytes.hex("302a300506032b6570032100"), SignatureFormatTest.PK), der);
    }

    @Test
    void generatedKeysSignAndVerify() throws Exception {
        SecretSigningKey sk = SecretSigningKey.generate();
        assertEquals(sk.publicKey(), SecretSigningKey.parse(sk.toRawFile()).publicKey());
        assertTrue(new ModuleVerifier(sk.publicKey()).verify(new ModuleSigner(sk).sign(MutationTest.UNSIGNED)).complete());
    }
}
