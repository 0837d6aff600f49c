package dev.weir.camera;

import dev.weir.hal.camera.CameraDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a camera from its command-line description ({@code weir run --camera SPEC}):
 * <pre>
 * synthetic[:frames=N,move=A-B,...,paced]   the host board's scripted test pattern (default script:
 *                                            120 frames, moving in frames 30-59 and 80-99)
 * file:PATH                                  raw frames, or a .y4m file
 * ffmpeg:INPUT                               ffmpeg:/dev/video0, ffmpeg:-f lavfi -i testsrc=rate=30
 * rpicam[:PROGRAM]                           rpicam-vid (or libcamera-vid); PROGRAM overrides the executable
 * </pre>
 */
public final class Cameras {
    public static final String KINDS = "synthetic, file:PATH, ffmpeg:INPUT, rpicam";

    private Cameras() {
    }

    /** @throws IllegalArgumentException with a message naming the problem */
    public static CameraDevice parse(String spec) {
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String arg = colon < 0 ? null : spec.substring(colon + 1);
        if ("synthetic".equals(kind)) {
            return synthetic(arg);
        }
        if ("file".equals(kind)) {
            if (arg == null || arg.isEmpty()) {
                throw new IllegalArgumentException("file camera needs a path: file:frames.y4m");
            }
            return new FileCamera(arg);
        }
        if ("ffmpeg".equals(kind)) {
            if (arg == null) {
                throw new IllegalArgumentException("ffmpeg camera needs an input: ffmpeg:/dev/video0 or ffmpeg:-f lavfi -i testsrc");
            }
            return new FfmpegCamera(arg);
        }
        if ("rpicam".equals(kind)) {
            return arg == null || arg.isEmpty() ? new RpicamCamera()
                    : new RpicamCamera(new String[] {arg}, ProcessCamera.DEFAULT_START_TIMEOUT_MILLIS,
                            ProcessCamera.DEFAULT_FRAME_TIMEOUT_MILLIS);
        }
        throw new IllegalArgumentException("unknown camera '" + kind + "' (known: " + KINDS + ")");
    }

    private static SyntheticCamera synthetic(String options) {
        if (options == null || options.isEmpty()) {
            return new SyntheticCamera();
        }
        int frames = SyntheticCamera.DEFAULT_FRAMES;
        List<Integer> moves = new ArrayList<Integer>();
        boolean paced = false;
        boolean ownMoves = false;
        for (String option : options.split(",")) {
            if ("paced".equals(option)) {
                paced = true;
            } else if (option.startsWith("frames=")) {
                frames = number(option, option.substring(7));
            } else if (option.startsWith("move=")) {
                String range = option.substring(5);
                int dash = range.indexOf('-');
                if (dash <= 0) {
                    throw new IllegalArgumentException("synthetic " + option + ": expected move=FIRST-LAST");
                }
                int first = number(option, range.substring(0, dash));
                int last = number(option, range.substring(dash + 1));
                if (last < first) {
                    throw new IllegalArgumentException("synthetic " + option + ": the range is empty");
                }
                moves.add(first);
                moves.add(last);
                ownMoves = true;
            } else if ("still".equals(option)) {
                ownMoves = true;
            } else {
                throw new IllegalArgumentException("synthetic camera: unknown option '" + option
                        + "' (frames=N, move=FIRST-LAST, still, paced)");
            }
        }
        int[] m;
        if (ownMoves) {
            m = new int[moves.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = moves.get(i);
            }
        } else {
            m = SyntheticCamera.DEFAULT_MOVES;
        }
        return new SyntheticCamera(frames, m, paced);
    }

    private static int number(String option, String digits) {
        try {
            int n = Integer.parseInt(digits);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("synthetic " + option + ": '" + digits + "' is not a whole number >= 0");
    }
}
