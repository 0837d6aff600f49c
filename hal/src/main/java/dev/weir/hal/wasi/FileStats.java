package dev.weir.hal.wasi;

import dev.weir.core.Memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads host file metadata into the preview1 {@code filestat} layout (64 bytes: dev u64 @0,
 * ino u64 @8, filetype u8 @16, nlink u64 @24, size u64 @32, atim @40, mtim @48, ctim @56,
 * timestamps in nanoseconds since the epoch). Uses the JDK's "unix" attribute view where the
 * platform has one, for dev, ino, nlink, ctime and device file types.
 */
final class FileStats {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final String UNIX_ATTRIBUTES = "unix:dev,ino,nlink,ctime,mode,size,lastAccessTime,lastModifiedTime";
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;

    private static volatile boolean unixViewMissing;

    private FileStats() {
    }

    /** Writes the filestat of path (not following a final link) at ptr; ptr was range-checked. */
    static void write(Memory memory, int ptr, Path path) throws IOException {
        byte[] mem = memory.array();
        if (!unixViewMissing) {
            Map<String, Object> a;
            try {
                a = Files.readAttributes(path, UNIX_ATTRIBUTES, NOFOLLOW);
            } catch (UnsupportedOperationException e) {
                unixViewMissing = true;
                a = null;
            } catch (IllegalArgumentException e) {
                unixViewMissing = true;
                a = null;
            }
            if (a != null) {
                int mode = ((Number) a.get("mode")).intValue();
                put(mem, ptr, ((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue(),
                        filetypeOfMode(mode), ((Number) a.get("nlink")).longValue(),
                        ((Number) a.get("size")).longValue(), nanos((FileTime) a.get("lastAccessTime")),
                        nanos((FileTime) a.get("lastModifiedTime")), nanos((FileTime) a.get("ctime")));
                return;
            }
        }
        BasicFileAttributes b = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
        put(mem, ptr, 0, 0, filetype(b), 1, b.size(), nanos(b.lastAccessTime()), nanos(b.lastModifiedTime()),
                nanos(b.creationTime()));
    }

    /** The inode number of path (not following a final link), or 0 where the platform hides it. */
    static long inode(Path path) {
        if (unixViewMissing) {
            return 0;
        }
        try {
            Object ino = Files.getAttribute(path, "unix:ino", NOFOLLOW);
            return ((Number) ino).longValue();
        } catch (IOException e) {
            return 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The preview1 filetype of path, not following a final link; unknown if it cannot be read. */
    static int filetype(Path path) {
        try {
            if (!unixViewMissing) {
                Object mode = Files.getAttribute(path, "unix:mode", NOFOLLOW);
                return filetypeOfMode(((Number) mode).intValue());
            }
            return filetype(Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW));
        } catch (IOException e) {
            return Preview1.FILETYPE_UNKNOWN;
        } catch (RuntimeException e) {
            return Preview1.FILETYPE_UNKNOWN;
        }
    }

    static int filetype(BasicFileAttributes b) {
        if (b.isRegularFile()) {
            return Preview1.FILETYPE_REGULAR_FILE;
        }
        if (b.isDirectory()) {
            return Preview1.FILETYPE_DIRECTORY;
        }
        if (b.isSymbolicLink()) {
            return Preview1.FILETYPE_SYMBOLIC_LINK;
        }
        return Preview1.FILETYPE_UNKNOWN;
    }

    private static int filetypeOfMode(int mode) {
        switch (mode & S_IFMT) {
            case S_IFREG: return Preview1.FILETYPE_REGULAR_FILE;
            case S_IFDIR: return Preview1.FILETYPE_DIRECTORY;
            case S_IFLNK: return Preview1.FILETYPE_SYMBOLIC_LINK;
            case S_IFCHR: return Preview1.FILETYPE_CHARACTER_DEVICE;
            case S_IFBLK: return Preview1.FILETYPE_BLOCK_DEVICE;
            case S_IFSOCK: return Preview1.FILETYPE_SOCKET_STREAM;
            default: return Preview1.FILETYPE_UNKNOWN; // FIFOs have no preview1 filetype
        }
    }

    static void put(byte[] mem, int ptr, long dev, long ino, int filetype, long nlink, long size, long atim,
                    long mtim, long ctim) {
        Memory.putLong(mem, ptr, dev);
        Memory.putLong(mem, ptr + 8, ino);
        Memory.putLong(mem, ptr + 16, filetype & 0xFF); // filetype u8 and 7 bytes of padding
        Memory.putLong(mem, ptr + 24, nlink);
        Memory.putLong(mem, ptr + 32, size);
        Memory.putLong(mem, ptr + 40, atim);
        Memory.putLong(mem, ptr + 48, mtim);
        Memory.putLong(mem, ptr + 56, ctim);
    }

    static long nanos(FileTime time) {
        if (time == null) {
            return 0;
        }
        long seconds = time.to(TimeUnit.SECONDS);
        long nanos = time.to(TimeUnit.NANOSECONDS);
        // FileTime.to saturates outside +-292 years; keep the second-accurate value then.
        if (nanos == Long.MAX_VALUE || nanos == Long.MIN_VALUE) {
            return seconds * 1_000_000_000L;
        }
        return nanos;
    }

    /** A FileTime from preview1 nanoseconds (u64; values past 2262 saturate). */
    static FileTime fileTime(long nanos) {
        return FileTime.from(nanos < 0 ? Long.MAX_VALUE : nanos, TimeUnit.NANOSECONDS);
    }
}
