package dev.weir.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantFile;
import dev.weir.hal.gpio.GpioGrant;
import dev.weir.hal.identity.IdentityGrant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustPolicyTest {
    @TempDir
    Path dir;
    SecretSigningKey acme;
    SecretSigningKey other;
    TrustPolicy policy;

    static final String POLICY = ""
            + "# two vendors\n"
            + "signer acme acme.pk\n"
            + "signer other other.pem          # PEM works too\n"
            + "allow acme module motion*.wasm\n"
            + "allow acme identity spiffe://plant.example/line1/*\n"
            + "allow acme gpio 17\n"
            + "allow other identity spiffe://plant.example/other/meter\n"
            + "allow other gpio *\n";

    @BeforeEach
    void setUp() throws Exception {
        acme = SecretSigningKey.ofSeed(SignatureFormatTest.SEED);
        other = SecretSigningKey.ofSeed(SignatureFormatTest.SEED2);
        Files.write(dir.resolve("acme.pk"), acme.publicKey().toRawFile());
        Files.write(dir.resolve("other.pem"), other.publicKey().toPem().getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("plant.trust"), POLICY.getBytes(StandardCharsets.UTF_8));
        policy = TrustPolicy.read(dir.resolve("plant.trust"));
    }

    static List<Grant> grants(String... lines) {
        GrantFile f = new GrantFile().register("gpio", GpioGrant.PARSER).register("identity", IdentityGrant.PARSER);
        return f.parse(String.join("\n", lines), "app.grants");
    }

    @Test
    void admitsAModuleSignedByAnAllowedSignerWithItsGrants() throws Exception {
        byte[] signed = new ModuleSigner(acme).sign(MutationTest.UNSIGNED);
        TrustPolicy.Admission a = policy.admit("examples/motion.wasm", signed, null);
        assertEquals(Arrays.asList("acme"), a.signers());
        a.checkGrants(grants("identity spiffe://plant.example/line1/gateway3/motion", "gpio 17 output"));
    }

    @Test
    void refusesAnotherVendorsIdentity() throws Exception {
        TrustPolicy.Admission a = policy.admit("motion.wasm", new ModuleSigner(acme).sign(MutationTest.UNSIGNED), null);
        TrustException e = assertThrows(TrustException.class,
                () -> a.checkGrants(grants("identity spiffe://plant.example/other/meter")));
        assertEquals("refused motion.wasm: grant 'identity spiffe://plant.example/other/meter' (app.grants:1) is not allowed"
                + " for modules signed by acme in " + dir.resolve("plant.trust"), e.getMessage());
        assertThrows(TrustException.class, () -> a.checkGrants(grants("gpio 18 output")));
        // line1/* covers what is below line1, not line1 itself.
        assertThrows(TrustException.class, () -> a.checkGrants(grants("identity spiffe://plant.example/line1")));
    }

    @Test
    void refusesAModuleNameTheSignerMayNotSign() throws Exception {
        TrustException e = assertThrows(TrustException.class,
                () -> policy.admit("meter.wasm", new ModuleSigner(acme).sign(MutationTest.UNSIGNED), null));
        assertTrue(e.getMessage().startsWith("refused meter.wasm: signed by acme, which "), e.getMessage());
        // The other vendor may sign any name.
        policy.admit("meter.wasm", new ModuleSigner(other).sign(MutationTest.UNSIGNED), null);
    }

    @Test
    void refusesUnsignedAlteredUntrustedAndPartiallySignedModules() throws Exception {
        assertTrue(assertThrows(TrustException.class, () -> policy.admit("motion.wasm", MutationTest.UNSIGNED, null))
                .getMessage().startsWith("refused motion.wasm: not signed"));
        byte[] altered = new ModuleSigner(acme).sign(MutationTest.UNSIGNED);
        altered[altered.length - 1] ^= 1;
        assertTrue(assertThrows(TrustException.class, () -> policy.admit("motion.wasm", altered, null))
                .getMessage().startsWith("refused motion.wasm: altered: part 1"));
        byte[] stranger = new ModuleSigner(SecretSigningKey.generate()).sign(MutationTest.UNSIGNED);
        assertTrue(assertThrows(TrustException.class, () -> policy.admit("motion.wasm", stranger, null))
                .getMessage().startsWith("refused motion.wasm: no valid signature by a trusted key"));
        byte[] prefix = new ModuleSigner(acme).allowExtensions(true).sign(MutationTest.UNSIGNED);
        byte[] extended = Bytes.concat(prefix, SignatureFormatTest.NAME);
        assertTrue(assertThrows(TrustException.class, () -> policy.admit("motion.wasm", extended, null))
                .getMessage().startsWith("refused motion.wasm: partially signed"));
        TrustPolicy lenient = TrustPolicy.parse(POLICY + "partial allow-custom-sections\n", "lenient", dir);
        assertEquals(Arrays.asList("acme"), lenient.admit("motion.wasm", extended, null).signers());
    }

    @Test
    void policyErrorsNameTheLine() {
        TrustException e = assertThrows(TrustException.class,
                () -> TrustPolicy.parse("signer acme acme.pk\nallow nobody gpio 17\n", "p.trust", dir));
        assertEquals("p.trust:2: no signer named nobody above this line", e.getMessage());
        e = assertThrows(TrustException.class, () -> TrustPolicy.parse("signer acme missing.pk\n", "p.trust", dir));
        assertTrue(e.getMessage().startsWith("p.trust:1: signer acme: "), e.getMessage());
        e = assertThrows(TrustException.class, () -> TrustPolicy.parse("# nothing\n", "p.trust", dir));
        assertTrue(e.getMessage().contains("names no signer"), e.getMessage());
    }
}
