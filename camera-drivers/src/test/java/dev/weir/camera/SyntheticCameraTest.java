package dev.weir.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.hal.camera.CameraError;
import dev.weir.hal.camera.PixelFormat;
import org.junit.jupiter.api.Test;

class SyntheticCameraTest {
    private static byte[][] frames(SyntheticCamera camera, int width, int height, int format, int count) {
        int size = PixelFormat.frameBytes(width, height, format);
        camera.start(width, height, format, 30);
        byte[][] result = new byte[count][size];
        for (int n = 0; n < count; n++) {
            assertEquals(0, camera.readFrame(result[n], 0, size));
        }
        return result;
    }

    /** Pixels that differ by more than {@code threshold} between two frames. */
    private static int changed(byte[] a, byte[] b, int threshold) {
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            if (Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)) > threshold) {
                count++;
            }
        }
        return count;
    }

    @Test
    void sameScriptGivesTheSameBytes() {
        byte[][] a = frames(new SyntheticCamera(), 64, 48, PixelFormat.GRAY8, 40);
        byte[][] b = frames(new SyntheticCamera(), 64, 48, PixelFormat.GRAY8, 40);
        for (int n = 0; n < a.length; n++) {
            assertArrayEquals(a[n], b[n], "frame " + n);
        }
    }

    @Test
    void stillFramesDifferOnlyByNoiseAndMovingOnesByTheObject() {
        SyntheticCamera camera = new SyntheticCamera(12, new int[] {5, 7}, false);
        byte[][] f = frames(camera, 160, 120, PixelFormat.GRAY8, 12);
        for (int n = 1; n < f.length; n++) {
            int big = changed(f[n], f[n - 1], 7);
            if (camera.movesAt(n)) {
                assertTrue(big > 160 * 120 / 400, "frame " + n + ": " + big + " pixels changed");
            } else {
                assertEquals(0, big, "frame " + n + " is still");
                assertTrue(changed(f[n], f[n - 1], 0) > 0, "frame " + n + " has sensor noise");
            }
        }
    }

    @Test
    void formatsHaveTheirSizesAndGrayContent() {
        byte[] gray = frames(new SyntheticCamera(), 32, 24, PixelFormat.GRAY8, 1)[0];
        byte[] yuv = frames(new SyntheticCamera(), 32, 24, PixelFormat.YUV420, 1)[0];
        byte[] rgb = frames(new SyntheticCamera(), 32, 24, PixelFormat.RGB24, 1)[0];
        assertEquals(32 * 24 * 3 / 2, yuv.length);
        for (int i = 0; i < gray.length; i++) {
            assertEquals(gray[i], yuv[i]);
            assertEquals(gray[i], rgb[3 * i]);
            assertEquals(gray[i], rgb[3 * i + 2]);
        }
        assertEquals((byte) 128, yuv[yuv.length - 1]);
    }

    @Test
    void streamEndsAfterTheScriptedFrames() {
        SyntheticCamera camera = new SyntheticCamera(3, new int[0], false);
        camera.start(8, 8, PixelFormat.GRAY8, 10);
        byte[] f = new byte[64];
        for (int n = 0; n < 3; n++) {
            assertEquals(0, camera.readFrame(f, 0, 64));
            assertEquals(n * 100_000_000L, camera.frameTimeNanos());
        }
        assertEquals(-CameraError.END_OF_STREAM, camera.readFrame(f, 0, 64));
        assertEquals("camera synthetic: the script ends after 3 frames", camera.failure());
    }

    @Test
    void pacedCameraKeepsItsFrameRate() {
        SyntheticCamera camera = new SyntheticCamera(0, new int[0], true);
        camera.start(8, 8, PixelFormat.GRAY8, 50);
        byte[] f = new byte[64];
        long start = System.nanoTime();
        for (int n = 0; n < 6; n++) {
            camera.readFrame(f, 0, 64);
        }
        long millis = (System.nanoTime() - start) / 1_000_000L;
        assertTrue(millis >= 95, "6 frames at 50 fps took " + millis + " ms");
    }
}
