package dev.weir.hal.wasi;

import static dev.weir.hal.wasi.Preview1.*;
import static dev.weir.hal.wasi.WasiHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error cases of preview1 functions, one test per function group, checked against the
 * specification's text (WASI preview1 witx: which errno each failure is) and POSIX, whose
 * errors preview1 adopts: what programs tested on other runtimes expect.
 */
class WasiErrorCasesTest {
    @TempDir
    Path dir;
    WasiPreview1 wasi;
    WasiHarness h;

    @BeforeEach
    void setUp() throws IOException {
        Files.write(dir.resolve("file"), new byte[] {1, 2, 3});
        Files.createDirectory(dir.resolve("sub"));
        Files.write(dir.resolve("sub/inner"), new byte[] {4});
        Files.createDirectory(dir.resolve("empty"));
        wasi = new WasiPreview1(new WasiOptions().preopen(dir, "/data", false));
        h = new WasiHarness(wasi);
    }

    @AfterEach
    void tearDown() {
        wasi.close();
    }

    private int path2(String name, int fd1, String a, int fd2, String b) {
        int la = h.putString(STR, a);
        int lb = h.putString(STR2, b);
        return (int) h.call(name, fd1, STR, la, fd2, STR2, lb);
    }

    @Test
    void pathOpenErrors() {
        assertEquals(ENOENT, h.open(3, "missing", 0, FILE_RW, 0), "no such file");
        assertEquals(ENOENT, h.open(3, "missing/x", OFLAGS_CREAT, FILE_RW, 0), "no such parent");
        assertEquals(EEXIST, h.open(3, "file", OFLAGS_CREAT | OFLAGS_EXCL, FILE_RW, 0), "creat|excl on a file");
        assertEquals(ENOTDIR, h.open(3, "file", OFLAGS_DIRECTORY, FILE_RW, 0), "directory flag on a file");
        assertEquals(ENOTDIR, h.open(3, "file/", 0, FILE_RW, 0), "trailing slash on a file");
        assertEquals(ENOTDIR, h.open(3, "file/x", 0, FILE_RW, 0), "a file as a directory");
        assertEquals(EBADF, h.open(40, "file", 0, FILE_RW, 0), "no such fd");
        int f = h.openOk(3, "file", 0, FILE_RW, 0);
        assertEquals(ENOTDIR, h.open(f, "x", 0, FILE_RW, 0), "a file fd as the directory");
    }

    @Test
    void directoryRemovalAndUnlinkErrors() {
        assertEquals(ENOENT, h.pathCall("path_remove_directory", 3, "missing"));
        assertEquals(ENOTDIR, h.pathCall("path_remove_directory", 3, "file"));
        assertEquals(ENOTEMPTY, h.pathCall("path_remove_directory", 3, "sub"));
        assertEquals(ENOENT, h.pathCall("path_unlink_file", 3, "missing"));
        assertEquals(EISDIR, h.pathCall("path_unlink_file", 3, "sub"));
        assertEquals(ENOTDIR, h.pathCall("path_unlink_file", 3, "file/"));
        assertEquals(EEXIST, h.pathCall("path_create_directory", 3, "sub"));
        assertEquals(EEXIST, h.pathCall("path_create_directory", 3, "file"));
        assertEquals(ENOENT, h.pathCall("path_create_directory", 3, "missing/x"));
    }

    @Test
    void renameErrors() {
        assertEquals(ENOENT, path2("path_rename", 3, "missing", 3, "x"));
        assertEquals(EISDIR, path2("path_rename", 3, "file", 3, "empty"), "a file onto a directory");
        assertEquals(ENOTDIR, path2("path_rename", 3, "empty", 3, "file"), "a directory onto a file");
        assertEquals(ENOTEMPTY, path2("path_rename", 3, "empty", 3, "sub"), "onto a directory not empty");
        assertEquals(ENOENT, path2("path_rename", 3, "file", 3, "missing/x"));
        assertEquals(0, path2("path_rename", 3, "empty", 3, "empty2"), "a directory to a new name");
    }

    @Test
    void linkAndSymlinkErrors() {
        int la = h.putString(STR, "file");
        int lb = h.putString(STR2, "sub");
        assertEquals(EEXIST, (int) h.call("path_link", 3, 0, STR, la, 3, STR2, lb), "link onto an existing name");
        la = h.putString(STR, "sub");
        lb = h.putString(STR2, "sublink");
        assertEquals(EPERM, (int) h.call("path_link", 3, 0, STR, la, 3, STR2, lb), "hard link to a directory");
        la = h.putString(STR, "missing");
        assertEquals(ENOENT, (int) h.call("path_link", 3, 0, STR, la, 3, STR2, lb));
        // path_symlink(old_path, fd, new_path)
        la = h.putString(STR, "file");
        lb = h.putString(STR2, "file");
        assertEquals(EEXIST, (int) h.call("path_symlink", STR, la, 3, STR2, lb));
        la = h.putString(STR, "file");
        assertEquals(EINVAL, (int) h.call("path_readlink", 3, STR, la, BUF, 100, OUT), "readlink of a file");
        la = h.putString(STR, "missing");
        assertEquals(ENOENT, (int) h.call("path_readlink", 3, STR, la, BUF, 100, OUT));
    }

    @Test
    void fdErrorsOnDirectoriesAndClosedFds() {
        int d = h.openDir(3, "sub");
        h.memory.writeInt(IOVS, BUF);
        h.memory.writeInt(IOVS + 4, 10);
        // A directory descriptor has no fd_read or fd_write right (preview1's rights; node's
        // uvwasi answers the same): ENOTCAPABLE, where POSIX read(2) would say EISDIR.
        assertEquals(ENOTCAPABLE, (int) h.call("fd_read", d, IOVS, 1, OUT), "read of a directory");
        assertEquals(ENOTCAPABLE, (int) h.call("fd_write", d, IOVS, 1, OUT), "write to a directory");
        int f = h.openOk(3, "file", 0, FILE_RW, 0);
        assertEquals(ENOTCAPABLE, (int) h.call("fd_readdir", f, BUF, 100, 0, OUT), "readdir of a file: no such right");
        assertEquals(EINVAL, (int) h.call("fd_seek", f, -10, WHENCE_SET, OUT), "seek before the start");
        assertEquals(EINVAL, (int) h.call("fd_seek", f, 0, 7, OUT), "no such whence");
        assertEquals(ESPIPE, (int) h.call("fd_seek", 1, 0, WHENCE_SET, OUT), "stdout is no file");
        assertEquals(EINVAL, (int) h.call("fd_advise", f, 0, 0, 9), "no such advice");
        assertEquals(0, (int) h.call("fd_close", f));
        assertEquals(EBADF, (int) h.call("fd_close", f), "closed twice");
        assertEquals(EBADF, (int) h.call("fd_fdstat_get", f, STRUCT));
        assertEquals(EBADF, (int) h.call("fd_filestat_get", f, STRUCT));
        assertEquals(EBADF, (int) h.call("fd_prestat_get", 1, STRUCT), "stdout is no preopen");
        assertEquals(EBADF, (int) h.call("fd_sync", 40));
    }

    @Test
    void clockAndPollErrors() {
        assertEquals(EINVAL, (int) h.call("clock_time_get", 9, 0, OUT), "no such clock");
        assertEquals(EINVAL, (int) h.call("clock_res_get", 9, OUT), "no such clock");
        assertEquals(EINVAL, (int) h.call("poll_oneoff", IOVS, BUF, 0, OUT), "no subscriptions");
    }
}
