package dev.weir.hal.camera;

/**
 * Hears what happens to the cameras of one {@link CameraHost}: every frame delivered (when tracing,
 * {@code weir run --trace camera}) and every producer failure. Called on the module's thread.
 */
public interface CameraListener {
    /**
     * A frame was written into the module's memory.
     *
     * @param camera the camera number the module opened
     * @param sequence the frame's sequence number on its handle, from 0
     * @param nanosSinceStart time since the host started
     */
    void frameDelivered(int camera, long sequence, int width, int height, int format, long nanosSinceStart);

    /**
     * As {@link #frameDelivered(int, long, int, int, int, long)}, with the frame: its pixels start at
     * {@code offset} of {@code memory} (valid only during the call). The host calls this one; a
     * listener that shows frames ({@code weir run --inspect}) overrides it.
     */
    default void frameDelivered(int camera, long sequence, int width, int height, int format, byte[] memory, int offset,
            long nanosSinceStart) {
        frameDelivered(camera, sequence, width, height, format, nanosSinceStart);
    }

    /**
     * A camera failed: the producer is missing, exited, stalled, or sent a short frame.
     *
     * @param camera the camera number
     * @param error the positive {@link CameraError} code the module receives negated
     * @param message one line for the operator
     */
    void failed(int camera, int error, String message);
}
