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

    /** Standard input (fd 0); default: empty. */
    public WasiOptions stdin(InputStream in) {
        this.stdin = in;
        return this;
    }

    /** Standard output (fd 1); default: discarded. Flushed after every fd_write. Not closed by WASI. */
    public WasiOptions stdout(OutputStream out) {
        this.stdout = out;
        return this;
    }

    /** Standard error (fd 2); default: discarded. Flushed after every fd_write. Not closed by WASI. */
    public WasiOptions stderr(OutputStream err) {
        this.stderr = err;
        return this;
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
