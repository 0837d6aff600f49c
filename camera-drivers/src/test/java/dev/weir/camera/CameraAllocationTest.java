package dev.weir.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.hal.camera.CameraGrant;
import dev.weir.hal.camera.PixelFormat;
import dev.weir.hal.capability.Grants;
import dev.weir.testsupport.Allocations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After warm-up, capturing frames from wasm allocates nothing, measured with {@link Allocations}
 * (HotSpot's per-thread allocated-bytes counter) around many warm captures (camera-loop.wasm),
 * for the synthetic, .y4m file and ffmpeg drivers; for ffmpeg on its reader thread too.
 */
class CameraAllocationTest {
    private static Grants grants() {
        return new Grants().add(CameraGrant.of(0, 640, 480, 1000, 7, "test"));
    }

    @Test
    void syntheticCapturesAllocateNothing() throws IOException {
        final Guest guest = new Guest(grants(), new SyntheticCamera(0, new int[] {10, 1_000_000}, false));
        final int h = guest.open(0, 320, 240, PixelFormat.GRAY8, 30);
        assertTrue(h > 0, "open: " + h);
        final int size = 320 * 240;
        long bytes = Allocations.leastBytes(new Allocations.Workload() {
            @Override
            public long run() {
                return guest.captures(h, size, 100);
            }
        }, Thread.currentThread().getId());
        assertEquals(0, bytes, "bytes allocated by 100 warm synthetic captures");
    }

    @Test
    void y4mFileCapturesAllocateNothing(@TempDir Path dir) throws IOException {
        // 400 frames of 64x48 4:2:0; the module takes the Y plane (gray8), so chroma is skipped too.
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(FileCamera.y4mHeader(64, 48, "420jpeg"));
        byte[] frame = new byte[64 * 48 * 3 / 2];
        for (int n = 0; n < 400; n++) {
            out.write("FRAME\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.util.Arrays.fill(frame, (byte) n);
            out.write(frame);
        }
        Path clip = dir.resolve("clip.y4m");
        Files.write(clip, out.toByteArray());
        final Guest guest = new Guest(grants(), new FileCamera(clip.toString()));
        final int h = guest.open(0, 64, 48, PixelFormat.GRAY8, 30);
        assertTrue(h > 0, "open: " + h);
        final int[] captured = new int[1];
        long bytes = Allocations.leastBytes(new Allocations.Workload() {
            @Override
            public long run() {
                captured[0] += 50;
                return guest.captures(h, 64 * 48, 50);
            }
        }, Thread.currentThread().getId());
        assertEquals(0, bytes, "bytes allocated by 50 warm .y4m captures");
        // Every capture took the next frame of the file (400 frames, more than the runs take).
        assertEquals(captured[0] - 1, guest.sequence());
    }

    @Test
    void ffmpegCapturesAllocateNothingOnEitherThread() throws IOException {
        FfmpegTest.assumeFfmpeg();
        FfmpegCamera camera = new FfmpegCamera("ffmpeg", "-f lavfi -i testsrc=size=160x120:rate=1000", 10_000, 5_000);
        final Guest guest = new Guest(grants(), camera);
        final int h = guest.open(0, 160, 120, PixelFormat.GRAY8, 1000);
        assertTrue(h > 0, "open: " + h + ", " + camera.failure());
        final int size = 160 * 120;
        try {
            assertEquals(size * 50, guest.captures(h, size, 50));
            long bytes = Allocations.leastBytes(new Allocations.Workload() {
                @Override
                public long run() {
                    return guest.captures(h, size, 50);
                }
            }, Thread.currentThread().getId(), camera.readerThreadId());
            assertEquals(0, bytes, "bytes allocated by 50 warm ffmpeg captures");
        } finally {
            guest.close(h);
        }
    }
}
