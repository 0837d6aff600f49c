/**
 * Camera drivers for {@code weir:camera}: {@link dev.weir.camera.SyntheticCamera} (the host board's
 * scripted test pattern), {@link dev.weir.camera.FileCamera} (raw frames and .y4m),
 * {@link dev.weir.camera.FfmpegCamera} (any ffmpeg input: V4L2 USB cameras, lavfi test sources) and
 * {@link dev.weir.camera.RpicamCamera} (the Raspberry Pi camera); {@link dev.weir.camera.Cameras}
 * makes one from a command-line description. Each writes frames straight into the module's memory.
 */
package dev.weir.camera;
