package dev.weir.hal.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Where and how a link connects: the operator's half of a link, which the module never sees (the
 * module's half, its topics and limits, is its {@link MessagingGrant}). Written as {@code
 * mqtt://HOST:PORT[,key=value...]} ({@code weir run --link NAME=...}) with the keys {@code client-id}
 * (default {@code weir-NAME}), {@code username}, {@code password-file} (the first line of the file
 * is the password), {@code session-expiry} (seconds the broker keeps the session while the link is
 * down, default 3600), {@code keep-alive} (seconds, default 30), {@code reconnect-max} (the longest
 * wait between reconnect attempts in milliseconds, default 10000), {@code receive-maximum} (how many QoS 1
 * messages the broker may send the link before the link acknowledges one, 1..65534; by default the
 * link asks for none and the broker picks: mosquitto's {@code max_inflight_messages}, 20). Immutable.
 *
 * <p>{@code mqtts://HOST:PORT} (default port 8883) is MQTT over TLS with the module's X.509-SVID as
 * the client certificate; the broker's chain must lead to the SVID's trust bundle. With {@code
 * broker-id=spiffe://...} the broker's certificate must carry that SPIFFE ID, and its host name is not
 * checked (SPIFFE authenticates by ID, and a broker reached as 127.0.0.1 or through a tunnel has no
 * name to match); without it, HOST must be one of the certificate's DNS or IP names.
 */
public final class LinkSettings {
    private final String name;
    private final String scheme;
    private final String host;
    private final int port;
    private final String clientId;
    private final String username;
    private final byte[] password;
    private final long sessionExpirySeconds;
    private final int keepAliveSeconds;
    private final int reconnectMaxMillis;
    private final String brokerId;
    private final int receiveMaximum;

    public LinkSettings(String name, String scheme, String host, int port, String clientId, String username,
            byte[] password, long sessionExpirySeconds, int keepAliveSeconds, int reconnectMaxMillis) {
        this(name, scheme, host, port, clientId, username, password, sessionExpirySeconds, keepAliveSeconds,
                reconnectMaxMillis, null);
    }

    /** @param brokerId the SPIFFE ID the broker must present ({@code mqtts} only), or null */
    public LinkSettings(String name, String scheme, String host, int port, String clientId, String username,
            byte[] password, long sessionExpirySeconds, int keepAliveSeconds, int reconnectMaxMillis, String brokerId) {
        this(name, scheme, host, port, clientId, username, password, sessionExpirySeconds, keepAliveSeconds,
                reconnectMaxMillis, brokerId, 0);
    }

    /** @param receiveMaximum the MQTT 5 receive maximum the link asks the broker for, 0 to leave it to the broker */
    public LinkSettings(String name, String scheme, String host, int port, String clientId, String username,
            byte[] password, long sessionExpirySeconds, int keepAliveSeconds, int reconnectMaxMillis, String brokerId,
            int receiveMaximum) {
        this.brokerId = brokerId;
        this.receiveMaximum = receiveMaximum;
        this.name = name;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.clientId = clientId == null ? "weir-" + name : clientId;
        this.username = username;
        this.password = password == null ? null : password.clone();
        this.sessionExpirySeconds = sessionExpirySeconds;
        this.keepAliveSeconds = keepAliveSeconds;
        this.reconnectMaxMillis = reconnectMaxMillis;
    }

    /** Settings for an MQTT broker at host:port with every default. */
    public static LinkSettings mqtt(String name, String host, int port) {
        return new LinkSettings(name, "mqtt", host, port, null, null, null, 3600, 30, 10_000);
    }

    /** Null when the URI is usable, else why not. */
    static String uriProblem(String uri) {
        try {
            parse("x", uri);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Parses {@code mqtt://HOST:PORT[,key=value...]}.
     *
     * @throws IllegalArgumentException with a one-line message naming the part that is wrong
     */
    public static LinkSettings parse(String name, String spec) {
        String[] parts = spec.split(",", -1);
        String uri = parts[0];
        int sep = uri.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("'" + uri + "' is not a broker URI (mqtt://HOST:PORT)");
        }
        String scheme = uri.substring(0, sep);
        boolean tls = "mqtts".equals(scheme) || "ssl".equals(scheme);
        if (!"mqtt".equals(scheme) && !"tcp".equals(scheme) && !tls) {
            throw new IllegalArgumentException("scheme '" + scheme + "' is not supported (use mqtt://HOST:PORT or"
                    + " mqtts://HOST:PORT)");
        }
        String rest = uri.substring(sep + 3);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int colon = rest.lastIndexOf(':');
        String host = colon < 0 ? rest : rest.substring(0, colon);
        int port = tls ? 8883 : 1883;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("'" + rest.substring(colon + 1) + "' is not a port (1..65535)");
            }
        }
        if (host.isEmpty() || host.contains("/") || host.contains("@")) {
            throw new IllegalArgumentException("'" + rest + "' is not HOST:PORT");
        }
        String clientId = null;
        String username = null;
        byte[] password = null;
        long expiry = 3600;
        int keepAlive = 30;
        int reconnectMax = 10_000;
        String brokerId = null;
        int receiveMaximum = 0;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new IllegalArgumentException("expected key=value after the URI, got '" + p + "'");
            }
            String key = p.substring(0, eq);
            String value = p.substring(eq + 1);
            switch (key) {
                case "client-id":
                    clientId = value;
                    break;
                case "username":
                    username = value;
                    break;
                case "password-file":
                    password = readPassword(value);
                    break;
                case "session-expiry":
                    expiry = number(key, value, 0, 0xFFFFFFFFL);
                    break;
                case "keep-alive":
                    keepAlive = (int) number(key, value, 0, 65535);
                    break;
                case "reconnect-max":
                    reconnectMax = (int) number(key, value, 10, 3_600_000);
                    break;
                case "receive-maximum":
                    // 65535 is MQTT's default, which a client does not send: the broker would pick.
                    receiveMaximum = (int) number(key, value, 1, 65534);
                    break;
                case "broker-id":
                    if (!tls) {
                        throw new IllegalArgumentException("broker-id needs an mqtts:// link (TLS)");
                    }
                    try {
                        brokerId = dev.weir.hal.identity.SpiffeId.parse(value).toString();
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("broker-id=" + value + " is not a SPIFFE ID (" + e.getMessage() + ")");
                    }
                    break;
                default:
                    throw new IllegalArgumentException("'" + key + "' is not a link option (client-id, username,"
                            + " password-file, session-expiry, keep-alive, reconnect-max, receive-maximum, broker-id)");
            }
        }
        return new LinkSettings(name, tls ? "mqtts" : "mqtt", host, port, clientId, username, password, expiry, keepAlive,
                reconnectMax, brokerId, receiveMaximum);
    }

    private static long number(String key, String value, long min, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(key + "=" + value + " is not a number in " + min + ".." + max);
    }

    private static byte[] readPassword(String file) {
        try {
            String text = new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            return (nl < 0 ? text : text.substring(0, nl)).trim().getBytes(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("password-file=" + file + ": cannot read it");
        }
    }

    /** The same settings with the grant's connection options filled in where these have none. */
    public LinkSettings withDefaultsFrom(MessagingGrant g) {
        return new LinkSettings(name, scheme, host, port, clientId.equals("weir-" + name) && g.clientId() != null
                ? g.clientId() : clientId, username != null ? username : g.username(),
                password != null ? password : g.passwordFile() != null ? readPassword(g.passwordFile()) : null,
                sessionExpirySeconds, keepAliveSeconds, reconnectMaxMillis, brokerId, receiveMaximum);
    }

    /** Whether the link is MQTT over TLS ({@code mqtts://}). */
    public boolean tls() {
        return "mqtts".equals(scheme);
    }

    /** The SPIFFE ID the broker must present ({@code broker-id=}), or null: any broker the bundle trusts. */
    public String brokerId() {
        return brokerId;
    }

    public String name() {
        return name;
    }

    public String scheme() {
        return scheme;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String clientId() {
        return clientId;
    }

    public String username() {
        return username;
    }

    /** A copy of the password bytes, or null. */
    public byte[] password() {
        return password == null ? null : password.clone();
    }

    public long sessionExpirySeconds() {
        return sessionExpirySeconds;
    }

    public int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    public int reconnectMaxMillis() {
        return reconnectMaxMillis;
    }

    /** The receive maximum the link asks the broker for ({@code receive-maximum=}), or 0: the broker's choice. */
    public int receiveMaximum() {
        return receiveMaximum;
    }

    /** mqtt://host:port, without credentials: what traces and messages may show. */
    public String address() {
        return scheme + "://" + host + ":" + port;
    }

    @Override
    public String toString() {
        return name + "=" + address() + " client-id=" + clientId + (brokerId != null ? " broker-id=" + brokerId : "");
    }
}
