/**
 * Cameras for WebAssembly guests: the {@code weir:camera} import functions ({@link
 * dev.weir.hal.camera.CameraHost}), their grants ({@link dev.weir.hal.camera.CameraGrant}) and the
 * interface camera drivers implement ({@link dev.weir.hal.camera.CameraDevice}). The WIT is in
 * hal/wit/camera.wit, the C binding in hal/include/weir_camera.h; the drivers are in camera-drivers.
 */
package dev.weir.hal.camera;
