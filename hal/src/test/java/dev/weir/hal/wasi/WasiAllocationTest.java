package dev.weir.hal.wasi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import dev.weir.testsupport.Allocations;
import java.nio.file.Path;

import static dev.weir.hal.wasi.Preview1.*;
import static dev.weir.hal.wasi.WasiHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data path allocates nothing once warm: 10,000 fd_write (and fd_read) calls measured with
 * HotSpot's per-thread allocation counter.
 */
class WasiAllocationTest {
    private static final int CALLS = 10_000;

    @TempDir
    Path dir;

    /** Counts bytes and keeps nothing, so the stream itself allocates nothing. */
    static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /** Fewest bytes this thread allocated over CALLS calls of function id, after warming up. */
    private static long allocatedBy(final WasiPreview1 wasi, final WasiHarness h, final int id, final long[] args,
                                    final int rewindFd) {
        final long[] stack = new long[16];
        return Allocations.leastBytes(() -> {
            for (int i = 0; i < CALLS; i++) {
                run(wasi, h, id, args, stack, WasiPreview1.FD_SEEK, rewindFd);
            }
            return stack[0] + 1;
        });
    }

    private static void run(WasiPreview1 wasi, WasiHarness h, int id, long[] args, long[] stack, int rewind,
                            int rewindFd) {
        if (rewindFd >= 0) {
            stack[0] = rewindFd;
            stack[1] = 0;
            stack[2] = WHENCE_SET;
            stack[3] = OUT + 8;
            wasi.dispatch(rewind, h.instance, stack, 0);
        }
        System.arraycopy(args, 0, stack, 0, args.length);
        wasi.dispatch(id, h.instance, stack, 0);
        if (stack[0] != 0) {
            throw new AssertionError("errno " + stack[0]);
        }
    }

    @Test
    void fdWriteToStdoutAllocatesNothing() {
        CountingStream out = new CountingStream();
        WasiPreview1 wasi = new WasiPreview1(new WasiOptions().stdout(out));
        WasiHarness h = new WasiHarness(wasi);
        h.putString(BUF, "hello, allocation-free world\n");
        h.memory.writeInt(IOVS, BUF);
        h.memory.writeInt(IOVS + 4, 29);
        long allocated = allocatedBy(wasi, h, WasiPreview1.FD_WRITE, new long[] {1, IOVS, 1, OUT}, -1);
        assertEquals(0, allocated, "bytes allocated by " + CALLS + " fd_write calls to stdout");
        assertTrue(out.bytes >= 4L * CALLS * 29 && out.bytes % 29 == 0, "every call wrote its 29 bytes");
    }

    @Test
    void fdWriteAndReadOnAFileAllocateNothing() {
        WasiPreview1 wasi = new WasiPreview1(new WasiOptions().preopen(dir, ".", false));
        WasiHarness h = new WasiHarness(wasi);
        int fd = h.openOk(3, "data", OFLAGS_CREAT, FILE_RW, 0);
        h.memory.writeInt(IOVS, BUF);
        h.memory.writeInt(IOVS + 4, 4096);
        h.memory.writeInt(IOVS + 8, BUF + 8192);
        h.memory.writeInt(IOVS + 12, 100);
        long written = allocatedBy(wasi, h, WasiPreview1.FD_WRITE, new long[] {fd, IOVS, 2, OUT}, fd);
        assertEquals(0, written, "bytes allocated by " + CALLS + " fd_write calls to a file");
        long read = allocatedBy(wasi, h, WasiPreview1.FD_READ, new long[] {fd, IOVS, 2, OUT}, fd);
        assertEquals(0, read, "bytes allocated by " + CALLS + " fd_read calls from a file");
        assertEquals(4196, h.i32(OUT));
        wasi.close();
    }
}
