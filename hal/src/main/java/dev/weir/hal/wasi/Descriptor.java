package dev.weir.hal.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One entry of the WASI file descriptor table: a standard stream, an open file, or a directory
 * capability. One class with a kind rather than a hierarchy, so the data path is a field read and
 * a switch, not a virtual call.
 */
final class Descriptor {
    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int FILE = 2;
    static final int DIRECTORY = 3;

    final int kind;
    long rightsBase;
    long rightsInheriting;
    /** preview1 fdflags; APPEND is emulated (Java cannot open a channel for both read and append). */
    int fdflags;

    /** STDIN: the stream, or null for the empty default input. */
    InputStream in;
    /** STDIN: a byte read ahead by poll_oneoff to wait for input, or -1. */
    int peeked = -1;
    /** STDIN: end of input seen. */
    boolean eof;

    /** STDOUT (stdout and stderr): the stream, or null to discard. */
    OutputStream out;

    /** STDIN and STDOUT: an interactive terminal (see {@link WasiOptions#stdin(InputStream, boolean)}). */
    boolean terminal;

    /** FILE: the open channel. */
    FileChannel channel;
    /** FILE and DIRECTORY: host path (directories: real path, no symbolic links inside the sandbox). */
    Path path;
    /** FILE and DIRECTORY: the preopen it was reached from; path is checked against it before use. */
    Path root;
    /** DIRECTORY opened by the embedder: the name the module sees (fd_prestat_dir_name), else null. */
    String preopenName;

    /** DIRECTORY: inside a read-only preopen; fds opened from it never get write rights. */
    boolean readOnly;

    /** DIRECTORY: entry names from the last fd_readdir at cookie 0, so later cookies stay stable. */
    String[] listing;

    Descriptor(int kind, long rightsBase, long rightsInheriting) {
        this.kind = kind;
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
    }

    int filetype() {
        switch (kind) {
            case FILE:
                return Preview1.FILETYPE_REGULAR_FILE;
            case DIRECTORY:
                return Preview1.FILETYPE_DIRECTORY;
            default:
                // As wasmtime: a terminal is a character device (wasi-libc's isatty() is then true
                // and stdio line-buffers); a pipe or file is of unknown type, so stdio buffers fully.
                return terminal ? Preview1.FILETYPE_CHARACTER_DEVICE : Preview1.FILETYPE_UNKNOWN;
        }
    }
}
