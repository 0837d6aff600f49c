package dev.weir.hal.messaging;

import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantParser;
import dev.weir.hal.capability.GrantSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * A grant to use one messaging link: which topics the module may publish to and subscribe to, and the
 * limits it runs under. Grant-file syntax (one line; options in any order, publish= and subscribe=
 * may repeat or list several filters separated by commas):
 * <pre>
 * messaging LINK [publish=FILTER,...] [subscribe=FILTER,...] [qos=0|1] [max-message=BYTES]
 *                [inbox=N] [inbox-full=block|drop] [rate=N] [buffer=N]
 *                [uri=mqtt://HOST:PORT] [client-id=ID] [username=NAME] [password-file=PATH]
 *                [topic-map=PORT=TOPIC,...]
 * </pre>
 * The module names the link ({@code open-link("broker")}); the broker's address and credentials are
 * the operator's ({@code uri=} here, or {@code weir run --link broker=mqtt://...}) and never reach the
 * module. Filters are MQTT topic filters; a module may publish to a topic one of its publish filters
 * matches and subscribe to a filter one of its subscribe filters covers ({@link Topics#covers}), so
 * {@code +} and {@code #} in a request cannot reach past the grant. Defaults: qos=1, max-message=4096,
 * inbox=64 messages, inbox-full=block (the broker's flow stops until the module takes messages;
 * {@code drop} drops new messages and counts them), rate=100 publishes per second (0: no limit),
 * buffer=1000 messages held while the broker is unreachable.
 * <p>
 * {@code topic-map=PORT=TOPIC} lets a module name its ports instead of topics (a fleet derives the
 * topics from a graph's edges, so modules never name each other's topics): a publish to, or a
 * subscription of, exactly {@code PORT} goes to {@code TOPIC} (a topic filter for inputs), and a
 * message received on a topic a mapped filter matches reaches the module under {@code PORT}. The
 * grant's publish and subscribe filters are checked against the mapped topic, so the map renames and
 * never widens: {@code topic-map=out=weir/app/g/n/out publish=weir/app/g/n/out}.
 */
public final class MessagingGrant extends Grant {
    public static final int POLICY_BLOCK = 0;
    public static final int POLICY_DROP = 1;

    public static final int DEFAULT_MAX_MESSAGE = 4096;
    public static final int DEFAULT_INBOX = 64;
    public static final int DEFAULT_RATE = 100;
    public static final int DEFAULT_BUFFER = 1000;
    /** max-message is at most 16 MiB: the inbox preallocates inbox x max-message bytes. */
    public static final int MAX_MAX_MESSAGE = 16 << 20;

    /** The grant-file parser for {@code messaging} lines. */
    public static final GrantParser PARSER = new GrantParser() {
        @Override
        public Grant parse(String[] words, String origin) {
            return MessagingGrant.parse(words, origin);
        }
    };

    private final String link;
    private final List<String> publish;
    private final List<String> subscribe;
    private final byte[][] publishBytes;
    private final byte[][] subscribeBytes;
    private final int maxQos;
    private final int maxMessage;
    private final int inbox;
    private final int inboxPolicy;
    private final int rate;
    private final int buffer;
    private final String uri;
    private final String clientId;
    private final String username;
    private final String passwordFile;
    /** topic-map: the module's port names and the topics (filters) they stand for, pairwise. */
    private final List<String> ports;
    private final List<String> mappedTopics;
    private final byte[][] portBytes;
    private final byte[][] mappedBytes;

    private MessagingGrant(Builder b, String origin) {
        super(origin);
        this.link = b.link;
        this.publish = new ArrayList<String>(b.publish);
        this.subscribe = new ArrayList<String>(b.subscribe);
        this.publishBytes = encode(publish);
        this.subscribeBytes = encode(subscribe);
        this.maxQos = b.qos;
        this.maxMessage = b.maxMessage;
        this.inbox = b.inbox;
        this.inboxPolicy = b.policy;
        this.rate = b.rate;
        this.buffer = b.buffer;
        this.uri = b.uri;
        this.clientId = b.clientId;
        this.username = b.username;
        this.passwordFile = b.passwordFile;
        this.ports = new ArrayList<String>(b.ports);
        this.mappedTopics = new ArrayList<String>(b.mappedTopics);
        this.portBytes = encode(ports);
        this.mappedBytes = encode(mappedTopics);
    }

    private static byte[][] encode(List<String> filters) {
        byte[][] result = new byte[filters.size()][];
        for (int i = 0; i < result.length; i++) {
            result[i] = Topics.bytes(filters.get(i));
        }
        return result;
    }

    /** Builds grants in code (tests, embedders); the same checks as the grant file. */
    public static final class Builder {
        private final String link;
        private final List<String> publish = new ArrayList<String>();
        private final List<String> subscribe = new ArrayList<String>();
        private int qos = 1;
        private int maxMessage = DEFAULT_MAX_MESSAGE;
        private int inbox = DEFAULT_INBOX;
        private int policy = POLICY_BLOCK;
        private int rate = DEFAULT_RATE;
        private int buffer = DEFAULT_BUFFER;
        private String uri;
        private String clientId;
        private String username;
        private String passwordFile;
        private final List<String> ports = new ArrayList<String>();
        private final List<String> mappedTopics = new ArrayList<String>();

        public Builder(String link) {
            this.link = link;
        }

        public Builder publish(String filter) {
            publish.add(filter);
            return this;
        }

        public Builder subscribe(String filter) {
            subscribe.add(filter);
            return this;
        }

        public Builder qos(int q) {
            qos = q;
            return this;
        }

        public Builder maxMessage(int bytes) {
            maxMessage = bytes;
            return this;
        }

        public Builder inbox(int messages, int fullPolicy) {
            inbox = messages;
            policy = fullPolicy;
            return this;
        }

        public Builder rate(int perSecond) {
            rate = perSecond;
            return this;
        }

        public Builder buffer(int messages) {
            buffer = messages;
            return this;
        }

        public Builder uri(String u) {
            uri = u;
            return this;
        }

        public Builder clientId(String id) {
            clientId = id;
            return this;
        }

        /** topic-map: the module's {@code port} stands for {@code topic} (a filter when the port is an input). */
        public Builder mapTopic(String port, String topic) {
            ports.add(port);
            mappedTopics.add(topic);
            return this;
        }

        public MessagingGrant build(String origin) {
            if (!isLinkName(link)) {
                throw new GrantSyntaxException(origin, "'" + link + "' is not a link name (letters, digits, - and _, up to 64)");
            }
            for (String f : publish) {
                checkFilter(f, "publish", origin);
            }
            for (String f : subscribe) {
                checkFilter(f, "subscribe", origin);
            }
            for (int i = 0; i < ports.size(); i++) {
                byte[] port = Topics.bytes(ports.get(i));
                if (!Topics.isValidName(port, 0, port.length)) {
                    throw new GrantSyntaxException(origin, "topic-map=" + ports.get(i) + "=...: the port is not an MQTT topic"
                            + " name (no wildcards)");
                }
                checkFilter(mappedTopics.get(i), "topic-map=" + ports.get(i), origin);
                if (ports.indexOf(ports.get(i)) != i) {
                    throw new GrantSyntaxException(origin, "topic-map: port " + ports.get(i) + " is mapped twice");
                }
            }
            if (qos != 0 && qos != 1) {
                throw new GrantSyntaxException(origin, "qos=" + qos + ": weir supports qos 0 and 1");
            }
            range(origin, "max-message", maxMessage, 1, MAX_MAX_MESSAGE);
            range(origin, "inbox", inbox, 1, 65535);
            range(origin, "rate", rate, 0, 1_000_000);
            range(origin, "buffer", buffer, 1, 1_000_000);
            if ((long) inbox * maxMessage > (256L << 20)) {
                throw new GrantSyntaxException(origin, "inbox=" + inbox + " x max-message=" + maxMessage
                        + " is more than 256 MiB of preallocated inbox");
            }
            if (uri != null) {
                String why = LinkSettings.uriProblem(uri);
                if (why != null) {
                    throw new GrantSyntaxException(origin, "uri=" + uri + ": " + why);
                }
            }
            return new MessagingGrant(this, origin);
        }
    }

    private static void checkFilter(String f, String key, String origin) {
        byte[] b = Topics.bytes(f);
        if (!Topics.isValidFilter(b, 0, b.length)) {
            throw new GrantSyntaxException(origin, key + "=" + f + " is not an MQTT topic filter (levels split by /, + alone"
                    + " in a level, # alone in the last, no . or .. levels, up to " + Topics.MAX_LENGTH + " bytes)");
        }
    }

    private static void range(String origin, String key, int v, int min, int max) {
        if (v < min || v > max) {
            throw new GrantSyntaxException(origin, key + "=" + v + " is out of range (" + min + ".." + max + ")");
        }
    }

    /** Link names: what open-link takes and --link NAME= gives. */
    public static boolean isLinkName(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code messaging LINK [key=value...]}, words[0] being "messaging". */
    public static MessagingGrant parse(String[] words, String origin) {
        if (words.length < 2) {
            throw new GrantSyntaxException(origin, "a messaging grant needs a link name: messaging LINK publish=... subscribe=...");
        }
        Builder b = new Builder(words[1]);
        for (int i = 2; i < words.length; i++) {
            String w = words[i];
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            String value = eq < 0 ? "" : w.substring(eq + 1);
            if (eq < 0 || value.isEmpty()) {
                throw new GrantSyntaxException(origin, "expected key=value, got '" + w + "'");
            }
            switch (key) {
                case "publish":
                    for (String f : value.split(",", -1)) {
                        b.publish(f);
                    }
                    break;
                case "subscribe":
                    for (String f : value.split(",", -1)) {
                        b.subscribe(f);
                    }
                    break;
                case "qos":
                    b.qos = number(origin, key, value);
                    break;
                case "max-message":
                    b.maxMessage = size(origin, key, value);
                    break;
                case "inbox":
                    b.inbox = number(origin, key, value);
                    break;
                case "inbox-full":
                    if ("block".equals(value)) {
                        b.policy = POLICY_BLOCK;
                    } else if ("drop".equals(value)) {
                        b.policy = POLICY_DROP;
                    } else {
                        throw new GrantSyntaxException(origin, "inbox-full=" + value + ": expected block or drop");
                    }
                    break;
                case "rate":
                    b.rate = number(origin, key, value.endsWith("/s") ? value.substring(0, value.length() - 2) : value);
                    break;
                case "buffer":
                    b.buffer = number(origin, key, value);
                    break;
                case "uri":
                    b.uri = value;
                    break;
                case "client-id":
                    b.clientId = value;
                    break;
                case "username":
                    b.username = value;
                    break;
                case "password-file":
                    b.passwordFile = value;
                    break;
                case "topic-map":
                    for (String pair : value.split(",", -1)) {
                        int at = pair.indexOf('=');
                        if (at <= 0 || at == pair.length() - 1) {
                            throw new GrantSyntaxException(origin, "topic-map=" + value + ": expected PORT=TOPIC[,PORT=TOPIC...]");
                        }
                        b.mapTopic(pair.substring(0, at), pair.substring(at + 1));
                    }
                    break;
                default:
                    throw new GrantSyntaxException(origin, "'" + key + "' is not an option of a messaging grant (publish,"
                            + " subscribe, qos, max-message, inbox, inbox-full, rate, buffer, uri, client-id, username,"
                            + " password-file, topic-map)");
            }
        }
        return b.build(origin);
    }

    private static int number(String origin, String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new GrantSyntaxException(origin, key + "=" + value + " is not a whole number");
        }
    }

    /** Bytes with an optional K or M suffix (powers of 1024). */
    private static int size(String origin, String key, String value) {
        String v = value.toUpperCase(java.util.Locale.ROOT);
        int unit = 1;
        if (v.endsWith("K") || v.endsWith("KIB")) {
            unit = 1024;
        } else if (v.endsWith("M") || v.endsWith("MIB")) {
            unit = 1024 * 1024;
        }
        String digits = unit == 1 ? v : v.replaceAll("[KMIB]+$", "");
        long n = number(origin, key, digits);
        if (n * unit > Integer.MAX_VALUE) {
            throw new GrantSyntaxException(origin, key + "=" + value + " is too large");
        }
        return (int) (n * unit);
    }

    @Override
    public String capability() {
        return "messaging";
    }

    /** The link's name, as the module opens it. */
    public String link() {
        return link;
    }

    public List<String> publishFilters() {
        return new ArrayList<String>(publish);
    }

    public List<String> subscribeFilters() {
        return new ArrayList<String>(subscribe);
    }

    /** Whether a topic (UTF-8 bytes, already valid) may be published to; allocates nothing. */
    public boolean mayPublish(byte[] topic, int offset, int length) {
        for (byte[] f : publishBytes) {
            if (Topics.matches(f, topic, offset, length)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a filter (UTF-8 bytes, already valid) lies within one of the subscribe filters. */
    public boolean maySubscribe(byte[] filter, int offset, int length) {
        for (byte[] f : subscribeBytes) {
            if (Topics.covers(f, filter, offset, length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The topic-map entry whose port is exactly bytes [offset, offset + length), or -1 when the name is
     * not a mapped port (then it is used as the topic itself); allocates nothing.
     */
    public int mappedPort(byte[] name, int offset, int length) {
        for (int i = 0; i < portBytes.length; i++) {
            byte[] p = portBytes[i];
            if (p.length == length && regionEquals(p, name, offset)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The topic-map entry whose topic filter matches a received topic, or -1; the module sees the
     * message under that entry's port.
     */
    public int portOfTopic(byte[] topic, int offset, int length) {
        for (int i = 0; i < mappedBytes.length; i++) {
            if (Topics.matches(mappedBytes[i], topic, offset, length)) {
                return i;
            }
        }
        return -1;
    }

    /** The UTF-8 port name of topic-map entry i (do not modify). */
    public byte[] portBytes(int i) {
        return portBytes[i];
    }

    /** The UTF-8 topic (filter) of topic-map entry i (do not modify). */
    public byte[] mappedTopicBytes(int i) {
        return mappedBytes[i];
    }

    /** The topic-map as PORT to TOPIC, in grant order. */
    public java.util.Map<String, String> topicMap() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < ports.size(); i++) {
            m.put(ports.get(i), mappedTopics.get(i));
        }
        return m;
    }

    /** The topic a module's topic or filter stands for: mapped through topic-map, else itself. */
    public String mapTopic(String moduleTopic) {
        int i = ports.indexOf(moduleTopic);
        return i < 0 ? moduleTopic : mappedTopics.get(i);
    }

    private static boolean regionEquals(byte[] a, byte[] b, int offset) {
        for (int k = 0; k < a.length; k++) {
            if (a[k] != b[offset + k]) {
                return false;
            }
        }
        return true;
    }

    /** The highest QoS the module may use, 0 or 1. */
    public int maxQos() {
        return maxQos;
    }

    public int maxMessage() {
        return maxMessage;
    }

    /** Messages the inbox of this link holds. */
    public int inbox() {
        return inbox;
    }

    /** {@link #POLICY_BLOCK} or {@link #POLICY_DROP}. */
    public int inboxPolicy() {
        return inboxPolicy;
    }

    /** Publishes per second allowed, 0 for no limit. */
    public int rate() {
        return rate;
    }

    /** Outgoing messages held while the broker is unreachable. */
    public int buffer() {
        return buffer;
    }

    /** The broker's URI if the grant gives it, else null (weir run --link gives it). */
    public String uri() {
        return uri;
    }

    public String clientId() {
        return clientId;
    }

    public String username() {
        return username;
    }

    public String passwordFile() {
        return passwordFile;
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("messaging ").append(link);
        if (!publish.isEmpty()) {
            b.append(" publish=").append(String.join(",", publish));
        }
        if (!subscribe.isEmpty()) {
            b.append(" subscribe=").append(String.join(",", subscribe));
        }
        b.append(" qos=").append(maxQos).append(" max-message=").append(maxMessage).append(" inbox=").append(inbox)
                .append(" inbox-full=").append(inboxPolicy == POLICY_BLOCK ? "block" : "drop").append(" rate=").append(rate)
                .append(" buffer=").append(buffer);
        if (uri != null) {
            b.append(" uri=").append(uri);
        }
        for (int i = 0; i < ports.size(); i++) {
            b.append(i == 0 ? " topic-map=" : ",").append(ports.get(i)).append('=').append(mappedTopics.get(i));
        }
        return b.toString();
    }
}
