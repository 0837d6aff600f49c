package dev.weir.hal.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.hal.capability.GrantFile;
import dev.weir.hal.capability.GrantSyntaxException;
import dev.weir.hal.gpio.GpioGrant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Camera grants in grant files, what they allow, and frame sizes per pixel format. */
class CameraGrantTest {
    private final GrantFile file = new GrantFile().register("gpio", GpioGrant.PARSER).register("camera", CameraGrant.PARSER);

    @Test
    void cameraAndGpioGrantsShareAFile() {
        List<?> grants = file.parse("# motion\ncamera 0 max=320x240 fps=15 formats=gray8\ngpio 17 output\n", "m.grants");
        assertEquals(2, grants.size());
        CameraGrant c = (CameraGrant) grants.get(0);
        assertEquals("m.grants:2", c.origin());
        assertEquals(0, c.camera());
        assertNull(c.refusal(320, 240, PixelFormat.GRAY8, 15));
        assertNull(c.refusal(16, 16, PixelFormat.GRAY8, 1));
        assertEquals("321x240 is beyond the granted max=320x240", c.refusal(321, 240, PixelFormat.GRAY8, 15));
        assertEquals("16 fps is beyond the granted fps=15", c.refusal(320, 240, PixelFormat.GRAY8, 16));
        assertEquals("yuv420 is not among the granted formats", c.refusal(320, 240, PixelFormat.YUV420, 15));
    }

    @Test
    void badCameraLinesNameTheLine() {
        assertEquals("g:1: a camera grant needs a camera number: camera ID [max=WxH] [fps=N] [formats=LIST]",
                assertThrows(GrantSyntaxException.class, () -> file.parseLine("camera", "g:1")).getMessage());
        assertEquals("g:2: camera number: 'usb' is not a camera number (0, 1, ...)",
                assertThrows(GrantSyntaxException.class, () -> file.parseLine("camera usb", "g:2")).getMessage());
        assertEquals("g:3: fps: '0' is not a positive whole number",
                assertThrows(GrantSyntaxException.class, () -> file.parseLine("camera 0 fps=0", "g:3")).getMessage());
        assertEquals("g:4: 'zoom' is not an option of a camera grant (max, fps, formats)",
                assertThrows(GrantSyntaxException.class, () -> file.parseLine("camera 0 zoom=2", "g:4")).getMessage());
    }

    @Test
    void frameSizesFollowTheFormat() {
        assertEquals(640 * 480, PixelFormat.frameBytes(640, 480, PixelFormat.GRAY8));
        assertEquals(640 * 480 * 3 / 2, PixelFormat.frameBytes(640, 480, PixelFormat.YUV420));
        assertEquals(640 * 480 * 3, PixelFormat.frameBytes(640, 480, PixelFormat.RGB24));
        assertEquals(-1, PixelFormat.frameBytes(641, 480, PixelFormat.YUV420));
        assertEquals(-1, PixelFormat.frameBytes(0, 480, PixelFormat.GRAY8));
        assertEquals(-1, PixelFormat.frameBytes(65536, 65536, PixelFormat.RGB24));
        assertEquals(-1, PixelFormat.frameBytes(8, 8, 3));
        assertEquals("short-frame", CameraError.name(-CameraError.SHORT_FRAME));
    }
}
