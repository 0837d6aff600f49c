package dev.weir.hal.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a WASI module is granted. Nothing by default: no arguments, no environment variables, no
 * directories, empty stdin, and stdout/stderr discarded. Each grant is explicit: {@link #args},
 * {@link #env}, {@link #preopen} (a host directory the module sees under a guest name, and can
 * never leave), and the three standard streams.
 * <p>
 * Mutable builder; {@link WasiPreview1} copies what it needs when it is created.
 */
public final class WasiOptions {
    private final List<String> args = new ArrayList<String>();
    private final Map<String, String> env = new LinkedHashMap<String, String>();
    private final List<Preopen> preopens = new ArrayList<Preopen>();
    private InputStream stdin;
    private OutputStream stdout;
    private OutputStream stderr;
    /** Whether fd 0, 1 and 2 are terminals, indexed by fd. */
    private final boolean[] terminals = new boolean[3];

    public WasiOptions() {
    }

    /** The argument vector, including argv[0] (usually the program name); replaces earlier args. */
    public WasiOptions args(List<String> args) {
        this.args.clear();
        for (String arg : args) {
            if (arg == null) {
                throw new IllegalArgumentException("null argument in WASI args");
            }
            this.args.add(arg);
        }
        return this;
    }

    /** Grants one environment variable; the name may not contain '=' (it separates name and value). */
    public WasiOptions env(String name, String value) {
        if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid WASI environment variable name: " + name);
        }
        if (value == null || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid value for WASI environment variable " + name);
        }
        env.put(name, value);
        return this;
    }

    /**
     * Grants a host directory, visible to the module as {@code guestPath} (for example "/data" or
     * "."). The module can reach nothing outside it: not by absolute paths, not by "..", not
     * through symbolic links. With {@code readOnly} it can read but not create, write, rename or
     * delete anything in it.
     */
    public WasiOptions preopen(Path hostDir, String guestPath, boolean readOnly) {
        if (hostDir == null || guestPath == null || guestPath.isEmpty()) {
            throw new IllegalArgumentException("preopen needs a host directory and a non-empty guest path");
        }
        preopens.add(new Preopen(hostDir, guestPath, readOnly));
        return this;
    }

    /** Standard input (fd 0), not a terminal; default: empty. */
    public WasiOptions stdin(InputStream in) {
        return stdin(in, false);
    }

    /**
     * Standard input (fd 0). {@code terminal} says whether it is an interactive terminal: the
     * module then sees a character device (its {@code isatty(0)} is true); otherwise a stream of
     * unknown type, as wasmtime reports pipes and files.
     */
    public WasiOptions stdin(InputStream in, boolean terminal) {
        this.stdin = in;
        terminals[0] = terminal;
        return this;
    }

    /** Standard output (fd 1), not a terminal; default: discarded. Flushed after every fd_write. Not closed by WASI. */
    public WasiOptions stdout(OutputStream out) {
        return stdout(out, false);
    }

    /**
     * Standard output (fd 1); {@code terminal} as for {@link #stdin(InputStream, boolean)}. C's
     * stdio line-buffers a terminal (one fd_write per line) but fully buffers anything else, as
     * natively: faster, but lines then arrive in 1 KiB blocks and at exit. An embedder that
     * forwards each line as it is printed (to a log, say) passes true.
     */
    public WasiOptions stdout(OutputStream out, boolean terminal) {
        this.stdout = out;
        terminals[1] = terminal;
        return this;
    }

    /** Standard error (fd 2), not a terminal; default: discarded. Flushed after every fd_write. Not closed by WASI. */
    public WasiOptions stderr(OutputStream err) {
        return stderr(err, false);
    }

    /** Standard error (fd 2); {@code terminal} as for {@link #stdin(InputStream, boolean)}. */
    public WasiOptions stderr(OutputStream err, boolean terminal) {
        this.stderr = err;
        terminals[2] = terminal;
        return this;
    }

    /** Whether standard stream fd (0, 1 or 2) is a terminal. */
    boolean terminal(int fd) {
        return terminals[fd];
    }

    List<String> args() {
        return Collections.unmodifiableList(args);
    }

    Map<String, String> env() {
        return Collections.unmodifiableMap(env);
    }

    List<Preopen> preopens() {
        return Collections.unmodifiableList(preopens);
    }

    InputStream stdin() {
        return stdin;
    }

    OutputStream stdout() {
        return stdout;
    }

    OutputStream stderr() {
        return stderr;
    }

    static final class Preopen {
        final Path hostDir;
        final String guestPath;
        final boolean readOnly;

        Preopen(Path hostDir, String guestPath, boolean readOnly) {
            this.hostDir = hostDir;
            this.guestPath = guestPath;
            this.readOnly = readOnly;
        }
    }
}
