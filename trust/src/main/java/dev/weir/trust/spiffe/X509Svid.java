package dev.weir.trust.spiffe;

import dev.weir.hal.identity.SpiffeId;
import dev.weir.trust.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An X.509-SVID: a certificate chain (leaf first) whose leaf carries the workload's SPIFFE ID as its
 * only URI SAN, and the leaf's private key. Loaded from PEM files as SPIRE's spiffe-helper writes
 * them; {@link SvidValidator} checks it. The key never leaves the host: modules see only the ID.
 */
public final class X509Svid {
    private final SpiffeId id;
    private final List<X509Certificate> chain;
    private final PrivateKey key;

    X509Svid(SpiffeId id, List<X509Certificate> chain, PrivateKey key) {
        this.id = id;
        this.chain = chain;
        this.key = key;
    }

    public SpiffeId id() {
        return id;
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** Leaf first, then intermediates (the bundle's roots are not part of it). */
    public List<X509Certificate> chain() {
        return new ArrayList<>(chain);
    }

    public PrivateKey privateKey() {
        return key;
    }

    /**
     * Loads the chain and key; checks only that they are there and parse, and that the leaf has
     * exactly one URI SAN that is a SPIFFE ID. {@link SvidValidator} does the rest.
     */
    public static X509Svid load(Path certificates, Path privateKey) throws SvidException {
        List<X509Certificate> chain = readCertificates(certificates);
        if (chain.isEmpty()) {
            throw new SvidException(certificates + ": no CERTIFICATE in it");
        }
        return new X509Svid(SvidValidator.spiffeIdOf(chain.get(0), certificates.toString()), chain, readPrivateKey(privateKey));
    }

    /** Every certificate in a PEM file, in order. */
    public static List<X509Certificate> readCertificates(Path file) throws SvidException {
        String text = readText(file);
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<Pem.Block> blocks = Pem.read(text);
            for (Pem.Block b : blocks) {
                if ("CERTIFICATE".equals(b.label)) {
                    Collection<? extends java.security.cert.Certificate> certs = cf.generateCertificates(new ByteArrayInputStream(b.der));
                    for (java.security.cert.Certificate c : certs) {
                        out.add((X509Certificate) c);
                    }
                }
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new SvidException(file + ": not a PEM certificate file (" + e.getMessage() + ")", e);
        }
        return out;
    }

    /** A PKCS#8 private key (PEM PRIVATE KEY) of any algorithm SPIRE issues: EC, RSA or Ed25519. */
    static PrivateKey readPrivateKey(Path file) throws SvidException {
        String text = readText(file);
        byte[] der = null;
        try {
            for (Pem.Block b : Pem.read(text)) {
                if ("PRIVATE KEY".equals(b.label)) {
                    der = b.der;
                    break;
                }
                if (b.label.endsWith("PRIVATE KEY")) {
                    throw new SvidException(file + ": a " + b.label + " block; weir reads PKCS#8 (PRIVATE KEY), as spiffe-helper writes");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new SvidException(file + ": bad PEM (" + e.getMessage() + ")", e);
        }
        if (der == null) {
            throw new SvidException(file + ": no PRIVATE KEY block in it");
        }
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new SvidException(file + ": a private key of an algorithm weir does not know (EC, RSA, Ed25519)");
    }

    private static String readText(Path file) throws SvidException {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SvidException(file + ": no such file");
        } catch (IOException e) {
            throw new SvidException(file + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }
}
