package dev.weir.messaging;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for an {@code mqtts://} link: the key manager that presents the client certificate (a module's
 * X.509-SVID, read afresh at each full handshake) and the trust manager that checks the broker (its
 * chain against the trust bundle, and its SPIFFE ID when the link names one). This module knows no
 * SPIFFE: the caller (the weir CLI, with the trust module) supplies both managers.
 *
 * <p><b>Host names.</b> When the trust manager checks the broker's SPIFFE ID ({@code idChecked}), the
 * host name is not matched: SPIFFE authenticates by ID, and a broker reached as 127.0.0.1 has no
 * name to match. Otherwise the link's host must be one of the broker certificate's DNS names
 * (leftmost-label wildcard allowed) or IP addresses, so a certificate for another machine of the
 * same CA is refused.
 *
 * <p><b>Rotation.</b> The client builds its TLS context once and resumes sessions from it; a resumed
 * session presents no certificate, so the broker would keep seeing the old SVID. After {@link
 * #rotated()}, the link's next reconnect builds a fresh context ({@link #takeRotation()}), so the
 * new SVID is sent. An open connection is not touched by a rotation.
 */
public final class MqttTls {
    private static final Provider PROVIDER = new Provider("weir-link", 1.0, "a link's own key and trust managers") {
        private static final long serialVersionUID = 1L;
    };

    private final X509KeyManager keyManager;
    private final X509TrustManager trustManager;
    private final boolean idChecked;
    private final AtomicBoolean rotation = new AtomicBoolean();

    /**
     * @param keyManager presents the client certificate
     * @param trustManager checks the broker's chain (and identity)
     * @param idChecked whether trustManager checks the broker's identity itself; if not, the host name is
     *     matched against the certificate
     */
    public MqttTls(X509KeyManager keyManager, X509TrustManager trustManager, boolean idChecked) {
        this.keyManager = keyManager;
        this.trustManager = trustManager;
        this.idChecked = idChecked;
    }

    /** Says the client certificate changed: the next reconnect builds a new TLS context. */
    public void rotated() {
        rotation.set(true);
    }

    /** True once after each {@link #rotated()}. */
    boolean takeRotation() {
        return rotation.getAndSet(false);
    }

    /** A new client SSL configuration (new factory objects, so the client builds a new context). */
    MqttClientSslConfig sslConfig() {
        return MqttClientSslConfig.builder()
                .keyManagerFactory(new FixedKeyManagerFactory(keyManager))
                .trustManagerFactory(new FixedTrustManagerFactory(trustManager))
                .hostnameVerifier(new HostnameVerifier() {
                    @Override
                    public boolean verify(String host, SSLSession session) {
                        return idChecked || hostMatches(host, session);
                    }
                })
                .build();
    }

    private static boolean hostMatches(String host, SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate && matches(host, (X509Certificate) chain[0]);
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    /**
     * Whether host is one of the certificate's subjectAltName DNS names or IP addresses (RFC 6125:
     * no fallback to the CN when SANs are present; a wildcard only as the whole leftmost label).
     */
    static boolean matches(String host, X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (names == null) {
            return false;
        }
        boolean literal = isIpLiteral(host);
        String h = host.toLowerCase(Locale.ROOT);
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            if (literal && type == 7 && sameAddress(host, value)) {
                return true;
            }
            if (!literal && type == 2 && dnsMatches(h, value.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            // Both are literals: getByName parses them without a name lookup.
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean dnsMatches(String host, String pattern) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return host.equals(pattern);
    }

    /** Hands out one given key manager (the client takes factories, not managers). */
    private static final class FixedKeyManagerFactory extends KeyManagerFactory {
        FixedKeyManagerFactory(final KeyManager manager) {
            super(new KeyManagerFactorySpi() {
                @Override
                protected void engineInit(KeyStore ks, char[] password) {
                }

                @Override
                protected void engineInit(ManagerFactoryParameters spec) {
                }

                @Override
                protected KeyManager[] engineGetKeyManagers() {
                    return new KeyManager[] {manager};
                }
            }, PROVIDER, "weir-link");
        }
    }

    /** Hands out one given trust manager. */
    private static final class FixedTrustManagerFactory extends TrustManagerFactory {
        FixedTrustManagerFactory(final TrustManager manager) {
            super(new TrustManagerFactorySpi() {
                @Override
                protected void engineInit(KeyStore ks) {
                }

                @Override
                protected void engineInit(ManagerFactoryParameters spec) {
                }

                @Override
                protected TrustManager[] engineGetTrustManagers() {
                    return new TrustManager[] {manager};
                }
            }, PROVIDER, "weir-link");
        }
    }
}
