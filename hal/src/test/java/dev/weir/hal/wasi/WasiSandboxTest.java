package dev.weir.hal.wasi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;

import static dev.weir.hal.wasi.Preview1.*;
import static dev.weir.hal.wasi.WasiHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way out of a preopen we know of is refused; a read-only preopen changes nothing. */
class WasiSandboxTest {
    @TempDir
    Path root;
    Path sandbox;
    Path outside;
    WasiPreview1 wasi;
    WasiHarness h;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = Files.createDirectory(root.resolve("sandbox"));
        outside = Files.createDirectory(root.resolve("outside"));
        Files.write(outside.resolve("secret"), "secret".getBytes(StandardCharsets.UTF_8));
        Files.createDirectory(sandbox.resolve("a"));
        Files.write(sandbox.resolve("inside"), "inside".getBytes(StandardCharsets.UTF_8));
        wasi = new WasiPreview1(new WasiOptions().preopen(sandbox, "/sandbox", false));
        h = new WasiHarness(wasi);
    }

    @AfterEach
    void tearDown() {
        wasi.close();
    }

    @Test
    void absolutePathIsRefused() {
        assertEquals(ENOTCAPABLE, h.open(3, outside.resolve("secret").toString(), 0, FILE_RO, 0));
        assertEquals(ENOTCAPABLE, h.open(3, "/etc/passwd", 0, FILE_RO, 0));
    }

    @Test
    void dotDotAtTheRootIsRefused() {
        assertEquals(ENOTCAPABLE, h.open(3, "../outside/secret", 0, FILE_RO, 0));
        assertEquals(ENOTCAPABLE, h.open(3, "..", OFLAGS_DIRECTORY, FILE_RO, 0));
        assertEquals(ENOTCAPABLE, h.open(3, "../outside/new", OFLAGS_CREAT, FILE_RW, 0));
        assertFalse(Files.exists(outside.resolve("new")));
    }

    @Test
    void dotDotThroughASubdirectoryIsRefused() {
        assertEquals(ENOTCAPABLE, h.open(3, "a/../../outside/secret", 0, FILE_RO, 0));
        // Staying inside is fine.
        assertEquals(0, h.open(3, "a/../inside", 0, FILE_RO, 0));
    }

    @Test
    void dotDotAboveAnOpenedSubdirectoryIsRefused() {
        int a = h.openDir(3, "a");
        // A directory fd is a capability of its own: its parent is not part of it.
        assertEquals(ENOTCAPABLE, h.open(a, "../inside", 0, FILE_RO, 0));
        assertEquals(ENOENT, h.open(a, "inside", 0, FILE_RO, 0));
    }

    @Test
    void symlinkToAnAbsoluteDirectoryIsRefused() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("etc"), Paths.get("/etc"));
        assertEquals(ENOTCAPABLE, h.open(3, "etc/passwd", 0, FILE_RO, 0));
        assertEquals(ENOTCAPABLE, h.open(3, "etc", OFLAGS_DIRECTORY, FILE_RO, 0));
        int len = h.putString(STR, "etc/hostname");
        assertEquals(ENOTCAPABLE, h.call("path_filestat_get", 3, LOOKUPFLAGS_SYMLINK_FOLLOW, STR, len, STRUCT));
        // Links before the last component are always followed, so not following changes nothing.
        assertEquals(ENOTCAPABLE, h.call("path_filestat_get", 3, 0, STR, len, STRUCT));
        assertEquals(ENOTCAPABLE, h.pathCall("path_unlink_file", 3, "etc/hostname"));
    }

    @Test
    void symlinkChainLeadingOutIsRefused() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("first"), Paths.get("a/second"));
        Files.createSymbolicLink(sandbox.resolve("a/second"), Paths.get("third"));
        Files.createSymbolicLink(sandbox.resolve("a/third"), Paths.get("../../outside/secret"));
        assertEquals(ENOTCAPABLE, h.open(3, "first", 0, FILE_RO, 0));
        // Chains that stay inside resolve.
        Files.createSymbolicLink(sandbox.resolve("a/fourth"), Paths.get("../inside"));
        Files.createSymbolicLink(sandbox.resolve("fifth"), Paths.get("a/fourth"));
        int fd = h.openOk(3, "fifth", 0, FILE_RO, 0);
        assertEquals("inside", h.read(fd, 100));
    }

    @Test
    void symlinkToTheParentDirectoryIsRefused() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("up"), Paths.get(".."));
        assertEquals(ENOTCAPABLE, h.open(3, "up/outside/secret", 0, FILE_RO, 0));
        assertEquals(ENOTCAPABLE, h.open(3, "up", OFLAGS_DIRECTORY, FILE_RO, 0));
        // Not following the final link looks at the link itself, which is inside.
        int len = h.putString(STR, "up");
        assertEquals(0, h.call("path_filestat_get", 3, 0, STR, len, STRUCT));
        assertEquals(FILETYPE_SYMBOLIC_LINK, h.memory.readByte(STRUCT + 16));
    }

    @Test
    void symlinkInTheLastComponentIsCheckedWhenFollowed() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("leak"), outside.resolve("secret"));
        assertEquals(ENOTCAPABLE, h.open(3, "leak", 0, FILE_RO, 0));
        assertEquals(ENOTCAPABLE, h.open(3, "leak", OFLAGS_CREAT, FILE_RW, 0));
        assertEquals(ENOTCAPABLE, h.open(3, "leak", OFLAGS_TRUNC, FILE_RW, 0));
        assertEquals("secret", new String(Files.readAllBytes(outside.resolve("secret")), StandardCharsets.UTF_8));
        // Not following opens nothing either: a link is not a file (O_NOFOLLOW gives ELOOP).
        assertEquals(ELOOP, h.openNoFollow(3, "leak", 0, FILE_RO));
    }

    @Test
    void danglingSymlinkOutIsNotCreatedThrough() throws IOException {
        Files.createSymbolicLink(sandbox.resolve("plant"), outside.resolve("planted"));
        assertEquals(ENOTCAPABLE, h.open(3, "plant", OFLAGS_CREAT, FILE_RW, 0));
        assertFalse(Files.exists(outside.resolve("planted")));
    }

    @Test
    void hardLinkOutIsRefused() throws IOException {
        int l1 = h.putString(STR, "inside");
        int l2 = h.putString(STR2, "../outside/linked");
        assertEquals(ENOTCAPABLE, h.call("path_link", 3, 0, STR, l1, 3, STR2, l2));
        assertFalse(Files.exists(outside.resolve("linked")));
        // Nor can a hard link pull an outside file in, through a symbolic link.
        Files.createSymbolicLink(sandbox.resolve("toSecret"), outside.resolve("secret"));
        l1 = h.putString(STR, "toSecret");
        l2 = h.putString(STR2, "stolen");
        assertEquals(ENOTCAPABLE, h.call("path_link", 3, LOOKUPFLAGS_SYMLINK_FOLLOW, STR, l1, 3, STR2, l2));
        assertFalse(Files.exists(sandbox.resolve("stolen")));
        l1 = h.putString(STR, "../outside/secret");
        assertEquals(ENOTCAPABLE, h.call("path_link", 3, 0, STR, l1, 3, STR2, l2));
    }

    @Test
    void renameOutIsRefused() {
        int l1 = h.putString(STR, "inside");
        int l2 = h.putString(STR2, "../outside/moved");
        assertEquals(ENOTCAPABLE, h.call("path_rename", 3, STR, l1, 3, STR2, l2));
        assertTrue(Files.exists(sandbox.resolve("inside")));
        l1 = h.putString(STR, "../outside/secret");
        l2 = h.putString(STR2, "moved-in");
        assertEquals(ENOTCAPABLE, h.call("path_rename", 3, STR, l1, 3, STR2, l2));
        assertTrue(Files.exists(outside.resolve("secret")));
    }

    private int rename(WasiHarness w, int fd, String from, String to) {
        int l1 = w.putString(STR, from);
        int l2 = w.putString(STR2, to);
        return w.call("path_rename", fd, STR, l1, fd, STR2, l2);
    }

    private int symlink(WasiHarness w, int fd, String target, String name) {
        int l1 = w.putString(STR2, target);
        int l2 = w.putString(STR, name);
        return w.call("path_symlink", STR2, l1, fd, STR, l2);
    }

    @Test
    void linkPlantedWhereAnOpenDirectoryWasIsNotFollowed() throws IOException {
        int a = h.openDir(3, "a");
        assertEquals(0, rename(h, 3, "a", "b"));
        assertEquals(0, symlink(h, 3, "../outside", "a"));
        // The fd moved with its directory: it still names b, never the link now called a.
        assertEquals(ENOENT, h.open(a, "secret", 0, FILE_RO, 0));
        assertEquals(0, h.open(a, "made-in-b", OFLAGS_CREAT, FILE_RW, 0));
        assertTrue(Files.exists(sandbox.resolve("b/made-in-b")));
        assertFalse(Files.exists(outside.resolve("made-in-b")));
    }

    @Test
    void linkPlantedWhereAnOpenFileWasIsNotFollowed() throws IOException {
        Files.write(sandbox.resolve("a/f"), new byte[1]);
        Files.write(outside.resolve("f"), new byte[1]);
        FileTime before = Files.getLastModifiedTime(outside.resolve("f"));
        int f = h.openOk(3, "a/f", 0, FILE_RW, 0);
        assertEquals(0, rename(h, 3, "a", "b"));
        assertEquals(0, symlink(h, 3, "../outside", "a"));
        assertEquals(0, h.call("fd_filestat_set_times", f, 0, 1_000_000_000L, FSTFLAGS_MTIM));
        assertEquals(before, Files.getLastModifiedTime(outside.resolve("f")));
        assertEquals(1, Files.getLastModifiedTime(sandbox.resolve("b/f")).toMillis() / 1000);
    }

    @Test
    void nestedPreopenReplacedByALinkIsRefused() throws IOException {
        WasiPreview1 two = new WasiPreview1(new WasiOptions().preopen(sandbox, "/s", false)
                .preopen(sandbox.resolve("a"), "/a", false));
        WasiHarness w = new WasiHarness(two);
        assertEquals(0, rename(w, 3, "a", "b"));
        assertEquals(0, symlink(w, 3, "../outside", "a"));
        assertEquals(ENOTCAPABLE, w.open(4, "secret", 0, FILE_RO, 0));
        assertEquals(ENOTCAPABLE, w.call("fd_readdir", 4, BUF, 1000, 0, OUT));
        assertEquals(ENOTCAPABLE, w.call("fd_filestat_get", 4, STRUCT));
        two.close();
    }

    @Test
    void readlinkOfAnOutsideTargetReturnsTheTextButOpenFails() throws IOException {
        String target = outside.resolve("secret").toString();
        Files.createSymbolicLink(sandbox.resolve("pointer"), Paths.get(target));
        int len = h.putString(STR, "pointer");
        assertEquals(0, h.call("path_readlink", 3, STR, len, BUF, 1000, OUT));
        assertEquals(target, h.string(BUF, h.i32(OUT)));
        assertEquals(ENOTCAPABLE, h.open(3, "pointer", 0, FILE_RO, 0));
    }

    @Test
    void symlinkWithAnAbsoluteTargetIsNotCreated() {
        int l1 = h.putString(STR2, "/etc/passwd");
        int l2 = h.putString(STR, "abs");
        assertEquals(ENOTCAPABLE, h.call("path_symlink", STR2, l1, 3, STR, l2));
        assertFalse(Files.exists(sandbox.resolve("abs"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void pathFunctionsAllApplyTheSameRules() {
        assertEquals(ENOTCAPABLE, h.pathCall("path_create_directory", 3, "../outside/d"));
        assertEquals(ENOTCAPABLE, h.pathCall("path_unlink_file", 3, "../outside/secret"));
        assertEquals(ENOTCAPABLE, h.pathCall("path_remove_directory", 3, "../outside"));
        assertEquals(ENOTCAPABLE, h.pathCall("path_create_directory", 3, "/tmp/x"));
        int len = h.putString(STR, "../outside/secret");
        assertEquals(ENOTCAPABLE, h.call("path_filestat_get", 3, 0, STR, len, STRUCT));
        assertEquals(ENOTCAPABLE, h.call("path_filestat_set_times", 3, 0, STR, len, 0, 0, FSTFLAGS_MTIM_NOW));
        assertEquals(ENOTCAPABLE, h.call("path_readlink", 3, STR, len, BUF, 100, OUT));
        assertTrue(Files.exists(outside.resolve("secret")));
    }

    @Test
    void nothingIsVisibleWithoutAGrant() {
        WasiPreview1 bare = new WasiPreview1(new WasiOptions());
        WasiHarness b = new WasiHarness(bare);
        assertEquals(EBADF, b.call("fd_prestat_get", 3, STRUCT));
        assertEquals(EBADF, b.open(3, "anything", 0, FILE_RO, 0));
        assertEquals(0, b.call("args_sizes_get", OUT, OUT + 4));
        assertEquals(0, b.i32(OUT));
        assertEquals(0, b.i32(OUT + 4));
        assertEquals(0, b.call("environ_sizes_get", OUT, OUT + 4));
        assertEquals(0, b.i32(OUT));
        assertEquals(EBADF, b.open(1, "x", 0, FILE_RO, 0));
        bare.close();
    }

    @Test
    void readOnlyPreopenAllowsReadingOnly() throws IOException {
        WasiPreview1 ro = new WasiPreview1(new WasiOptions().preopen(sandbox, "/ro", true));
        WasiHarness r = new WasiHarness(ro);
        int fd = r.openOk(3, "inside", 0, FILE_RO, 0);
        assertEquals("inside", r.read(fd, 100));
        assertEquals(ENOTCAPABLE, r.write(fd, "x"));
        assertEquals(0, r.call("fd_fdstat_get", fd, STRUCT));
        assertEquals(0, r.i64(STRUCT + 8) & FILE_WRITE_RIGHTS, "no write right on the fd");
        assertEquals(0, r.call("fd_fdstat_get", 3, STRUCT));
        assertEquals(0, r.i64(STRUCT + 8) & DIRECTORY_WRITE_RIGHTS, "no write right on the preopen");
        assertEquals(ENOTCAPABLE, r.open(3, "inside", 0, RIGHT_FD_WRITE, 0));

        assertEquals(ENOTCAPABLE, r.open(3, "inside", 0, FILE_RW, 0));
        assertEquals(ENOTCAPABLE, r.open(3, "new", OFLAGS_CREAT, FILE_RW, 0));
        assertEquals(ENOTCAPABLE, r.open(3, "new", OFLAGS_CREAT, FILE_RO, 0));
        assertEquals(ENOTCAPABLE, r.open(3, "inside", OFLAGS_TRUNC, FILE_RO, 0));
        assertEquals(ENOTCAPABLE, r.pathCall("path_create_directory", 3, "d"));
        assertEquals(ENOTCAPABLE, r.pathCall("path_unlink_file", 3, "inside"));
        assertEquals(ENOTCAPABLE, r.pathCall("path_remove_directory", 3, "a"));
        int l1 = r.putString(STR, "inside");
        int l2 = r.putString(STR2, "renamed");
        assertEquals(ENOTCAPABLE, r.call("path_rename", 3, STR, l1, 3, STR2, l2));
        assertEquals(ENOTCAPABLE, r.call("path_symlink", STR, l1, 3, STR2, l2));
        assertEquals(ENOTCAPABLE, r.call("path_link", 3, 0, STR, l1, 3, STR2, l2));
        assertEquals(ENOTCAPABLE, r.call("path_filestat_set_times", 3, 0, STR, l1, 0, 0, FSTFLAGS_MTIM_NOW));
        assertEquals(ENOTCAPABLE, r.call("fd_filestat_set_times", fd, 0, 0, FSTFLAGS_MTIM_NOW));

        // A subdirectory opened from it is read-only too.
        l1 = r.putString(STR, "a");
        assertEquals(0, r.call("path_open", 3, 0, STR, l1, OFLAGS_DIRECTORY, DIRECTORY_RIGHTS, ALL, 0, OUT));
        int a = r.i32(OUT);
        assertEquals(ENOTCAPABLE, r.open(a, "new", OFLAGS_CREAT, FILE_RO, 0));
        Files.write(sandbox.resolve("a/file"), new byte[1]);
        assertEquals(ENOTCAPABLE, r.open(a, "file", 0, FILE_RW, 0));
        assertEquals(ENOTCAPABLE, r.pathCall("path_create_directory", a, "d"));

        assertEquals("inside", new String(Files.readAllBytes(sandbox.resolve("inside")), StandardCharsets.UTF_8));
        assertFalse(Files.exists(sandbox.resolve("new")));
        assertFalse(Files.exists(sandbox.resolve("renamed")));
        ro.close();
    }

    @Test
    void missingPreopenDirectoryIsRejectedUpFront() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WasiPreview1(new WasiOptions().preopen(root.resolve("nope"), "/x", false)));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new WasiPreview1(new WasiOptions().preopen(sandbox.resolve("inside"), "/x", false)));
    }
}
