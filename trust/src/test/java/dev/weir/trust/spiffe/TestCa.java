package dev.weir.trust.spiffe;

import dev.weir.trust.Pem;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test certificate authority for one trust domain, minting X.509-SVIDs with BouncyCastle (board-ports' tests use it too). */
public final class TestCa {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    public static final long HOUR = 3600_000L;

    final String trustDomain;
    final KeyPair key;
    final X509Certificate root;

    /** The CA's root certificate (the trust bundle). */
    public X509Certificate root() {
        return root;
    }

    public TestCa(String trustDomain) throws Exception {
        this.trustDomain = trustDomain;
        this.key = ecKey();
        X500Name name = new X500Name("O=SPIFFE,CN=" + trustDomain + " test root");
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), new Date(now - HOUR), new Date(now + 24 * HOUR),
                name, key.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://" + trustDomain)));
        root = sign(b);
    }

    static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    X509Certificate sign(JcaX509v3CertificateBuilder b) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    /** What to put in a leaf; the defaults make a valid SVID. */
    public static final class Leaf {
        public String[] uris;
        /** The subject's CN; {@link #svid} sets it to the SPIFFE ID's path, as mosquitto's user name. */
        public String cn;
        boolean ca;
        public long notBefore = System.currentTimeMillis() - HOUR;
        public long notAfter = System.currentTimeMillis() + HOUR;
        public String[] dnsNames = new String[0];
        public String ip;
        KeyPair key;
    }

    public Leaf svid(String id) {
        Leaf l = new Leaf();
        l.uris = new String[] {id};
        int slash = id.indexOf('/', "spiffe://".length());
        l.cn = slash < 0 ? null : id.substring(slash + 1);
        return l;
    }

    /** Mints the leaf: {certificate, key pair}. */
    public Object[] mint(Leaf l) throws Exception {
        KeyPair leafKey = l.key != null ? l.key : ecKey();
        X500Name subject = new X500Name(l.cn != null ? "O=SPIFFE,CN=" + l.cn : "O=SPIFFE");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(root,
                serial(), new Date(l.notBefore), new Date(l.notAfter), subject, leafKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(l.ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(l.ca ? KeyUsage.digitalSignature | KeyUsage.keyCertSign
                : KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement));
        GeneralName[] names = new GeneralName[l.uris.length + l.dnsNames.length + (l.ip != null ? 1 : 0)];
        int n = 0;
        for (String u : l.uris) {
            names[n++] = new GeneralName(GeneralName.uniformResourceIdentifier, u);
        }
        for (String d : l.dnsNames) {
            names[n++] = new GeneralName(GeneralName.dNSName, d);
        }
        if (l.ip != null) {
            names[n++] = new GeneralName(GeneralName.iPAddress, l.ip);
        }
        if (names.length > 0) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return new Object[] {sign(b), leafKey};
    }

    /**
     * Writes the leaf as spiffe-helper does (svid.pem, svid_key.pem, svid_bundle.pem), each file
     * replaced by a rename, so a reader never sees half a file.
     */
    public void writeSvid(Path dir, Object[] minted, X509Certificate... bundle) throws Exception {
        Files.createDirectories(dir);
        X509Certificate cert = (X509Certificate) minted[0];
        KeyPair pair = (KeyPair) minted[1];
        replace(dir.resolve(SvidFiles.CERTIFICATES), Pem.write("CERTIFICATE", cert.getEncoded()));
        replace(dir.resolve(SvidFiles.KEY), Pem.write("PRIVATE KEY", pair.getPrivate().getEncoded()));
        StringBuilder b = new StringBuilder();
        for (X509Certificate c : bundle.length > 0 ? bundle : new X509Certificate[] {root}) {
            b.append(Pem.write("CERTIFICATE", c.getEncoded()));
        }
        replace(dir.resolve(SvidFiles.BUNDLE), b.toString());
    }

    static void replace(Path file, String text) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, text.getBytes(StandardCharsets.US_ASCII));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
