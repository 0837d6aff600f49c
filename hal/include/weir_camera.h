/*
 * weir_camera.h: cameras for WebAssembly guests of weir (the "weir:camera" import module).
 *
 * The interface is written in WIT in hal/wit/camera.wit; this header is its core-wasm ABI for C.
 * Every function returns an int32_t: a handle, a byte count or 0 on success, or a negated
 * weir_camera_error on failure. A camera can only be opened if the grants given to `weir run`
 * (--grants FILE, --grant 'camera 0 max=640x480 fps=30 formats=gray8') cover the request.
 *
 *   static uint8_t frame[320 * 240];
 *   int cam = weir_camera_open(0, 320, 240, WEIR_CAMERA_GRAY8, 15);
 *   if (cam < 0) { fprintf(stderr, "camera: %s\n", weir_camera_strerror(cam)); return 1; }
 *   weir_camera_frame_info info;
 *   int n = weir_camera_capture(cam, frame, sizeof frame, &info);
 */
#ifndef WEIR_CAMERA_H
#define WEIR_CAMERA_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WEIR_CAMERA_IMPORT(name) __attribute__((import_module("weir:camera"), import_name(name)))

/* Error codes, returned negated; the order of camera-error in camera.wit. */
enum weir_camera_error {
    WEIR_CAMERA_NOT_ALLOWED = 1,          /* no grant names the camera */
    WEIR_CAMERA_MODE_NOT_ALLOWED = 2,     /* granted, but not at this size, rate or format */
    WEIR_CAMERA_NO_SUCH_CAMERA = 3,
    WEIR_CAMERA_FORMAT_NOT_SUPPORTED = 4,
    WEIR_CAMERA_ALREADY_IN_USE = 5,
    WEIR_CAMERA_BAD_HANDLE = 6,
    WEIR_CAMERA_REVOKED = 7,              /* the host revoked the grant; close the handle */
    WEIR_CAMERA_INVALID_ARGUMENT = 8,
    WEIR_CAMERA_NO_SPACE = 9,
    WEIR_CAMERA_PRODUCER_MISSING = 10,    /* ffmpeg / rpicam-vid not installed, file missing */
    WEIR_CAMERA_END_OF_STREAM = 11,       /* the producer exited with 0, the file or script ended */
    WEIR_CAMERA_TIMEOUT = 12,             /* the producer stalled */
    WEIR_CAMERA_SHORT_FRAME = 13,         /* the producer stopped in the middle of a frame */
    WEIR_CAMERA_IO_ERROR = 14             /* the producer failed (non-zero exit status), a read failed */
};

/* Pixel formats. */
#define WEIR_CAMERA_GRAY8  0  /* 1 byte per pixel */
#define WEIR_CAMERA_YUV420 1  /* I420: width*height*3/2 bytes, even width and height */
#define WEIR_CAMERA_RGB24  2  /* 3 bytes per pixel, red first */

/* What capture writes at info (16 bytes, little-endian). */
typedef struct weir_camera_frame_info {
    uint64_t sequence;     /* frames delivered on this handle before this one */
    uint64_t timestamp_ns; /* capture time since the camera was opened */
} weir_camera_frame_info;

WEIR_CAMERA_IMPORT("open")       int32_t weir_camera_open(int32_t id, int32_t width, int32_t height,
                                                          int32_t format, int32_t fps);
/* Writes the next frame into buffer (length must hold a whole frame) and its info (info may be NULL);
   returns the frame's size in bytes. */
WEIR_CAMERA_IMPORT("capture")    int32_t weir_camera_capture(int32_t handle, void *buffer, int32_t length,
                                                             weir_camera_frame_info *info);
WEIR_CAMERA_IMPORT("frame-size") int32_t weir_camera_frame_size(int32_t handle);
WEIR_CAMERA_IMPORT("close")      int32_t weir_camera_close(int32_t handle);

static inline const char *weir_camera_strerror(int32_t code) {
    static const char *const names[] = {
        "ok", "not-allowed", "mode-not-allowed", "no-such-camera", "format-not-supported",
        "already-in-use", "bad-handle", "revoked", "invalid-argument", "no-space",
        "producer-missing", "end-of-stream", "timeout", "short-frame", "io-error"};
    int32_t c = code < 0 ? -code : code;
    return c < (int32_t) (sizeof names / sizeof names[0]) ? names[c] : "unknown-error";
}

#undef WEIR_CAMERA_IMPORT

#ifdef __cplusplus
}
#endif

#endif
