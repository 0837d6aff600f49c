package dev.weir.trust.spiffe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.hal.identity.SpiffeId;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** X509-SVID rules, each broken once, with SVIDs minted by a test CA. */
class SvidValidationTest {
    static final String ID = "spiffe://plant.example/line1/gateway3/motion";
    @TempDir
    Path dir;
    TestCa ca;

    @BeforeEach
    void setUp() throws Exception {
        ca = new TestCa("plant.example");
    }

    private String refusal(TestCa.Leaf leaf) throws Exception {
        ca.writeSvid(dir, ca.mint(leaf));
        return assertThrows(SvidException.class, () -> SvidFiles.open(dir, SpiffeId.parse(ID))).getMessage();
    }

    @Test
    void loadsAValidSvid() throws Exception {
        ca.writeSvid(dir, ca.mint(ca.svid(ID)));
        SvidFiles files = SvidFiles.open(dir, SpiffeId.parse(ID));
        assertEquals(ID, files.current().id().toString());
        assertEquals("line1/gateway3/motion", SvidValidator.brokerUsername(files.current()));
    }

    @Test
    void refusesTwoUriSans() throws Exception {
        TestCa.Leaf l = ca.svid(ID);
        l.uris = new String[] {ID, "spiffe://plant.example/other"};
        assertTrue(refusal(l).endsWith("an X.509-SVID has exactly one URI SAN, this leaf has 2 (" + ID + ", spiffe://plant.example/other)"));
    }

    @Test
    void refusesNoUriSan() throws Exception {
        TestCa.Leaf l = ca.svid(ID);
        l.uris = new String[0];
        l.dnsNames = new String[] {"motion.local"};
        assertTrue(refusal(l).endsWith("this leaf has 0"));
    }

    @Test
    void refusesACaLeaf() throws Exception {
        TestCa.Leaf l = ca.svid(ID);
        l.ca = true;
        assertTrue(refusal(l).contains("the leaf is a CA certificate"));
    }

    @Test
    void refusesAnExpiredSvid() throws Exception {
        TestCa.Leaf l = ca.svid(ID);
        l.notBefore = System.currentTimeMillis() - 3 * TestCa.HOUR;
        l.notAfter = System.currentTimeMillis() - TestCa.HOUR;
        assertTrue(refusal(l).contains(": the SVID expired at "));
    }

    @Test
    void refusesAnotherTrustDomain() throws Exception {
        TestCa other = new TestCa("other.example");
        other.writeSvid(dir, other.mint(other.svid("spiffe://other.example/line1/gateway3/motion")), other.root);
        String m = assertThrows(SvidException.class, () -> SvidFiles.open(dir, SpiffeId.parse(ID))).getMessage();
        assertTrue(m.endsWith("spiffe://other.example/line1/gateway3/motion is not in trust domain plant.example"), m);
    }

    @Test
    void refusesAnSvidWhoseCaIsNotInTheBundle() throws Exception {
        // A CA dropped from the bundle: SPIFFE's way to revoke. Same trust domain name, other key.
        TestCa rogue = new TestCa("plant.example");
        rogue.writeSvid(dir, rogue.mint(rogue.svid(ID)), ca.root);
        String m = assertThrows(SvidException.class, () -> SvidFiles.open(dir, SpiffeId.parse(ID))).getMessage();
        assertTrue(m.contains("the chain does not lead to the trust bundle"), m);
    }

    @Test
    void refusesAnotherModulesId() throws Exception {
        ca.writeSvid(dir, ca.mint(ca.svid("spiffe://plant.example/line1/gateway3/meter")));
        String m = assertThrows(SvidException.class, () -> SvidFiles.open(dir, SpiffeId.parse(ID))).getMessage();
        assertTrue(m.endsWith("the SVID is for spiffe://plant.example/line1/gateway3/meter, but the module's identity is " + ID), m);
    }

    @Test
    void refusesAMissingSvidAndAKeyOfAnotherCertificate() throws Exception {
        String m = assertThrows(SvidException.class, () -> SvidFiles.open(dir, SpiffeId.parse(ID))).getMessage();
        assertTrue(m.contains("no such file"), m);
        Object[] a = ca.mint(ca.svid(ID));
        Object[] b = ca.mint(ca.svid(ID));
        ca.writeSvid(dir, new Object[] {a[0], b[1]});
        m = assertThrows(SvidException.class, () -> SvidFiles.open(dir, SpiffeId.parse(ID))).getMessage();
        assertTrue(m.endsWith("the private key does not belong to the SVID's certificate"), m);
    }

    @Test
    void brokerUsernameNeedsTheCnToBeTheIdsPath() throws Exception {
        TestCa.Leaf l = ca.svid(ID);
        l.cn = "line1/gateway3/meter";
        ca.writeSvid(dir, ca.mint(l));
        SvidFiles files = SvidFiles.open(dir, SpiffeId.parse(ID));
        String m = assertThrows(SvidException.class, () -> SvidValidator.brokerUsername(files.current())).getMessage();
        assertTrue(m.endsWith("its CN is 'line1/gateway3/meter', but brokers map users by CN, so it must be 'line1/gateway3/motion' (the ID's path)"), m);
    }
}
