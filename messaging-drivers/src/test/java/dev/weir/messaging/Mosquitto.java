package dev.weir.messaging;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian {@code mosquitto} broker for a test, on 127.0.0.1 and a free port, with a generated
 * configuration: anonymous clients, persistence in a temporary folder (so sessions and queued QoS 1
 * messages survive a stop and start, as on a gateway), no limit on queued messages. A missing
 * mosquitto fails the test with the package to install; it is never skipped.
 */
public final class Mosquitto implements AutoCloseable {
    static final String BINARY = findBinary();

    public final int port;
    /** The port of the MQTT-over-WebSockets listener ({@link #startedWithWebSockets}), else -1. */
    public final int webSocketPort;
    private final Path dir;
    private final Path config;
    private Process process;

    Mosquitto() throws IOException {
        this(freePort());
    }

    /** A broker for this port, not started yet (tests of a broker that is not there at first). */
    private Mosquitto(int port) throws IOException {
        this(port, -1, "allow_anonymous true\n");
    }

    /**
     * @param webSocketPort the port of a second listener speaking MQTT over WebSockets, or -1
     * @param listenerOptions configuration lines for the first listener (TLS files, authentication,
     *     ACL), ${dir} standing for the broker's folder; the listener line itself, persistence and
     *     logging are added here
     */
    private Mosquitto(int port, int webSocketPort, String listenerOptions) throws IOException {
        if (BINARY == null) {
            throw new AssertionError("mosquitto not found: install the Debian package mosquitto (make deps does it as root)");
        }
        this.port = port;
        this.webSocketPort = webSocketPort;
        this.dir = Files.createTempDirectory("weir-mosquitto-");
        this.config = dir.resolve("mosquitto.conf");
        String conf = "listener " + port + " 127.0.0.1\n"
                // Started as root, mosquitto switches to this user; it must be able to write the folder.
                + "user " + System.getProperty("user.name") + "\n"
                + listenerOptions.replace("${dir}", dir.toString())
                + "persistence true\n"
                + "persistence_location " + dir + "/\n"
                + "max_queued_messages 0\n"
                + "log_dest file " + dir.resolve("mosquitto.log") + "\n"
                // mosquitto 2.0.11 binds a websockets listener to every address, whatever is given.
                + (webSocketPort < 0 ? "" : "listener " + webSocketPort + " 127.0.0.1\nprotocol websockets\n");
        Files.write(config, conf.getBytes(StandardCharsets.UTF_8));
    }

    public static Mosquitto started() throws IOException {
        Mosquitto m = new Mosquitto();
        m.start();
        return m;
    }

    /**
     * A broker, not started, that writes its persistence file after every change it counts
     * (subscription changes, retained and queued messages: not a message it sends on at once), so a
     * SIGKILL loses as little as mosquitto allows, and logs every packet ({@link BrokerLog}); for the
     * crash test.
     */
    static Mosquitto notStartedSavingEveryChange() throws IOException {
        return new Mosquitto(freePort(), -1, "allow_anonymous true\nautosave_on_changes true\nautosave_interval 1\n"
                + "log_type all\n");
    }

    /**
     * A started broker with a second listener speaking MQTT over WebSockets (subprotocol "mqtt") on
     * {@link #webSocketPort}, as browsers reach a broker: {@link #webSocketUri}.
     */
    public static Mosquitto startedWithWebSockets() throws IOException {
        Mosquitto m = new Mosquitto(freePort(), freePort(), "allow_anonymous true\n");
        m.start();
        return m;
    }

    /** ws://127.0.0.1:PORT of the WebSockets listener. */
    public String webSocketUri() {
        return "ws://127.0.0.1:" + webSocketPort;
    }

    static Mosquitto notStarted() throws IOException {
        return new Mosquitto(freePort());
    }

    /**
     * A started broker that speaks MQTT over TLS only and requires a client certificate from the CA
     * in caFile; the user name of a client is its certificate's CN ({@code use_identity_as_username}),
     * and aclLines are its ACL file (e.g. {@code pattern write %u/#}). Files are PEM; the key PKCS#8.
     */
    public static Mosquitto startedWithTls(Path caFile, Path certFile, Path keyFile, String aclLines) throws IOException {
        int port = freePort();
        Mosquitto m = new Mosquitto(port, -1, "cafile " + caFile + "\n"
                + "certfile " + certFile + "\n"
                + "keyfile " + keyFile + "\n"
                + "require_certificate true\n"
                + "use_identity_as_username true\n"
                + "acl_file ${dir}/acl\n"
                + "allow_anonymous false\n"
                + "log_type all\n");
        Files.write(m.dir.resolve("acl"), aclLines.getBytes(StandardCharsets.UTF_8));
        m.start();
        return m;
    }

    /** The broker's folder: its configuration, persistence and {@code mosquitto.log}. */
    public Path dir() {
        return dir;
    }

    /** What the broker logged so far. */
    public String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    }

    public String uri() {
        return "mqtt://127.0.0.1:" + port;
    }

    /** Starts the broker (again, after {@link #stop}) and waits until its listeners take connections. */
    public void start() throws IOException {
        process = new ProcessBuilder(BINARY, "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("mosquitto exited at start: " + new String(Files.readAllBytes(dir.resolve("stdout.log")),
                        StandardCharsets.UTF_8));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                if (webSocketPort >= 0) {
                    try (Socket w = new Socket()) {
                        w.connect(new InetSocketAddress("127.0.0.1", webSocketPort), 200);
                    }
                }
                return;
            } catch (IOException e) {
                sleep(20);
            }
        }
        throw new AssertionError("mosquitto did not listen on port " + port + " within 10 s");
    }

    /** SIGTERM, as an operator or systemd stops it: mosquitto saves its sessions and exits. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    /** SIGKILL: a crash; what was not saved yet is gone from the broker. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        if (Boolean.getBoolean("weir.keepBrokerLogs")) {
            System.out.println("mosquitto log kept in " + dir);
            return;
        }
        File[] files = dir.toFile().listFiles();
        if (files != null) {
            for (File f : files) {
                f.delete();
            }
        }
        dir.toFile().delete();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static String findBinary() {
        for (String p : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
            if (new File(p).canExecute()) {
                return p;
            }
        }
        return null;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
