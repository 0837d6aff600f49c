package dev.weir.trust.spiffe;

import dev.weir.hal.identity.SpiffeId;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for a module's links, from its SVID: the client presents the current X.509-SVID (so a rotated
 * SVID is used from the next full handshake on, without rebuilding the context; sessions are
 * forgotten on rotation so none is resumed with the old one), and checks the server's
 * chain against the current trust bundle. The server's name is not matched against a host name:
 * SPIFFE authenticates by the bundle, and, when {@code serverId} is given, by the server's own
 * SPIFFE ID (its single URI SAN).
 *
 * <p>This is what a messaging link uses as its TLS configuration:
 * {@code SSLContext ctx = SvidSslContexts.client(svidFiles, null); socketFactory = ctx.getSocketFactory();}
 */
public final class SvidSslContexts {
    static final String ALIAS = "svid";

    private SvidSslContexts() {
    }

    /**
     * @param serverId the SPIFFE ID the server must present, or null to accept any server whose chain
     *     leads to the bundle (a broker with a plain certificate from the same CA)
     */
    public static SSLContext client(SvidFiles svid, SpiffeId serverId) throws SvidException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] {new SvidKeyManager(svid)}, new TrustManager[] {new BundleTrustManager(svid, serverId)},
                    new SecureRandom());
            // A resumed TLS session sends no certificate, so the broker would go on seeing the old
            // SVID after a rotation: forget the sessions whenever the SVID changes.
            final javax.net.ssl.SSLSessionContext sessions = ctx.getClientSessionContext();
            svid.addListener(new SvidFiles.Listener() {
                @Override
                public void rotated(X509Svid next) {
                    java.util.Enumeration<byte[]> ids = sessions.getIds();
                    while (ids.hasMoreElements()) {
                        javax.net.ssl.SSLSession s = sessions.getSession(ids.nextElement());
                        if (s != null) {
                            s.invalidate();
                        }
                    }
                }

                @Override
                public void rejected(String message) {
                }
            });
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new SvidException("cannot build a TLS context for " + svid.id() + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The key manager that presents the current SVID (refreshed before each full handshake), for a
     * client that builds its own TLS context, such as an {@code mqtts://} messaging link.
     */
    public static X509ExtendedKeyManager keyManager(SvidFiles svid) {
        return new SvidKeyManager(svid);
    }

    /**
     * The trust manager that checks a server's chain against the current bundle and, when serverId is
     * not null, that the server's leaf carries that SPIFFE ID. Refusals are CertificateExceptions whose
     * message is one line naming why ("the broker is spiffe://..., not spiffe://...").
     */
    public static X509ExtendedTrustManager trustManager(SvidFiles svid, SpiffeId serverId) {
        return new BundleTrustManager(svid, serverId);
    }

    /** Signs and verifies a probe, so a key file that does not belong to the certificate is refused at load. */
    static void checkKeyMatches(X509Svid svid, String where) throws SvidException {
        PrivateKey key = svid.privateKey();
        String algorithm;
        switch (key.getAlgorithm()) {
            case "EC":
                algorithm = "SHA256withECDSA";
                break;
            case "RSA":
                algorithm = "SHA256withRSA";
                break;
            default:
                algorithm = key.getAlgorithm();
        }
        try {
            byte[] probe = "weir svid key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(svid.leaf().getPublicKey());
            v.update(probe);
            if (!v.verify(sig)) {
                throw new SvidException(where + ": the private key does not belong to the SVID's certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new SvidException(where + ": the private key does not belong to the SVID's certificate (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Hands out the current SVID, refreshed (mtime poll) before each full handshake. A link should
     * also call {@link SvidFiles#refresh} before it connects, or run {@link SvidFiles#poll}: a
     * resumption attempt is decided before this manager is asked.
     */
    static final class SvidKeyManager extends X509ExtendedKeyManager {
        private final SvidFiles svid;

        SvidKeyManager(SvidFiles svid) {
            this.svid = svid;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            svid.refresh();
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            svid.refresh();
            return ALIAS;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            List<X509Certificate> chain = svid.current().chain();
            return chain.toArray(new X509Certificate[0]);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return svid.current().privateKey();
        }
    }

    /** Checks the peer's chain against the current bundle and, when asked, its SPIFFE ID. */
    static final class BundleTrustManager extends X509ExtendedTrustManager {
        private final SvidFiles svid;
        private final SpiffeId serverId;

        BundleTrustManager(SvidFiles svid, SpiffeId serverId) {
            this.svid = svid;
            this.serverId = serverId;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            try {
                SvidValidator.verifyChain(Arrays.asList(chain), svid.bundle(), new Date(), "the broker's certificate");
                if (serverId != null) {
                    SpiffeId id = SvidValidator.spiffeIdOf(chain[0], "the broker's certificate");
                    if (!id.equals(serverId)) {
                        throw new CertificateException("the broker is " + id + ", not " + serverId);
                    }
                }
            } catch (SvidException e) {
                throw new CertificateException(e.getMessage(), e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return svid.bundle().toArray(new X509Certificate[0]);
        }
    }
}
