package dev.weir.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.hal.camera.CameraError;
import dev.weir.hal.camera.PixelFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rpicam driver against a fake rpicam-vid: a shell script that records its arguments and writes
 * I420 frames (Y bytes 'Y', chroma bytes 'c') to stdout, as the real one does with --codec yuv420.
 */
class RpicamCameraTest {
    private static Path fake(Path dir, String name, int frames) throws IOException {
        Path p = dir.resolve(name);
        String script = "#!/bin/sh\n"
                + "echo \"$0 $*\" > '" + dir.resolve("args.txt") + "'\n"
                + "i=0\n"
                + "while [ $i -lt " + frames + " ]; do\n"
                + "  head -c 32 /dev/zero | tr '\\000' Y\n"
                + "  head -c 16 /dev/zero | tr '\\000' c\n"
                + "  i=$((i + 1))\n"
                + "done\n";
        Files.write(p, script.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void runsRpicamVidWithTheGeometryAndPassesYuv420On(@TempDir Path dir) throws IOException {
        Path program = fake(dir, "rpicam-vid", 4);
        RpicamCamera camera = new RpicamCamera(new String[] {program.toString()}, 5000, 5000);
        assertEquals(0, camera.start(8, 4, PixelFormat.YUV420, 25));
        byte[] f = new byte[48];
        for (int n = 0; n < 4; n++) {
            assertEquals(0, camera.readFrame(f, 0, 48));
            assertEquals('Y', f[31]);
            assertEquals('c', f[32]);
        }
        assertEquals(-CameraError.END_OF_STREAM, camera.readFrame(f, 0, 48));
        String args = new String(Files.readAllBytes(dir.resolve("args.txt")), StandardCharsets.UTF_8).trim();
        assertEquals(program + " -t 0 -n --codec yuv420 --width 8 --height 4 --framerate 25 -o -", args);
    }

    @Test
    void grayIsTheYPlaneWithChromaDropped(@TempDir Path dir) throws IOException {
        RpicamCamera camera = new RpicamCamera(new String[] {fake(dir, "rpicam-vid", 3).toString()}, 5000, 5000);
        assertEquals(0, camera.start(8, 4, PixelFormat.GRAY8, 25));
        byte[] f = new byte[32];
        for (int n = 0; n < 3; n++) {
            assertEquals(0, camera.readFrame(f, 0, 32));
            for (byte b : f) {
                assertEquals('Y', b);
            }
        }
        assertEquals(-CameraError.END_OF_STREAM, camera.readFrame(f, 0, 32));
    }

    @Test
    void fallsBackToLibcameraVid(@TempDir Path dir) throws IOException {
        Path old = fake(dir, "libcamera-vid", 1);
        RpicamCamera camera = new RpicamCamera(new String[] {dir.resolve("rpicam-vid").toString(), old.toString()}, 5000, 5000);
        assertEquals(0, camera.start(8, 4, PixelFormat.YUV420, 25));
        assertTrue(camera.commandLine().startsWith(old.toString()), camera.commandLine());
        assertEquals(0, camera.readFrame(new byte[48], 0, 48));
    }

    @Test
    void neitherProgramIsProducerMissingAndRgbIsNotOffered(@TempDir Path dir) {
        RpicamCamera camera = new RpicamCamera(new String[] {dir.resolve("rpicam-vid").toString(),
            dir.resolve("libcamera-vid").toString()}, 5000, 5000);
        assertEquals(-CameraError.PRODUCER_MISSING, camera.start(8, 4, PixelFormat.GRAY8, 25));
        assertTrue(camera.failure().contains("neither rpicam-vid nor libcamera-vid is installed"), camera.failure());
        assertEquals(-CameraError.FORMAT_NOT_SUPPORTED, new RpicamCamera().start(8, 4, PixelFormat.RGB24, 25));
    }
}
