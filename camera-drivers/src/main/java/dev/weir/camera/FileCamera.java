package dev.weir.camera;

import dev.weir.hal.camera.CameraDevice;
import dev.weir.hal.camera.CameraError;
import dev.weir.hal.camera.PixelFormat;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Replays frames from a file. A {@code .y4m} file (YUV4MPEG2) carries its own size and colour space:
 * 4:2:0 files give yuv420 frames, or gray8 (the Y plane, the chroma skipped); {@code Cmono} files give
 * gray8; the module must open it at the file's size. Any other file is raw frames, tightly packed, in
 * whatever size and format the module opens it at. Timestamps are n / fps. At the end of the file the
 * stream ends ({@link CameraError#END_OF_STREAM}); a partial last frame is a {@link
 * CameraError#SHORT_FRAME}. Frames are read straight into the module's memory through a buffer made
 * once per start.
 */
public final class FileCamera implements CameraDevice {
    private final String path;
    private final boolean y4m;
    private InputStream in;
    private int fps;
    private int skip;
    private long next;
    private long frameTime;
    private String failure;
    private int broken;

    public FileCamera(String path) {
        this.path = path;
        this.y4m = path.endsWith(".y4m");
    }

    @Override
    public String describe() {
        return "file " + path;
    }

    @Override
    public int start(int width, int height, int format, int framesPerSecond) {
        stop();
        broken = 0;
        failure = null;
        next = 0;
        fps = framesPerSecond;
        skip = 0;
        try {
            in = new BufferedInputStream(new FileInputStream(path), 1 << 16);
        } catch (IOException e) {
            return fail(CameraError.PRODUCER_MISSING, "cannot open it (" + e.getMessage() + ")");
        }
        if (!y4m) {
            return 0;
        }
        String header = line(64 * 1024);
        if (header == null || !header.startsWith("YUV4MPEG2 ")) {
            return fail(CameraError.IO_ERROR, "not a YUV4MPEG2 file (no YUV4MPEG2 header)");
        }
        int w = -1;
        int h = -1;
        String colour = "420";
        for (String field : header.split(" ")) {
            if (field.startsWith("W")) {
                w = parse(field.substring(1));
            } else if (field.startsWith("H")) {
                h = parse(field.substring(1));
            } else if (field.startsWith("C")) {
                colour = field.substring(1);
            }
        }
        if (w != width || h != height) {
            return fail(CameraError.FORMAT_NOT_SUPPORTED, "the file's frames are " + w + "x" + h + ", the module asked for "
                    + width + "x" + height);
        }
        boolean mono = colour.startsWith("mono");
        if (!mono && !colour.startsWith("420")) {
            return fail(CameraError.FORMAT_NOT_SUPPORTED, "colour space C" + colour + " is not supported (use 420 or mono)");
        }
        if (format == PixelFormat.GRAY8) {
            skip = mono ? 0 : (width / 2) * (height / 2) * 2;
        } else if (format != PixelFormat.YUV420 || mono) {
            return fail(CameraError.FORMAT_NOT_SUPPORTED, "a C" + colour + " file gives " + (mono ? "gray8" : "yuv420 or gray8")
                    + ", not " + PixelFormat.name(format));
        }
        return 0;
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A header line without its newline, or null at the end of the file or when longer than max. */
    private String line(int max) {
        StringBuilder b = new StringBuilder();
        try {
            for (int c; (c = in.read()) >= 0; ) {
                if (c == '\n') {
                    return b.toString();
                }
                if (b.length() >= max) {
                    return null;
                }
                b.append((char) c);
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private int fail(int error, String message) {
        broken = error;
        failure = "camera file " + path + ": " + message;
        return -error;
    }

    @Override
    public int readFrame(byte[] dest, int offset, int length) {
        if (broken != 0) {
            return -broken;
        }
        try {
            if (y4m) {
                // "FRAME", optional parameters, newline: read byte by byte from the buffer, no objects.
                int c = in.read();
                if (c < 0) {
                    return fail(CameraError.END_OF_STREAM, "the file ends after " + next + " frames");
                }
                int count = 1;
                while (c != '\n') {
                    c = in.read();
                    if (c < 0 || ++count > 1024) {
                        return fail(CameraError.SHORT_FRAME, "frame " + next + " has no complete FRAME header");
                    }
                }
            }
            int got = 0;
            while (got < length) {
                int n = in.read(dest, offset + got, length - got);
                if (n < 0) {
                    return got == 0 && !y4m ? fail(CameraError.END_OF_STREAM, "the file ends after " + next + " frames")
                            : fail(CameraError.SHORT_FRAME, "frame " + next + " is cut short (" + got + " of " + length
                                    + " bytes)");
                }
                got += n;
            }
            long left = skip;
            while (left > 0) {
                long n = in.skip(left);
                if (n <= 0) {
                    return fail(CameraError.SHORT_FRAME, "frame " + next + " is cut short in its chroma planes");
                }
                left -= n;
            }
        } catch (IOException e) {
            return fail(CameraError.IO_ERROR, "reading failed (" + e.getMessage() + ")");
        }
        frameTime = next * 1_000_000_000L / fps;
        next++;
        return 0;
    }

    @Override
    public long frameTimeNanos() {
        return frameTime;
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public void stop() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // nothing to do
            }
            in = null;
        }
    }

    /** Header text for tests that write .y4m files. */
    static byte[] y4mHeader(int width, int height, String colour) {
        return ("YUV4MPEG2 W" + width + " H" + height + " F30:1 Ip A1:1 C" + colour + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
