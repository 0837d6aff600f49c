package dev.weir.hal.messaging;

import dev.weir.core.Memory;
import dev.weir.hal.capability.AuditListener;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.capability.HandleTable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Messaging for one module instance: the {@value #MODULE} functions (bound by {@link
 * MessagingImports}), backed by a {@link MessageTransport} per open link and guarded by the instance's
 * {@link Grants}.
 * <p>
 * As in wasi:messaging, a module opens a link by name ({@code open-link("broker")}); the broker's
 * address and credentials come from the operator ({@link LinkSettings}), never from the module. The
 * request is checked against the grants and every refusal goes to the audit listener; on success the
 * module gets a generation-checked handle from this instance's {@link HandleTable}. After that,
 * publish, subscribe and receive take pointers and lengths into linear memory, check them (a bad
 * pointer, topic, size or QoS is a negated {@link MessagingError}, never a trap), and allocate
 * nothing: topics are checked and matched as bytes in place, and received messages are copied from a
 * preallocated {@link Inbox} slot straight into memory. A QoS 1 message is acknowledged to the broker
 * only after the module took it.
 * <p>
 * Revoking a grant closes the links opened under it (their next use returns {@code revoked}); {@link
 * #close()} closes every link when the run ends. Thread-safety: module calls and revocations
 * synchronize on this host; driver threads touch only the inbox, so a waiting receive never holds the
 * host.
 */
public final class MessagingHost implements AutoCloseable {
    /** The import module name. */
    public static final String MODULE = "weir:messaging";
    /** Bytes of the header receive writes: i32 link handle, i32 topic length, i32 payload length, i32 flags. */
    public static final int HEADER_SIZE = 16;
    public static final int DEFAULT_MAX_LINKS = 8;
    /** The longest content type a publish may carry. */
    public static final int MAX_CONTENT_TYPE = 128;

    private final Grants grants;
    private final Map<String, LinkSettings> links;
    private final Map<String, MessageTransport.Factory> factories;
    private final HandleTable table;
    private final Inbox inbox;
    private final long startNanos;
    private volatile MessagingTrace trace;

    // Per-slot state, indexed like the handle table.
    private final MessageTransport[] transports;
    private final MessagingGrant[] grantOf;
    private final String[] names;
    /** GCRA rate limiter: the theoretical arrival time of the next publish, in nanoseconds. */
    private final long[] nextArrival;
    private final long[] interval;
    private final long[] published;
    private final long[] taken;
    /** What summary() says of links closed already. */
    private final StringBuilder history = new StringBuilder();

    private final Grants.RevocationListener revocations = new Grants.RevocationListener() {
        @Override
        public int revoked(Grant grant) {
            return closeGrant(grant);
        }
    };
    private final HandleTable.Resources resources = new HandleTable.Resources() {
        @Override
        public void close(int index) {
            release(index);
        }
    };

    /**
     * @param links the operator's link settings by name (a grant's {@code uri=} is used for names not here)
     * @param factories transports by URI scheme ("mqtt")
     */
    public MessagingHost(Grants grants, Map<String, LinkSettings> links, Map<String, MessageTransport.Factory> factories) {
        this(grants, links, factories, DEFAULT_MAX_LINKS);
    }

    public MessagingHost(Grants grants, Map<String, LinkSettings> links, Map<String, MessageTransport.Factory> factories,
            int maxLinks) {
        this.grants = grants;
        this.links = new HashMap<String, LinkSettings>(links);
        this.factories = new HashMap<String, MessageTransport.Factory>(factories);
        this.table = new HandleTable(maxLinks);
        this.inbox = new Inbox(maxLinks);
        this.startNanos = System.nanoTime();
        this.transports = new MessageTransport[maxLinks];
        this.grantOf = new MessagingGrant[maxLinks];
        this.names = new String[maxLinks];
        this.nextArrival = new long[maxLinks];
        this.interval = new long[maxLinks];
        this.published = new long[maxLinks];
        this.taken = new long[maxLinks];
        grants.addRevocationListener(revocations);
    }

    /** Where publishes and receives are reported ({@code weir run --trace messaging}); null for nowhere. */
    public MessagingHost trace(MessagingTrace t) {
        this.trace = t;
        return this;
    }

    public long startNanos() {
        return startNanos;
    }

    // ---- opening: the only place a link is checked against grants ----

    /** open-link: the link named by bytes [ptr, ptr + len) of memory. */
    public int openLink(Memory memory, int ptr, int len) {
        if (!inBounds(memory, ptr, len)) {
            return -MessagingError.OUT_OF_BOUNDS;
        }
        if (len < 1 || len > 64) {
            return -MessagingError.INVALID_ARGUMENT;
        }
        return openLink(new String(memory.array(), ptr, len, StandardCharsets.UTF_8));
    }

    /** open-link by name; returns a handle or a negated {@link MessagingError}. */
    public synchronized int openLink(String name) {
        String request = "open link " + name;
        if (!MessagingGrant.isLinkName(name)) {
            return deny(MessagingError.INVALID_ARGUMENT, request, "not a link name");
        }
        MessagingGrant grant = null;
        for (Grant g : grants.forCapability("messaging")) {
            if (g instanceof MessagingGrant && ((MessagingGrant) g).link().equals(name)) {
                grant = (MessagingGrant) g;
                break;
            }
        }
        if (grant == null) {
            return deny(MessagingError.PERMISSION_DENIED, request, "no grant names link " + name);
        }
        for (int i = 0; i < names.length; i++) {
            if (table.isOpen(i) && name.equals(names[i])) {
                return deny(MessagingError.ALREADY_OPEN, request, "link " + name + " is already open");
            }
        }
        LinkSettings settings = links.get(name);
        if (settings == null && grant.uri() != null) {
            settings = LinkSettings.parse(name, grant.uri());
        }
        if (settings == null) {
            return deny(MessagingError.CONNECTION, request, "the operator gave no broker for link " + name
                    + " (weir run --link " + name + "=mqtt://HOST:PORT, or uri= in the grant)");
        }
        settings = settings.withDefaultsFrom(grant);
        MessageTransport.Factory factory = factories.get(settings.scheme());
        if (factory == null) {
            return deny(MessagingError.CONNECTION, request, "no transport for " + settings.scheme() + "://");
        }
        int handle = table.allocate();
        if (handle < 0) {
            return deny(MessagingError.NO_SPACE, request, "all " + table.capacity() + " link handles are open");
        }
        final int index = table.lookup(handle);
        MessageTransport transport;
        try {
            transport = factory.open(settings, grant);
        } catch (RuntimeException e) {
            table.release(index);
            return deny(MessagingError.CONNECTION, request, "the transport failed: " + e.getMessage());
        }
        table.setGrant(index, grant);
        transports[index] = transport;
        grantOf[index] = grant;
        names[index] = name;
        interval[index] = grant.rate() == 0 ? 0 : 1_000_000_000L / grant.rate();
        nextArrival[index] = System.nanoTime();
        published[index] = 0;
        taken[index] = 0;
        inbox.attach(index, handle, new Inbox.Ring(grant.inbox(), grant.maxMessage(), grant.inboxPolicy()), grant.inbox());
        final int h = handle;
        final MessageTransport t = transport;
        final int maxMessage = grant.maxMessage();
        transport.start(new MessageTransport.Receiver() {
            @Override
            public void received(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset,
                    int payloadLength, int flags, long token) {
                int stored = 0;
                if (topicLength <= Topics.MAX_LENGTH && payloadLength <= maxMessage) {
                    stored = inbox.offer(index, h, topic, topicOffset, topicLength, payload, payloadOffset,
                            payloadLength, flags, token);
                } else {
                    inbox.countLost(index, h);
                }
                if (stored == 0 && token != 0) {
                    // Dropped by the stated policy (and counted): the broker must not resend it forever.
                    t.acknowledge(token);
                }
            }
        });
        MessagingTrace tr = trace;
        if (tr != null) {
            tr.link(name, settings.address(), true);
        }
        return handle;
    }

    private int deny(int error, String request, String reason) {
        AuditListener audit = grants.audit();
        audit.denied("messaging", request, reason + " (" + MessagingError.name(error) + ")");
        return -error;
    }

    /** The slot of an open handle, or a negated error. */
    private int slot(int handle, String function) {
        int i = table.lookup(handle);
        if (i >= 0) {
            return i;
        }
        if (i == HandleTable.REVOKED) {
            return -MessagingError.REVOKED;
        }
        return deny(MessagingError.BAD_HANDLE, function + " on handle " + handle, "not an open link of this module");
    }

    private static boolean inBounds(Memory memory, int ptr, int len) {
        return memory != null && (ptr & 0xFFFFFFFFL) + (len & 0xFFFFFFFFL) <= memory.size();
    }

    // ---- the data path: pointers checked, topics matched in place, no allocation ----

    /** subscribe: a filter within one of the grant's subscribe filters, at a QoS up to the grant's. */
    public synchronized int subscribe(Memory memory, int handle, int ptr, int len, int qos) {
        int i = slot(handle, "subscribe");
        if (i < 0) {
            return i;
        }
        if (!inBounds(memory, ptr, len)) {
            return -MessagingError.OUT_OF_BOUNDS;
        }
        byte[] b = memory.array();
        if (!Topics.isValidFilter(b, ptr, len)) {
            return -MessagingError.INVALID_TOPIC;
        }
        MessagingGrant g = grantOf[i];
        if (qos < 0 || qos > 1) {
            return -MessagingError.INVALID_ARGUMENT;
        }
        if (qos > g.maxQos() || !g.maySubscribe(b, ptr, len)) {
            return deny(MessagingError.PERMISSION_DENIED, "subscribe to " + new String(b, ptr, len, StandardCharsets.UTF_8)
                    + " at qos " + qos + " on link " + names[i], qos > g.maxQos() ? "the grant allows qos " + g.maxQos()
                    : "outside the grant's subscribe filters " + g.subscribeFilters());
        }
        return transports[i].subscribe(b, ptr, len, qos);
    }

    /**
     * publish: topic [topicPtr, +topicLen), payload [payloadPtr, +payloadLen), QoS and retain in flags,
     * content type [typePtr, +typeLen) (length 0 for none). 0 when the transport took the message.
     */
    public synchronized int publish(Memory memory, int handle, int topicPtr, int topicLen, int payloadPtr,
            int payloadLen, int flags, int typePtr, int typeLen) {
        int i = slot(handle, "publish");
        if (i < 0) {
            return i;
        }
        if (!inBounds(memory, topicPtr, topicLen) || !inBounds(memory, payloadPtr, payloadLen)
                || !inBounds(memory, typePtr, typeLen)) {
            return -MessagingError.OUT_OF_BOUNDS;
        }
        byte[] b = memory.array();
        int result;
        int qos = flags & 3;
        MessagingGrant g = grantOf[i];
        if ((flags & ~(3 | MessageTransport.FLAG_RETAIN)) != 0 || qos > 1 || typeLen > MAX_CONTENT_TYPE) {
            result = -MessagingError.INVALID_ARGUMENT;
        } else if (!Topics.isValidName(b, topicPtr, topicLen)) {
            result = -MessagingError.INVALID_TOPIC;
        } else if (payloadLen > g.maxMessage()) {
            result = -MessagingError.TOO_LARGE;
        } else if (qos > g.maxQos() || !g.mayPublish(b, topicPtr, topicLen)) {
            result = deny(MessagingError.PERMISSION_DENIED, "publish to " + new String(b, topicPtr, topicLen,
                    StandardCharsets.UTF_8) + " at qos " + qos + " on link " + names[i], qos > g.maxQos()
                    ? "the grant allows qos " + g.maxQos() : "outside the grant's publish filters " + g.publishFilters());
        } else if (!rateAllows(i)) {
            result = -MessagingError.RATE_LIMITED;
        } else {
            result = transports[i].publish(b, topicPtr, topicLen, b, payloadPtr, payloadLen, b, typePtr, typeLen, flags);
            if (result == 0) {
                published[i]++;
            }
        }
        MessagingTrace tr = trace;
        if (tr != null) {
            tr.published(names[i], b, topicPtr, Math.max(0, Math.min(topicLen, Topics.MAX_LENGTH)), payloadPtr, payloadLen,
                    qos, result, System.nanoTime() - startNanos);
        }
        return result;
    }

    /** GCRA: at most rate publishes per second, with bursts of up to one second's worth. */
    private boolean rateAllows(int i) {
        long step = interval[i];
        if (step == 0) {
            return true;
        }
        long now = System.nanoTime();
        long tat = nextArrival[i];
        if (tat - now > 1_000_000_000L - step) {
            return false;
        }
        nextArrival[i] = (tat - now > 0 ? tat : now) + step;
        return true;
    }

    /**
     * receive: the oldest message of link {@code handle} (0: of any link), waiting up to timeoutMillis
     * (negative: forever). Writes the header ({@value #HEADER_SIZE} bytes), the topic and the payload;
     * returns 1, 0 when none came in time, or a negated error. When the buffers are too small it writes
     * the header (so the module sees the sizes), returns -too-large and keeps the message.
     */
    public int receive(Memory memory, int handle, int headerPtr, int topicPtr, int topicCap, int payloadPtr,
            int payloadCap, int timeoutMillis) {
        int only = -1;
        if (handle != 0) {
            synchronized (this) {
                only = slot(handle, "receive");
            }
            if (only < 0) {
                return only;
            }
        }
        if (!inBounds(memory, headerPtr, HEADER_SIZE) || !inBounds(memory, topicPtr, topicCap)
                || !inBounds(memory, payloadPtr, payloadCap)) {
            return -MessagingError.OUT_OF_BOUNDS;
        }
        int r = inbox.take(only, memory.array(), headerPtr, topicPtr, topicCap, payloadPtr, payloadCap, timeoutMillis);
        if (r != 1) {
            return r;
        }
        int i = inbox.takenIndex();
        long token = inbox.takenToken();
        MessageTransport t;
        String name;
        synchronized (this) {
            t = transports[i];
            name = names[i];
            taken[i]++;
        }
        if (token != 0 && t != null) {
            t.acknowledge(token);
        }
        MessagingTrace tr = trace;
        if (tr != null) {
            byte[] b = memory.array();
            tr.received(name, b, topicPtr, Memory.getInt(b, headerPtr + 4), payloadPtr, Memory.getInt(b, headerPtr + 8),
                    Memory.getInt(b, headerPtr + 12), System.nanoTime() - startNanos);
        }
        return 1;
    }

    /** messages-lost: messages of the link dropped by the inbox policy since the last call. */
    public synchronized int messagesLost(int handle) {
        int i = slot(handle, "messages-lost");
        return i < 0 ? i : inbox.takeLost(i);
    }

    /** status: 1 when the link's broker is connected, 0 when not (messages wait in its buffer). */
    public synchronized int status(int handle) {
        int i = slot(handle, "status");
        return i < 0 ? i : transports[i].isConnected() ? 1 : 0;
    }

    /** close: closes the link (its session stays with the broker); messages not yet taken are not acknowledged. */
    public synchronized int close(int handle) {
        if (table.closeRevoked(handle)) {
            return 0;
        }
        int i = slot(handle, "close");
        if (i < 0) {
            return i;
        }
        release(i);
        table.release(i);
        return 0;
    }

    private void release(int i) {
        inbox.detach(i);
        MessageTransport t = transports[i];
        if (t != null) {
            // Flushes what the module published (the MQTT transport waits up to 2 s for the broker).
            t.close();
        }
        history.append(history.length() == 0 ? "" : "; ").append(describe(i));
        transports[i] = null;
        grantOf[i] = null;
        MessagingTrace tr = trace;
        if (tr != null && names[i] != null) {
            tr.link(names[i], "", false);
        }
    }

    // ---- for the operator and tests ----

    /**
     * Messages published and taken through each link this host opened, and dropped by its inbox:
     * "broker: 10 published, 0 received, 0 dropped by the inbox, 0 waiting to send".
     */
    public synchronized String summary() {
        StringBuilder b = new StringBuilder(history);
        for (int i = 0; i < names.length; i++) {
            if (table.isOpen(i)) {
                b.append(b.length() == 0 ? "" : "; ").append(describe(i));
            }
        }
        return b.toString();
    }

    private String describe(int i) {
        MessageTransport t = transports[i];
        return names[i] + ": " + published[i] + " published, " + taken[i] + " received, " + inbox.lostTotal(i)
                + " dropped by the inbox, " + (t == null ? 0 : t.pendingOutgoing()) + " waiting to send";
    }

    /** Messages waiting in the inbox of an open link. */
    public synchronized int pending(int handle) {
        int i = table.lookup(handle);
        return i < 0 ? 0 : inbox.size(i);
    }

    private synchronized int closeGrant(Grant grant) {
        return table.revokeGrant(grant, resources);
    }

    public synchronized int openLinks() {
        return table.openCount();
    }

    /** Every link closed, sessions left with their brokers. */
    @Override
    public synchronized void close() {
        table.closeAll(resources);
        grants.removeRevocationListener(revocations);
    }

    /** Link names a set of grants allows (for weir inspect and the CLI's checks). */
    public static java.util.Set<String> grantedLinks(List<Grant> list) {
        java.util.Set<String> result = new java.util.LinkedHashSet<String>();
        for (Grant g : list) {
            if (g instanceof MessagingGrant) {
                result.add(((MessagingGrant) g).link());
            }
        }
        return result;
    }
}
