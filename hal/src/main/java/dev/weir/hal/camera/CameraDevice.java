package dev.weir.hal.camera;

/**
 * One source of frames, as a camera driver provides it (synthetic, file, ffmpeg, rpicam in
 * camera-drivers). {@link CameraHost} calls it from the module's thread only, one call at a time.
 * <p>
 * The data path is {@link #readFrame}: the driver writes the frame straight into the module's
 * memory array at the given offset. In steady state it must not allocate: no byte[] per frame.
 * Every failure is a negated {@link CameraError} for the module plus one line for the operator
 * from {@link #failure()}. A driver never blocks longer than its timeout.
 */
public interface CameraDevice {
    /** What this camera is, for messages: {@code "synthetic"}, {@code "ffmpeg -f lavfi -i testsrc"}. */
    String describe();

    /**
     * Starts producing frames of this geometry (launches the producer process, opens the file).
     *
     * @return 0, or a negated {@link CameraError} ({@link CameraError#FORMAT_NOT_SUPPORTED},
     *     {@link CameraError#PRODUCER_MISSING}, ...)
     */
    int start(int width, int height, int format, int framesPerSecond);

    /**
     * Reads the next frame: exactly {@code length} bytes (the frame size of the started geometry) into
     * {@code dest[offset..offset + length)}.
     *
     * @return 0, or a negated {@link CameraError}; after an error, later calls fail too
     */
    int readFrame(byte[] dest, int offset, int length);

    /** The capture time of the last frame read, in nanoseconds since {@link #start}. */
    long frameTimeNanos();

    /** One line for the operator about the last failure, or null. */
    String failure();

    /** Stops the producer (ends its process, closes the file); safe to call more than once. */
    void stop();
}
