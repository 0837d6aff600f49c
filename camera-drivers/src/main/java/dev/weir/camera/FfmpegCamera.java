package dev.weir.camera;

import dev.weir.hal.camera.PixelFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Any ffmpeg input as a camera: a V4L2 USB camera ({@code /dev/video0}), a video file, a network
 * stream, or one of ffmpeg's lavfi test sources ({@code -f lavfi -i testsrc}). ffmpeg scales to the
 * size the module opened, converts to its pixel format (gray, yuv420p, rgb24), sets the frame rate,
 * and writes raw frames to its standard output:
 * <pre>
 * ffmpeg -hide_banner -loglevel error -nostdin INPUT... -an -vf scale=W:H -r FPS -pix_fmt PIX -f rawvideo -
 * </pre>
 * INPUT is given as in {@code --camera ffmpeg:INPUT}: words starting with '-' are passed as they are
 * ({@code -f lavfi -i testsrc=rate=30}); a {@code /dev/video} path becomes {@code -f v4l2 -i PATH};
 * anything else becomes {@code -i INPUT}.
 */
public final class FfmpegCamera extends ProcessCamera {
    private final String program;
    private final List<String> input;

    public FfmpegCamera(String input) {
        this("ffmpeg", input, DEFAULT_START_TIMEOUT_MILLIS, DEFAULT_FRAME_TIMEOUT_MILLIS);
    }

    /** @param program the ffmpeg executable (a name on the PATH or a path) */
    public FfmpegCamera(String program, String input, long startTimeoutMillis, long frameTimeoutMillis) {
        super(startTimeoutMillis, frameTimeoutMillis);
        this.program = program;
        this.input = inputArguments(input);
    }

    static List<String> inputArguments(String input) {
        String trimmed = input.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("ffmpeg camera needs an input: ffmpeg:/dev/video0 or ffmpeg:-f lavfi -i testsrc");
        }
        if (trimmed.startsWith("-")) {
            return Arrays.asList(trimmed.split("\\s+"));
        }
        if (trimmed.startsWith("/dev/video")) {
            return Arrays.asList("-f", "v4l2", "-i", trimmed);
        }
        return Arrays.asList("-i", trimmed);
    }

    @Override
    public String describe() {
        return "ffmpeg " + String.join(" ", input);
    }

    @Override
    protected String[] programs() {
        return new String[] {program};
    }

    @Override
    protected List<String> arguments(int width, int height, int format, int fps) {
        List<String> a = new ArrayList<String>(Arrays.asList("-hide_banner", "-loglevel", "error", "-nostdin"));
        a.addAll(input);
        String pix = format == PixelFormat.GRAY8 ? "gray" : format == PixelFormat.YUV420 ? "yuv420p" : "rgb24";
        a.addAll(Arrays.asList("-an", "-vf", "scale=" + width + ":" + height, "-r", Integer.toString(fps),
                "-pix_fmt", pix, "-f", "rawvideo", "-"));
        return a;
    }

    @Override
    protected String unsupported(int format) {
        return PixelFormat.name(format) + " is not a format ffmpeg is asked for";
    }

    @Override
    protected String missing() {
        return "ffmpeg is not installed (install the Debian package ffmpeg: apt-get install ffmpeg)";
    }
}
