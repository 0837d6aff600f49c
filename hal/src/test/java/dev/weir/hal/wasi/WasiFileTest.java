package dev.weir.hal.wasi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.weir.hal.wasi.Preview1.*;
import static dev.weir.hal.wasi.WasiHarness.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WasiFileTest {
    @TempDir
    Path dir;
    WasiPreview1 wasi;
    WasiHarness h;

    @BeforeEach
    void setUp() {
        wasi = new WasiPreview1(new WasiOptions().preopen(dir, "/data", false));
        h = new WasiHarness(wasi);
    }

    @AfterEach
    void tearDown() {
        wasi.close();
    }

    private String content(String name) throws IOException {
        return new String(Files.readAllBytes(dir.resolve(name)), StandardCharsets.UTF_8);
    }

    @Test
    void preopenIsDescribedByPrestat() {
        assertEquals(0, h.call("fd_prestat_get", 3, STRUCT));
        assertEquals(0, h.memory.readByte(STRUCT)); // tag dir
        assertEquals(5, h.i32(STRUCT + 4));
        assertEquals(0, h.call("fd_prestat_dir_name", 3, STR, 5));
        assertEquals("/data", h.string(STR, 5));
        assertEquals(ENAMETOOLONG, h.call("fd_prestat_dir_name", 3, STR, 4));
        assertEquals(EBADF, h.call("fd_prestat_get", 4, STRUCT));
        assertEquals(EBADF, h.call("fd_prestat_get", 1, STRUCT));
        assertEquals(ENOTDIR, h.call("fd_prestat_dir_name", 1, STR, 5));
        assertEquals(EBADF, h.call("fd_prestat_dir_name", 9, STR, 5));
    }

    @Test
    void createsWritesSeeksAndReadsBack() throws IOException {
        int fd = h.openOk(3, "hello.txt", OFLAGS_CREAT, FILE_RW, 0);
        assertEquals(0, h.write(fd, "hello, world"));
        assertEquals(12, h.i32(OUT));
        assertEquals("hello, world", content("hello.txt"));

        assertEquals(0, h.call("fd_tell", fd, OUT));
        assertEquals(12, h.i64(OUT));
        assertEquals(0, h.call("fd_seek", fd, 7, WHENCE_SET, OUT));
        assertEquals(7, h.i64(OUT));
        assertEquals("world", h.read(fd, 100));
        assertEquals(0, h.call("fd_seek", fd, -5, WHENCE_END, OUT));
        assertEquals(7, h.i64(OUT));
        assertEquals(0, h.call("fd_seek", fd, -2, WHENCE_CUR, OUT));
        assertEquals(5, h.i64(OUT));
        assertEquals(",", h.read(fd, 1));
        assertEquals(EINVAL, h.call("fd_seek", fd, -100, WHENCE_CUR, OUT));
        assertEquals(EINVAL, h.call("fd_seek", fd, 0, 3, OUT));
        assertEquals("", readAt(fd, 100, 12)); // end of file reads nothing
        assertEquals(0, h.call("fd_close", fd));
        assertEquals(EBADF, h.call("fd_close", fd));
    }

    private String readAt(int fd, int max, long offset) {
        h.memory.writeInt(IOVS, BUF);
        h.memory.writeInt(IOVS + 4, max);
        assertEquals(0, h.call("fd_pread", fd, IOVS, 1, offset, OUT));
        return h.string(BUF, h.i32(OUT));
    }

    @Test
    void scatterAndGatherUseEveryIovec() throws IOException {
        int fd = h.openOk(3, "iov", OFLAGS_CREAT, FILE_RW, 0);
        h.putString(BUF, "abc");
        h.putString(BUF + 100, "defgh");
        h.memory.writeInt(IOVS, BUF);
        h.memory.writeInt(IOVS + 4, 3);
        h.memory.writeInt(IOVS + 8, BUF + 100);
        h.memory.writeInt(IOVS + 12, 5);
        assertEquals(0, h.call("fd_write", fd, IOVS, 2, OUT));
        assertEquals(8, h.i32(OUT));
        assertEquals("abcdefgh", content("iov"));

        h.memory.writeInt(IOVS, BUF + 200);
        h.memory.writeInt(IOVS + 4, 2);
        h.memory.writeInt(IOVS + 8, BUF + 300);
        h.memory.writeInt(IOVS + 12, 10);
        assertEquals(0, h.call("fd_pread", fd, IOVS, 2, 1, OUT));
        assertEquals(7, h.i32(OUT));
        assertEquals("bc", h.string(BUF + 200, 2));
        assertEquals("defgh", h.string(BUF + 300, 5));
    }

    @Test
    void pwriteLeavesTheOffsetAlone() throws IOException {
        int fd = h.openOk(3, "p", OFLAGS_CREAT, FILE_RW, 0);
        assertEquals(0, h.write(fd, "0123456789"));
        h.putString(BUF, "XY");
        h.memory.writeInt(IOVS, BUF);
        h.memory.writeInt(IOVS + 4, 2);
        assertEquals(0, h.call("fd_pwrite", fd, IOVS, 1, 3, OUT));
        assertEquals(2, h.i32(OUT));
        assertEquals(0, h.call("fd_tell", fd, OUT));
        assertEquals(10, h.i64(OUT));
        assertEquals("012XY56789", content("p"));
    }

    @Test
    void appendWritesAtTheEndWhateverTheOffset() throws IOException {
        Files.write(dir.resolve("log"), "first\n".getBytes(StandardCharsets.UTF_8));
        int fd = h.openOk(3, "log", 0, FILE_RW, FDFLAGS_APPEND);
        assertEquals(0, h.call("fd_seek", fd, 0, WHENCE_SET, OUT));
        assertEquals(0, h.write(fd, "second\n"));
        assertEquals("first\nsecond\n", content("log"));
        assertEquals(0, h.call("fd_fdstat_get", fd, STRUCT));
        assertEquals(FDFLAGS_APPEND, h.memory.readShort(STRUCT + 2));

        assertEquals(0, h.call("fd_fdstat_set_flags", fd, 0));
        assertEquals(0, h.call("fd_seek", fd, 0, WHENCE_SET, OUT));
        assertEquals(0, h.write(fd, "F"));
        assertEquals("First\nsecond\n", content("log"));
        assertEquals(EINVAL, h.call("fd_fdstat_set_flags", fd, FDFLAGS_SYNC));
    }

    @Test
    void truncateEmptiesAnExistingFile() throws IOException {
        Files.write(dir.resolve("t"), "old content".getBytes(StandardCharsets.UTF_8));
        int fd = h.openOk(3, "t", OFLAGS_TRUNC, FILE_RW, 0);
        assertEquals("", content("t"));
        assertEquals(0, h.write(fd, "new"));
        assertEquals("new", content("t"));
    }

    @Test
    void exclusiveCreateFailsWhenTheFileExists() throws IOException {
        Files.createFile(dir.resolve("x"));
        assertEquals(EEXIST, h.open(3, "x", OFLAGS_CREAT | OFLAGS_EXCL, FILE_RW, 0));
        assertEquals(0, h.open(3, "y", OFLAGS_CREAT | OFLAGS_EXCL, FILE_RW, 0));
        assertTrue(Files.isRegularFile(dir.resolve("y")));
    }

    @Test
    void missingFileWithoutCreateIsNoent() {
        assertEquals(ENOENT, h.open(3, "missing", 0, FILE_RW, 0));
        assertEquals(ENOENT, h.open(3, "missing/sub", OFLAGS_CREAT, FILE_RW, 0));
        assertEquals(ENOENT, h.open(3, "", 0, FILE_RW, 0));
    }

    @Test
    void directoryFlagRequiresADirectory() throws IOException {
        Files.createFile(dir.resolve("file"));
        Files.createDirectory(dir.resolve("sub"));
        assertEquals(ENOTDIR, h.open(3, "file", OFLAGS_DIRECTORY, FILE_RO, 0));
        assertEquals(ENOTDIR, h.open(3, "file/", 0, FILE_RO, 0));
        int len = h.putString(STR, "sub");
        assertEquals(0, h.call("path_open", 3, 0, STR, len, OFLAGS_DIRECTORY, DIRECTORY_RIGHTS, ALL, 0, OUT));
        int sub = h.i32(OUT);
        assertEquals(0, h.call("fd_fdstat_get", sub, STRUCT));
        assertEquals(FILETYPE_DIRECTORY, h.memory.readByte(STRUCT));
        assertEquals(EINVAL, h.open(3, "sub", OFLAGS_DIRECTORY | OFLAGS_CREAT, FILE_RO, 0));
        assertEquals(EISDIR, h.open(3, "sub", 0, FILE_RW, 0));
        assertEquals(ENOTCAPABLE, h.write(sub, "x"));
        // Paths from the new directory fd resolve inside it.
        int inner = h.openOk(sub, "inner.txt", OFLAGS_CREAT, FILE_RW, 0);
        assertEquals(0, h.write(inner, "in sub"));
        assertEquals("in sub", content("sub/inner.txt"));
    }

    @Test
    void fdstatReportsFiletypeFlagsAndRights() {
        int fd = h.openOk(3, "f", OFLAGS_CREAT, FILE_RO | RIGHT_FD_WRITE, 0);
        assertEquals(0, h.call("fd_fdstat_get", fd, STRUCT));
        assertEquals(FILETYPE_REGULAR_FILE, h.memory.readByte(STRUCT));
        assertEquals(0, h.memory.readShort(STRUCT + 2));
        assertEquals(FILE_RO | RIGHT_FD_WRITE, h.i64(STRUCT + 8));
        assertEquals(0, h.call("fd_fdstat_get", 3, STRUCT));
        assertEquals(FILETYPE_DIRECTORY, h.memory.readByte(STRUCT));
        assertEquals(DIRECTORY_RIGHTS, h.i64(STRUCT + 8));
        assertEquals(DIRECTORY_RIGHTS | FILE_RIGHTS, h.i64(STRUCT + 16));
        assertEquals(0, h.call("fd_fdstat_get", 1, STRUCT));
        assertEquals(FILETYPE_UNKNOWN, h.memory.readByte(STRUCT)); // not a terminal: see below
        assertEquals(EBADF, h.call("fd_fdstat_get", 99, STRUCT));
    }

    @Test
    void standardStreamsAreCharacterDevicesOnlyWhenTerminals() {
        // wasi-libc's isatty() is true only for a character device without seek or tell rights,
        // and C stdio line-buffers only then; wasmtime reports pipes and files as unknown.
        WasiPreview1 terminals = new WasiPreview1(new WasiOptions().stdin(null, true)
                .stdout(new java.io.ByteArrayOutputStream(), false).stderr(new java.io.ByteArrayOutputStream(), true));
        try {
            WasiHarness t = new WasiHarness(terminals);
            int[] expected = {FILETYPE_CHARACTER_DEVICE, FILETYPE_UNKNOWN, FILETYPE_CHARACTER_DEVICE};
            for (int fd = 0; fd < 3; fd++) {
                assertEquals(0, t.call("fd_fdstat_get", fd, STRUCT));
                assertEquals(expected[fd], t.memory.readByte(STRUCT), "filetype of fd " + fd);
                assertEquals(0, t.i64(STRUCT + 8) & (RIGHT_FD_SEEK | RIGHT_FD_TELL), "seek/tell rights of fd " + fd);
                assertEquals(0, t.call("fd_filestat_get", fd, STRUCT));
                assertEquals(expected[fd], t.memory.readByte(STRUCT + 16), "filestat filetype of fd " + fd);
            }
        } finally {
            terminals.close();
        }
    }

    @Test
    void rightsCanBeDroppedButNotRegained() {
        int fd = h.openOk(3, "r", OFLAGS_CREAT, FILE_RW, 0);
        assertEquals(0, h.call("fd_fdstat_set_rights", fd, FILE_RW & ~RIGHT_FD_WRITE, FILE_RW));
        assertEquals(ENOTCAPABLE, h.write(fd, "x"));
        assertEquals(ENOTCAPABLE, h.call("fd_fdstat_set_rights", fd, FILE_RW, FILE_RW));
        assertEquals(0, h.call("fd_fdstat_set_rights", fd, RIGHT_FD_WRITE & 0, 0));
        assertEquals(ENOTCAPABLE, h.call("fd_tell", fd, OUT));
    }

    @Test
    void readOnlyRightsStopWritesOnTheFd() throws IOException {
        Files.write(dir.resolve("ro"), "data".getBytes(StandardCharsets.UTF_8));
        int fd = h.openOk(3, "ro", 0, FILE_RO, 0);
        assertEquals(ENOTCAPABLE, h.write(fd, "x"));
        assertEquals(ENOTCAPABLE, h.call("fd_filestat_set_size", fd, 0));
        assertEquals("data", h.read(fd, 10));
        int wo = h.openOk(3, "ro", 0, RIGHT_FD_WRITE, 0);
        h.memory.writeInt(IOVS, BUF);
        h.memory.writeInt(IOVS + 4, 4);
        assertEquals(ENOTCAPABLE, h.call("fd_read", wo, IOVS, 1, OUT));
    }

    @Test
    void filestatDescribesFilesAndDirectories() throws IOException {
        int fd = h.openOk(3, "s", OFLAGS_CREAT, FILE_RW, 0);
        assertEquals(0, h.write(fd, "12345"));
        assertEquals(0, h.call("fd_filestat_get", fd, STRUCT));
        assertEquals(FILETYPE_REGULAR_FILE, h.memory.readByte(STRUCT + 16));
        assertEquals(5, h.i64(STRUCT + 32));
        assertEquals(1, h.i64(STRUCT + 24));
        long mtim = Files.getLastModifiedTime(dir.resolve("s")).to(TimeUnit.NANOSECONDS);
        assertEquals(mtim, h.i64(STRUCT + 48));
        assertTrue(h.i64(STRUCT + 8) != 0, "inode");

        int len = h.putString(STR, "s");
        assertEquals(0, h.call("path_filestat_get", 3, LOOKUPFLAGS_SYMLINK_FOLLOW, STR, len, STRUCT));
        assertEquals(5, h.i64(STRUCT + 32));
        len = h.putString(STR, ".");
        assertEquals(0, h.call("path_filestat_get", 3, 0, STR, len, STRUCT));
        assertEquals(FILETYPE_DIRECTORY, h.memory.readByte(STRUCT + 16));
        len = h.putString(STR, "nope");
        assertEquals(ENOENT, h.call("path_filestat_get", 3, 0, STR, len, STRUCT));
    }

    @Test
    void setSizeTruncatesAndExtends() throws IOException {
        int fd = h.openOk(3, "z", OFLAGS_CREAT, FILE_RW, 0);
        assertEquals(0, h.write(fd, "abcdef"));
        assertEquals(0, h.call("fd_filestat_set_size", fd, 3));
        assertEquals("abc", content("z"));
        assertEquals(0, h.call("fd_filestat_set_size", fd, 5));
        assertArrayEquals(new byte[] {'a', 'b', 'c', 0, 0}, Files.readAllBytes(dir.resolve("z")));
        assertEquals(0, h.call("fd_allocate", fd, 0, 8));
        assertEquals(8, Files.size(dir.resolve("z")));
        assertEquals(0, h.call("fd_allocate", fd, 0, 2));
        assertEquals(8, Files.size(dir.resolve("z")));
    }

    @Test
    void setTimesUsesNanosecondsAndNow() throws IOException {
        int fd = h.openOk(3, "time", OFLAGS_CREAT, FILE_RW, 0);
        long atim = 1_600_000_000_123_456_000L;
        long mtim = 1_500_000_000_987_654_000L;
        assertEquals(0, h.call("fd_filestat_set_times", fd, atim, mtim, FSTFLAGS_ATIM | FSTFLAGS_MTIM));
        assertEquals(mtim, Files.getLastModifiedTime(dir.resolve("time")).to(TimeUnit.NANOSECONDS));
        assertEquals(0, h.call("fd_filestat_get", fd, STRUCT));
        assertEquals(atim, h.i64(STRUCT + 40));
        assertEquals(mtim, h.i64(STRUCT + 48));

        assertEquals(EINVAL, h.call("fd_filestat_set_times", fd, 0, 0, FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW));
        int len = h.putString(STR, "time");
        assertEquals(0, h.call("path_filestat_set_times", 3, 0, STR, len, 0, 0, FSTFLAGS_MTIM_NOW));
        long now = System.currentTimeMillis();
        long set = Files.getLastModifiedTime(dir.resolve("time")).toMillis();
        assertTrue(Math.abs(now - set) < 10_000, "mtime set to now");
    }

    @Test
    void readdirListsDotDotDotAndEntriesWithCookies() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        Files.write(dir.resolve("a.txt"), new byte[3]);
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("a.txt").getFileName());
        List<String> names = new ArrayList<String>();
        List<Integer> types = new ArrayList<Integer>();
        long cookie = 0;
        // A buffer that holds about one entry at a time exercises cookies and truncation.
        int bufLen = 40;
        while (true) {
            assertEquals(0, h.call("fd_readdir", 3, BUF, bufLen, cookie, OUT));
            int used = h.i32(OUT);
            int at = 0;
            boolean truncated = false;
            while (at < used) {
                if (used - at < DIRENT_SIZE) {
                    truncated = true;
                    break;
                }
                long next = h.i64(BUF + at);
                int namlen = h.i32(BUF + at + 16);
                if (used - at < DIRENT_SIZE + namlen) {
                    truncated = true;
                    break;
                }
                names.add(h.string(BUF + at + DIRENT_SIZE, namlen));
                types.add((int) h.memory.readByte(BUF + at + 20));
                cookie = next;
                at += DIRENT_SIZE + namlen;
            }
            if (used < bufLen && !truncated) {
                break;
            }
            assertTrue(at > 0, "entry larger than the buffer");
        }
        assertEquals(java.util.Arrays.asList(".", "..", "a.txt", "link", "sub"), names);
        assertEquals(java.util.Arrays.asList(FILETYPE_DIRECTORY, FILETYPE_DIRECTORY, FILETYPE_REGULAR_FILE,
                FILETYPE_SYMBOLIC_LINK, FILETYPE_DIRECTORY), types);

        // Resuming from a cookie gives the same entry again.
        assertEquals(0, h.call("fd_readdir", 3, BUF, 1000, 3, OUT));
        assertEquals("link", h.string(BUF + DIRENT_SIZE, 4));
        assertEquals(4, h.i64(BUF));
        // Past the end: nothing.
        assertEquals(0, h.call("fd_readdir", 3, BUF, 1000, 99, OUT));
        assertEquals(0, h.i32(OUT));
    }

    @Test
    void readdirNeedsADirectory() {
        int fd = h.openOk(3, "f", OFLAGS_CREAT, FILE_RW, 0);
        assertEquals(ENOTCAPABLE, h.call("fd_readdir", fd, BUF, 100, 0, OUT));
        assertEquals(EBADF, h.call("fd_readdir", 77, BUF, 100, 0, OUT));
    }

    @Test
    void directoriesAreCreatedAndRemoved() throws IOException {
        assertEquals(0, h.pathCall("path_create_directory", 3, "d"));
        assertTrue(Files.isDirectory(dir.resolve("d")));
        assertEquals(EEXIST, h.pathCall("path_create_directory", 3, "d"));
        assertEquals(0, h.pathCall("path_create_directory", 3, "d/e/"));
        assertEquals(ENOTEMPTY, h.pathCall("path_remove_directory", 3, "d"));
        assertEquals(EISDIR, h.pathCall("path_unlink_file", 3, "d/e"));
        assertEquals(0, h.pathCall("path_remove_directory", 3, "d/e"));
        assertEquals(0, h.pathCall("path_remove_directory", 3, "d"));
        assertFalse(Files.exists(dir.resolve("d")));
        assertEquals(ENOENT, h.pathCall("path_remove_directory", 3, "d"));
        assertEquals(EBUSY, h.pathCall("path_remove_directory", 3, "."));
    }

    @Test
    void filesAreUnlinked() throws IOException {
        Files.createFile(dir.resolve("f"));
        Files.createDirectory(dir.resolve("d"));
        assertEquals(ENOTDIR, h.pathCall("path_remove_directory", 3, "f"));
        assertEquals(0, h.pathCall("path_unlink_file", 3, "f"));
        assertFalse(Files.exists(dir.resolve("f")));
        assertEquals(ENOENT, h.pathCall("path_unlink_file", 3, "f"));
    }

    @Test
    void renameMovesAndReplaces() throws IOException {
        Files.write(dir.resolve("a"), "A".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("b"), "B".getBytes(StandardCharsets.UTF_8));
        Files.createDirectory(dir.resolve("d"));
        assertEquals(0, rename("a", "d/a2"));
        assertEquals("A", content("d/a2"));
        assertEquals(0, rename("d/a2", "b"));
        assertEquals("A", content("b"));
        assertFalse(Files.exists(dir.resolve("d/a2")));
        assertEquals(EISDIR, rename("b", "d"));
        assertEquals(ENOENT, rename("nothing", "x"));
    }

    private int rename(String from, String to) {
        int l1 = h.putString(STR, from);
        int l2 = h.putString(STR2, to);
        return h.call("path_rename", 3, STR, l1, 3, STR2, l2);
    }

    @Test
    void symlinksAreCreatedReadAndFollowed() throws IOException {
        Files.write(dir.resolve("target.txt"), "via link".getBytes(StandardCharsets.UTF_8));
        int l1 = h.putString(STR2, "target.txt");
        int l2 = h.putString(STR, "ln");
        assertEquals(0, h.call("path_symlink", STR2, l1, 3, STR, l2));
        assertTrue(Files.isSymbolicLink(dir.resolve("ln")));
        assertEquals(EEXIST, h.call("path_symlink", STR2, l1, 3, STR, l2));

        assertEquals(0, h.call("path_readlink", 3, STR, l2, BUF, 100, OUT));
        assertEquals("target.txt", h.string(BUF, h.i32(OUT)));
        assertEquals(0, h.call("path_readlink", 3, STR, l2, BUF, 4, OUT));
        assertEquals(4, h.i32(OUT));

        int fd = h.openOk(3, "ln", 0, FILE_RO, 0);
        assertEquals("via link", h.read(fd, 100));
        assertEquals(ELOOP, h.openNoFollow(3, "ln", 0, FILE_RO));

        int len = h.putString(STR, "ln");
        assertEquals(0, h.call("path_filestat_get", 3, 0, STR, len, STRUCT));
        assertEquals(FILETYPE_SYMBOLIC_LINK, h.memory.readByte(STRUCT + 16));
        assertEquals(0, h.call("path_filestat_get", 3, LOOKUPFLAGS_SYMLINK_FOLLOW, STR, len, STRUCT));
        assertEquals(FILETYPE_REGULAR_FILE, h.memory.readByte(STRUCT + 16));
        len = h.putString(STR, "target.txt");
        assertEquals(EINVAL, h.call("path_readlink", 3, STR, len, BUF, 100, OUT));

        assertEquals(0, h.pathCall("path_unlink_file", 3, "ln"));
        assertTrue(Files.exists(dir.resolve("target.txt")), "unlink removes the link, not the target");
    }

    @Test
    void symlinkLoopsAreEloop() throws IOException {
        Files.createSymbolicLink(dir.resolve("loop1"), dir.getFileSystem().getPath("loop2"));
        Files.createSymbolicLink(dir.resolve("loop2"), dir.getFileSystem().getPath("loop1"));
        assertEquals(ELOOP, h.open(3, "loop1", 0, FILE_RO, 0));
    }

    @Test
    void hardLinksShareContent() throws IOException {
        Files.write(dir.resolve("orig"), "same".getBytes(StandardCharsets.UTF_8));
        int l1 = h.putString(STR, "orig");
        int l2 = h.putString(STR2, "copy");
        assertEquals(0, h.call("path_link", 3, 0, STR, l1, 3, STR2, l2));
        assertEquals("same", content("copy"));
        assertEquals(EEXIST, h.call("path_link", 3, 0, STR, l1, 3, STR2, l2));
        assertEquals(0, h.call("path_filestat_get", 3, 0, STR, l1, STRUCT));
        assertEquals(2, h.i64(STRUCT + 24));
    }

    @Test
    void setTimesKeepsNanosecondsExactlyOnFilesAndOnASymlinkItself() throws IOException {
        long atim = 1_600_000_000_123_456_789L;
        long mtim = 1_500_000_000_987_654_321L;
        Files.write(dir.resolve("target"), new byte[] {1});
        int len = h.putString(STR, "target");
        assertEquals(0, h.call("path_filestat_set_times", 3, LOOKUPFLAGS_SYMLINK_FOLLOW, STR, len, atim, mtim,
                FSTFLAGS_ATIM | FSTFLAGS_MTIM));
        assertEquals(0, h.call("path_filestat_get", 3, 0, STR, len, STRUCT));
        assertEquals(atim, h.i64(STRUCT + 40));
        assertEquals(mtim, h.i64(STRUCT + 48));

        int l1 = h.putString(STR2, "target");
        int l2 = h.putString(STR, "link");
        assertEquals(0, h.call("path_symlink", STR2, l1, 3, STR, l2));
        // In the future: with relatime, the kernel itself moves a past access time to now when the
        // link is next read (resolving it reads it), which would hide what was set.
        long linkAtimSeconds = System.currentTimeMillis() / 1000 + 100_000_000L;
        long linkAtim = linkAtimSeconds * 1_000_000_000L + 7;
        long linkMtim = 1_300_000_000_111_111_111L;
        // No follow flag: the link's own times, the target's untouched.
        assertEquals(0, h.call("path_filestat_set_times", 3, 0, STR, l2, linkAtim, linkMtim, FSTFLAGS_ATIM | FSTFLAGS_MTIM));
        assertEquals(0, h.call("path_filestat_get", 3, 0, STR, l2, STRUCT));
        assertEquals(7, h.memory.readByte(STRUCT + 16), "a symbolic link");
        assertEquals(linkMtim, h.i64(STRUCT + 48));
        assertEquals(linkAtim, h.i64(STRUCT + 40));
        // The same as stat(1) sees them.
        assertEquals(linkAtimSeconds + ".000000007 1300000000.111111111", linkTimes(dir.resolve("link")));
        assertEquals(mtim, Files.getLastModifiedTime(dir.resolve("target")).to(TimeUnit.NANOSECONDS));
        // Only the modification time: the access time stays as set.
        assertEquals(0, h.call("path_filestat_set_times", 3, 0, STR, l2, 0, 5_000_000_001L, FSTFLAGS_MTIM));
        assertEquals(linkAtimSeconds + ".000000007 5.000000001", linkTimes(dir.resolve("link")));
    }

    /** A symlink's own access and modification times, seconds.nanoseconds, as stat(1) prints them. */
    private static String linkTimes(Path link) throws IOException {
        Process p = new ProcessBuilder("stat", "-c", "%.9X %.9Y", link.toString()).redirectErrorStream(true).start();
        String out = new String(readAll(p.getInputStream()), StandardCharsets.UTF_8).trim();
        try {
            assertEquals(0, p.waitFor(), out);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static byte[] readAll(java.io.InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] b = new byte[256];
        for (int n; (n = in.read(b)) > 0;) {
            out.write(b, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void renumberMovesAnFdOntoAnother() throws IOException {
        int a = h.openOk(3, "a", OFLAGS_CREAT, FILE_RW, 0);
        int b = h.openOk(3, "b", OFLAGS_CREAT, FILE_RW, 0);
        assertEquals(0, h.call("fd_renumber", a, b));
        assertEquals(0, h.write(b, "to a"));
        assertEquals("to a", content("a"));
        assertEquals(EBADF, h.write(a, "x"));
        assertEquals(EBADF, h.call("fd_renumber", a, b));
        assertEquals(EBADF, h.call("fd_renumber", b, -1));
    }

    @Test
    void renumberOntoAClosedFdIsEbadfAndChangesNothing() throws IOException {
        int a = h.openOk(3, "a", OFLAGS_CREAT, FILE_RW, 0);
        assertEquals(EBADF, h.call("fd_renumber", a, 40), "40 was never open");
        int b = h.openOk(3, "b", OFLAGS_CREAT, FILE_RW, 0);
        assertEquals(0, h.call("fd_close", b));
        assertEquals(EBADF, h.call("fd_renumber", a, b), "b was closed");
        assertEquals(0, h.write(a, "still here"), "the source stays open where it was");
        assertEquals("still here", content("a"));
        assertEquals(EBADF, h.write(40, "x"));
        assertEquals(EBADF, h.write(b, "x"));
    }

    @Test
    void closeReleasesFdsForReuse() {
        int a = h.openOk(3, "a", OFLAGS_CREAT, FILE_RW, 0);
        assertEquals(0, h.call("fd_close", a));
        assertEquals(a, h.openOk(3, "a", 0, FILE_RW, 0));
    }

    @Test
    void syncAdviseAndDatasyncSucceedOnFiles() {
        int fd = h.openOk(3, "s", OFLAGS_CREAT, FILE_RW, 0);
        assertEquals(0, h.call("fd_sync", fd));
        assertEquals(0, h.call("fd_datasync", fd));
        assertEquals(0, h.call("fd_advise", fd, 0, 100, 2));
        assertEquals(EINVAL, h.call("fd_advise", fd, 0, 100, 6));
    }

    @Test
    void invalidUtf8PathIsEilseq() {
        h.memory.writeByte(STR, (byte) 0xC3);
        h.memory.writeByte(STR + 1, (byte) 0x28);
        assertEquals(EILSEQ, h.call("path_open", 3, 0, STR, 2, 0, FILE_RO, FILE_RO, 0, OUT));
    }

    @Test
    void closeOfTheWholeInstanceClosesFiles() throws IOException {
        int fd = h.openOk(3, "c", OFLAGS_CREAT, FILE_RW, 0);
        wasi.close();
        assertEquals(EBADF, h.write(fd, "x"));
        assertTrue(wasi.closeFailures().isEmpty());
        assertEquals(0, Files.size(dir.resolve("c")));
        FileTime unused = Files.getLastModifiedTime(dir.resolve("c"));
        assertTrue(unused.toMillis() > 0);
    }
}
