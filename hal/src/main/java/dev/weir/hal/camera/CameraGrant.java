package dev.weir.hal.camera;

import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantParser;
import dev.weir.hal.capability.GrantSyntaxException;

/**
 * A grant to use one camera, up to a resolution and a frame rate, in some pixel formats. Grant-file
 * syntax:
 * <pre>
 * camera ID [max=WIDTHxHEIGHT] [fps=MAX] [formats=gray8,yuv420,rgb24]
 * </pre>
 * ID is the camera's number (the position of its {@code --camera} option, from 0). Defaults:
 * {@code max=640x480 fps=30} and every format. A module may open the camera at any size within
 * {@code max} (width and height each) and any frame rate up to {@code fps}.
 */
public final class CameraGrant extends Grant {
    public static final int DEFAULT_MAX_WIDTH = 640;
    public static final int DEFAULT_MAX_HEIGHT = 480;
    public static final int DEFAULT_MAX_FPS = 30;
    private static final int ALL_FORMATS = (1 << PixelFormat.GRAY8) | (1 << PixelFormat.YUV420) | (1 << PixelFormat.RGB24);

    /** The grant-file parser for {@code camera} lines. */
    public static final GrantParser PARSER = new GrantParser() {
        @Override
        public Grant parse(String[] words, String origin) {
            return CameraGrant.parse(words, origin);
        }
    };

    private final int camera;
    private final int maxWidth;
    private final int maxHeight;
    private final int maxFps;
    private final int formatMask;

    private CameraGrant(String origin, int camera, int maxWidth, int maxHeight, int maxFps, int formatMask) {
        super(origin);
        this.camera = camera;
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
        this.maxFps = maxFps;
        this.formatMask = formatMask;
    }

    /**
     * @param formatMask bits {@code 1 << PixelFormat.X} of the formats allowed
     */
    public static CameraGrant of(int camera, int maxWidth, int maxHeight, int maxFps, int formatMask, String origin) {
        if (camera < 0 || camera > 999) {
            throw new GrantSyntaxException(origin, "camera " + camera + " is not a camera number (0..999)");
        }
        if (maxWidth < 1 || maxHeight < 1 || maxFps < 1) {
            throw new GrantSyntaxException(origin, "a camera grant needs a positive size and frame rate");
        }
        if (formatMask == 0 || (formatMask & ~ALL_FORMATS) != 0) {
            throw new GrantSyntaxException(origin, "a camera grant needs at least one known pixel format");
        }
        return new CameraGrant(origin, camera, maxWidth, maxHeight, maxFps, formatMask);
    }

    /** Parses {@code camera ID [key=value...]}, words[0] being "camera". */
    public static CameraGrant parse(String[] words, String origin) {
        if (words.length < 2) {
            throw new GrantSyntaxException(origin, "a camera grant needs a camera number: camera ID [max=WxH] [fps=N] [formats=LIST]");
        }
        int camera = number(origin, "camera number", words[1]);
        int width = DEFAULT_MAX_WIDTH;
        int height = DEFAULT_MAX_HEIGHT;
        int fps = DEFAULT_MAX_FPS;
        int mask = ALL_FORMATS;
        for (int i = 2; i < words.length; i++) {
            String w = words[i];
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            String value = eq < 0 ? "" : w.substring(eq + 1);
            if (eq < 0 || value.isEmpty()) {
                throw new GrantSyntaxException(origin, "expected key=value, got '" + w + "'");
            }
            if ("max".equals(key)) {
                int x = value.indexOf('x');
                if (x <= 0) {
                    throw new GrantSyntaxException(origin, "max=" + value + ": expected WIDTHxHEIGHT, such as max=640x480");
                }
                width = number(origin, "max width", value.substring(0, x));
                height = number(origin, "max height", value.substring(x + 1));
            } else if ("fps".equals(key)) {
                fps = number(origin, "fps", value);
            } else if ("formats".equals(key)) {
                mask = 0;
                for (String name : value.split(",")) {
                    int f = PixelFormat.parse(name);
                    if (f < 0) {
                        throw new GrantSyntaxException(origin, "unknown pixel format '" + name + "' (use gray8, yuv420, rgb24)");
                    }
                    mask |= 1 << f;
                }
            } else {
                throw new GrantSyntaxException(origin, "'" + key + "' is not an option of a camera grant (max, fps, formats)");
            }
        }
        return of(camera, width, height, fps, mask, origin);
    }

    private static int number(String origin, String what, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= (what.equals("camera number") ? 0 : 1)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new GrantSyntaxException(origin, what + ": '" + value + "' is not a "
                + (what.equals("camera number") ? "camera number (0, 1, ...)" : "positive whole number"));
    }

    @Override
    public String capability() {
        return "camera";
    }

    public int camera() {
        return camera;
    }

    public int maxWidth() {
        return maxWidth;
    }

    public int maxHeight() {
        return maxHeight;
    }

    public int maxFps() {
        return maxFps;
    }

    public boolean allowsFormat(int format) {
        return PixelFormat.isValid(format) && (formatMask & (1 << format)) != 0;
    }

    /** Why this grant does not cover the request, or null when it does. */
    String refusal(int width, int height, int format, int fps) {
        if (width > maxWidth || height > maxHeight) {
            return width + "x" + height + " is beyond the granted max=" + maxWidth + "x" + maxHeight;
        }
        if (fps > maxFps) {
            return fps + " fps is beyond the granted fps=" + maxFps;
        }
        if (!allowsFormat(format)) {
            return PixelFormat.name(format) + " is not among the granted formats";
        }
        return null;
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("camera ").append(camera).append(" max=").append(maxWidth).append('x')
                .append(maxHeight).append(" fps=").append(maxFps).append(" formats=");
        String sep = "";
        for (int f = 0; f < 3; f++) {
            if (allowsFormat(f)) {
                b.append(sep).append(PixelFormat.name(f));
                sep = ",";
            }
        }
        return b.toString();
    }
}
