package dev.weir.hal.wasi;

import dev.weir.core.Checkpoint;
import dev.weir.core.Store;

import dev.weir.core.module.TrapException;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Memory;
import dev.weir.core.module.Module;
import dev.weir.hal.host.HostDispatcher;
import dev.weir.hal.host.HostInterface;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.weir.hal.wasi.Preview1.*;

/**
 * WASI snapshot preview1 (the {@code wasi_snapshot_preview1} import module that wasi-libc and
 * Rust's wasm32-wasip1 target use), as host functions for a {@link Linker}.
 * <p>
 * Capability model: the module sees only what {@link WasiOptions} grants: its arguments, the
 * environment variables given one by one, the three standard streams, and preopened directories
 * at fds 3, 4, ... Paths are always relative to a directory fd and can never leave it (see
 * {@link PathResolver}); each fd carries preview1 rights, checked on every call, and a read-only
 * preopen grants no right that writes, creates, renames or deletes.
 * <p>
 * Errors are returned as preview1 errno values, never thrown; a pointer outside the module's
 * memory traps, as the witx rules ask ("the function shall trap") and wasmtime does;
 * {@code proc_exit} throws {@link WasiExitException}.
 * <p>
 * fd_read and fd_write allocate nothing once warm: stream writes go from the memory array to the
 * OutputStream, file I/O goes through a FileChannel with one ByteBuffer wrapping the memory array.
 * Not thread-safe: one instance per running module.
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md">preview1 docs</a>
 */
public final class WasiPreview1 implements HostDispatcher, AutoCloseable {
    /** The import module name. */
    public static final String MODULE = "wasi_snapshot_preview1";

    /** Most open fds at once; opening more returns EMFILE. */
    static final int MAX_FDS = 1024;

    // Function ids: the rows of INTERFACE, and the dispatch switch's labels.
    static final int ARGS_GET = 0;
    static final int ARGS_SIZES_GET = 1;
    static final int ENVIRON_GET = 2;
    static final int ENVIRON_SIZES_GET = 3;
    static final int CLOCK_RES_GET = 4;
    static final int CLOCK_TIME_GET = 5;
    static final int FD_ADVISE = 6;
    static final int FD_ALLOCATE = 7;
    static final int FD_CLOSE = 8;
    static final int FD_DATASYNC = 9;
    static final int FD_FDSTAT_GET = 10;
    static final int FD_FDSTAT_SET_FLAGS = 11;
    static final int FD_FDSTAT_SET_RIGHTS = 12;
    static final int FD_FILESTAT_GET = 13;
    static final int FD_FILESTAT_SET_SIZE = 14;
    static final int FD_FILESTAT_SET_TIMES = 15;
    static final int FD_PREAD = 16;
    static final int FD_PRESTAT_GET = 17;
    static final int FD_PRESTAT_DIR_NAME = 18;
    static final int FD_PWRITE = 19;
    static final int FD_READ = 20;
    static final int FD_READDIR = 21;
    static final int FD_RENUMBER = 22;
    static final int FD_SEEK = 23;
    static final int FD_SYNC = 24;
    static final int FD_TELL = 25;
    static final int FD_WRITE = 26;
    static final int PATH_CREATE_DIRECTORY = 27;
    static final int PATH_FILESTAT_GET = 28;
    static final int PATH_FILESTAT_SET_TIMES = 29;
    static final int PATH_LINK = 30;
    static final int PATH_OPEN = 31;
    static final int PATH_READLINK = 32;
    static final int PATH_REMOVE_DIRECTORY = 33;
    static final int PATH_RENAME = 34;
    static final int PATH_SYMLINK = 35;
    static final int PATH_UNLINK_FILE = 36;
    static final int POLL_ONEOFF = 37;
    static final int PROC_EXIT = 38;
    static final int PROC_RAISE = 39;
    static final int SCHED_YIELD = 40;
    static final int RANDOM_GET = 41;
    static final int SOCK_ACCEPT = 42;
    static final int SOCK_RECV = 43;
    static final int SOCK_SEND = 44;
    static final int SOCK_SHUTDOWN = 45;

    /**
     * The interface as a table: per function its id (the constants above), name and core wasm type
     * (i = i32, I = i64; every function returns one i32 errno but proc_exit, which returns nothing).
     */
    public static final HostInterface INTERFACE = HostInterface.builder(MODULE)
            .function(ARGS_GET, "args_get", "ii", "i")
            .function(ARGS_SIZES_GET, "args_sizes_get", "ii", "i")
            .function(ENVIRON_GET, "environ_get", "ii", "i")
            .function(ENVIRON_SIZES_GET, "environ_sizes_get", "ii", "i")
            .function(CLOCK_RES_GET, "clock_res_get", "ii", "i")
            .function(CLOCK_TIME_GET, "clock_time_get", "iIi", "i")
            .function(FD_ADVISE, "fd_advise", "iIIi", "i")
            .function(FD_ALLOCATE, "fd_allocate", "iII", "i")
            .function(FD_CLOSE, "fd_close", "i", "i")
            .function(FD_DATASYNC, "fd_datasync", "i", "i")
            .function(FD_FDSTAT_GET, "fd_fdstat_get", "ii", "i")
            .function(FD_FDSTAT_SET_FLAGS, "fd_fdstat_set_flags", "ii", "i")
            .function(FD_FDSTAT_SET_RIGHTS, "fd_fdstat_set_rights", "iII", "i")
            .function(FD_FILESTAT_GET, "fd_filestat_get", "ii", "i")
            .function(FD_FILESTAT_SET_SIZE, "fd_filestat_set_size", "iI", "i")
            .function(FD_FILESTAT_SET_TIMES, "fd_filestat_set_times", "iIIi", "i")
            .function(FD_PREAD, "fd_pread", "iiiIi", "i")
            .function(FD_PRESTAT_GET, "fd_prestat_get", "ii", "i")
            .function(FD_PRESTAT_DIR_NAME, "fd_prestat_dir_name", "iii", "i")
            .function(FD_PWRITE, "fd_pwrite", "iiiIi", "i")
            .function(FD_READ, "fd_read", "iiii", "i")
            .function(FD_READDIR, "fd_readdir", "iiiIi", "i")
            .function(FD_RENUMBER, "fd_renumber", "ii", "i")
            .function(FD_SEEK, "fd_seek", "iIii", "i")
            .function(FD_SYNC, "fd_sync", "i", "i")
            .function(FD_TELL, "fd_tell", "ii", "i")
            .function(FD_WRITE, "fd_write", "iiii", "i")
            .function(PATH_CREATE_DIRECTORY, "path_create_directory", "iii", "i")
            .function(PATH_FILESTAT_GET, "path_filestat_get", "iiiii", "i")
            .function(PATH_FILESTAT_SET_TIMES, "path_filestat_set_times", "iiiiIIi", "i")
            .function(PATH_LINK, "path_link", "iiiiiii", "i")
            .function(PATH_OPEN, "path_open", "iiiiiIIii", "i")
            .function(PATH_READLINK, "path_readlink", "iiiiii", "i")
            .function(PATH_REMOVE_DIRECTORY, "path_remove_directory", "iii", "i")
            .function(PATH_RENAME, "path_rename", "iiiiii", "i")
            .function(PATH_SYMLINK, "path_symlink", "iiiii", "i")
            .function(PATH_UNLINK_FILE, "path_unlink_file", "iii", "i")
            .function(POLL_ONEOFF, "poll_oneoff", "iiii", "i")
            .function(PROC_EXIT, "proc_exit", "i", "")
            .function(PROC_RAISE, "proc_raise", "i", "i")
            .function(SCHED_YIELD, "sched_yield", "", "i")
            .function(RANDOM_GET, "random_get", "ii", "i")
            .function(SOCK_ACCEPT, "sock_accept", "iii", "i")
            .function(SOCK_RECV, "sock_recv", "iiiiii", "i")
            .function(SOCK_SEND, "sock_send", "iiiii", "i")
            .function(SOCK_SHUTDOWN, "sock_shutdown", "ii", "i")
            .build();

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final byte[][] args;
    private final byte[][] environ;
    private Descriptor[] fds = new Descriptor[16];
    /** The store of the current call: poll_oneoff gives up for a checkpoint it asks for. */
    private Store callerStore;
    /** How long poll_oneoff sleeps at most between looks at the checkpoint flag. */
    private static final long CHECKPOINT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private final long monotonicOrigin = System.nanoTime();

    // The ByteBuffer over the memory array: created once per memory, so file I/O allocates nothing.
    private Memory bufferMemory;
    private ByteBuffer buffer;

    private SecureRandom random;
    private final byte[] randomScratch = new byte[256];
    /**
     * Where fd_write gathers a stream write of several small iovecs, so it reaches the host as one
     * write: C stdio hands over its buffer and the new data as two iovecs, and each host write to
     * an unbuffered stdout is a system call (on a terminal, two per line without this).
     */
    private final byte[] gatherScratch = new byte[GATHER_SIZE];
    /** Twice wasi-libc's stdio buffer (BUFSIZ 1024), so a buffer and a line fit together. */
    private static final int GATHER_SIZE = 8192;
    private List<String> closeFailures;

    /**
     * Sets up the fd table from the options: 0 stdin, 1 stdout, 2 stderr, then one fd per preopen.
     *
     * @throws IllegalArgumentException if a preopened host directory is missing or not a directory
     */
    public WasiPreview1(WasiOptions options) {
        List<String> argList = options.args();
        args = new byte[argList.size()][];
        for (int i = 0; i < args.length; i++) {
            args[i] = argList.get(i).getBytes(StandardCharsets.UTF_8);
        }
        Map<String, String> env = options.env();
        environ = new byte[env.size()][];
        int i = 0;
        for (Map.Entry<String, String> e : env.entrySet()) {
            environ[i++] = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8);
        }

        Descriptor stdin = new Descriptor(Descriptor.STDIN, STDIN_RIGHTS, 0);
        stdin.in = options.stdin();
        stdin.eof = stdin.in == null;
        stdin.terminal = options.terminal(0);
        fds[0] = stdin;
        Descriptor stdout = new Descriptor(Descriptor.STDOUT, STDOUT_RIGHTS, 0);
        stdout.out = options.stdout();
        stdout.terminal = options.terminal(1);
        fds[1] = stdout;
        Descriptor stderr = new Descriptor(Descriptor.STDOUT, STDOUT_RIGHTS, 0);
        stderr.out = options.stderr();
        stderr.terminal = options.terminal(2);
        fds[2] = stderr;

        for (WasiOptions.Preopen p : options.preopens()) {
            Path real;
            try {
                real = p.hostDir.toRealPath();
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IllegalArgumentException("preopen " + p.hostDir + " (as " + p.guestPath
                        + "): no such directory", e);
            } catch (IOException e) {
                throw new IllegalArgumentException("preopen " + p.hostDir + " (as " + p.guestPath
                        + "): cannot open: " + e, e);
            }
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("preopen " + p.hostDir + " (as " + p.guestPath
                        + ") is not a directory");
            }
            // A read-only preopen still lists the write rights as inheritable: wasi-libc asks only
            // for rights the directory passes on, so open(O_WRONLY) would otherwise quietly give a
            // read-only fd. This way path_open sees the request and refuses it, as a read-only
            // mount refuses it (EROFS), and the fd it hands out never holds a write right.
            long base = p.readOnly ? DIRECTORY_RIGHTS & ~DIRECTORY_WRITE_RIGHTS : DIRECTORY_RIGHTS;
            Descriptor d = new Descriptor(Descriptor.DIRECTORY, base, DIRECTORY_RIGHTS | FILE_RIGHTS);
            d.path = real;
            d.root = real;
            d.preopenName = p.guestPath;
            d.readOnly = p.readOnly;
            if (allocate(d) < 0) {
                throw new IllegalArgumentException("more than " + MAX_FDS + " preopens");
            }
        }
    }

    /**
     * The descriptor table for a checkpoint (its {@code weir-host:wasi} section): each preopen by
     * fd and guest path, and each file or directory the program opened by its preopen's guest
     * path, its path inside that preopen, its rights, flags and (files) position. Standard
     * streams are the new process's own. See docs/checkpoint.md.
     */
    public byte[] saveState() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        try {
            out.writeInt(1); // version of this section
            int count = 0;
            for (int fd = 3; fd < fds.length; fd++) {
                if (fds[fd] != null) {
                    count++;
                }
            }
            out.writeInt(count);
            for (int fd = 3; fd < fds.length; fd++) {
                Descriptor d = fds[fd];
                if (d == null) {
                    continue;
                }
                out.writeInt(fd);
                out.writeByte(d.kind);
                out.writeLong(d.rightsBase);
                out.writeLong(d.rightsInheriting);
                out.writeInt(d.fdflags);
                out.writeBoolean(d.readOnly);
                out.writeBoolean(d.preopenName != null);
                out.writeUTF(d.preopenName != null ? d.preopenName : preopenOf(d.root));
                out.writeUTF(d.preopenName != null ? "" : d.root.relativize(d.path).toString());
                out.writeLong(d.kind == Descriptor.FILE ? d.channel.position() : 0);
            }
            out.close();
        } catch (IOException e) {
            throw new IllegalStateException("checkpoint: cannot read a file's position (" + e.getMessage() + ")", e);
        }
        return bytes.toByteArray();
    }

    /** The guest path of the preopen whose real path is root. */
    private String preopenOf(Path root) {
        for (Descriptor p : fds) {
            if (p != null && p.preopenName != null && p.path.equals(root)) {
                return p.preopenName;
            }
        }
        throw new IllegalStateException("checkpoint: a descriptor under " + root + " outlived its preopen");
    }

    /**
     * Re-opens what {@link #saveState} recorded against this run's preopens, before the restored
     * program runs: every preopen must be at the same fd with the same guest path (wasi-libc keeps
     * their fd numbers), every file must exist again under it. Opens everything first and
     * installs nothing if one fails.
     *
     * @throws IllegalArgumentException with one line naming what this run does not grant or have
     */
    public void restoreState(byte[] state) {
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(state));
        List<Descriptor> opened = new ArrayList<Descriptor>();
        List<Integer> at = new ArrayList<Integer>();
        try {
            if (in.readInt() != 1) {
                throw new IllegalArgumentException("the snapshot's WASI state has an unknown version");
            }
            int count = in.readInt();
            for (int k = 0; k < count; k++) {
                int fd = in.readInt();
                int kind = in.readByte();
                long base = in.readLong();
                long inheriting = in.readLong();
                int fdflags = in.readInt();
                boolean readOnly = in.readBoolean();
                boolean isPreopen = in.readBoolean();
                String guest = in.readUTF();
                String relative = in.readUTF();
                long position = in.readLong();
                Descriptor preopen = null;
                for (Descriptor p : fds) {
                    if (p != null && guest.equals(p.preopenName)) {
                        preopen = p;
                    }
                }
                if (preopen == null) {
                    throw new IllegalArgumentException("the program holds " + (isPreopen ? "the preopen " + guest
                            : guest + "/" + relative) + ", and this run grants no directory as " + guest
                            + " (--dir HOST::" + guest + ")");
                }
                if (isPreopen) {
                    if (fd >= fds.length || fds[fd] != preopen) {
                        throw new IllegalArgumentException("the program has the preopen " + guest + " at fd " + fd
                                + "; give the --dir options in the order of the first run");
                    }
                    if (preopen.readOnly && !readOnly) {
                        throw new IllegalArgumentException("the program had " + guest + " writable; this run grants it read-only");
                    }
                    continue;
                }
                if (preopen.readOnly && !readOnly) {
                    throw new IllegalArgumentException("the program holds " + guest + "/" + relative
                            + " writable; this run grants " + guest + " read-only");
                }
                Path path = preopen.path.resolve(relative).normalize();
                if (!path.startsWith(preopen.path) || Files.isSymbolicLink(path)) {
                    throw new IllegalArgumentException("the program holds " + guest + "/" + relative
                            + ", which is outside " + guest + " in this run");
                }
                Descriptor d = new Descriptor(kind, base, inheriting);
                d.path = path;
                d.root = preopen.path;
                d.readOnly = readOnly;
                d.fdflags = fdflags;
                if (kind == Descriptor.FILE) {
                    Set<OpenOption> options = new HashSet<OpenOption>();
                    options.add(LinkOption.NOFOLLOW_LINKS);
                    options.add(StandardOpenOption.READ);
                    if ((base & (RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE)) != 0) {
                        options.add(StandardOpenOption.WRITE);
                    }
                    try {
                        d.channel = FileChannel.open(path, options);
                    } catch (IOException e) {
                        throw new IllegalArgumentException("the program holds " + guest + "/" + relative
                                + ", which this run cannot open (" + e.getClass().getSimpleName() + ")");
                    }
                    opened.add(d);
                    d.channel.position(position);
                } else if (!Files.isDirectory(path)) {
                    throw new IllegalArgumentException("the program holds the directory " + guest + "/" + relative
                            + ", which this run does not have");
                }
                if (fd < 3 || fd >= MAX_FDS || fd < fds.length && fds[fd] != null) {
                    throw new IllegalArgumentException("the snapshot's WASI state puts two descriptors at fd " + fd);
                }
                at.add(fd);
                if (kind != Descriptor.FILE) {
                    opened.add(d);
                }
            }
        } catch (IOException e) {
            closeAll(opened);
            throw new IllegalArgumentException("the snapshot's WASI state is damaged (" + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        for (int k = 0; k < at.size(); k++) {
            int fd = at.get(k);
            if (fd >= fds.length) {
                fds = java.util.Arrays.copyOf(fds, Math.min(MAX_FDS, Math.max(fd + 1, fds.length * 2)));
            }
            fds[fd] = opened.get(k);
        }
    }

    private static void closeAll(List<Descriptor> opened) {
        for (Descriptor d : opened) {
            if (d.channel != null) {
                try {
                    d.channel.close();
                } catch (IOException ignored) {
                    // Nothing was installed; the restore is refused either way.
                }
            }
        }
    }

    /** Defines every wasi_snapshot_preview1 function in the linker, all bound to this instance. */
    public void defineImports(Linker linker) {
        INTERFACE.defineAll(linker, this);
    }

    /**
     * Defines the wasi_snapshot_preview1 functions {@code module} imports, bound to this instance.
     *
     * @throws dev.weir.core.module.LinkException for a name preview1 does not have, or another type
     */
    public void defineImports(Linker linker, Module module) {
        INTERFACE.define(linker, module, this);
    }

    /**
     * Closes every open file and directory fd and flushes stdout/stderr. The standard streams
     * themselves belong to the embedder and stay open.
     */
    @Override
    public void close() {
        for (int fd = 0; fd < fds.length; fd++) {
            Descriptor d = fds[fd];
            if (d != null) {
                fds[fd] = null;
                release(d);
            }
        }
    }

    /** What went wrong closing descriptors (close errors cannot reach the module); empty if nothing. */
    List<String> closeFailures() {
        return closeFailures == null ? Collections.<String>emptyList() : closeFailures;
    }

    private void release(Descriptor d) {
        try {
            if (d.channel != null) {
                d.channel.close();
            } else if (d.out != null) {
                d.out.flush();
            }
        } catch (IOException e) {
            if (closeFailures == null) {
                closeFailures = new ArrayList<String>();
            }
            closeFailures.add(String.valueOf(d.path) + ": " + e);
        }
    }

    /**
     * Runs function id with its arguments at stack[base..] and stores its errno at stack[base];
     * pointers are into the caller's memory. The body is here, not one call further, because
     * every level between the interpreter and {@code invoke} showed in HostCallBenchmark.
     */
    @Override
    public void dispatch(int id, Instance caller, long[] s, int b) {
        callerStore = caller.store(); // poll_oneoff's checkpoint safe point asks the calling store
        Memory m = caller.memory();
        if (m == null && usesMemory(id)) {
            throw INTERFACE.noMemory(id);
        }
        int errno;
        try {
            errno = invoke(id, m, s, b);
        } catch (ErrnoException e) {
            errno = e.errno;
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            errno = EINTR;
        } catch (IOException e) {
            errno = Errors.errno(e);
        } catch (UncheckedIOException e) {
            errno = Errors.errno(e.getCause());
        } catch (NonWritableChannelException e) {
            errno = EBADF;
        } catch (NonReadableChannelException e) {
            errno = EBADF;
        } catch (InvalidPathException e) {
            errno = EINVAL;
        } catch (SecurityException e) {
            errno = EACCES;
        } catch (UnsupportedOperationException e) {
            errno = ENOTSUP;
        } catch (java.nio.file.DirectoryIteratorException e) {
            errno = Errors.errno(e.getCause());
        }
        s[b] = errno;
    }

    private static boolean usesMemory(int id) {
        switch (id) {
            case FD_ADVISE: case FD_ALLOCATE: case FD_CLOSE: case FD_DATASYNC: case FD_FDSTAT_SET_FLAGS:
            case FD_FDSTAT_SET_RIGHTS: case FD_FILESTAT_SET_SIZE: case FD_FILESTAT_SET_TIMES: case FD_RENUMBER:
            case FD_SYNC: case PROC_EXIT: case PROC_RAISE: case SCHED_YIELD: case SOCK_SHUTDOWN:
                return false;
            default:
                return true;
        }
    }

    private int invoke(int id, Memory m, long[] s, int b) throws IOException {
        switch (id) {
            case ARGS_GET: return stringsGet(m, args, i32(s, b), i32(s, b + 1));
            case ARGS_SIZES_GET: return stringsSizesGet(m, args, i32(s, b), i32(s, b + 1));
            case ENVIRON_GET: return stringsGet(m, environ, i32(s, b), i32(s, b + 1));
            case ENVIRON_SIZES_GET: return stringsSizesGet(m, environ, i32(s, b), i32(s, b + 1));
            case CLOCK_RES_GET: return clockResGet(m, i32(s, b), i32(s, b + 1));
            case CLOCK_TIME_GET: return clockTimeGet(m, i32(s, b), s[b + 1], i32(s, b + 2));
            case FD_ADVISE: return fdAdvise(i32(s, b), s[b + 1], s[b + 2], i32(s, b + 3));
            case FD_ALLOCATE: return fdAllocate(i32(s, b), s[b + 1], s[b + 2]);
            case FD_CLOSE: return fdClose(i32(s, b));
            case FD_DATASYNC: return fdSync(i32(s, b), false);
            case FD_FDSTAT_GET: return fdFdstatGet(m, i32(s, b), i32(s, b + 1));
            case FD_FDSTAT_SET_FLAGS: return fdFdstatSetFlags(i32(s, b), i32(s, b + 1));
            case FD_FDSTAT_SET_RIGHTS: return fdFdstatSetRights(i32(s, b), s[b + 1], s[b + 2]);
            case FD_FILESTAT_GET: return fdFilestatGet(m, i32(s, b), i32(s, b + 1));
            case FD_FILESTAT_SET_SIZE: return fdFilestatSetSize(i32(s, b), s[b + 1]);
            case FD_FILESTAT_SET_TIMES: return fdFilestatSetTimes(i32(s, b), s[b + 1], s[b + 2], i32(s, b + 3));
            case FD_PREAD: return fdRead(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), true, s[b + 3], i32(s, b + 4));
            case FD_PRESTAT_GET: return fdPrestatGet(m, i32(s, b), i32(s, b + 1));
            case FD_PRESTAT_DIR_NAME: return fdPrestatDirName(m, i32(s, b), i32(s, b + 1), i32(s, b + 2));
            case FD_PWRITE: return fdWrite(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), true, s[b + 3], i32(s, b + 4));
            case FD_READ: return fdRead(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), false, 0, i32(s, b + 3));
            case FD_READDIR: return fdReaddir(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), s[b + 3], i32(s, b + 4));
            case FD_RENUMBER: return fdRenumber(i32(s, b), i32(s, b + 1));
            case FD_SEEK: return fdSeek(m, i32(s, b), s[b + 1], i32(s, b + 2), i32(s, b + 3));
            case FD_SYNC: return fdSync(i32(s, b), true);
            case FD_TELL: return fdSeek(m, i32(s, b), 0, -1, i32(s, b + 1));
            case FD_WRITE: return fdWrite(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), false, 0, i32(s, b + 3));
            case PATH_CREATE_DIRECTORY: return pathCreateDirectory(m, i32(s, b), i32(s, b + 1), i32(s, b + 2));
            case PATH_FILESTAT_GET:
                return pathFilestatGet(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), i32(s, b + 3), i32(s, b + 4));
            case PATH_FILESTAT_SET_TIMES:
                return pathFilestatSetTimes(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), i32(s, b + 3), s[b + 4],
                        s[b + 5], i32(s, b + 6));
            case PATH_LINK:
                return pathLink(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), i32(s, b + 3), i32(s, b + 4),
                        i32(s, b + 5), i32(s, b + 6));
            case PATH_OPEN:
                return pathOpen(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), i32(s, b + 3), i32(s, b + 4), s[b + 5],
                        s[b + 6], i32(s, b + 7), i32(s, b + 8));
            case PATH_READLINK:
                return pathReadlink(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), i32(s, b + 3), i32(s, b + 4),
                        i32(s, b + 5));
            case PATH_REMOVE_DIRECTORY: return pathRemove(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), true);
            case PATH_RENAME:
                return pathRename(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), i32(s, b + 3), i32(s, b + 4),
                        i32(s, b + 5));
            case PATH_SYMLINK:
                return pathSymlink(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), i32(s, b + 3), i32(s, b + 4));
            case PATH_UNLINK_FILE: return pathRemove(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), false);
            case POLL_ONEOFF: return pollOneoff(m, i32(s, b), i32(s, b + 1), i32(s, b + 2), i32(s, b + 3));
            case PROC_EXIT: throw new WasiExitException(i32(s, b));
            case PROC_RAISE: return ENOSYS;
            case SCHED_YIELD:
                Thread.yield();
                return SUCCESS;
            case RANDOM_GET: return randomGet(m, i32(s, b), i32(s, b + 1));
            case SOCK_ACCEPT:
                place(m, i32(s, b + 2), 4, 4);
                return sockNotSupported(i32(s, b));
            case SOCK_RECV:
                place(m, i32(s, b + 4), 4, 4);
                place(m, i32(s, b + 5), 2, 2);
                return sockNotSupported(i32(s, b));
            case SOCK_SEND:
                place(m, i32(s, b + 4), 4, 4);
                return sockNotSupported(i32(s, b));
            case SOCK_SHUTDOWN: return sockNotSupported(i32(s, b));
            default: throw new IllegalStateException("no wasi function " + id);
        }
    }

    private static int i32(long[] s, int i) {
        return (int) s[i];
    }

    // ---------------------------------------------------------------- fd table

    private Descriptor descriptor(int fd) {
        if (fd < 0 || fd >= fds.length || fds[fd] == null) {
            throw new ErrnoException(EBADF);
        }
        return fds[fd];
    }

    private Descriptor descriptor(int fd, long right) {
        Descriptor d = descriptor(fd);
        require(d, right);
        return d;
    }

    private static void require(Descriptor d, long rights) {
        if ((d.rightsBase & rights) != rights) {
            throw new ErrnoException(ENOTCAPABLE);
        }
    }

    /** A directory fd holding right; path functions on files fail with ENOTDIR, on streams with EBADF. */
    private Descriptor directory(int fd, long right) {
        Descriptor d = descriptor(fd);
        if (d.kind != Descriptor.DIRECTORY) {
            throw new ErrnoException(d.kind == Descriptor.FILE ? ENOTDIR : EBADF);
        }
        if ((d.rightsBase & right) != right) {
            throw new ErrnoException(ENOTCAPABLE);
        }
        return d;
    }

    /** Puts d at the lowest free fd; returns it, or -1 when the table is full. */
    private int allocate(Descriptor d) {
        for (int fd = 0; fd < fds.length; fd++) {
            if (fds[fd] == null) {
                fds[fd] = d;
                return fd;
            }
        }
        if (fds.length >= MAX_FDS) {
            return -1;
        }
        Descriptor[] grown = new Descriptor[Math.min(MAX_FDS, fds.length * 2)];
        System.arraycopy(fds, 0, grown, 0, fds.length);
        int fd = fds.length;
        fds = grown;
        fds[fd] = d;
        return fd;
    }

    // ---------------------------------------------------------------- memory helpers

    /** Traps unless [ptr, ptr + length) is in memory; length is unsigned and may exceed int. */
    private static void checkRange(Memory m, int ptr, long length) {
        if ((ptr & 0xFFFFFFFFL) + length > m.size()) {
            throw Memory.outOfBounds();
        }
    }

    /**
     * Traps unless [ptr, ptr + length) is in memory and ptr is aligned as the witx type requires
     * ("if a misaligned pointer is passed to a function, the function shall trap", as wasmtime).
     */
    private static void place(Memory m, int ptr, long length, int alignment) {
        if ((ptr & (alignment - 1)) != 0) {
            throw new TrapException("wasi: pointer " + (ptr & 0xFFFFFFFFL) + " is not " + alignment + "-byte aligned");
        }
        checkRange(m, ptr, length);
    }

    private ByteBuffer buffer(Memory m) {
        if (m != bufferMemory) {
            buffer = ByteBuffer.wrap(m.array());
            bufferMemory = m;
        }
        return buffer;
    }

    /** Reads a guest path: strictly UTF-8 (else EILSEQ), no NUL (else EINVAL). */
    private static String readString(Memory m, int ptr, int len) {
        m.checkRange(ptr, len);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(m.array(), ptr, len));
        } catch (CharacterCodingException e) {
            throw new ErrnoException(EILSEQ);
        }
        String s = chars.toString();
        if (s.indexOf('\0') >= 0) {
            throw new ErrnoException(EINVAL);
        }
        return s;
    }

    // ---------------------------------------------------------------- args, environ, clocks, random

    private static int stringsGet(Memory m, byte[][] strings, int pointers, int buf) {
        int size = 0;
        for (byte[] s : strings) {
            size += s.length + 1;
        }
        place(m, pointers, 4L * strings.length, 4);
        checkRange(m, buf, size);
        byte[] mem = m.array();
        int at = buf;
        for (int i = 0; i < strings.length; i++) {
            Memory.putInt(mem, pointers + 4 * i, at);
            System.arraycopy(strings[i], 0, mem, at, strings[i].length);
            at += strings[i].length;
            mem[at++] = 0;
        }
        return SUCCESS;
    }

    private static int stringsSizesGet(Memory m, byte[][] strings, int countPtr, int sizePtr) {
        int size = 0;
        for (byte[] s : strings) {
            size += s.length + 1;
        }
        place(m, countPtr, 4, 4);
        place(m, sizePtr, 4, 4);
        m.writeInt(countPtr, strings.length);
        m.writeInt(sizePtr, size);
        return SUCCESS;
    }

    private static int clockResGet(Memory m, int clockId, int resultPtr) {
        long resolution;
        switch (clockId) {
            case CLOCK_REALTIME: resolution = 1_000L; break;
            case CLOCK_MONOTONIC: resolution = 1L; break;
            case CLOCK_PROCESS_CPUTIME_ID:
            case CLOCK_THREAD_CPUTIME_ID: resolution = 1_000L; break;
            default: return EINVAL;
        }
        place(m, resultPtr, 8, 8);
        m.writeLong(resultPtr, resolution);
        return SUCCESS;
    }

    private int clockTimeGet(Memory m, int clockId, long precision, int resultPtr) {
        place(m, resultPtr, 8, 8);
        long now = now(clockId);
        if (now < 0) {
            return EINVAL;
        }
        m.writeLong(resultPtr, now);
        return SUCCESS;
    }

    /** Current value of a preview1 clock in nanoseconds, or -1 for an unknown clock id. */
    long now(int clockId) {
        switch (clockId) {
            case CLOCK_REALTIME: {
                java.time.Instant t = java.time.Instant.now();
                return t.getEpochSecond() * 1_000_000_000L + t.getNano();
            }
            case CLOCK_MONOTONIC:
                // Starts near zero for each instance; only differences mean anything.
                return System.nanoTime() - monotonicOrigin;
            case CLOCK_PROCESS_CPUTIME_ID:
                return cpuTime(true);
            case CLOCK_THREAD_CPUTIME_ID:
                return cpuTime(false);
            default:
                return -1;
        }
    }

    /**
     * CPU time of the process or of the calling thread. Compact JRE profiles have no
     * java.lang.management, and a JVM may not account CPU time: elapsed time since this instance
     * started is then the closest upper bound.
     */
    private long cpuTime(boolean process) {
        try {
            if (process) {
                java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
                if (os instanceof com.sun.management.OperatingSystemMXBean) {
                    long t = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
                    if (t >= 0) {
                        return t;
                    }
                }
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            if (threads.isCurrentThreadCpuTimeSupported()) {
                long t = threads.getCurrentThreadCpuTime();
                if (t >= 0) {
                    return t;
                }
            }
        } catch (LinkageError e) {
            // no management API in this JRE
        } catch (UnsupportedOperationException e) {
            // CPU time measurement unsupported
        }
        return System.nanoTime() - monotonicOrigin;
    }

    private int randomGet(Memory m, int buf, int len) {
        checkRange(m, buf, len & 0xFFFFFFFFL);
        if (random == null) {
            random = new SecureRandom();
        }
        byte[] mem = m.array();
        int done = 0;
        while (done < len) {
            int n = Math.min(randomScratch.length, len - done);
            random.nextBytes(randomScratch);
            System.arraycopy(randomScratch, 0, mem, buf + done, n);
            done += n;
        }
        return SUCCESS;
    }

    /**
     * sock_accept, sock_recv, sock_send, sock_shutdown: weir opens no sockets (preview1 has no way
     * to create one, and weir preopens none), so every open descriptor is not a socket: ENOTSOCK,
     * as POSIX says for a socket call on a file; a descriptor not open is EBADF first.
     */
    private int sockNotSupported(int fd) {
        descriptor(fd);
        return ENOTSOCK;
    }

    // ---------------------------------------------------------------- fd_read / fd_write (the data path)

    /**
     * fd_read, and fd_pread when positioned: scatters into the iovecs. Streams read directly into
     * the memory array; files read through the FileChannel into the ByteBuffer over it.
     */
    int fdRead(Memory m, int fd, int iovs, int iovsLen, boolean positioned, long offset, int nreadPtr)
            throws IOException {
        Descriptor d = descriptor(fd);
        if (positioned && (d.kind == Descriptor.STDIN || d.kind == Descriptor.STDOUT)) {
            return ESPIPE; // a stream has no offset to read at
        }
        require(d, positioned ? RIGHT_FD_READ | RIGHT_FD_SEEK : RIGHT_FD_READ);
        place(m, iovs, (iovsLen & 0xFFFFFFFFL) * IOVEC_SIZE, 4);
        place(m, nreadPtr, 4, 4);
        byte[] mem = m.array();
        long total = 0;
        switch (d.kind) {
            case Descriptor.FILE: {
                if (positioned && offset < 0) {
                    return EINVAL;
                }
                FileChannel channel = d.channel;
                ByteBuffer bb = buffer(m);
                long position = offset;
                for (int i = 0; i < iovsLen; i++) {
                    int buf = Memory.getInt(mem, iovs + i * IOVEC_SIZE);
                    int len = Memory.getInt(mem, iovs + i * IOVEC_SIZE + 4);
                    m.checkRange(buf, len);
                    bb.clear();
                    bb.position(buf);
                    bb.limit(buf + len);
                    while (bb.hasRemaining()) {
                        int n = positioned ? channel.read(bb, position) : channel.read(bb);
                        if (n <= 0) {
                            break;
                        }
                        total += n;
                        position += n;
                    }
                    if (bb.hasRemaining()) {
                        break;
                    }
                }
                break;
            }
            case Descriptor.STDIN: {
                if (positioned) {
                    return ESPIPE;
                }
                total = readStream(m, d, mem, iovs, iovsLen);
                break;
            }
            case Descriptor.DIRECTORY:
                return EISDIR;
            default:
                return EBADF;
        }
        Memory.putInt(mem, nreadPtr, (int) total);
        return SUCCESS;
    }

    /** Blocks for the first byte only; later iovecs take only what is already available. */
    private static long readStream(Memory m, Descriptor d, byte[] mem, int iovs, int iovsLen) throws IOException {
        InputStream in = d.in;
        long total = 0;
        for (int i = 0; i < iovsLen && !d.eof; i++) {
            int buf = Memory.getInt(mem, iovs + i * IOVEC_SIZE);
            int len = Memory.getInt(mem, iovs + i * IOVEC_SIZE + 4);
            m.checkRange(buf, len);
            if (len == 0) {
                continue;
            }
            int filled = 0;
            if (d.peeked >= 0) {
                mem[buf] = (byte) d.peeked;
                d.peeked = -1;
                filled = 1;
            }
            int want = len - filled;
            if (want > 0) {
                if (total + filled > 0) {
                    want = Math.min(want, in.available());
                }
                if (want > 0) {
                    int n = in.read(mem, buf + filled, want);
                    if (n < 0) {
                        d.eof = true;
                    } else {
                        filled += n;
                    }
                }
            }
            total += filled;
            if (filled < len) {
                break;
            }
        }
        return total;
    }

    /**
     * fd_write, and fd_pwrite when positioned: gathers from the iovecs. Streams get the memory
     * array directly and are flushed once per call; files are written through the FileChannel.
     */
    int fdWrite(Memory m, int fd, int iovs, int iovsLen, boolean positioned, long offset, int nwrittenPtr)
            throws IOException {
        Descriptor d = descriptor(fd);
        if (positioned && (d.kind == Descriptor.STDIN || d.kind == Descriptor.STDOUT)) {
            return ESPIPE; // a stream has no offset to write at
        }
        require(d, positioned ? RIGHT_FD_WRITE | RIGHT_FD_SEEK : RIGHT_FD_WRITE);
        place(m, iovs, (iovsLen & 0xFFFFFFFFL) * IOVEC_SIZE, 4);
        place(m, nwrittenPtr, 4, 4);
        byte[] mem = m.array();
        long total = 0;
        switch (d.kind) {
            case Descriptor.STDOUT: {
                if (positioned) {
                    return ESPIPE;
                }
                OutputStream out = d.out;
                byte[] gather = gatherScratch;
                int gathered = 0;
                for (int i = 0; i < iovsLen; i++) {
                    int buf = Memory.getInt(mem, iovs + i * IOVEC_SIZE);
                    int len = Memory.getInt(mem, iovs + i * IOVEC_SIZE + 4);
                    m.checkRange(buf, len);
                    if (out != null) {
                        if (iovsLen > 1 && len <= GATHER_SIZE - gathered) {
                            System.arraycopy(mem, buf, gather, gathered, len);
                            gathered += len;
                        } else {
                            if (gathered > 0) {
                                out.write(gather, 0, gathered);
                                gathered = 0;
                            }
                            out.write(mem, buf, len);
                        }
                    }
                    total += len;
                }
                if (out != null) {
                    if (gathered > 0) {
                        out.write(gather, 0, gathered);
                    }
                    out.flush();
                }
                break;
            }
            case Descriptor.FILE: {
                if (positioned && offset < 0) {
                    return EINVAL;
                }
                FileChannel channel = d.channel;
                ByteBuffer bb = buffer(m);
                long position = offset;
                if (!positioned && (d.fdflags & FDFLAGS_APPEND) != 0) {
                    channel.position(channel.size());
                }
                for (int i = 0; i < iovsLen; i++) {
                    int buf = Memory.getInt(mem, iovs + i * IOVEC_SIZE);
                    int len = Memory.getInt(mem, iovs + i * IOVEC_SIZE + 4);
                    m.checkRange(buf, len);
                    bb.clear();
                    bb.position(buf);
                    bb.limit(buf + len);
                    while (bb.hasRemaining()) {
                        int n = positioned ? channel.write(bb, position) : channel.write(bb);
                        total += n;
                        position += n;
                    }
                }
                break;
            }
            case Descriptor.DIRECTORY:
                return EISDIR;
            default:
                return EBADF;
        }
        Memory.putInt(mem, nwrittenPtr, (int) total);
        return SUCCESS;
    }

    // ---------------------------------------------------------------- other fd functions

    private int fdAdvise(int fd, long offset, long len, int advice) {
        Descriptor d = descriptor(fd, RIGHT_FD_ADVISE);
        if ((advice & 0xFF) > ADVICE_MAX) {
            return EINVAL;
        }
        if (offset < 0 || len < 0) {
            return EINVAL;
        }
        // Advice is only a hint; the JDK has no posix_fadvise.
        return d.kind == Descriptor.DIRECTORY ? EBADF : SUCCESS;
    }

    private int fdAllocate(int fd, long offset, long len) throws IOException {
        Descriptor d = descriptor(fd, RIGHT_FD_ALLOCATE);
        if (d.kind != Descriptor.FILE) {
            return d.kind == Descriptor.DIRECTORY ? EISDIR : ESPIPE;
        }
        if (offset < 0 || len < 0 || offset + len < 0) {
            return offset + len < 0 && offset >= 0 && len >= 0 ? EFBIG : EINVAL;
        }
        extend(d.channel, offset + len);
        return SUCCESS;
    }

    /** Grows the file to at least size bytes (new bytes are zero); never shrinks. */
    private static void extend(FileChannel channel, long size) throws IOException {
        if (size > channel.size()) {
            ByteBuffer zero = ByteBuffer.allocate(1);
            channel.write(zero, size - 1);
        }
    }

    private int fdClose(int fd) {
        Descriptor d = descriptor(fd);
        fds[fd] = null;
        release(d);
        return SUCCESS;
    }

    private int fdSync(int fd, boolean metadata) throws IOException {
        Descriptor d = descriptor(fd, metadata ? RIGHT_FD_SYNC : RIGHT_FD_DATASYNC);
        if (d.kind == Descriptor.FILE) {
            d.channel.force(metadata);
        } else if (d.kind == Descriptor.STDOUT && d.out != null) {
            d.out.flush();
        }
        return SUCCESS;
    }

    private int fdFdstatGet(Memory m, int fd, int ptr) {
        Descriptor d = descriptor(fd);
        place(m, ptr, FDSTAT_SIZE, 8);
        byte[] mem = m.array();
        Memory.putLong(mem, ptr, (d.filetype() & 0xFF) | (long) (d.fdflags & 0xFFFF) << 16);
        Memory.putLong(mem, ptr + 8, d.rightsBase);
        Memory.putLong(mem, ptr + 16, d.rightsInheriting);
        return SUCCESS;
    }

    private int fdFdstatSetFlags(int fd, int flags) {
        Descriptor d = descriptor(fd, RIGHT_FD_FDSTAT_SET_FLAGS);
        flags &= 0xFFFF;
        if ((flags & ~(FDFLAGS_APPEND | FDFLAGS_DSYNC | FDFLAGS_NONBLOCK | FDFLAGS_RSYNC | FDFLAGS_SYNC)) != 0) {
            return EINVAL;
        }
        // An open FileChannel cannot change its sync mode; only append and nonblock can change
        // (wasmtime answers EINVAL too).
        if ((flags & (FDFLAGS_DSYNC | FDFLAGS_RSYNC | FDFLAGS_SYNC))
                != (d.fdflags & (FDFLAGS_DSYNC | FDFLAGS_RSYNC | FDFLAGS_SYNC))) {
            return EINVAL;
        }
        d.fdflags = flags;
        return SUCCESS;
    }

    private int fdFdstatSetRights(int fd, long base, long inheriting) {
        Descriptor d = descriptor(fd);
        // Rights can only be dropped, never gained.
        if ((base & ~d.rightsBase) != 0 || (inheriting & ~d.rightsInheriting) != 0) {
            return ENOTCAPABLE;
        }
        d.rightsBase = base;
        d.rightsInheriting = inheriting;
        return SUCCESS;
    }

    private int fdFilestatGet(Memory m, int fd, int ptr) throws IOException {
        Descriptor d = descriptor(fd, RIGHT_FD_FILESTAT_GET);
        place(m, ptr, FILESTAT_SIZE, 8);
        switch (d.kind) {
            case Descriptor.FILE:
                try {
                    PathResolver.verify(d.root, d.path, false);
                    FileStats.write(m, ptr, d.path);
                } catch (java.nio.file.NoSuchFileException e) {
                    // Unlinked while open: the channel still knows the size.
                    FileStats.put(m.array(), ptr, 0, 0, FILETYPE_REGULAR_FILE, 0, d.channel.size(), 0, 0, 0);
                }
                return SUCCESS;
            case Descriptor.DIRECTORY:
                PathResolver.verify(d.root, d.path, true);
                FileStats.write(m, ptr, d.path);
                return SUCCESS;
            default:
                FileStats.put(m.array(), ptr, 0, 0, d.filetype(), 1, 0, 0, 0, 0);
                return SUCCESS;
        }
    }

    private int fdFilestatSetSize(int fd, long size) throws IOException {
        Descriptor d = descriptor(fd, RIGHT_FD_FILESTAT_SET_SIZE);
        if (d.kind != Descriptor.FILE) {
            return d.kind == Descriptor.DIRECTORY ? EISDIR : EINVAL;
        }
        if (size < 0) {
            return EFBIG;
        }
        FileChannel channel = d.channel;
        if (size < channel.size()) {
            long position = channel.position();
            channel.truncate(size);
            // POSIX ftruncate leaves the offset alone even past the new end; FileChannel clamps it.
            channel.position(position);
        } else {
            extend(channel, size);
        }
        return SUCCESS;
    }

    private int fdFilestatSetTimes(int fd, long atim, long mtim, int fstflags) throws IOException {
        Descriptor d = descriptor(fd, RIGHT_FD_FILESTAT_SET_TIMES);
        if (d.kind != Descriptor.FILE && d.kind != Descriptor.DIRECTORY) {
            return ENOTSUP;
        }
        PathResolver.verify(d.root, d.path, d.kind == Descriptor.DIRECTORY);
        return setTimes(d.path, false, atim, mtim, fstflags);
    }

    private static int setTimes(Path path, boolean followLinks, long atim, long mtim, int fstflags) throws IOException {
        fstflags &= 0xFFFF;
        if ((fstflags & ~(FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW | FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW)) != 0
                || (fstflags & (FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW)) == (FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW)
                || (fstflags & (FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW)) == (FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW)) {
            return EINVAL;
        }
        FileTime now = FileTime.fromMillis(System.currentTimeMillis());
        FileTime access = (fstflags & FSTFLAGS_ATIM_NOW) != 0 ? now
                : (fstflags & FSTFLAGS_ATIM) != 0 ? FileStats.fileTime(atim) : null;
        FileTime modified = (fstflags & FSTFLAGS_MTIM_NOW) != 0 ? now
                : (fstflags & FSTFLAGS_MTIM) != 0 ? FileStats.fileTime(mtim) : null;
        if (access == null && modified == null) {
            return SUCCESS;
        }
        if (!followLinks && Files.isSymbolicLink(path)) {
            // The JDK sets a link's own times with lutimes(2), in microseconds, and rewrites the
            // time not given from a read back, so nanoseconds would be lost on both. touch(1) -h
            // (utimensat with AT_SYMLINK_NOFOLLOW) sets exactly the times given, and only those.
            if (access != null) {
                touchLink(path, "-a", (fstflags & FSTFLAGS_ATIM_NOW) != 0 ? -1 : atim);
            }
            if (modified != null) {
                touchLink(path, "-m", (fstflags & FSTFLAGS_MTIM_NOW) != 0 ? -1 : mtim);
            }
            return SUCCESS;
        }
        BasicFileAttributeView view = followLinks
                ? Files.getFileAttributeView(path, BasicFileAttributeView.class)
                : Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW);
        view.setTimes(modified, access, null);
        return SUCCESS;
    }

    /**
     * Sets one time (-a access, -m modification) of the symlink itself to nanos since the epoch,
     * exactly, or to now when nanos is -1. Times past 2262 (negative as a long) saturate, as
     * FileStats.fileTime does.
     */
    private static void touchLink(Path path, String which, long nanos) throws IOException {
        List<String> command = new ArrayList<>(Arrays.asList("touch", "-h", which));
        if (nanos != -1) {
            long n = nanos < 0 ? Long.MAX_VALUE : nanos;
            command.add("-d");
            command.add("@" + (n / 1_000_000_000L) + "." + String.format(java.util.Locale.ROOT, "%09d", n % 1_000_000_000L));
        }
        command.add("--");
        command.add(path.toAbsolutePath().toString());
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(new java.io.File("/dev/null")).start();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("touch -h could not set the time of " + path);
            }
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted setting the time of " + path);
        }
    }

    private int fdPrestatGet(Memory m, int fd, int ptr) {
        Descriptor d = descriptor(fd);
        if (d.preopenName == null) {
            return EBADF; // wasi-libc scans fds from 3 until EBADF to find the preopens
        }
        place(m, ptr, PRESTAT_SIZE, 4);
        byte[] mem = m.array();
        Memory.putInt(mem, ptr, 0); // tag 0 = dir, then padding
        Memory.putInt(mem, ptr + 4, d.preopenName.getBytes(StandardCharsets.UTF_8).length);
        return SUCCESS;
    }

    private int fdPrestatDirName(Memory m, int fd, int ptr, int len) {
        Descriptor d = descriptor(fd);
        if (d.preopenName == null) {
            return ENOTDIR; // as wasmtime (and its legacy implementation) answer
        }
        byte[] name = d.preopenName.getBytes(StandardCharsets.UTF_8);
        if ((len & 0xFFFFFFFFL) < name.length) {
            return ENAMETOOLONG;
        }
        m.write(ptr, name, 0, name.length);
        return SUCCESS;
    }

    /**
     * Moves from onto to, closing what to held. Both must be open: preview1's fd_renumber replaces
     * one open descriptor by another, so a to that is not open is EBADF (as programs tested
     * against other runtimes expect), and a failure changes nothing: from stays open where it was.
     */
    private int fdRenumber(int from, int to) {
        Descriptor source = descriptor(from);
        if (to < 0 || to >= fds.length || fds[to] == null) {
            return EBADF;
        }
        if (from == to) {
            return SUCCESS;
        }
        Descriptor target = fds[to];
        fds[to] = source;
        fds[from] = null;
        if (target != null) {
            release(target);
        }
        return SUCCESS;
    }

    /** fd_seek, and fd_tell as whence -1 (needs only the tell right). */
    private int fdSeek(Memory m, int fd, long offset, int whence, int resultPtr) throws IOException {
        boolean tellOnly = whence == -1 || (whence == WHENCE_CUR && offset == 0);
        Descriptor d = descriptor(fd);
        if (d.kind == Descriptor.STDIN || d.kind == Descriptor.STDOUT) {
            return ESPIPE; // a stream has no offset, whatever the rights say
        }
        long needed = tellOnly ? RIGHT_FD_TELL : RIGHT_FD_SEEK;
        if ((d.rightsBase & needed) == 0 && !(tellOnly && (d.rightsBase & RIGHT_FD_SEEK) != 0)) {
            return ENOTCAPABLE;
        }
        place(m, resultPtr, 8, 8);
        if (d.kind == Descriptor.DIRECTORY) {
            return EBADF;
        }
        FileChannel channel = d.channel;
        long position;
        switch (whence) {
            case -1:
            case WHENCE_CUR: position = channel.position() + offset; break;
            case WHENCE_SET: position = offset; break;
            case WHENCE_END: position = channel.size() + offset; break;
            default: return EINVAL;
        }
        if (position < 0) {
            return EINVAL;
        }
        channel.position(position);
        m.writeLong(resultPtr, position);
        return SUCCESS;
    }

    private int fdReaddir(Memory m, int fd, int buf, int bufLen, long cookie, int usedPtr) throws IOException {
        Descriptor d = descriptor(fd, RIGHT_FD_READDIR);
        if (d.kind != Descriptor.DIRECTORY) {
            return ENOTDIR;
        }
        checkRange(m, buf, bufLen & 0xFFFFFFFFL);
        place(m, usedPtr, 4, 4);
        PathResolver.verify(d.root, d.path, true);
        if (cookie == 0 || d.listing == null) {
            d.listing = list(d.path);
        }
        String[] names = d.listing;
        long total = names.length + 2L; // "." and ".." come first
        byte[] mem = m.array();
        long capacity = bufLen & 0xFFFFFFFFL;
        long used = 0;
        for (long index = cookie; index < total && used < capacity && index >= 0; index++) {
            String name;
            Path entry;
            if (index == 0) {
                name = ".";
                entry = d.path;
            } else if (index == 1) {
                name = "..";
                // A preopen's parent is outside the sandbox: do not even stat it.
                entry = d.preopenName != null || d.path.getParent() == null ? d.path : d.path.getParent();
            } else {
                name = names[(int) (index - 2)];
                entry = d.path.resolve(name);
            }
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            byte[] dirent = new byte[DIRENT_SIZE + nameBytes.length];
            Memory.putLong(dirent, 0, index + 1);                    // d_next
            Memory.putLong(dirent, 8, FileStats.inode(entry));       // d_ino
            Memory.putInt(dirent, 16, nameBytes.length);             // d_namlen
            dirent[20] = (byte) (index < 2 ? FILETYPE_DIRECTORY : FileStats.filetype(entry)); // d_type
            System.arraycopy(nameBytes, 0, dirent, DIRENT_SIZE, nameBytes.length);
            // A partly fitting last entry fills the buffer: that tells the caller to retry bigger.
            int n = (int) Math.min(dirent.length, capacity - used);
            System.arraycopy(dirent, 0, mem, (int) (buf + used), n);
            used += n;
        }
        Memory.putInt(mem, usedPtr, (int) used);
        return SUCCESS;
    }

    private static String[] list(Path dir) throws IOException {
        List<String> names = new ArrayList<String>();
        DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
        try {
            for (Path p : stream) {
                names.add(p.getFileName().toString());
            }
        } finally {
            stream.close();
        }
        // Sorted, so a cookie (an index) means the same entry across calls on an unchanged directory.
        Collections.sort(names);
        return names.toArray(new String[0]);
    }

    // ---------------------------------------------------------------- path functions

    private PathResolver.Resolved resolve(Descriptor dir, Memory m, int ptr, int len, boolean follow)
            throws IOException {
        PathResolver.verify(dir.root, dir.path, true);
        return PathResolver.resolve(dir.path, readString(m, ptr, len), follow);
    }

    private int pathCreateDirectory(Memory m, int fd, int pathPtr, int pathLen) throws IOException {
        Descriptor dir = directory(fd, RIGHT_PATH_CREATE_DIRECTORY);
        PathResolver.Resolved r = resolve(dir, m, pathPtr, pathLen, false);
        if (r.exists()) {
            return EEXIST;
        }
        Files.createDirectory(r.path);
        return SUCCESS;
    }

    private int pathFilestatGet(Memory m, int fd, int flags, int pathPtr, int pathLen, int ptr) throws IOException {
        Descriptor dir = directory(fd, RIGHT_PATH_FILESTAT_GET);
        place(m, ptr, FILESTAT_SIZE, 8);
        PathResolver.Resolved r = resolve(dir, m, pathPtr, pathLen, (flags & LOOKUPFLAGS_SYMLINK_FOLLOW) != 0);
        if (!r.exists()) {
            return ENOENT;
        }
        FileStats.write(m, ptr, r.path);
        return SUCCESS;
    }

    private int pathFilestatSetTimes(Memory m, int fd, int flags, int pathPtr, int pathLen, long atim, long mtim,
                                     int fstflags) throws IOException {
        Descriptor dir = directory(fd, RIGHT_PATH_FILESTAT_SET_TIMES);
        PathResolver.Resolved r = resolve(dir, m, pathPtr, pathLen, (flags & LOOKUPFLAGS_SYMLINK_FOLLOW) != 0);
        if (!r.exists()) {
            return ENOENT;
        }
        return setTimes(r.path, false, atim, mtim, fstflags);
    }

    private int pathLink(Memory m, int oldFd, int oldFlags, int oldPtr, int oldLen, int newFd, int newPtr,
                         int newLen) throws IOException {
        Descriptor oldDir = directory(oldFd, RIGHT_PATH_LINK_SOURCE);
        Descriptor newDir = directory(newFd, RIGHT_PATH_LINK_TARGET);
        PathResolver.Resolved source = resolve(oldDir, m, oldPtr, oldLen,
                (oldFlags & LOOKUPFLAGS_SYMLINK_FOLLOW) != 0);
        PathResolver.Resolved target = resolve(newDir, m, newPtr, newLen, false);
        if (!source.exists()) {
            return ENOENT;
        }
        if (source.isDirectory()) {
            return EPERM; // hard links to directories are not allowed (POSIX link)
        }
        if (target.exists()) {
            return EEXIST;
        }
        if (target.trailingSlash) {
            return ENOENT;
        }
        Files.createLink(target.path, source.path);
        return SUCCESS;
    }

    private int pathOpen(Memory m, int fd, int dirflags, int pathPtr, int pathLen, int oflags, long rightsBase,
                         long rightsInheriting, int fdflags, int fdPtr) throws IOException {
        oflags &= 0xFFFF;
        fdflags &= 0xFFFF;
        Descriptor dir = directory(fd, RIGHT_PATH_OPEN);
        place(m, fdPtr, 4, 4);
        if ((oflags & ~(OFLAGS_CREAT | OFLAGS_DIRECTORY | OFLAGS_EXCL | OFLAGS_TRUNC)) != 0
                || (fdflags & ~(FDFLAGS_APPEND | FDFLAGS_DSYNC | FDFLAGS_NONBLOCK | FDFLAGS_RSYNC | FDFLAGS_SYNC)) != 0) {
            return EINVAL;
        }
        boolean create = (oflags & OFLAGS_CREAT) != 0;
        boolean exclusive = create && (oflags & OFLAGS_EXCL) != 0;
        boolean truncate = (oflags & OFLAGS_TRUNC) != 0;
        boolean directoryOnly = (oflags & OFLAGS_DIRECTORY) != 0;
        if (create && directoryOnly) {
            return EINVAL;
        }
        if (create && (dir.rightsBase & RIGHT_PATH_CREATE_FILE) == 0) {
            return ENOTCAPABLE;
        }
        if (truncate && (dir.rightsBase & RIGHT_PATH_FILESTAT_SET_SIZE) == 0) {
            return ENOTCAPABLE;
        }
        // Rights beyond what the directory passes on are dropped silently (Rust std asks for more
        // than it needs), except writing: asking to write in a read-only tree fails now, rather
        // than at the first write.
        if ((rightsBase & RIGHT_FD_WRITE) != 0
                && (dir.readOnly || (dir.rightsInheriting & RIGHT_FD_WRITE) == 0)) {
            return ENOTCAPABLE;
        }
        long base = rightsBase & dir.rightsInheriting;
        long inheriting = rightsInheriting & dir.rightsInheriting;
        if (dir.readOnly) {
            base &= ~(FILE_WRITE_RIGHTS | DIRECTORY_WRITE_RIGHTS);
        }

        boolean follow = (dirflags & LOOKUPFLAGS_SYMLINK_FOLLOW) != 0 && !exclusive;
        PathResolver.Resolved r = resolve(dir, m, pathPtr, pathLen, follow);
        if (r.exists()) {
            if (exclusive) {
                return EEXIST;
            }
            if (r.isSymbolicLink()) {
                return ELOOP; // O_NOFOLLOW on a symbolic link
            }
            if (r.isDirectory()) {
                if (truncate || (base & (RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE)) != 0) {
                    return EISDIR;
                }
                Descriptor d = new Descriptor(Descriptor.DIRECTORY, base & DIRECTORY_RIGHTS, inheriting);
                d.path = r.path;
                d.root = dir.root;
                d.readOnly = dir.readOnly;
                d.fdflags = fdflags;
                return install(m, d, fdPtr);
            }
            if (directoryOnly) {
                return ENOTDIR;
            }
        } else {
            if (!create) {
                return ENOENT;
            }
            if (r.trailingSlash) {
                return EISDIR;
            }
        }
        Set<OpenOption> options = new HashSet<OpenOption>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        boolean read = (base & (RIGHT_FD_READ | RIGHT_FD_READDIR)) != 0;
        boolean write = (base & (RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE)) != 0;
        if (read || !write) {
            options.add(StandardOpenOption.READ);
        }
        // Creating or truncating needs a writable channel even when the fd may not write: the
        // directory's rights allowed it, and the fd's rights still stop later writes.
        if (write || truncate || (create && !r.exists())) {
            options.add(StandardOpenOption.WRITE);
        }
        if (create) {
            options.add(exclusive ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if (truncate) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if (options.contains(StandardOpenOption.WRITE)) {
            if ((fdflags & (FDFLAGS_SYNC | FDFLAGS_RSYNC)) != 0) {
                options.add(StandardOpenOption.SYNC);
            } else if ((fdflags & FDFLAGS_DSYNC) != 0) {
                options.add(StandardOpenOption.DSYNC);
            }
        }
        FileChannel channel = FileChannel.open(r.path, options);
        Descriptor d = new Descriptor(Descriptor.FILE, base & FILE_RIGHTS, inheriting);
        d.channel = channel;
        d.path = r.path;
        d.root = dir.root;
        d.fdflags = fdflags;
        return install(m, d, fdPtr);
    }

    private int install(Memory m, Descriptor d, int fdPtr) throws IOException {
        int newFd = allocate(d);
        if (newFd < 0) {
            release(d);
            return EMFILE;
        }
        m.writeInt(fdPtr, newFd);
        return SUCCESS;
    }

    private int pathReadlink(Memory m, int fd, int pathPtr, int pathLen, int buf, int bufLen, int usedPtr)
            throws IOException {
        Descriptor dir = directory(fd, RIGHT_PATH_READLINK);
        checkRange(m, buf, bufLen & 0xFFFFFFFFL);
        place(m, usedPtr, 4, 4);
        PathResolver.Resolved r = resolve(dir, m, pathPtr, pathLen, false);
        if (!r.exists()) {
            return ENOENT;
        }
        if (!r.isSymbolicLink()) {
            return EINVAL;
        }
        // The text is returned even when it points outside: reading it grants nothing.
        byte[] target = Files.readSymbolicLink(r.path).toString().getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(target.length, bufLen & 0xFFFFFFFFL); // truncated, as POSIX readlink
        System.arraycopy(target, 0, m.array(), buf, n);
        Memory.putInt(m.array(), usedPtr, n);
        return SUCCESS;
    }

    /** path_remove_directory (directory) and path_unlink_file. */
    private int pathRemove(Memory m, int fd, int pathPtr, int pathLen, boolean directory) throws IOException {
        Descriptor dir = directory(fd, directory ? RIGHT_PATH_REMOVE_DIRECTORY : RIGHT_PATH_UNLINK_FILE);
        PathResolver.Resolved r = resolve(dir, m, pathPtr, pathLen, false);
        if (!r.exists()) {
            return ENOENT;
        }
        if (r.isBase) {
            return directory ? EBUSY : EISDIR; // the capability's own directory stays
        }
        if (directory != r.isDirectory()) {
            return directory ? ENOTDIR : EISDIR;
        }
        Files.delete(r.path);
        return SUCCESS;
    }

    private int pathRename(Memory m, int fd, int oldPtr, int oldLen, int newFd, int newPtr, int newLen)
            throws IOException {
        Descriptor oldDir = directory(fd, RIGHT_PATH_RENAME_SOURCE);
        Descriptor newDir = directory(newFd, RIGHT_PATH_RENAME_TARGET);
        PathResolver.Resolved source = resolve(oldDir, m, oldPtr, oldLen, false);
        PathResolver.Resolved target = resolve(newDir, m, newPtr, newLen, false);
        if (!source.exists()) {
            return ENOENT;
        }
        if (source.isBase || target.isBase) {
            return EBUSY;
        }
        if (target.trailingSlash && !source.isDirectory()) {
            return ENOTDIR;
        }
        if (target.exists()) {
            if (source.isDirectory() && !target.isDirectory()) {
                return ENOTDIR;
            }
            if (!source.isDirectory() && target.isDirectory()) {
                return EISDIR;
            }
        }
        // ATOMIC_MOVE is rename(2): replaces an existing file or empty directory, as POSIX rename.
        Files.move(source.path, target.path, StandardCopyOption.ATOMIC_MOVE);
        moved(source.path, target.path);
        return SUCCESS;
    }

    /**
     * An open fd names its file or directory by host path (the JDK has no openat), so a rename
     * must carry the open fds under it along: a path left behind could later name a symbolic
     * link planted there, which {@link PathResolver#verify} would then refuse.
     */
    private void moved(Path from, Path to) {
        for (Descriptor d : fds) {
            if (d != null && d.path != null && d.preopenName == null && d.path.startsWith(from)) {
                d.path = to.resolve(from.relativize(d.path));
                d.listing = null;
            }
        }
    }

    private int pathSymlink(Memory m, int oldPtr, int oldLen, int fd, int newPtr, int newLen) throws IOException {
        Descriptor dir = directory(fd, RIGHT_PATH_SYMLINK);
        String target = readString(m, oldPtr, oldLen);
        PathResolver.Resolved link = resolve(dir, m, newPtr, newLen, false);
        if (target.isEmpty()) {
            return ENOENT;
        }
        if (target.charAt(0) == '/') {
            // Never followed by the sandbox anyway, but host programs would: do not plant such links.
            return ENOTCAPABLE;
        }
        if (link.exists()) {
            return EEXIST;
        }
        if (link.trailingSlash) {
            return ENOENT;
        }
        Files.createSymbolicLink(link.path, Paths.get(target));
        return SUCCESS;
    }

    // ---------------------------------------------------------------- poll_oneoff

    /**
     * Clock subscriptions wait (relative or absolute, on any preview1 clock); files and stdout are
     * always ready; stdin is ready when input is available or at end of input. Without a clock,
     * waiting for stdin blocks on reading one byte, which fd_read then returns first.
     */
    private int pollOneoff(Memory m, int in, int out, int nsubscriptions, int neventsPtr) throws IOException {
        long n = nsubscriptions & 0xFFFFFFFFL;
        place(m, in, n * SUBSCRIPTION_SIZE, 8);
        place(m, out, n * EVENT_SIZE, 8);
        place(m, neventsPtr, 4, 4);
        if (n == 0) {
            return EINVAL;
        }
        byte[] mem = m.array();
        int count = (int) n;
        // Deadlines on System.nanoTime; Long.MAX_VALUE marks "not a clock".
        long[] deadlines = new long[count];
        long start = System.nanoTime();
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            int sub = in + i * SUBSCRIPTION_SIZE;
            deadlines[i] = Long.MAX_VALUE;
            if ((mem[sub + 8] & 0xFF) == EVENTTYPE_CLOCK) {
                int clockId = Memory.getInt(mem, sub + 16);
                long timeout = Memory.getLong(mem, sub + 24);
                int flags = (mem[sub + 40] & 0xFF) | (mem[sub + 41] & 0xFF) << 8;
                long now = now(clockId);
                if (now < 0) {
                    continue; // reported as EINVAL below
                }
                long wait = (flags & SUBCLOCKFLAGS_ABSTIME) != 0 ? timeout - now : timeout;
                if (wait < 0 && (flags & SUBCLOCKFLAGS_ABSTIME) == 0) {
                    wait = Long.MAX_VALUE / 2; // relative timeouts are u64: past 292 years is "never"
                }
                deadlines[i] = start + Math.max(0, Math.min(wait, Long.MAX_VALUE / 2));
                earliest = Math.min(earliest, deadlines[i]);
            }
        }
        int events;
        while (true) {
            events = 0;
            long now = System.nanoTime();
            Descriptor waitingStdin = null;
            for (int i = 0; i < count; i++) {
                int sub = in + i * SUBSCRIPTION_SIZE;
                int type = mem[sub + 8] & 0xFF;
                int ev = out + events * EVENT_SIZE;
                long userdata = Memory.getLong(mem, sub);
                if (type == EVENTTYPE_CLOCK) {
                    int clockId = Memory.getInt(mem, sub + 16);
                    if (now(clockId) < 0) {
                        putEvent(mem, ev, userdata, EINVAL, type, 0, 0);
                        events++;
                    } else if (now - deadlines[i] >= 0) {
                        putEvent(mem, ev, userdata, SUCCESS, type, 0, 0);
                        events++;
                    }
                } else if (type == EVENTTYPE_FD_READ || type == EVENTTYPE_FD_WRITE) {
                    int fd = Memory.getInt(mem, sub + 16);
                    Descriptor d = fd >= 0 && fd < fds.length ? fds[fd] : null;
                    if (d == null) {
                        putEvent(mem, ev, userdata, EBADF, type, 0, 0);
                        events++;
                    } else if ((d.rightsBase & RIGHT_POLL_FD_READWRITE) == 0) {
                        putEvent(mem, ev, userdata, ENOTCAPABLE, type, 0, 0);
                        events++;
                    } else if (d.kind == Descriptor.STDIN) {
                        if (type == EVENTTYPE_FD_WRITE) {
                            putEvent(mem, ev, userdata, EBADF, type, 0, 0);
                            events++;
                        } else if (d.eof) {
                            putEvent(mem, ev, userdata, SUCCESS, type, 0, EVENTRWFLAGS_HANGUP);
                            events++;
                        } else {
                            int available = (d.peeked >= 0 ? 1 : 0) + d.in.available();
                            if (available > 0) {
                                putEvent(mem, ev, userdata, SUCCESS, type, available, 0);
                                events++;
                            } else {
                                waitingStdin = d;
                            }
                        }
                    } else if (d.kind == Descriptor.STDOUT) {
                        putEvent(mem, ev, userdata, type == EVENTTYPE_FD_READ ? EBADF : SUCCESS, type, 0, 0);
                        events++;
                    } else if (d.kind == Descriptor.FILE) {
                        long nbytes = 0;
                        if (type == EVENTTYPE_FD_READ) {
                            nbytes = Math.max(0, d.channel.size() - d.channel.position());
                        }
                        putEvent(mem, ev, userdata, SUCCESS, type, nbytes, 0);
                        events++;
                    } else {
                        putEvent(mem, ev, userdata, EBADF, type, 0, 0);
                        events++;
                    }
                } else {
                    putEvent(mem, ev, userdata, EINVAL, type, 0, 0);
                    events++;
                }
            }
            if (events > 0) {
                break;
            }
            if (Thread.currentThread().isInterrupted()) {
                return EINTR;
            }
            if (waitingStdin != null && earliest == Long.MAX_VALUE) {
                waitForInput(waitingStdin);
                continue;
            }
            long remaining = earliest - System.nanoTime();
            if (waitingStdin != null) {
                // InputStream has no readiness wait: look again every few milliseconds.
                remaining = Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(5));
            }
            Store store = callerStore;
            if (store != null && store.checkpointsEnabled()) {
                // A safe point: nothing written yet, so the restored program polls again.
                if (store.checkpointRequested()) {
                    throw new Checkpoint.Pending();
                }
                remaining = Math.min(remaining, CHECKPOINT_POLL_NANOS);
            }
            if (remaining > 0) {
                LockSupport.parkNanos(remaining);
            }
        }
        Memory.putInt(mem, neventsPtr, events);
        return SUCCESS;
    }

    /** Blocks until stdin has a byte (kept for the next fd_read) or ends. */
    private static void waitForInput(Descriptor d) throws IOException {
        int b = d.in.read();
        if (b < 0) {
            d.eof = true;
        } else {
            d.peeked = b;
        }
    }

    private static void putEvent(byte[] mem, int ev, long userdata, int errno, int type, long nbytes, int flags) {
        Memory.putLong(mem, ev, userdata);
        // error u16 @8, type u8 @10, padding to 16
        Memory.putLong(mem, ev + 8, (errno & 0xFFFF) | (long) (type & 0xFF) << 16);
        Memory.putLong(mem, ev + 16, nbytes);
        Memory.putLong(mem, ev + 24, flags & 0xFFFF);
    }
}
