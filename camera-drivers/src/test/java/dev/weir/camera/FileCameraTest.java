package dev.weir.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.hal.camera.CameraError;
import dev.weir.hal.camera.PixelFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCameraTest {
    /** A 4:2:0 .y4m of `frames` 8x4 frames: Y bytes are the frame number, chroma 200. */
    private static Path y4m(Path dir, int frames, int cutLast) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(FileCamera.y4mHeader(8, 4, "420jpeg"));
        for (int n = 0; n < frames; n++) {
            out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 32; i++) {
                out.write(n);
            }
            for (int i = 0; i < 16; i++) {
                out.write(200);
            }
        }
        byte[] bytes = out.toByteArray();
        Path p = dir.resolve("clip.y4m");
        Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length - cutLast));
        return p;
    }

    @Test
    void replaysY4mAsYuv420AndAsGray(@TempDir Path dir) throws IOException {
        Path clip = y4m(dir, 3, 0);
        FileCamera yuv = new FileCamera(clip.toString());
        assertEquals(0, yuv.start(8, 4, PixelFormat.YUV420, 10));
        byte[] f = new byte[48];
        for (int n = 0; n < 3; n++) {
            assertEquals(0, yuv.readFrame(f, 0, 48));
            assertEquals(n, f[31]);
            assertEquals((byte) 200, f[32]);
            assertEquals(n * 100_000_000L, yuv.frameTimeNanos());
        }
        assertEquals(-CameraError.END_OF_STREAM, yuv.readFrame(f, 0, 48));

        FileCamera gray = new FileCamera(clip.toString());
        assertEquals(0, gray.start(8, 4, PixelFormat.GRAY8, 10));
        byte[] g = new byte[32];
        for (int n = 0; n < 3; n++) {
            assertEquals(0, gray.readFrame(g, 0, 32));
            assertEquals(n, g[0]);
            assertEquals(n, g[31]);
        }
        assertEquals(-CameraError.END_OF_STREAM, gray.readFrame(g, 0, 32));
        assertEquals("camera file " + clip + ": the file ends after 3 frames", gray.failure());
    }

    @Test
    void y4mOfAnotherSizeOrFormatIsRefused(@TempDir Path dir) throws IOException {
        Path clip = y4m(dir, 1, 0);
        FileCamera camera = new FileCamera(clip.toString());
        assertEquals(-CameraError.FORMAT_NOT_SUPPORTED, camera.start(16, 4, PixelFormat.YUV420, 10));
        assertTrue(camera.failure().endsWith("the file's frames are 8x4, the module asked for 16x4"), camera.failure());
        assertEquals(-CameraError.FORMAT_NOT_SUPPORTED, new FileCamera(clip.toString()).start(8, 4, PixelFormat.RGB24, 10));
    }

    @Test
    void cutLastFrameIsShort(@TempDir Path dir) throws IOException {
        FileCamera camera = new FileCamera(y4m(dir, 2, 10).toString());
        assertEquals(0, camera.start(8, 4, PixelFormat.YUV420, 10));
        byte[] f = new byte[48];
        assertEquals(0, camera.readFrame(f, 0, 48));
        assertEquals(-CameraError.SHORT_FRAME, camera.readFrame(f, 0, 48));
        assertTrue(camera.failure().contains("frame 1 is cut short (38 of 48 bytes)"), camera.failure());
    }

    @Test
    void rawFramesTakeTheOpenedGeometry(@TempDir Path dir) throws IOException {
        byte[] raw = new byte[6 * 12 + 5];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) i;
        }
        Path p = dir.resolve("frames.gray");
        Files.write(p, raw);
        FileCamera camera = new FileCamera(p.toString());
        assertEquals(0, camera.start(4, 3, PixelFormat.GRAY8, 10));
        byte[] f = new byte[12];
        for (int n = 0; n < 6; n++) {
            assertEquals(0, camera.readFrame(f, 0, 12));
            assertEquals((byte) (n * 12), f[0]);
        }
        assertEquals(-CameraError.SHORT_FRAME, camera.readFrame(f, 0, 12));
    }

    @Test
    void missingFileIsProducerMissing(@TempDir Path dir) {
        FileCamera camera = new FileCamera(dir.resolve("none.y4m").toString());
        assertEquals(-CameraError.PRODUCER_MISSING, camera.start(8, 4, PixelFormat.GRAY8, 10));
        assertTrue(camera.failure().contains("cannot open it"), camera.failure());
    }
}
