package dev.weir.hal.messaging;

import dev.weir.core.Checkpoint;
import dev.weir.core.Instance;
import dev.weir.core.Memory;
import dev.weir.core.Store;
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
    /** The filters each link subscribed to, as the module wrote them, with their QoS: what a checkpoint re-subscribes. */
    private final java.util.ArrayList<Subscription>[] subscriptions;
    /** Messages a checkpoint carries and the broker has not been acknowledged yet ({@link #acknowledgeSaved}). */
    private final java.util.ArrayList<Saved> saved = new java.util.ArrayList<Saved>();
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
        @SuppressWarnings("unchecked")
        java.util.ArrayList<Subscription>[] subs = new java.util.ArrayList[maxLinks];
        this.subscriptions = subs;
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
        return openLink(name, null);
    }

    /** open-link, with the inbox of a restored link filled with its saved messages before the link starts. */
    private int openLink(String name, SavedLink restored) {
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
        if (restored != null) {
            restored.checkFits(grant);
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
        subscriptions[index] = new java.util.ArrayList<Subscription>();
        inbox.attach(index, handle, new Inbox.Ring(grant.inbox(), grant.maxMessage(), grant.inboxPolicy()), grant.inbox());
        if (restored != null) {
            // Before the transport starts: the saved messages come first, then what the broker sends.
            for (int k = 0; k < restored.topics.size(); k++) {
                byte[] topic = restored.topics.get(k);
                byte[] payload = restored.payloads.get(k);
                inbox.offer(index, handle, topic, 0, topic.length, payload, 0, payload.length, restored.flags.get(k), 0);
            }
        }
        final int h = handle;
        final MessageTransport t = transport;
        final int maxMessage = grant.maxMessage();
        final MessagingGrant mapping = grant;
        transport.start(new MessageTransport.Receiver() {
            @Override
            public void received(byte[] topic, int topicOffset, int topicLength, byte[] payload, int payloadOffset,
                    int payloadLength, int flags, long token) {
                // topic-map: the module sees a mapped input under its port name.
                int port = mapping.portOfTopic(topic, topicOffset, topicLength);
                if (port >= 0) {
                    topic = mapping.portBytes(port);
                    topicOffset = 0;
                    topicLength = topic.length;
                }
                int stored = 0;
                if (topicLength <= Topics.MAX_LENGTH && payloadLength <= maxMessage) {
                    stored = inbox.offer(index, h, topic, topicOffset, topicLength, payload, payloadOffset,
                            payloadLength, flags, token);
                } else {
                    inbox.countLost(index, h);
                }
                if (stored == 0 && token != 0) {
                    // Dropped by the stated policy (and counted): the broker must not resend it forever.
                    // A message refused because the link is closing (-1) stays unacknowledged: the
                    // broker sends it again to the session's next connection.
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
        // topic-map: a port name stands for its mapped filter; the grant is checked against the real one.
        int port = g.mappedPort(b, ptr, len);
        if (port >= 0) {
            b = g.mappedTopicBytes(port);
            ptr = 0;
            len = b.length;
        }
        if (qos > g.maxQos() || !g.maySubscribe(b, ptr, len)) {
            return deny(MessagingError.PERMISSION_DENIED, "subscribe to " + new String(b, ptr, len, StandardCharsets.UTF_8)
                    + " at qos " + qos + " on link " + names[i], qos > g.maxQos() ? "the grant allows qos " + g.maxQos()
                    : "outside the grant's subscribe filters " + g.subscribeFilters());
        }
        int r = transports[i].subscribe(b, ptr, len, qos);
        if (r == 0) {
            remember(i, new String(b, ptr, len, StandardCharsets.UTF_8), qos);
        }
        return r;
    }

    private void remember(int i, String filter, int qos) {
        java.util.ArrayList<Subscription> list = subscriptions[i];
        for (int k = 0; k < list.size(); k++) {
            if (list.get(k).filter.equals(filter)) {
                list.remove(k);
                break;
            }
        }
        list.add(new Subscription(filter, qos));
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
        // The topic as the transport and the grant see it: a port name of topic-map becomes its topic.
        byte[] tb = b;
        int port = Topics.isValidName(b, topicPtr, topicLen) ? g.mappedPort(b, topicPtr, topicLen) : -1;
        if (port >= 0) {
            tb = g.mappedTopicBytes(port);
            topicPtr = 0;
            topicLen = tb.length;
        }
        if ((flags & ~(3 | MessageTransport.FLAG_RETAIN)) != 0 || qos > 1 || typeLen > MAX_CONTENT_TYPE) {
            result = -MessagingError.INVALID_ARGUMENT;
        } else if (!Topics.isValidName(tb, topicPtr, topicLen)) {
            result = -MessagingError.INVALID_TOPIC;
        } else if (payloadLen > g.maxMessage()) {
            result = -MessagingError.TOO_LARGE;
        } else if (qos > g.maxQos() || !g.mayPublish(tb, topicPtr, topicLen)) {
            result = deny(MessagingError.PERMISSION_DENIED, "publish to " + new String(tb, topicPtr, topicLen,
                    StandardCharsets.UTF_8) + " at qos " + qos + " on link " + names[i], qos > g.maxQos()
                    ? "the grant allows qos " + g.maxQos() : "outside the grant's publish filters " + g.publishFilters());
        } else if (!rateAllows(i)) {
            result = -MessagingError.RATE_LIMITED;
        } else {
            result = transports[i].publish(tb, topicPtr, topicLen, b, payloadPtr, payloadLen, b, typePtr, typeLen, flags);
            if (result == 0) {
                published[i]++;
            }
        }
        MessagingTrace tr = trace;
        if (tr != null) {
            tr.published(names[i], tb, topicPtr, Math.max(0, Math.min(topicLen, Topics.MAX_LENGTH)), b, payloadPtr,
                    payloadLen, qos, result, System.nanoTime() - startNanos);
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

    /** How often a waiting receive looks whether a checkpoint was asked for. */
    static final int CHECKPOINT_POLL_MILLIS = 20;

    /**
     * receive as a checkpoint's safe point (what the module's import calls): a receive that may wait
     * waits in slices of 20 ms and, when the caller's store asks for a
     * checkpoint and no message has come, gives up having taken nothing ({@link Checkpoint.Pending}),
     * so the restored program receives again.
     */
    public int receive(Instance caller, Memory memory, int handle, int headerPtr, int topicPtr, int topicCap,
            int payloadPtr, int payloadCap, int timeoutMillis) {
        if (timeoutMillis == 0 || caller == null) {
            return receive(memory, handle, headerPtr, topicPtr, topicCap, payloadPtr, payloadCap, timeoutMillis);
        }
        Store store = caller.store();
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : Long.MAX_VALUE;
        for (;;) {
            if (store.checkpointRequested()) {
                throw new Checkpoint.Pending();
            }
            long left = timeoutMillis > 0 ? (deadline - System.nanoTime()) / 1_000_000L : CHECKPOINT_POLL_MILLIS;
            if (left <= 0) {
                return receive(memory, handle, headerPtr, topicPtr, topicCap, payloadPtr, payloadCap, 0);
            }
            int r = receive(memory, handle, headerPtr, topicPtr, topicCap, payloadPtr, payloadCap,
                    (int) Math.min(left, CHECKPOINT_POLL_MILLIS));
            if (r != 0) {
                return r;
            }
        }
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
        subscriptions[i] = null;
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

    /** Messages an open link took from the module and has not handed to its broker yet (0 for a bad handle). */
    public synchronized int waitingToSend(int handle) {
        int i = table.lookup(handle);
        MessageTransport t = i < 0 ? null : transports[i];
        return t == null ? 0 : t.pendingOutgoing();
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

    // ---- checkpoints ----

    /** A filter a link subscribed to, as the module wrote it. */
    private static final class Subscription {
        final String filter;
        final int qos;

        Subscription(String filter, int qos) {
            this.filter = filter;
            this.qos = qos;
        }
    }

    /** A message a checkpoint carries, to acknowledge to the broker once the snapshot is stored. */
    private static final class Saved {
        final MessageTransport transport;
        final long token;

        Saved(MessageTransport transport, long token) {
            this.transport = transport;
            this.token = token;
        }
    }

    /** A link as a checkpoint recorded it, on its way back. */
    private static final class SavedLink {
        final String name;
        final java.util.List<byte[]> topics = new java.util.ArrayList<byte[]>();
        final java.util.List<byte[]> payloads = new java.util.ArrayList<byte[]>();
        final java.util.List<Integer> flags = new java.util.ArrayList<Integer>();

        SavedLink(String name) {
            this.name = name;
        }

        /** Refuses a grant whose inbox cannot hold the saved messages. */
        void checkFits(MessagingGrant grant) {
            if (topics.size() > grant.inbox()) {
                throw new IllegalArgumentException("the program's link " + name + " holds " + topics.size()
                        + " messages not yet received, and this run's grant gives it an inbox of " + grant.inbox());
            }
            for (byte[] p : payloads) {
                if (p.length > grant.maxMessage()) {
                    throw new IllegalArgumentException("the program's link " + name + " holds a message of " + p.length
                            + " bytes not yet received, and this run's grant allows max-message=" + grant.maxMessage());
                }
            }
        }
    }

    /** The format version of {@link #saveState}. */
    public static final int STATE_VERSION = 1;

    /**
     * The open links for a checkpoint ({@code weir-host:messaging}): version, count, then per link its
     * handle, name, counters (published, received, dropped in all and since messages-lost), its
     * subscriptions (filter as the module wrote it, QoS) and the messages in its inbox that the module
     * has not received (flags, topic, payload), oldest first. Those messages are acknowledged to the
     * broker by {@link #acknowledgeSaved} once the snapshot is stored, so the snapshot holds them and
     * the broker does not send them again; messages arriving later stay unacknowledged and come again
     * to the resumed session.
     */
    public synchronized byte[] saveState() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        saved.clear();
        try {
            out.writeInt(STATE_VERSION);
            out.writeInt(table.openCount());
            for (int i = 0; i < names.length; i++) {
                if (!table.isOpen(i)) {
                    continue;
                }
                out.writeInt(table.handleOf(i));
                out.writeUTF(names[i]);
                out.writeLong(published[i]);
                out.writeLong(taken[i]);
                out.writeLong(inbox.lostTotal(i));
                out.writeInt(inbox.peekLost(i));
                java.util.ArrayList<Subscription> subs = subscriptions[i];
                out.writeInt(subs.size());
                for (Subscription sub : subs) {
                    out.writeUTF(sub.filter);
                    out.writeInt(sub.qos);
                }
                java.util.List<Long> tokens = new java.util.ArrayList<Long>();
                inbox.save(i, out, tokens);
                for (long token : tokens) {
                    if (token != 0) {
                        saved.add(new Saved(transports[i], token));
                    }
                }
            }
            out.close();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The snapshot of the last {@link #saveState} is stored: acknowledges its inbox messages (QoS 1) to
     * the broker, since the snapshot now delivers them. The module may still take them in this run
     * (with --checkpoint-every); acknowledging them again then does nothing.
     */
    public synchronized void acknowledgeSaved() {
        for (Saved s : saved) {
            s.transport.acknowledge(s.token);
        }
        saved.clear();
    }

    /**
     * Opens again the links {@link #saveState} recorded, in a host with none open: each by name through
     * open-link (so this run's grants and link settings decide) and with its old handle value, its
     * inbox refilled with the saved messages before the link starts, its subscriptions sent again
     * within this run's grant, its counters restored. If one cannot be restored, every link opened
     * here is closed again.
     *
     * @throws IllegalArgumentException one line naming what this run does not grant, or a damaged state
     */
    public synchronized void restoreState(byte[] state) {
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(state));
        java.util.List<Integer> opened = new java.util.ArrayList<Integer>();
        try {
            if (in.readInt() != STATE_VERSION) {
                throw new IllegalArgumentException("the snapshot's messaging state has an unknown version");
            }
            int count = in.readInt();
            for (int k = 0; k < count; k++) {
                int handle = in.readInt();
                String name = in.readUTF();
                long pub = in.readLong();
                long took = in.readLong();
                long lostTotal = in.readLong();
                int lost = in.readInt();
                int n = in.readInt();
                if (n < 0 || n > in.available()) {
                    throw new java.io.IOException("bad subscription count");
                }
                String[] filters = new String[n];
                int[] qos = new int[n];
                for (int s = 0; s < n; s++) {
                    filters[s] = in.readUTF();
                    qos[s] = in.readInt();
                }
                SavedLink link = new SavedLink(name);
                int messages = in.readInt();
                for (int m = 0; m < messages; m++) {
                    link.flags.add(in.readInt());
                    link.topics.add(readBytes(in, Topics.MAX_LENGTH));
                    link.payloads.add(readBytes(in, Integer.MAX_VALUE));
                }
                int got = openLink(name, link);
                if (got < 0) {
                    throw new IllegalArgumentException("the program holds link " + name + ", which this run cannot open ("
                            + MessagingError.name(-got) + ")");
                }
                opened.add(got);
                if (got != handle) {
                    throw new IllegalArgumentException("messaging handle " + handle
                            + " cannot be given back: this host has links open already");
                }
                int i = table.lookup(got);
                MessagingGrant g = grantOf[i];
                for (int s = 0; s < n; s++) {
                    byte[] f = filters[s].getBytes(StandardCharsets.UTF_8);
                    if (!Topics.isValidFilter(f, 0, f.length) || qos[s] < 0 || qos[s] > 1) {
                        throw new java.io.IOException("bad subscription");
                    }
                    if (qos[s] > g.maxQos() || !g.maySubscribe(f, 0, f.length)) {
                        deny(MessagingError.PERMISSION_DENIED, "subscribe to " + filters[s] + " at qos " + qos[s]
                                + " on link " + name, qos[s] > g.maxQos() ? "the grant allows qos " + g.maxQos()
                                : "outside the grant's subscribe filters " + g.subscribeFilters());
                        throw new IllegalArgumentException("the program holds link " + name + " subscribed to "
                                + filters[s] + " at qos " + qos[s] + ", which this run's grant does not allow"
                                + " (permission-denied)");
                    }
                    int r = transports[i].subscribe(f, 0, f.length, qos[s]);
                    if (r < 0) {
                        throw new IllegalArgumentException("the program's subscription to " + filters[s] + " on link "
                                + name + " cannot be made again (" + MessagingError.name(-r) + ")");
                    }
                    remember(i, filters[s], qos[s]);
                }
                published[i] = pub;
                taken[i] = took;
                inbox.restoreLost(i, lost, lostTotal);
            }
        } catch (java.io.IOException e) {
            closeOpened(opened);
            throw new IllegalArgumentException("the snapshot's messaging state is damaged");
        } catch (RuntimeException e) {
            closeOpened(opened);
            throw e;
        }
    }

    private static byte[] readBytes(java.io.DataInputStream in, int max) throws java.io.IOException {
        int n = in.readInt();
        if (n < 0 || n > max || n > in.available()) {
            throw new java.io.IOException("bad length");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private void closeOpened(java.util.List<Integer> opened) {
        for (int handle : opened) {
            int i = table.lookup(handle);
            if (i >= 0) {
                release(i);
                table.release(i);
            }
        }
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
