package dev.weir.hal.wasi;

import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Memory;
import dev.weir.core.Store;
import dev.weir.core.Wasm;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Calls preview1 functions the way the linker would (arguments on a long[] stack), against a
 * one-page memory of an otherwise empty instance, so WASI is tested without the interpreter.
 * Scratch layout: 0..1023 structs and results, 1024.. strings, 8192.. buffers.
 */
final class WasiHarness {
    static final int OUT = 0;        // results (fd, sizes, nwritten, ...)
    static final int STRUCT = 64;    // fdstat / filestat / prestat
    static final int IOVS = 256;     // iovec array
    static final int STR = 1024;     // path strings
    static final int STR2 = 2048;    // second path string
    static final int BUF = 8192;     // data buffers

    final WasiPreview1 wasi;
    /** An instance of a module with one page of memory and nothing else: the caller the functions see. */
    final Instance instance = new Linker(new Store()).instantiate(Wasm.parse(new byte[] {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x04, 0x01, 0x01, 0x01, 0x01}));
    final Memory memory = instance.memory();
    private final long[] stack = new long[16];

    WasiHarness(WasiPreview1 wasi) {
        this.wasi = wasi;
    }

    /** Calls a preview1 function by name and returns its errno. */
    int call(String name, long... args) {
        int id = WasiPreview1.INTERFACE.id(name);
        if (id < 0) {
            throw new IllegalArgumentException(name);
        }
        assertEquals(WasiPreview1.INTERFACE.type(id).paramCount(), args.length, "arity of " + name);
        System.arraycopy(args, 0, stack, 0, args.length);
        wasi.dispatch(id, instance, stack, 0);
        return (int) stack[0];
    }

    int putString(int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        memory.write(at, b, 0, b.length);
        return b.length;
    }

    String string(int at, int length) {
        return memory.readString(at, length);
    }

    int i32(int at) {
        return memory.readInt(at);
    }

    long i64(int at) {
        return memory.readLong(at);
    }

    /** path_open relative to dirFd; returns the errno, and the new fd at OUT. */
    int open(int dirFd, String path, int oflags, long rights, int fdflags) {
        int len = putString(STR, path);
        return call("path_open", dirFd, Preview1.LOOKUPFLAGS_SYMLINK_FOLLOW, STR, len, oflags, rights, rights,
                fdflags, OUT);
    }

    int openNoFollow(int dirFd, String path, int oflags, long rights) {
        int len = putString(STR, path);
        return call("path_open", dirFd, 0, STR, len, oflags, rights, rights, 0, OUT);
    }

    /** Opens and expects success; returns the fd. */
    int openOk(int dirFd, String path, int oflags, long rights, int fdflags) {
        assertEquals(0, open(dirFd, path, oflags, rights, fdflags), "path_open " + path);
        return i32(OUT);
    }

    /** Opens a directory with every directory right (and every right to pass on); returns the fd. */
    int openDir(int dirFd, String path) {
        int len = putString(STR, path);
        assertEquals(0, call("path_open", dirFd, Preview1.LOOKUPFLAGS_SYMLINK_FOLLOW, STR, len,
                Preview1.OFLAGS_DIRECTORY, Preview1.DIRECTORY_RIGHTS, ALL, 0, OUT), "path_open " + path);
        return i32(OUT);
    }

    /** Writes text to fd with one iovec; returns errno, bytes written at OUT. */
    int write(int fd, String text) {
        int len = putString(BUF, text);
        memory.writeInt(IOVS, BUF);
        memory.writeInt(IOVS + 4, len);
        return call("fd_write", fd, IOVS, 1, OUT);
    }

    /** Reads up to max bytes from fd with one iovec; returns the text, asserting success. */
    String read(int fd, int max) {
        memory.writeInt(IOVS, BUF);
        memory.writeInt(IOVS + 4, max);
        assertEquals(0, call("fd_read", fd, IOVS, 1, OUT), "fd_read");
        return string(BUF, i32(OUT));
    }

    /** Calls a function taking (fd, path_ptr, path_len). */
    int pathCall(String name, int fd, String path) {
        int len = putString(STR, path);
        return call(name, fd, STR, len);
    }

    static final long FILE_RW = Preview1.FILE_RIGHTS;
    static final long FILE_RO = Preview1.FILE_RIGHTS & ~Preview1.FILE_WRITE_RIGHTS;
    static final long ALL = Preview1.FILE_RIGHTS | Preview1.DIRECTORY_RIGHTS;
}
