package dev.weir.hal.camera;

/**
 * Pixel formats a module can ask for, as the ABI numbers them. Frames are tightly packed, rows top
 * to bottom: gray8 is one byte per pixel; yuv420 is I420 (the Y plane, then U and V at half width and
 * half height, what {@code rpicam-vid --codec yuv420} and ffmpeg's {@code yuv420p} produce); rgb24 is
 * three bytes per pixel, red first.
 */
public final class PixelFormat {
    public static final int GRAY8 = 0;
    public static final int YUV420 = 1;
    public static final int RGB24 = 2;

    private static final String[] NAMES = {"gray8", "yuv420", "rgb24"};

    private PixelFormat() {
    }

    public static boolean isValid(int format) {
        return format >= 0 && format < NAMES.length;
    }

    public static String name(int format) {
        return isValid(format) ? NAMES[format] : "format-" + format;
    }

    /** The format named {@code name}, or -1. */
    public static int parse(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Bytes of one frame, or -1 when it does not fit in an i32 or the geometry is not valid (yuv420
     * needs even width and height).
     */
    public static int frameBytes(int width, int height, int format) {
        if (width <= 0 || height <= 0 || !isValid(format)) {
            return -1;
        }
        long pixels = (long) width * height;
        long bytes;
        if (format == GRAY8) {
            bytes = pixels;
        } else if (format == RGB24) {
            bytes = pixels * 3;
        } else {
            if ((width & 1) != 0 || (height & 1) != 0) {
                return -1;
            }
            bytes = pixels * 3 / 2;
        }
        return bytes > Integer.MAX_VALUE ? -1 : (int) bytes;
    }
}
