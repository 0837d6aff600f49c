package dev.weir.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every change to a signed module, its signature or the key is refused, each with its own reason. */
class MutationTest {
    static final byte[] UNSIGNED = Bytes.concat(SignatureFormatTest.HEADER, SignatureFormatTest.TYPE,
            SignatureFormatTest.FUNCTION, SignatureFormatTest.CODE, SignatureFormatTest.NAME);

    static byte[] signed() throws SignatureException {
        return new ModuleSigner(SecretSigningKey.ofSeed(SignatureFormatTest.SEED)).sign(UNSIGNED);
    }

    static SignatureException.Reason refusal(byte[] module) {
        return assertThrows(SignatureException.class, () -> new ModuleVerifier(SignatureFormatTest.key()).verify(module)).reason();
    }

    @Test
    void acceptsTheUnchangedModule() throws Exception {
        assertTrue(new ModuleVerifier(SignatureFormatTest.key()).verify(signed()).complete());
    }

    @Test
    void refusesEveryAlteredByteAfterTheSignature() throws Exception {
        byte[] good = signed();
        int bodyStart = good.length - (UNSIGNED.length - 8);
        for (int i = bodyStart; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            SignatureException e = assertThrows(SignatureException.class,
                    () -> new ModuleVerifier(SignatureFormatTest.key()).verify(bad));
            // Flipping a size byte may break the framing instead; either way the module is refused.
            assertTrue(e.reason() == SignatureException.Reason.ALTERED || e.reason() == SignatureException.Reason.MALFORMED_MODULE,
                    "byte " + i + ": " + e.getMessage());
        }
    }

    @Test
    void refusesAnAlteredCodeSectionAsAltered() throws Exception {
        byte[] bad = signed();
        bad[bad.length - SignatureFormatTest.NAME.length - 2] = 0x01;   // the body's `end` becomes `nop`
        assertEquals(SignatureException.Reason.ALTERED, refusal(bad));
    }

    @Test
    void refusesReorderedSections() throws Exception {
        byte[] good = signed();
        int bodyStart = good.length - (UNSIGNED.length - 8);
        byte[] reordered = Bytes.concat(Arrays.copyOf(good, bodyStart), SignatureFormatTest.NAME, SignatureFormatTest.TYPE,
                SignatureFormatTest.FUNCTION, SignatureFormatTest.CODE);
        assertEquals(SignatureException.Reason.ALTERED, refusal(reordered));
    }

    @Test
    void refusesATruncatedSignature() throws Exception {
        byte[][] detached = new ModuleSigner(SecretSigningKey.ofSeed(SignatureFormatTest.SEED)).signDetached(UNSIGNED);
        for (int cut = 1; cut < detached[1].length; cut++) {
            byte[] truncated = Arrays.copyOf(detached[1], detached[1].length - cut);
            SignatureException e = assertThrows(SignatureException.class,
                    () -> new ModuleVerifier(SignatureFormatTest.key()).verify(UNSIGNED, truncated));
            assertEquals(SignatureException.Reason.MALFORMED_SIGNATURE, e.reason(), e.getMessage());
        }
    }

    @Test
    void refusesASignatureWithAFlippedBit() throws Exception {
        byte[] bad = signed();
        bad[8 + 2 + 1 + 9 + 10] ^= 0x40;   // inside the signed hash
        assertEquals(SignatureException.Reason.NO_VALID_SIGNATURE, refusal(bad));
    }

    @Test
    void refusesTheWrongKey() throws Exception {
        SignatureException e = assertThrows(SignatureException.class,
                () -> new ModuleVerifier(PublicSigningKey.ofRaw(SignatureFormatTest.PK2)).verify(signed()));
        assertEquals(SignatureException.Reason.NO_VALID_SIGNATURE, e.reason());
        assertTrue(e.getMessage().startsWith("no valid signature by a trusted key: 1 signature in the module, none verifies with the key ed25519:"),
                e.getMessage());
    }

    @Test
    void refusesASignatureSectionThatIsNotFirst() throws Exception {
        byte[] good = signed();
        int bodyStart = good.length - (UNSIGNED.length - 8);
        byte[] moved = Bytes.concat(SignatureFormatTest.HEADER, Arrays.copyOfRange(good, bodyStart, good.length),
                Arrays.copyOfRange(good, 8, bodyStart));
        assertEquals(SignatureException.Reason.MALFORMED_SIGNATURE, refusal(moved));
    }

    @Test
    void randomDamageToTheSignatureDataIsAlwaysARefusalNeverACrash() throws Exception {
        byte[][] detached = new ModuleSigner(SecretSigningKey.ofSeed(SignatureFormatTest.SEED)).signDetached(UNSIGNED);
        java.util.Random random = new java.util.Random(15);
        ModuleVerifier verifier = new ModuleVerifier(SignatureFormatTest.key());
        for (int round = 0; round < 3000; round++) {
            byte[] bad = Arrays.copyOf(detached[1], random.nextInt(detached[1].length + 8));
            for (int k = random.nextInt(4); k >= 0; k--) {
                if (bad.length > 0) {
                    bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                }
            }
            if (Arrays.equals(bad, detached[1])) {
                continue;
            }
            try {
                verifier.verify(UNSIGNED, bad);
            } catch (SignatureException expected) {
                continue;
            }
            // Only damage that leaves the one signature and its hash intact may pass (e.g. the key id).
            assertTrue(bad.length >= detached[1].length - 8, "accepted damaged data of " + bad.length + " bytes");
        }
    }

    @Test
    void signingTwiceWithTheSameKeyIsRefused() throws Exception {
        SignatureException e = assertThrows(SignatureException.class,
                () -> new ModuleSigner(SecretSigningKey.ofSeed(SignatureFormatTest.SEED)).sign(signed()));
        assertEquals(SignatureException.Reason.ALREADY_SIGNED, e.reason());
    }

    @Test
    void refusesUnsignedModulesAndNonModules() {
        assertEquals(SignatureException.Reason.NOT_SIGNED, refusal(UNSIGNED));
        assertEquals(SignatureException.Reason.MALFORMED_MODULE, refusal(new byte[] {1, 2, 3}));
        assertEquals(SignatureException.Reason.MALFORMED_MODULE, refusal(Arrays.copyOf(UNSIGNED, UNSIGNED.length - 1)));
    }
}
