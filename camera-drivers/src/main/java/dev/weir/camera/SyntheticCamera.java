package dev.weir.camera;

import dev.weir.hal.camera.CameraDevice;
import dev.weir.hal.camera.CameraError;
import dev.weir.hal.camera.PixelFormat;

/**
 * The host board's camera: a deterministic test pattern with a scripted moving object, so motion
 * detection can be tested without a camera. Every frame is a fixed gradient with a little
 * pseudo-random sensor noise (at most 7 levels apart between frames, below any sensible motion
 * threshold), and a bright square that stands still except in the frame ranges the script names,
 * where it moves by width/80 pixels per frame, bouncing between the edges. Frame n is a pure function
 * of (n, geometry, script): the same run gives the same bytes every time.
 * <p>
 * Timestamps are n / fps seconds (the camera's own clock); with {@code paced} the camera also waits
 * for that time, as a real camera would, otherwise it delivers frames as fast as they are asked for.
 * After {@code frames} frames the stream ends ({@link CameraError#END_OF_STREAM}); 0 means never.
 */
public final class SyntheticCamera implements CameraDevice {
    /** The default script: 120 frames, the object moving in frames 30..59 and 80..99. */
    public static final int DEFAULT_FRAMES = 120;
    public static final int[] DEFAULT_MOVES = {30, 59, 80, 99};

    private final int frames;
    /** Inclusive [first, last] frame ranges in which the object moves, as pairs. */
    private final int[] moves;
    private final boolean paced;

    private int width;
    private int height;
    private int format;
    private int fps;
    private int next;
    private long startNanos;
    private long frameTime;
    private String failure;

    /**
     * @param frames frames before the stream ends, 0 for never
     * @param moves inclusive frame ranges in which the object moves: first0, last0, first1, last1, ...
     * @param paced whether to deliver frames at the frame rate rather than as fast as asked
     */
    public SyntheticCamera(int frames, int[] moves, boolean paced) {
        if (frames < 0 || moves.length % 2 != 0) {
            throw new IllegalArgumentException("synthetic camera: frames must be >= 0 and moves come in pairs");
        }
        for (int i = 0; i < moves.length; i += 2) {
            if (moves[i] < 0 || moves[i + 1] < moves[i]) {
                throw new IllegalArgumentException("synthetic camera: move " + moves[i] + "-" + moves[i + 1] + " is not a frame range");
            }
        }
        this.frames = frames;
        this.moves = moves.clone();
        this.paced = paced;
    }

    /** The default script, unpaced. */
    public SyntheticCamera() {
        this(DEFAULT_FRAMES, DEFAULT_MOVES, false);
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("synthetic frames=").append(frames);
        for (int i = 0; i < moves.length; i += 2) {
            b.append(",move=").append(moves[i]).append('-').append(moves[i + 1]);
        }
        return paced ? b.append(",paced").toString() : b.toString();
    }

    @Override
    public int start(int w, int h, int fmt, int framesPerSecond) {
        this.width = w;
        this.height = h;
        this.format = fmt;
        this.fps = framesPerSecond;
        this.next = 0;
        this.failure = null;
        this.startNanos = System.nanoTime();
        return 0;
    }

    /** Whether the object moves between frame n - 1 and frame n. */
    public boolean movesAt(int n) {
        for (int i = 0; i < moves.length; i += 2) {
            if (n >= moves[i] && n <= moves[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Moving frames up to and including n: how far the object has travelled, in steps. */
    private int stepsUpTo(int n) {
        int steps = 0;
        for (int i = 0; i < moves.length; i += 2) {
            int first = moves[i];
            int last = Math.min(moves[i + 1], n);
            if (last >= first) {
                steps += last - first + 1;
            }
        }
        return steps;
    }

    @Override
    public int readFrame(byte[] dest, int offset, int length) {
        if (frames > 0 && next >= frames) {
            failure = "camera synthetic: the script ends after " + frames + " frames";
            return -CameraError.END_OF_STREAM;
        }
        int n = next++;
        frameTime = n * 1_000_000_000L / fps;
        if (paced) {
            long wait = startNanos + frameTime - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        draw(n, dest, offset);
        return 0;
    }

    private void draw(int n, byte[] dest, int offset) {
        final int w = width;
        final int h = height;
        int size = Math.max(2, h / 6);
        int speed = Math.max(1, w / 80);
        int span = Math.max(1, w - size);
        int travel = (int) ((long) stepsUpTo(n) * speed % (2L * span));
        int ox = travel <= span ? travel : 2 * span - travel;
        int oy = (h - size) / 2;
        int pixelBytes = format == PixelFormat.RGB24 ? 3 : 1;
        int p = offset;
        for (int y = 0; y < h; y++) {
            boolean inRows = y >= oy && y < oy + size;
            int rowBase = 40 + y * 32 / h;
            for (int x = 0; x < w; x++) {
                int v;
                if (inRows && x >= ox && x < ox + size) {
                    v = 220;
                } else {
                    v = rowBase + x * 64 / w;
                }
                v += noise(x, y, n);
                byte b = (byte) v;
                if (pixelBytes == 1) {
                    dest[p++] = b;
                } else {
                    dest[p++] = b;
                    dest[p++] = b;
                    dest[p++] = b;
                }
            }
        }
        if (format == PixelFormat.YUV420) {
            int chroma = (w / 2) * (h / 2) * 2;
            for (int i = 0; i < chroma; i++) {
                dest[p++] = (byte) 128;
            }
        }
    }

    /** Sensor noise in -3..3, a hash of the pixel and the frame. */
    private static int noise(int x, int y, int n) {
        int k = x * 0x9E3779B1 ^ y * 0x85EBCA77 ^ n * 0xC2B2AE3D;
        k ^= k >>> 15;
        k *= 0x2C1B3C6D;
        k ^= k >>> 12;
        return ((k >>> 8) & 7) - 3 - ((k >>> 8) & 7) / 7;
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
        // Nothing to release: the pattern is computed.
    }
}
