package dev.weir.camera;

import dev.weir.hal.camera.PixelFormat;
import java.util.Arrays;
import java.util.List;

/**
 * The Raspberry Pi camera through libcamera's video app, writing raw I420 frames to its standard output:
 * <pre>
 * rpicam-vid -t 0 -n --codec yuv420 --width W --height H --framerate FPS -o -
 * </pre>
 * Older Raspberry Pi OS releases name the program {@code libcamera-vid}; it is tried when {@code
 * rpicam-vid} is not installed. yuv420 frames are passed on as they come; for gray8 the module gets
 * the Y plane and the chroma planes are read and dropped. rgb24 is not offered.
 */
public final class RpicamCamera extends ProcessCamera {
    /** The program names tried, in order. */
    public static final String[] PROGRAMS = {"rpicam-vid", "libcamera-vid"};

    private final String[] programs;

    public RpicamCamera() {
        this(PROGRAMS, DEFAULT_START_TIMEOUT_MILLIS, DEFAULT_FRAME_TIMEOUT_MILLIS);
    }

    /** @param programs the executables to try, in order (names on the PATH or paths) */
    public RpicamCamera(String[] programs, long startTimeoutMillis, long frameTimeoutMillis) {
        super(startTimeoutMillis, frameTimeoutMillis);
        this.programs = programs.clone();
    }

    @Override
    public String describe() {
        return "rpicam";
    }

    @Override
    protected String[] programs() {
        return programs.clone();
    }

    @Override
    protected List<String> arguments(int width, int height, int format, int fps) {
        if (format == PixelFormat.RGB24) {
            return null;
        }
        return Arrays.asList("-t", "0", "-n", "--codec", "yuv420", "--width", Integer.toString(width), "--height",
                Integer.toString(height), "--framerate", Integer.toString(fps), "-o", "-");
    }

    @Override
    protected int trailingBytes(int width, int height, int format) {
        return format == PixelFormat.GRAY8 ? (width / 2) * (height / 2) * 2 : 0;
    }

    @Override
    protected String unsupported(int format) {
        return PixelFormat.name(format) + " is not offered (rpicam-vid delivers yuv420; gray8 is its Y plane)";
    }

    @Override
    protected String missing() {
        return "neither rpicam-vid nor libcamera-vid is installed (on Raspberry Pi OS: apt-get install rpicam-apps)";
    }
}
