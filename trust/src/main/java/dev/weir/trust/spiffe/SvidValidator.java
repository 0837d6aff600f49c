package dev.weir.trust.spiffe;

import dev.weir.hal.identity.SpiffeId;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Checks an X.509-SVID by the X509-SVID specification: the leaf has exactly one URI SAN, a SPIFFE ID
 * of the expected trust domain (and, when given, the expected ID); the leaf is not a CA
 * (basicConstraints cA false) and may not sign certificates or CRLs (keyUsage keyCertSign, cRLSign
 * clear) and has digitalSignature; every certificate is within its validity period; the chain leads
 * to a root of the trust bundle (PKIX path validation). A certificate from another trust domain's
 * CA, or a CA removed from the bundle (how SPIFFE revokes), fails the last check.
 *
 * <p>For MQTT brokers that take the client's user name from the certificate's CN (mosquitto's
 * {@code use_identity_as_username}), {@link #brokerUsername} gives the CN weir expects: the SPIFFE
 * ID's path without its leading slash ({@code spiffe://plant.example/line1/motion} becomes
 * {@code line1/motion}), and checks that the leaf's CN is exactly that, so a CN cannot name another
 * workload than the URI SAN does.
 */
public final class SvidValidator {
    private static final int SAN_URI = 6;

    private SvidValidator() {
    }

    /** The leaf's SPIFFE ID: exactly one URI SAN, and it parses. */
    static SpiffeId spiffeIdOf(X509Certificate leaf, String where) throws SvidException {
        Collection<List<?>> sans;
        try {
            sans = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new SvidException(where + ": unreadable subjectAltName (" + e.getMessage() + ")", e);
        }
        List<String> uris = new ArrayList<>();
        if (sans != null) {
            for (List<?> san : sans) {
                if (((Integer) san.get(0)) == SAN_URI) {
                    uris.add((String) san.get(1));
                }
            }
        }
        if (uris.size() != 1) {
            throw new SvidException(where + ": an X.509-SVID has exactly one URI SAN, this leaf has " + uris.size()
                    + (uris.isEmpty() ? "" : " (" + String.join(", ", uris) + ")"));
        }
        try {
            return SpiffeId.parse(uris.get(0));
        } catch (IllegalArgumentException e) {
            throw new SvidException(where + ": the URI SAN is not a SPIFFE ID: " + e.getMessage());
        }
    }

    /**
     * Validates the SVID against the bundle at {@code now}.
     *
     * @param expected the ID the SVID must carry, or null for any ID in the bundle's trust domain
     * @param trustDomain the trust domain of the bundle
     */
    public static void validate(X509Svid svid, List<X509Certificate> bundle, String trustDomain, SpiffeId expected,
            Date now, String where) throws SvidException {
        X509Certificate leaf = svid.leaf();
        SpiffeId id = spiffeIdOf(leaf, where);
        if (!id.trustDomain().equals(trustDomain)) {
            throw new SvidException(where + ": " + id + " is not in trust domain " + trustDomain);
        }
        if (expected != null && !id.equals(expected)) {
            throw new SvidException(where + ": the SVID is for " + id + ", but the module's identity is " + expected);
        }
        if (leaf.getBasicConstraints() != -1) {
            throw new SvidException(where + ": the leaf is a CA certificate (basicConstraints cA=true); an SVID leaf may not be one");
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && (usage.length > 5 && usage[5] || usage.length > 6 && usage[6])) {
            throw new SvidException(where + ": the leaf may sign certificates or CRLs (keyUsage keyCertSign or cRLSign)");
        }
        if (usage != null && !usage[0]) {
            throw new SvidException(where + ": the leaf's keyUsage lacks digitalSignature");
        }
        List<X509Certificate> chain = svid.chain();
        checkDates(chain, now, where);
        verifyChain(chain, bundle, now, where);
    }

    /** PKIX path validation of {@code chain} (leaf first) up to a root of {@code bundle}; revocation by bundle only. */
    public static void verifyChain(List<X509Certificate> chain, List<X509Certificate> bundle, Date now, String where)
            throws SvidException {
        if (bundle.isEmpty()) {
            throw new SvidException(where + ": the trust bundle is empty");
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate root : bundle) {
            anchors.add(new TrustAnchor(root, null));
        }
        // A chain may end with a bundle root; PKIX wants it without the anchor.
        List<X509Certificate> path = new ArrayList<>(chain);
        while (path.size() > 1 && bundle.contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(now);
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
        } catch (CertPathValidatorException e) {
            X500Principal issuer = chain.get(chain.size() - 1).getIssuerX500Principal();
            throw new SvidException(where + ": the chain does not lead to the trust bundle (issuer " + issuer.getName()
                    + "; " + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new SvidException(where + ": cannot validate the chain (" + e.getMessage() + ")", e);
        }
    }

    private static void checkDates(List<X509Certificate> chain, Date now, String where) throws SvidException {
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            String which = i == 0 ? "the SVID" : "intermediate " + i;
            if (now.after(c.getNotAfter())) {
                throw new SvidException(where + ": " + which + " expired at " + c.getNotAfter().toInstant());
            }
            if (now.before(c.getNotBefore())) {
                throw new SvidException(where + ": " + which + " is not valid before " + c.getNotBefore().toInstant());
            }
        }
    }

    /**
     * The MQTT user name for this SVID (see the class comment), after checking that the leaf's CN
     * equals it.
     */
    public static String brokerUsername(X509Svid svid) throws SvidException {
        String expected = svid.id().path().substring(1);
        String cn = commonName(svid.leaf());
        if (!expected.equals(cn)) {
            throw new SvidException("SVID " + svid.id() + ": its CN is " + (cn == null ? "missing" : "'" + cn + "'")
                    + ", but brokers map users by CN, so it must be '" + expected + "' (the ID's path)");
        }
        return expected;
    }

    static String commonName(X509Certificate c) {
        String dn = c.getSubjectX500Principal().getName(X500Principal.RFC2253);
        try {
            javax.naming.ldap.LdapName name = new javax.naming.ldap.LdapName(dn);
            for (javax.naming.ldap.Rdn rdn : name.getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return null;
        }
        return null;
    }
}
