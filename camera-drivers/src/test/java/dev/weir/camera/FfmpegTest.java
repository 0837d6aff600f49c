package dev.weir.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weir.hal.camera.CameraError;
import dev.weir.hal.camera.PixelFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ffmpeg driver with a real ffmpeg (Debian's package, installed by make deps) and its lavfi test
 * source, and the failure paths of every process driver: missing binary, a producer killed
 * mid-stream, a stalled one, a short frame. None may hang or leave a process behind.
 */
class FfmpegTest {
    /** ffmpeg is a build dependency: its absence fails the test, naming the package. */
    static void assumeFfmpeg() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
            p.getInputStream().close();
            p.waitFor();
        } catch (IOException | InterruptedException e) {
            fail("ffmpeg is not installed: install the Debian package ffmpeg (make deps does it as root)");
        }
    }

    @Test
    void lavfiTestsrcDeliversFramesOfExactSizeAndCount() {
        assumeFfmpeg();
        FfmpegCamera camera = new FfmpegCamera("ffmpeg", "-f lavfi -i testsrc=size=320x240:rate=10:duration=2", 10_000, 5_000);
        int size = 160 * 120 * 3;
        assertEquals(0, camera.start(160, 120, PixelFormat.RGB24, 10));
        // Guard bytes either side of the frame region: the driver writes exactly the frame.
        byte[] memory = new byte[size + 200];
        int frames = 0;
        int r;
        long lastTime = -1;
        while ((r = camera.readFrame(memory, 100, size)) == 0) {
            frames++;
            assertTrue(camera.frameTimeNanos() >= lastTime);
            lastTime = camera.frameTimeNanos();
            assertEquals(0, memory[99]);
            assertEquals(0, memory[100 + size]);
        }
        assertEquals(-CameraError.END_OF_STREAM, r);
        assertEquals(20, frames);
        int nonZero = 0;
        for (int i = 100; i < 100 + size; i++) {
            nonZero += memory[i] != 0 ? 1 : 0;
        }
        assertTrue(nonZero > size / 4, "testsrc draws colour bars, got " + nonZero + " non-zero bytes");
        assertTrue(camera.failure().contains("ended the stream"), camera.failure());
        assertTrue(camera.failure().contains("after 20 frames"), camera.failure());
        assertEquals(null, camera.process());
    }

    @Test
    void grayAndYuvFramesHaveTheirSizes() {
        assumeFfmpeg();
        for (int format : new int[] {PixelFormat.GRAY8, PixelFormat.YUV420}) {
            FfmpegCamera camera = new FfmpegCamera("ffmpeg", "-f lavfi -i testsrc=rate=5:duration=1", 10_000, 5_000);
            int size = PixelFormat.frameBytes(64, 48, format);
            assertEquals(0, camera.start(64, 48, format, 5));
            byte[] b = new byte[size];
            int frames = 0;
            while (camera.readFrame(b, 0, size) == 0) {
                frames++;
            }
            assertEquals(5, frames, PixelFormat.name(format));
        }
    }

    @Test
    void producerThatCannotOpenItsInputIsAnIoErrorWithItsMessage() {
        assumeFfmpeg();
        FfmpegCamera camera = new FfmpegCamera("ffmpeg", "/nonexistent/clip.mp4", 10_000, 5_000);
        assertEquals(0, camera.start(64, 48, PixelFormat.GRAY8, 5));
        assertEquals(-CameraError.IO_ERROR, camera.readFrame(new byte[64 * 48], 0, 64 * 48));
        assertTrue(camera.failure().contains("the producer failed (exit status 1) after 0 frames; it said: "), camera.failure());
        assertTrue(camera.failure().contains("No such file or directory"), camera.failure());
    }

    @Test
    void missingBinaryIsProducerMissing() {
        FfmpegCamera camera = new FfmpegCamera("/nonexistent/ffmpeg", "-f lavfi -i testsrc", 1000, 1000);
        assertEquals(-CameraError.PRODUCER_MISSING, camera.start(64, 48, PixelFormat.GRAY8, 5));
        assertTrue(camera.failure().contains("install the Debian package ffmpeg"), camera.failure());
        assertEquals(-CameraError.PRODUCER_MISSING, camera.readFrame(new byte[64 * 48], 0, 64 * 48));
    }

    @Test
    void producerKilledMidStreamIsAnErrorWithoutHanging() throws Exception {
        assumeFfmpeg();
        FfmpegCamera camera = new FfmpegCamera("ffmpeg", "-f lavfi -i testsrc=rate=30", 10_000, 5_000);
        assertEquals(0, camera.start(64, 48, PixelFormat.GRAY8, 30));
        byte[] b = new byte[64 * 48];
        for (int n = 0; n < 3; n++) {
            assertEquals(0, camera.readFrame(b, 0, b.length));
        }
        Process p = camera.process();
        p.destroyForcibly().waitFor();
        long start = System.nanoTime();
        int r = 0;
        // Frames already in the pipe may still arrive; then the end.
        for (int n = 0; n < 1000 && r == 0; n++) {
            r = camera.readFrame(b, 0, b.length);
        }
        long millis = (System.nanoTime() - start) / 1_000_000L;
        // Killed between frames: io-error (exit status 137); inside a frame: short-frame.
        assertTrue(r == -CameraError.IO_ERROR || r == -CameraError.SHORT_FRAME, CameraError.name(r));
        assertTrue(millis < 3000, "took " + millis + " ms");
        assertTrue(camera.failure().contains("exit status"), camera.failure());
        assertFalse(p.isAlive());
    }

    private static Path script(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, ("#!/bin/sh\n" + body + "\n").getBytes("UTF-8"));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void stalledProducerTimesOutAndIsStopped(@TempDir Path dir) throws Exception {
        Path stall = script(dir, "stall", "head -c 3072 /dev/zero; exec sleep 60");
        FfmpegCamera camera = new FfmpegCamera(stall.toString(), "-i x", 2000, 300);
        assertEquals(0, camera.start(64, 48, PixelFormat.GRAY8, 5));
        Process p = camera.process();
        byte[] b = new byte[64 * 48];
        assertEquals(0, camera.readFrame(b, 0, b.length));
        long start = System.nanoTime();
        assertEquals(-CameraError.TIMEOUT, camera.readFrame(b, 0, b.length));
        long millis = (System.nanoTime() - start) / 1_000_000L;
        assertTrue(millis >= 290 && millis < 3000, "took " + millis + " ms");
        assertTrue(camera.failure().contains("no frame within 300 ms"), camera.failure());
        assertFalse(p.isAlive(), "the stalled producer was stopped");
        assertEquals(-CameraError.TIMEOUT, camera.readFrame(b, 0, b.length));
    }

    @Test
    void shortFrameIsReportedWithWhatTheProducerSaid(@TempDir Path dir) throws Exception {
        Path shortOne = script(dir, "short", "head -c 4000 /dev/zero; echo 'camera unplugged' >&2; exit 3");
        FfmpegCamera camera = new FfmpegCamera(shortOne.toString(), "-i x", 2000, 2000);
        assertEquals(0, camera.start(64, 48, PixelFormat.GRAY8, 5));
        byte[] b = new byte[64 * 48];
        assertEquals(0, camera.readFrame(b, 0, b.length));
        assertEquals(-CameraError.SHORT_FRAME, camera.readFrame(b, 0, b.length));
        String failure = camera.failure();
        assertNotNull(failure);
        assertTrue(failure.contains("stopped in the middle of a frame (exit status 3) after 1 frame"), failure);
        assertTrue(failure.contains("camera unplugged"), failure);
    }

    @Test
    void stopEndsTheProducer() {
        assumeFfmpeg();
        FfmpegCamera camera = new FfmpegCamera("ffmpeg", "-f lavfi -i testsrc=rate=30", 10_000, 5_000);
        assertEquals(0, camera.start(64, 48, PixelFormat.GRAY8, 30));
        byte[] b = new byte[64 * 48];
        assertEquals(0, camera.readFrame(b, 0, b.length));
        Process p = camera.process();
        camera.stop();
        assertFalse(p.isAlive());
        assertEquals(null, camera.process());
    }

    @Test
    void inputSpecsBecomeFfmpegArguments() {
        assertEquals("[-f, v4l2, -i, /dev/video0]", FfmpegCamera.inputArguments("/dev/video0").toString());
        assertEquals("[-i, clip.mp4]", FfmpegCamera.inputArguments("clip.mp4").toString());
        assertEquals("[-f, lavfi, -i, testsrc]", FfmpegCamera.inputArguments("-f lavfi -i testsrc").toString());
        assertEquals("ffmpeg -hide_banner -loglevel error -nostdin -f lavfi -i testsrc -an -vf scale=64:48 -r 5"
                + " -pix_fmt gray -f rawvideo -", "ffmpeg " + String.join(" ",
                        new FfmpegCamera("-f lavfi -i testsrc").arguments(64, 48, PixelFormat.GRAY8, 5)));
    }
}
