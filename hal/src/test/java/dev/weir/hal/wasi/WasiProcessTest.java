package dev.weir.hal.wasi;

import dev.weir.core.module.TrapException;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.ValType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.weir.hal.wasi.Preview1.*;
import static dev.weir.hal.wasi.WasiHarness.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arguments, environment, standard streams, clocks, poll_oneoff, random, exit and the unsupported rest. */
class WasiProcessTest {
    @TempDir
    Path dir;

    private static WasiHarness harness(WasiOptions options) {
        return new WasiHarness(new WasiPreview1(options));
    }

    @Test
    void argsAreLaidOutAsNulTerminatedStrings() {
        WasiHarness h = harness(new WasiOptions().args(Arrays.asList("prog", "-v", "h\u00e9")));
        assertEquals(0, h.call("args_sizes_get", OUT, OUT + 4));
        assertEquals(3, h.i32(OUT));
        assertEquals(5 + 3 + 4, h.i32(OUT + 4));
        assertEquals(0, h.call("args_get", STRUCT, BUF));
        assertEquals(BUF, h.i32(STRUCT));
        assertEquals(BUF + 5, h.i32(STRUCT + 4));
        assertEquals(BUF + 8, h.i32(STRUCT + 8));
        assertEquals("prog\0-v\0h\u00e9\0", h.string(BUF, 12));
    }

    @Test
    void environmentHoldsOnlyGrantedVariables() {
        WasiHarness h = harness(new WasiOptions().env("HOME", "/home").env("EMPTY", ""));
        assertEquals(0, h.call("environ_sizes_get", OUT, OUT + 4));
        assertEquals(2, h.i32(OUT));
        assertEquals(11 + 7, h.i32(OUT + 4));
        assertEquals(0, h.call("environ_get", STRUCT, BUF));
        assertEquals("HOME=/home\0EMPTY=\0", h.string(BUF, 18));
        assertEquals(BUF + 11, h.i32(STRUCT + 4));
        assertThrows(IllegalArgumentException.class, () -> new WasiOptions().env("A=B", "c"));
    }

    @Test
    void stdoutAndStderrGoToTheirStreams() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiHarness h = harness(new WasiOptions().stdout(out).stderr(err));
        assertEquals(0, h.write(1, "to out"));
        assertEquals(6, h.i32(OUT));
        assertEquals(0, h.write(2, "to err"));
        assertEquals("to out", new String(out.toByteArray(), StandardCharsets.UTF_8));
        assertEquals("to err", new String(err.toByteArray(), StandardCharsets.UTF_8));
        assertEquals(ENOTCAPABLE, h.call("fd_read", 1, IOVS, 1, OUT));
        assertEquals(ESPIPE, h.call("fd_seek", 1, 0, WHENCE_SET, OUT));
        assertEquals(ESPIPE, h.call("fd_pwrite", 1, IOVS, 1, 0, OUT));
        assertEquals(ESPIPE, h.call("fd_pread", 0, IOVS, 1, 0, OUT));
        assertEquals(ESPIPE, h.call("fd_tell", 2, OUT));
    }

    /** Records each write call the stream gets, as the host would see one write(2) each. */
    private static final class WriteLog extends ByteArrayOutputStream {
        final java.util.List<String> writes = new java.util.ArrayList<>();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
            super.write(b, off, len);
        }
    }

    @Test
    void smallIovecsReachTheStreamAsOneWrite() {
        // Issue 3: C stdio passes its buffer and the new data as two iovecs; written one by one,
        // each became its own system call on weir run's unbuffered stdout.
        WriteLog out = new WriteLog();
        WasiHarness h = harness(new WasiOptions().stdout(out));
        int at = h.putString(BUF, "line 1\nline 2\n");
        h.putString(BUF + 100, "tail");
        int[][] iovecs = {{BUF, at}, {BUF, 0}, {BUF + 100, 4}};
        for (int i = 0; i < iovecs.length; i++) {
            h.memory.writeInt(IOVS + 8 * i, iovecs[i][0]);
            h.memory.writeInt(IOVS + 8 * i + 4, iovecs[i][1]);
        }
        assertEquals(0, h.call("fd_write", 1, IOVS, 3, OUT));
        assertEquals(at + 4, h.i32(OUT));
        assertEquals(Arrays.asList("line 1\nline 2\ntail"), out.writes);

        // An iovec too big to gather is written in place, after what was gathered before it.
        out.writes.clear();
        byte[] big = new byte[20000];
        Arrays.fill(big, (byte) 'x');
        h.memory.write(BUF + 200, big, 0, big.length);
        int[][] mixed = {{BUF + 100, 4}, {BUF + 200, big.length}, {BUF, 7}};
        for (int i = 0; i < mixed.length; i++) {
            h.memory.writeInt(IOVS + 8 * i, mixed[i][0]);
            h.memory.writeInt(IOVS + 8 * i + 4, mixed[i][1]);
        }
        assertEquals(0, h.call("fd_write", 1, IOVS, 3, OUT));
        assertEquals(4 + big.length + 7, h.i32(OUT));
        assertEquals(Arrays.asList("tail", new String(big, StandardCharsets.UTF_8), "line 1\n"), out.writes);
    }

    @Test
    void defaultStreamsAreEmptyAndDiscarding() {
        WasiHarness h = harness(new WasiOptions());
        assertEquals(0, h.write(1, "gone"));
        assertEquals(4, h.i32(OUT));
        assertEquals("", h.read(0, 10));
    }

    @Test
    void stdinIsReadAcrossCalls() {
        WasiHarness h = harness(new WasiOptions().stdin(new ByteArrayInputStream(
                "line one\nline two\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals("line", h.read(0, 4));
        assertEquals(" one\nline two\n", h.read(0, 100));
        assertEquals("", h.read(0, 100));
        assertEquals(ENOTCAPABLE, h.write(0, "x"));
    }

    @Test
    void clocksTickInNanoseconds() {
        WasiHarness h = harness(new WasiOptions());
        assertEquals(0, h.call("clock_time_get", CLOCK_REALTIME, 1, OUT));
        long realtime = h.i64(OUT);
        assertTrue(Math.abs(realtime / 1_000_000 - System.currentTimeMillis()) < 5_000, "realtime is now");
        assertEquals(0, h.call("clock_time_get", CLOCK_MONOTONIC, 1, OUT));
        long t0 = h.i64(OUT);
        assertEquals(0, h.call("clock_time_get", CLOCK_MONOTONIC, 1, OUT));
        assertTrue(h.i64(OUT) >= t0);
        assertEquals(0, h.call("clock_time_get", CLOCK_PROCESS_CPUTIME_ID, 1, OUT));
        assertTrue(h.i64(OUT) > 0);
        assertEquals(0, h.call("clock_time_get", CLOCK_THREAD_CPUTIME_ID, 1, OUT));
        assertTrue(h.i64(OUT) > 0);
        assertEquals(EINVAL, h.call("clock_time_get", 4, 1, OUT));
        assertEquals(0, h.call("clock_res_get", CLOCK_MONOTONIC, OUT));
        assertTrue(h.i64(OUT) > 0);
        assertEquals(EINVAL, h.call("clock_res_get", 9, OUT));
    }

    /** Writes a clock subscription at index i of the subscription array at STRUCT... BUF. */
    private static void clockSubscription(WasiHarness h, int at, long userdata, int clock, long timeout, int flags) {
        h.memory.writeLong(at, userdata);
        h.memory.writeByte(at + 8, (byte) EVENTTYPE_CLOCK);
        h.memory.writeInt(at + 16, clock);
        h.memory.writeLong(at + 24, timeout);
        h.memory.writeLong(at + 32, 0);
        h.memory.writeShort(at + 40, (short) flags);
    }

    private static void fdSubscription(WasiHarness h, int at, long userdata, int type, int fd) {
        h.memory.writeLong(at, userdata);
        h.memory.writeByte(at + 8, (byte) type);
        h.memory.writeInt(at + 16, fd);
    }

    @Test
    void pollWaitsForARelativeClock() {
        WasiHarness h = harness(new WasiOptions());
        clockSubscription(h, BUF, 42, CLOCK_MONOTONIC, 20_000_000L, 0);
        long start = System.nanoTime();
        assertEquals(0, h.call("poll_oneoff", BUF, BUF + 1024, 1, OUT));
        long waited = System.nanoTime() - start;
        assertTrue(waited >= 20_000_000L, "waited " + waited);
        assertEquals(1, h.i32(OUT));
        assertEquals(42, h.i64(BUF + 1024));
        assertEquals(0, h.memory.readShort(BUF + 1024 + 8));
        assertEquals(EVENTTYPE_CLOCK, h.memory.readByte(BUF + 1024 + 10));
    }

    @Test
    void pollReturnsAtOnceForAnAbsoluteTimeInThePast() {
        WasiHarness h = harness(new WasiOptions());
        clockSubscription(h, BUF, 7, CLOCK_REALTIME, 1_000_000_000L, SUBCLOCKFLAGS_ABSTIME);
        long start = System.nanoTime();
        assertEquals(0, h.call("poll_oneoff", BUF, BUF + 1024, 1, OUT));
        assertTrue(System.nanoTime() - start < 1_000_000_000L);
        assertEquals(1, h.i32(OUT));
        assertEquals(7, h.i64(BUF + 1024));
    }

    @Test
    void pollReportsReadyFilesBeforeTheClock() throws IOException {
        Files.write(dir.resolve("f"), new byte[10]);
        WasiHarness h = harness(new WasiOptions().preopen(dir, ".", false));
        int fd = h.openOk(3, "f", 0, FILE_RW, 0);
        clockSubscription(h, BUF, 1, CLOCK_MONOTONIC, 10_000_000_000L, 0);
        fdSubscription(h, BUF + SUBSCRIPTION_SIZE, 2, EVENTTYPE_FD_READ, fd);
        fdSubscription(h, BUF + 2 * SUBSCRIPTION_SIZE, 3, EVENTTYPE_FD_WRITE, 1);
        fdSubscription(h, BUF + 3 * SUBSCRIPTION_SIZE, 4, EVENTTYPE_FD_READ, 99);
        long start = System.nanoTime();
        assertEquals(0, h.call("poll_oneoff", BUF, BUF + 1024, 4, OUT));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "did not wait for the clock");
        assertEquals(3, h.i32(OUT));
        int ev = BUF + 1024;
        assertEquals(2, h.i64(ev));
        assertEquals(EVENTTYPE_FD_READ, h.memory.readByte(ev + 10));
        assertEquals(10, h.i64(ev + 16));
        assertEquals(3, h.i64(ev + EVENT_SIZE));
        assertEquals(4, h.i64(ev + 2 * EVENT_SIZE));
        assertEquals(EBADF, h.memory.readShort(ev + 2 * EVENT_SIZE + 8));
    }

    @Test
    void pollSeesStdinDataAndEnd() throws IOException {
        PipedOutputStream feed = new PipedOutputStream();
        InputStream stdin = new PipedInputStream(feed);
        WasiHarness h = harness(new WasiOptions().stdin(stdin));
        fdSubscription(h, BUF, 5, EVENTTYPE_FD_READ, 0);
        clockSubscription(h, BUF + SUBSCRIPTION_SIZE, 6, CLOCK_MONOTONIC, 30_000_000L, 0);
        assertEquals(0, h.call("poll_oneoff", BUF, BUF + 1024, 2, OUT));
        assertEquals(1, h.i32(OUT));
        assertEquals(6, h.i64(BUF + 1024), "no input: the clock fires");

        feed.write("hi".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, h.call("poll_oneoff", BUF, BUF + 1024, 2, OUT));
        assertEquals(1, h.i32(OUT));
        assertEquals(5, h.i64(BUF + 1024));
        assertEquals(2, h.i64(BUF + 1024 + 16));
        assertEquals("hi", h.read(0, 10));

        // Without a clock, poll blocks until input arrives, and fd_read still gets every byte.
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(20);
                feed.write("later".getBytes(StandardCharsets.UTF_8));
                feed.close();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        fdSubscription(h, BUF, 5, EVENTTYPE_FD_READ, 0); // h.read used BUF
        assertEquals(0, h.call("poll_oneoff", BUF, BUF + 1024, 1, OUT));
        assertEquals(1, h.i32(OUT));
        assertEquals(5, h.i64(BUF + 1024));
        StringBuilder got = new StringBuilder();
        while (got.length() < 5) {
            got.append(h.read(0, 10));
        }
        assertEquals("later", got.toString());
    }

    @Test
    void pollOnEmptyStdinReportsHangup() {
        WasiHarness h = harness(new WasiOptions());
        fdSubscription(h, BUF, 9, EVENTTYPE_FD_READ, 0);
        assertEquals(0, h.call("poll_oneoff", BUF, BUF + 1024, 1, OUT));
        assertEquals(1, h.i32(OUT));
        assertEquals(EVENTRWFLAGS_HANGUP, h.memory.readShort(BUF + 1024 + 24));
        assertEquals(EINVAL, h.call("poll_oneoff", BUF, BUF + 1024, 0, OUT));
    }

    @Test
    void randomFillsTheBuffer() {
        WasiHarness h = harness(new WasiOptions());
        assertEquals(0, h.call("random_get", BUF, 1000));
        byte[] got = new byte[1000];
        h.memory.read(BUF, got, 0, 1000);
        assertFalse(Arrays.equals(new byte[1000], got));
        assertEquals(0, h.call("random_get", BUF, 0));
    }

    @Test
    void procExitThrowsWithTheCode() {
        WasiHarness h = harness(new WasiOptions());
        WasiExitException e = assertThrows(WasiExitException.class, () -> h.call("proc_exit", 3));
        assertEquals(3, e.exitCode());
    }

    @Test
    void unsupportedFunctionsReturnErrno() {
        WasiHarness h = harness(new WasiOptions());
        assertEquals(ENOSYS, h.call("proc_raise", 9));
        assertEquals(0, h.call("sched_yield"));
    }

    @Test
    void socketCallsOnADescriptorThatIsNotASocketAreEnotsock() {
        WasiHarness h = harness(new WasiOptions());
        // stdout is open but no socket: ENOTSOCK, as POSIX answers; weir opens no sockets at all.
        assertEquals(ENOTSOCK, h.call("sock_accept", 1, 0, OUT));
        assertEquals(ENOTSOCK, h.call("sock_recv", 1, IOVS, 1, 0, OUT, OUT + 4));
        assertEquals(ENOTSOCK, h.call("sock_send", 1, IOVS, 1, 0, OUT));
        assertEquals(ENOTSOCK, h.call("sock_shutdown", 1, 3));
        // A descriptor that is not open at all is EBADF first.
        assertEquals(EBADF, h.call("sock_shutdown", 50, 3));
        assertEquals(EBADF, h.call("sock_accept", 50, 0, OUT));
        assertEquals(EBADF, h.call("sock_recv", 50, IOVS, 1, 0, OUT, OUT + 4));
        assertEquals(EBADF, h.call("sock_send", 50, IOVS, 1, 0, OUT));
    }

    @Test
    void outOfBoundsPointersTrap() {
        WasiHarness h = harness(new WasiOptions().args(Arrays.asList("a")));
        int end = h.memory.size();
        assertThrows(TrapException.class, () -> h.call("args_sizes_get", end, OUT));
        assertThrows(TrapException.class, () -> h.call("clock_time_get", CLOCK_MONOTONIC, 1, end));
        h.memory.writeInt(IOVS, end - 2);
        h.memory.writeInt(IOVS + 4, 10);
        assertThrows(TrapException.class, () -> h.call("fd_write", 1, IOVS, 1, OUT));
        assertThrows(TrapException.class, () -> h.call("fd_write", 1, IOVS, 0x2000_0000, OUT));
        assertThrows(TrapException.class, () -> h.call("random_get", -1, 4));
    }

    @Test
    void misalignedPointersTrap() {
        WasiHarness h = harness(new WasiOptions());
        TrapException e = assertThrows(TrapException.class, () -> h.call("clock_time_get", CLOCK_MONOTONIC, 1, 4));
        assertTrue(e.getMessage().contains("aligned"), e.getMessage());
        assertThrows(TrapException.class, () -> h.call("args_sizes_get", 2, 8));
        assertThrows(TrapException.class, () -> h.call("fd_write", 1, IOVS + 1, 1, OUT));
        assertThrows(TrapException.class, () -> h.call("fd_fdstat_get", 1, STRUCT + 4));
        // Byte buffers have no alignment.
        assertEquals(0, h.call("random_get", BUF + 1, 3));
    }

    @Test
    void signaturesMatchWitx() {
        assertEquals(46, WasiPreview1.INTERFACE.size());
        byte i = ValType.I32;
        byte l = ValType.I64;
        assertEquals(new FuncType(new byte[] {i, i, i, i, i, l, l, i, i}, new byte[] {i}),
                WasiPreview1.INTERFACE.type(WasiPreview1.INTERFACE.id("path_open")));
        assertEquals(new FuncType(new byte[] {i, l, i, i}, new byte[] {i}),
                WasiPreview1.INTERFACE.type(WasiPreview1.INTERFACE.id("fd_seek")));
        assertEquals(new FuncType(new byte[] {i, i, i, i, l, l, i}, new byte[] {i}),
                WasiPreview1.INTERFACE.type(WasiPreview1.INTERFACE.id("path_filestat_set_times")));
        assertEquals(new FuncType(new byte[] {i}, new byte[0]), WasiPreview1.INTERFACE.type(WasiPreview1.INTERFACE.id("proc_exit")));
        assertEquals(new FuncType(new byte[0], new byte[] {i}), WasiPreview1.INTERFACE.type(WasiPreview1.INTERFACE.id("sched_yield")));
        assertArrayEquals(new byte[] {i, l, l, i}, WasiPreview1.INTERFACE.type(WasiPreview1.INTERFACE.id("fd_advise")).params());
    }
}
