package dev.weir.hal.camera;

/**
 * The error codes of the camera import ABI ({@code hal/wit/camera.wit}). Functions return them
 * negated, so every non-negative result is a handle, a byte count or 0. 1..9 are about the request
 * (grants, handles, arguments); 10..15 are about the frame producer, and each comes with one line for
 * the operator ({@link CameraDevice#failure()}).
 */
public final class CameraError {
    /** No grant names this camera. */
    public static final int NOT_ALLOWED = 1;
    /** A grant names the camera, but not at this resolution, frame rate or pixel format. */
    public static final int MODE_NOT_ALLOWED = 2;
    /** The host has no camera with this number. */
    public static final int NO_SUCH_CAMERA = 3;
    /** The camera cannot deliver this pixel format (rgb24 from rpicam, a .y4m of another size). */
    public static final int FORMAT_NOT_SUPPORTED = 4;
    /** The camera is already open. */
    public static final int ALREADY_IN_USE = 5;
    /** Not an open handle of this module: never issued, closed, stale or made up. */
    public static final int BAD_HANDLE = 6;
    /** The grant this handle was opened under was revoked; close the handle. */
    public static final int REVOKED = 7;
    /** An argument is out of range (zero width, unknown format, a region smaller than a frame). */
    public static final int INVALID_ARGUMENT = 8;
    /** The module's handle table is full. */
    public static final int NO_SPACE = 9;
    /** The producer program is not installed (ffmpeg, rpicam-vid). */
    public static final int PRODUCER_MISSING = 10;
    /** The stream ended: the producer exited with status 0, the file or the synthetic script is over. */
    public static final int END_OF_STREAM = 11;
    /** No frame within the timeout: the producer stalled. */
    public static final int TIMEOUT = 12;
    /** The producer stopped in the middle of a frame. */
    public static final int SHORT_FRAME = 13;
    /**
     * The producer failed: it exited with a non-zero status (a camera it cannot open, a crash, a
     * kill) between frames, reading from it failed, or it sent something that is not a frame.
     */
    public static final int IO_ERROR = 14;

    private static final String[] NAMES = {"ok", "not-allowed", "mode-not-allowed", "no-such-camera",
        "format-not-supported", "already-in-use", "bad-handle", "revoked", "invalid-argument", "no-space",
        "producer-missing", "end-of-stream", "timeout", "short-frame", "io-error"};

    private CameraError() {
    }

    /** The WIT name of an error code, given positive or negated. */
    public static String name(int code) {
        int c = Math.abs(code);
        return c < NAMES.length ? NAMES[c] : "unknown-error-" + c;
    }
}
