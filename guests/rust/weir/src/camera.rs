//! `weir:camera`: a granted camera opened at a size, format and frame rate; frames are written
//! straight into a buffer of the guest's memory. The camera closes when dropped.

use crate::sys::camera as sys;
use std::fmt;

/// Why a camera call failed: `camera-error` of hal/wit/camera.wit, with its ABI codes (index + 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum Error {
    /// No grant names this camera.
    NotAllowed = 1,
    /// Granted, but not at this resolution, frame rate or format.
    ModeNotAllowed = 2,
    NoSuchCamera = 3,
    FormatNotSupported = 4,
    AlreadyInUse = 5,
    BadHandle = 6,
    /// The host revoked the grant; drop the camera.
    Revoked = 7,
    InvalidArgument = 8,
    NoSpace = 9,
    /// ffmpeg or rpicam-vid is not installed, or the file cannot be opened.
    ProducerMissing = 10,
    /// The stream ended (file, synthetic script, or the producer exited with 0).
    EndOfStream = 11,
    /// The producer stalled.
    Timeout = 12,
    /// The producer stopped in the middle of a frame.
    ShortFrame = 13,
    IoError = 14,
}

impl Error {
    /// The error of a negative ABI result; codes this crate does not know read as I/O errors.
    pub fn from_code(code: i32) -> Error {
        match -code {
            1 => Error::NotAllowed,
            2 => Error::ModeNotAllowed,
            3 => Error::NoSuchCamera,
            4 => Error::FormatNotSupported,
            5 => Error::AlreadyInUse,
            6 => Error::BadHandle,
            7 => Error::Revoked,
            8 => Error::InvalidArgument,
            9 => Error::NoSpace,
            10 => Error::ProducerMissing,
            11 => Error::EndOfStream,
            12 => Error::Timeout,
            13 => Error::ShortFrame,
            _ => Error::IoError,
        }
    }

    /// The WIT case name, as the C binding's weir_camera_strerror prints it.
    pub fn name(self) -> &'static str {
        match self {
            Error::NotAllowed => "not-allowed",
            Error::ModeNotAllowed => "mode-not-allowed",
            Error::NoSuchCamera => "no-such-camera",
            Error::FormatNotSupported => "format-not-supported",
            Error::AlreadyInUse => "already-in-use",
            Error::BadHandle => "bad-handle",
            Error::Revoked => "revoked",
            Error::InvalidArgument => "invalid-argument",
            Error::NoSpace => "no-space",
            Error::ProducerMissing => "producer-missing",
            Error::EndOfStream => "end-of-stream",
            Error::Timeout => "timeout",
            Error::ShortFrame => "short-frame",
            Error::IoError => "io-error",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

fn check(code: i32) -> Result<i32> {
    if code < 0 {
        Err(Error::from_code(code))
    } else {
        Ok(code)
    }
}

/// `pixel-format` of hal/wit/camera.wit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum PixelFormat {
    /// 1 byte per pixel.
    Gray8 = 0,
    /// I420 planes: width*height*3/2 bytes; width and height even.
    Yuv420 = 1,
    /// 3 bytes per pixel, red first.
    Rgb24 = 2,
}

impl PixelFormat {
    /// Bytes in one frame of this format.
    pub fn frame_size(self, width: u32, height: u32) -> usize {
        let pixels = width as usize * height as usize;
        match self {
            PixelFormat::Gray8 => pixels,
            PixelFormat::Yuv420 => pixels * 3 / 2,
            PixelFormat::Rgb24 => pixels * 3,
        }
    }
}

/// What capture reports with a frame (`frame-info`: 16 bytes, little-endian).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct FrameInfo {
    /// Frames delivered on this camera before this one.
    pub sequence: u64,
    /// Capture time in nanoseconds since the camera was opened (the camera's clock).
    pub timestamp_ns: u64,
}

/// An open camera.
#[derive(Debug)]
pub struct Camera {
    handle: i32,
}

impl Camera {
    /// Opens camera `id` (numbered from 0 in the order of `weir run --camera`).
    pub fn open(id: u32, width: u32, height: u32, format: PixelFormat, fps: u32) -> Result<Camera> {
        let handle = check(unsafe { sys::open(id as i32, width as i32, height as i32, format as i32, fps as i32) })?;
        Ok(Camera { handle })
    }

    /// Waits for the next frame and writes it into `buffer`, which must hold a whole frame;
    /// returns the frame's size in bytes and its info.
    pub fn capture(&mut self, buffer: &mut [u8]) -> Result<(usize, FrameInfo)> {
        let mut info = FrameInfo::default();
        let length = buffer.len().min(i32::MAX as usize) as i32;
        let n = check(unsafe { sys::capture(self.handle, buffer.as_mut_ptr(), length, &mut info) })?;
        Ok((n as usize, info))
    }

    /// Bytes in one frame at the size and format this camera was opened with.
    pub fn frame_size(&self) -> Result<usize> {
        check(unsafe { sys::frame_size(self.handle) }).map(|n| n as usize)
    }
}

impl Drop for Camera {
    fn drop(&mut self) {
        unsafe { sys::close(self.handle) };
    }
}
