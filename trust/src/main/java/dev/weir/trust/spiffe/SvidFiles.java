package dev.weir.trust.spiffe;

import dev.weir.hal.identity.SpiffeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

/**
 * A module's X.509-SVID from files, as SPIRE's spiffe-helper writes them into a directory:
 * {@code svid.pem} (chain, leaf first), {@code svid_key.pem} (PKCS#8 key), {@code svid_bundle.pem}
 * (the trust domain's roots). The SVID is validated when loaded ({@link SvidValidator}) and reloaded
 * when a file's modification time or size changes ({@link #refresh}, called by the links that use
 * it before each handshake, or by a timer). A rotation that yields an invalid SVID keeps the last
 * valid one and reports why; an SVID that has expired is never handed out.
 *
 * <p>Thread-safe: the SSL key and trust managers ({@link SvidSslContexts}) read {@link #current()}
 * on handshake threads while a timer refreshes.
 */
public final class SvidFiles {
    public static final String CERTIFICATES = "svid.pem";
    public static final String KEY = "svid_key.pem";
    public static final String BUNDLE = "svid_bundle.pem";

    /** Told of each rotation and each rejected reload (one line). */
    public interface Listener {
        void rotated(X509Svid svid);

        void rejected(String message);
    }

    private final Path directory;
    private final SpiffeId expected;
    private final java.util.List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile State state;
    private String lastRejection;

    /** A loaded SVID with its bundle, and what the files looked like when read. */
    static final class State {
        final X509Svid svid;
        final List<X509Certificate> bundle;
        final String stamp;

        State(X509Svid svid, List<X509Certificate> bundle, String stamp) {
            this.svid = svid;
            this.bundle = bundle;
            this.stamp = stamp;
        }
    }

    private SvidFiles(Path directory, SpiffeId expected) {
        this.directory = directory;
        this.expected = expected;
    }

    /**
     * Loads and validates the SVID for {@code expected} from {@code directory}; a missing, expired,
     * wrong-domain or untrusted SVID is refused with one line.
     */
    public static SvidFiles open(Path directory, SpiffeId expected) throws SvidException {
        SvidFiles f = new SvidFiles(directory, expected);
        f.state = f.load(new Date());
        return f;
    }

    /** Adds a listener (the operator's log line, TLS contexts that must drop resumable sessions). */
    public SvidFiles addListener(Listener l) {
        listeners.add(l);
        return this;
    }

    /**
     * Polls the files every {@code intervalMillis} on a daemon thread, so a rotation is picked up even
     * while no handshake happens; close the returned handle to stop. (An mtime poll rather than a
     * WatchService: spiffe-helper replaces files by renaming, which some watchers report late or not
     * at all on network and overlay file systems, and a poll of three stat calls costs nothing.)
     */
    public AutoCloseable poll(long intervalMillis) {
        final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weir-svid-poll " + expected);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refresh, intervalMillis, intervalMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    public SpiffeId id() {
        return expected;
    }

    /** The current SVID (valid when it was loaded; {@link #refresh} drops nothing on its own). */
    public X509Svid current() {
        return state.svid;
    }

    public List<X509Certificate> bundle() {
        return state.bundle;
    }

    /**
     * Reloads when the files changed since the last load. Returns true when a new SVID is in use.
     * Rotation half-written (a key that does not match its certificate yet) is rejected and tried
     * again at the next refresh, since the stamp is kept only for successful loads.
     */
    public synchronized boolean refresh() {
        String stamp;
        try {
            stamp = stamp();
        } catch (IOException e) {
            reject(directory + ": " + e.getMessage());
            return false;
        }
        if (stamp.equals(state.stamp)) {
            return false;
        }
        try {
            state = load(new Date());
            lastRejection = null;
            for (Listener l : listeners) {
                l.rotated(state.svid);
            }
            return true;
        } catch (SvidException e) {
            reject(e.getMessage());
            return false;
        }
    }

    private void reject(String message) {
        if (!message.equals(lastRejection)) {
            lastRejection = message;
            for (Listener l : listeners) {
                l.rejected(message + " (keeping the SVID in use)");
            }
        }
    }

    private State load(Date now) throws SvidException {
        String stamp;
        try {
            stamp = stamp();
        } catch (IOException e) {
            throw new SvidException(directory + ": " + e.getMessage(), e);
        }
        X509Svid svid = X509Svid.load(directory.resolve(CERTIFICATES), directory.resolve(KEY));
        List<X509Certificate> bundle = X509Svid.readCertificates(directory.resolve(BUNDLE));
        SvidValidator.validate(svid, bundle, expected.trustDomain(), expected, now, directory.resolve(CERTIFICATES).toString());
        SvidSslContexts.checkKeyMatches(svid, directory.resolve(KEY).toString());
        return new State(svid, bundle, stamp);
    }

    private String stamp() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String name : new String[] {CERTIFICATES, KEY, BUNDLE}) {
            Path p = directory.resolve(name);
            if (!Files.isRegularFile(p)) {
                throw new java.nio.file.NoSuchFileException(p + ": no such file (the SVID is missing)");
            }
            sb.append(Files.getLastModifiedTime(p).toMillis()).append('/').append(Files.size(p)).append(';');
        }
        return sb.toString();
    }
}
