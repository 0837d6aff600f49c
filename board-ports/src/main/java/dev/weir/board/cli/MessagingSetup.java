package dev.weir.board.cli;

import dev.weir.core.module.CustomSection;
import dev.weir.core.module.Module;
import dev.weir.core.Linker;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantSyntaxException;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.messaging.LinkSettings;
import dev.weir.hal.messaging.MessageTransport;
import dev.weir.hal.messaging.MessagingError;
import dev.weir.hal.messaging.MessagingGrant;
import dev.weir.hal.messaging.MessagingHost;
import dev.weir.hal.messaging.MessagingImports;
import dev.weir.hal.messaging.MessagingTrace;
import dev.weir.hal.identity.SpiffeId;
import dev.weir.messaging.MqttTls;
import dev.weir.messaging.MqttTransport;
import dev.weir.trust.spiffe.SvidException;
import dev.weir.trust.spiffe.SvidFiles;
import dev.weir.trust.spiffe.SvidSslContexts;
import dev.weir.trust.spiffe.SvidValidator;
import dev.weir.trust.spiffe.X509Svid;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messaging for {@code weir run}: reads {@code --link NAME=mqtt://HOST:PORT[,options]} (the broker of
 * each link) and the messaging grants from the same grant files and {@code --grant} lines as GPIO,
 * and links {@value MessagingHost#MODULE} over the MQTT transport of messaging-drivers. Denials print
 * {@code weir: messaging denied: ...}; {@code mqtts://} links use the module's X.509-SVID (see
 * {@link #open(RunOptions, Module, PrintStream, SvidFiles)}); {@code --trace messaging} prints {@code messaging publish|receive
 * LINK TOPIC BYTES ...  MS} for every message and a summary per link when the run ends. Messages the
 * module published are flushed to the broker (up to 2 s per link) before the run ends, also when the
 * JVM is stopped.
 */
final class MessagingSetup implements AutoCloseable {
    /** The custom section where a module may list the links and topics it needs (weir inspect shows it). */
    static final String NEEDS_SECTION = "weir_messaging";

    private final MessagingHost host;
    private final PrintStream err;
    private final boolean trace;
    private final Thread shutdownHook;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private MessagingSetup(MessagingHost host, PrintStream err, boolean trace) {
        this.host = host;
        this.err = err;
        this.trace = trace;
        this.shutdownHook = new Thread("weir-messaging-shutdown") {
            @Override
            public void run() {
                release();
            }
        };
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static boolean imports(Module module) {
        for (int i = 0; i < module.importCount(); i++) {
            if (MessagingHost.MODULE.equals(module.importAt(i).module())) {
                return true;
            }
        }
        return false;
    }

    /** Null when the module uses no messaging and no --link or --trace messaging was given. */
    static MessagingSetup open(RunOptions options, Module module, PrintStream err) throws CliException {
        return open(options, module, err, null);
    }

    /**
     * @param svid the module's X.509-SVID (its identity grant's {@code svid=DIR}), or null; {@code
     *     mqtts://} links present it as their TLS client certificate and check the broker against its
     *     trust bundle, and need it
     */
    static MessagingSetup open(RunOptions options, Module module, PrintStream err, SvidFiles svid) throws CliException {
        if (options.links.isEmpty() && !options.gpio.traceMessaging && !imports(module)) {
            return null;
        }
        Map<String, LinkSettings> links = new LinkedHashMap<>();
        for (String spec : options.links) {
            int eq = spec.indexOf('=');
            String name = eq < 0 ? "" : spec.substring(0, eq);
            if (!MessagingGrant.isLinkName(name)) {
                throw CliException.usage("--link " + spec + ": expected NAME=mqtt://HOST:PORT[,options], NAME being"
                        + " letters, digits, - and _");
            }
            if (links.containsKey(name)) {
                throw CliException.usage("--link " + spec + ": link " + name + " is given twice");
            }
            LinkSettings settings;
            try {
                settings = LinkSettings.parse(name, spec.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--link " + spec + ": " + e.getMessage());
            }
            if (settings.tls() && svid == null) {
                throw CliException.usage("--link " + spec + ": an mqtts:// link presents the module's X.509-SVID, and"
                        + " the module has none (grant it: identity spiffe://DOMAIN/PATH svid=DIR)");
            }
            if (settings.tls()) {
                // The broker names the client by its certificate's CN (use_identity_as_username): an
                // SVID whose CN is not its SPIFFE ID's path would act as another user there.
                try {
                    SvidValidator.brokerUsername(svid.current());
                } catch (SvidException e) {
                    throw new CliException(ExitStatus.DENIED, "--link " + spec + ": " + e.getMessage());
                }
            }
            links.put(name, settings);
        }
        List<Grant> list = readGrants(options.gpio);
        Grants grants = new Grants(list).audit(new StderrAudit(err));
        Map<String, MessageTransport.Factory> factories = new LinkedHashMap<>();
        factories.put("mqtt", MqttTransport.FACTORY);
        if (svid != null) {
            factories.put("mqtts", tlsFactory(svid, err));
        }
        MessagingHost host = new MessagingHost(grants, links, factories);
        if (options.gpio.traceMessaging) {
            host.trace(new StderrTrace(err));
        }
        return new MessagingSetup(host, err, options.gpio.traceMessaging);
    }

    /**
     * mqtts:// links: the module's SVID as the client certificate (the current one at each handshake;
     * after a rotation the next reconnect starts a fresh TLS context), the broker's chain checked
     * against the SVID's bundle and, with {@code broker-id=}, its SPIFFE ID. Why a link cannot connect
     * is one line on stderr: {@code weir: messaging link NAME: TLS handshake with ... failed: ...}.
     */
    private static MessageTransport.Factory tlsFactory(final SvidFiles svid, final PrintStream err) {
        return new MessageTransport.Factory() {
            @Override
            public MessageTransport open(final LinkSettings settings, MessagingGrant grant) {
                SpiffeId brokerId = settings.brokerId() == null ? null : SpiffeId.parse(settings.brokerId());
                final MqttTls tls = new MqttTls(SvidSslContexts.keyManager(svid), SvidSslContexts.trustManager(svid, brokerId),
                        brokerId != null);
                svid.addListener(new SvidFiles.Listener() {
                    @Override
                    public void rotated(X509Svid next) {
                        tls.rotated();
                    }

                    @Override
                    public void rejected(String message) {
                    }
                });
                return new MqttTransport(settings, grant, tls, problem -> {
                    synchronized (err) {
                        err.print("weir: messaging link " + settings.name() + ": " + problem + "\n");
                        err.flush();
                    }
                });
            }
        };
    }

    private static List<Grant> readGrants(GpioOptions options) throws CliException {
        List<Grant> list = new ArrayList<>();
        try {
            for (String file : options.grantFiles) {
                for (Grant g : CameraSetup.grantFile().parse(readFile(file), file)) {
                    if (g instanceof MessagingGrant) {
                        list.add(g);
                    }
                }
            }
            for (String line : options.grantLines) {
                Grant g = CameraSetup.grantFile().parseLine(line, "--grant '" + line + "'");
                if (g instanceof MessagingGrant) {
                    list.add(g);
                }
            }
        } catch (GrantSyntaxException e) {
            throw CliException.usage("grant: " + e.getMessage());
        }
        return list;
    }

    private static String readFile(String file) throws CliException {
        try {
            return new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "--grants " + file + ": no such file");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "--grants " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /**
     * The lines of the module's {@value #NEEDS_SECTION} custom section ("link broker publish
     * sensors/+/temperature"), which weir_messaging.h's WEIR_MESSAGING_NEEDS writes; empty when none.
     */
    static List<String> declaredNeeds(Module m, byte[] bytes) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < m.customSectionCount(); i++) {
            CustomSection c = m.customSection(i);
            if (!NEEDS_SECTION.equals(c.name()) || c.offset() < 0 || c.offset() + c.length() > bytes.length) {
                continue;
            }
            for (String line : new String(bytes, c.offset(), c.length(), StandardCharsets.UTF_8).split("[\n\u0000]")) {
                if (!line.trim().isEmpty()) {
                    result.add(line.trim());
                }
            }
        }
        return result;
    }

    /** weir run --inspect: every message and link also goes to the live page, besides --trace messaging. */
    void inspect(final LiveInspection live) {
        if (!trace) {
            host.trace(live);
            return;
        }
        final MessagingTrace err = new StderrTrace(this.err);
        host.trace(new MessagingTrace() {
            @Override
            public void link(String name, String address, boolean opened) {
                err.link(name, address, opened);
                live.link(name, address, opened);
            }

            @Override
            public void published(String link, byte[] topic, int offset, int length, int bytes, int qos, int result,
                    long nanos) {
                err.published(link, topic, offset, length, bytes, qos, result, nanos);
                live.published(link, topic, offset, length, bytes, qos, result, nanos);
            }

            @Override
            public void received(String link, byte[] topic, int offset, int length, int bytes, int flags, long nanos) {
                err.received(link, topic, offset, length, bytes, flags, nanos);
                live.received(link, topic, offset, length, bytes, flags, nanos);
            }

            @Override
            public void published(String link, byte[] topic, int topicOffset, int topicLength, byte[] memory,
                    int payloadOffset, int bytes, int qos, int result, long nanos) {
                err.published(link, topic, topicOffset, topicLength, bytes, qos, result, nanos);
                live.published(link, topic, topicOffset, topicLength, memory, payloadOffset, bytes, qos, result, nanos);
            }

            @Override
            public void received(String link, byte[] memory, int topicOffset, int topicLength, int payloadOffset,
                    int bytes, int flags, long nanos) {
                err.received(link, memory, topicOffset, topicLength, bytes, flags, nanos);
                live.received(link, memory, topicOffset, topicLength, payloadOffset, bytes, flags, nanos);
            }
        });
    }

    /** The host: what checkpoints save and restore. */
    MessagingHost host() {
        return host;
    }

    /** Defines the weir:messaging functions the module imports; refuses, in one line, what it lacks. */
    void defineImports(Linker linker, dev.weir.core.module.Module module) {
        MessagingImports.define(linker, module, host);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook does the same.
        }
        release();
    }

    private void release() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        String summary;
        host.close();
        summary = host.summary();
        if (summary.matches(".*[1-9][0-9]* waiting to send.*")) {
            synchronized (err) {
                err.print("weir: messaging: messages not delivered when the run ended: " + summary + "\n");
                err.flush();
            }
        } else if (trace && !summary.isEmpty()) {
            synchronized (err) {
                err.print("messaging summary: " + summary + "\n");
                err.flush();
            }
        }
    }

    /** {@code messaging publish LINK TOPIC BYTES qos=Q ok|ERROR MS} and {@code messaging receive ...}, on stderr. */
    private static final class StderrTrace implements MessagingTrace {
        private final PrintStream err;

        StderrTrace(PrintStream err) {
            this.err = err;
        }

        @Override
        public void link(String name, String address, boolean opened) {
            line("messaging link " + name + (opened ? " open " + address : " closed"));
        }

        @Override
        public void published(String link, byte[] topic, int offset, int length, int bytes, int qos, int result,
                long nanos) {
            line("messaging publish " + link + " " + new String(topic, offset, length, StandardCharsets.UTF_8) + " " + bytes
                    + " B qos=" + qos + " " + (result == 0 ? "ok" : MessagingError.name(result)) + " " + nanos / 1_000_000L);
        }

        @Override
        public void received(String link, byte[] topic, int offset, int length, int bytes, int flags, long nanos) {
            line("messaging receive " + link + " " + new String(topic, offset, length, StandardCharsets.UTF_8) + " " + bytes
                    + " B qos=" + (flags & 3) + " " + nanos / 1_000_000L);
        }

        private void line(String s) {
            synchronized (err) {
                err.print(s + "\n");
                err.flush();
            }
        }
    }
}
