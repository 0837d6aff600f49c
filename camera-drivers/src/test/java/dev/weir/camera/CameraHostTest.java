package dev.weir.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.TrapException;
import dev.weir.hal.camera.CameraError;
import dev.weir.hal.camera.CameraGrant;
import dev.weir.hal.camera.PixelFormat;
import dev.weir.hal.capability.GrantFile;
import dev.weir.hal.capability.GrantSyntaxException;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.capability.RecordingAudit;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The weir:camera functions from wasm: grants, handles, frames in memory, revocation. */
class CameraHostTest {
    private static final int ALL = 7;

    private static Grants grants(RecordingAudit audit, CameraGrant... list) {
        Grants g = new Grants().audit(audit);
        for (CameraGrant c : list) {
            g.add(c);
        }
        return g;
    }

    @Test
    void capturesFramesIntoMemoryWithSequenceAndTimestamp() throws IOException {
        RecordingAudit audit = new RecordingAudit();
        Guest guest = new Guest(grants(audit, CameraGrant.of(0, 640, 480, 30, ALL, "test")), new SyntheticCamera());
        int h = guest.open(0, 160, 120, PixelFormat.GRAY8, 10);
        assertTrue(h > 0, "handle " + h);
        for (int n = 0; n < 3; n++) {
            assertEquals(160 * 120, guest.capture(h, 4096, 160 * 120));
            assertEquals(n, guest.sequence());
            assertEquals(n * 100_000_000L, guest.timestamp());
        }
        // The frame is in memory, where the module asked: same bytes as the camera draws directly.
        byte[] expected = new byte[160 * 120];
        SyntheticCamera direct = new SyntheticCamera();
        direct.start(160, 120, PixelFormat.GRAY8, 10);
        for (int n = 0; n < 3; n++) {
            direct.readFrame(expected, 0, expected.length);
        }
        byte[] got = new byte[expected.length];
        guest.memory().read(4096, got, 0, got.length);
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(got));
        assertEquals(0, guest.close(h));
        assertEquals(-CameraError.BAD_HANDLE, guest.capture(h, 4096, 160 * 120));
        assertTrue(audit.lines().get(0).startsWith("camera denied: capture on handle"), audit.lines().toString());
    }

    @Test
    void aCheckpointedHandleReopensOnABoardThatGrantsItAndIsRefusedNamingTheCameraWhereNot() throws IOException {
        Guest first = new Guest(grants(new RecordingAudit(), CameraGrant.of(0, 640, 480, 30, ALL, "a")), new SyntheticCamera());
        int h = first.open(0, 160, 120, PixelFormat.GRAY8, 10);
        assertEquals(160 * 120, first.capture(h, 4096, 160 * 120));
        byte[] state = first.host.saveState();

        // Another board that grants camera 0: the program's handle works there, from that camera's first frame.
        Guest second = new Guest(grants(new RecordingAudit(), CameraGrant.of(0, 320, 240, 15, ALL, "b")), new SyntheticCamera());
        second.host.restoreState(state);
        assertEquals(160 * 120, second.capture(h, 4096, 160 * 120));
        assertEquals(0, second.sequence());

        // A board whose grant is smaller than the mode the program opened: refused, nothing left open.
        Guest third = new Guest(grants(new RecordingAudit(), CameraGrant.of(0, 80, 60, 5, ALL, "c")), new SyntheticCamera());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> third.host.restoreState(state));
        assertEquals("the program holds camera 0 at 160x120 gray8 10 fps, which this board does not grant or have"
                + " (mode-not-allowed)", refused.getMessage());
        assertEquals(0, third.host.openHandles());
    }

    @Test
    void deniesRequestsBeyondTheGrant() throws IOException {
        RecordingAudit audit = new RecordingAudit();
        Guest guest = new Guest(grants(audit, CameraGrant.of(0, 320, 240, 15, 1 << PixelFormat.GRAY8, "motion.grants:1")),
                new SyntheticCamera(), new SyntheticCamera());
        assertEquals(-CameraError.MODE_NOT_ALLOWED, guest.open(0, 640, 480, PixelFormat.GRAY8, 15));
        assertEquals(-CameraError.MODE_NOT_ALLOWED, guest.open(0, 320, 480, PixelFormat.GRAY8, 15));
        assertEquals(-CameraError.MODE_NOT_ALLOWED, guest.open(0, 320, 240, PixelFormat.GRAY8, 30));
        assertEquals(-CameraError.MODE_NOT_ALLOWED, guest.open(0, 320, 240, PixelFormat.RGB24, 15));
        assertEquals(-CameraError.NOT_ALLOWED, guest.open(1, 160, 120, PixelFormat.GRAY8, 15));
        assertEquals(-CameraError.INVALID_ARGUMENT, guest.open(0, 0, 240, PixelFormat.GRAY8, 15));
        assertEquals(-CameraError.INVALID_ARGUMENT, guest.open(0, 320, 240, 9, 15));
        assertEquals(7, audit.lines().size());
        assertEquals("camera denied: camera 0 at 640x480 gray8 15 fps: 640x480 is beyond the granted max=320x240"
                + " (mode-not-allowed)", audit.lines().get(0));
        assertEquals("camera denied: camera 0 at 320x240 gray8 30 fps: 30 fps is beyond the granted fps=15"
                + " (mode-not-allowed)", audit.lines().get(2));
        assertEquals("camera denied: camera 1 at 160x120 gray8 15 fps: no grant names camera 1 (not-allowed)",
                audit.lines().get(4));
        // Within the grant it opens, once.
        int h = guest.open(0, 320, 240, PixelFormat.GRAY8, 15);
        assertTrue(h > 0);
        assertEquals(-CameraError.ALREADY_IN_USE, guest.open(0, 320, 240, PixelFormat.GRAY8, 15));
    }

    @Test
    void grantedCameraThatTheHostLacksIsNoSuchCamera() throws IOException {
        Guest guest = new Guest(grants(new RecordingAudit(), CameraGrant.of(3, 640, 480, 30, ALL, "t")));
        assertEquals(-CameraError.NO_SUCH_CAMERA, guest.open(3, 160, 120, PixelFormat.GRAY8, 10));
    }

    @Test
    void regionSmallerThanAFrameIsInvalidAndOutsideMemoryTraps() throws IOException {
        Guest guest = new Guest(grants(new RecordingAudit(), CameraGrant.of(0, 640, 480, 30, ALL, "t")), new SyntheticCamera());
        int h = guest.open(0, 160, 120, PixelFormat.YUV420, 10);
        assertEquals(-CameraError.INVALID_ARGUMENT, guest.capture(h, 4096, 160 * 120));
        assertEquals(160 * 120 * 3 / 2, guest.capture(h, 4096, 160 * 120 * 3 / 2));
        assertThrows(TrapException.class, () -> guest.capture(h, 8 * 65536 - 100, 160 * 120 * 3 / 2));
    }

    @Test
    void revocationStopsTheCameraAndTheHandleSaysRevoked() throws IOException {
        RecordingAudit audit = new RecordingAudit();
        CameraGrant grant = CameraGrant.of(0, 640, 480, 30, ALL, "t");
        Grants grants = grants(audit, grant);
        Guest guest = new Guest(grants, new SyntheticCamera());
        int h = guest.open(0, 160, 120, PixelFormat.GRAY8, 10);
        assertEquals(160 * 120, guest.capture(h, 4096, 160 * 120));
        grants.revoke(grant);
        assertEquals(-CameraError.REVOKED, guest.capture(h, 4096, 160 * 120));
        assertEquals(0, guest.close(h));
        assertEquals(-CameraError.NOT_ALLOWED, guest.open(0, 160, 120, PixelFormat.GRAY8, 10));
        assertEquals(0, guest.host.openHandles());
    }

    @Test
    void endOfTheScriptIsEndOfStreamAndSticks() throws IOException {
        Guest guest = new Guest(grants(new RecordingAudit(), CameraGrant.of(0, 640, 480, 30, ALL, "t")),
                new SyntheticCamera(2, new int[0], false));
        int h = guest.open(0, 32, 24, PixelFormat.GRAY8, 10);
        assertEquals(32 * 24, guest.capture(h, 4096, 32 * 24));
        assertEquals(32 * 24, guest.capture(h, 4096, 32 * 24));
        assertEquals(-CameraError.END_OF_STREAM, guest.capture(h, 4096, 32 * 24));
        assertEquals(-CameraError.END_OF_STREAM, guest.capture(h, 4096, 32 * 24));
    }

    @Test
    void grantLinesParseAndBadOnesNameTheirOrigin() {
        GrantFile file = new GrantFile().register("camera", CameraGrant.PARSER);
        CameraGrant g = (CameraGrant) file.parseLine("camera 0 max=320x240 fps=15 formats=gray8,yuv420", "a.grants:1");
        assertEquals("camera 0 max=320x240 fps=15 formats=gray8,yuv420", g.describe());
        assertEquals("camera 1 max=640x480 fps=30 formats=gray8,yuv420,rgb24",
                file.parseLine("camera 1", "x").describe());
        GrantSyntaxException e = assertThrows(GrantSyntaxException.class,
                () -> file.parseLine("camera 0 max=320", "a.grants:2"));
        assertEquals("a.grants:2: max=320: expected WIDTHxHEIGHT, such as max=640x480", e.getMessage());
        e = assertThrows(GrantSyntaxException.class, () -> file.parseLine("camera 0 formats=bgr", "a.grants:3"));
        assertEquals("a.grants:3: unknown pixel format 'bgr' (use gray8, yuv420, rgb24)", e.getMessage());
    }
}
