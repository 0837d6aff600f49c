//! `weir:gpio`: pins by BCM number, opened under the run's grants; each handle type closes its pin
//! when dropped (an output then goes to the grant's shutdown level).

use crate::sys::gpio as sys;
use std::fmt;

/// Why a GPIO call failed: `gpio-error` of hal/wit/gpio.wit, with its ABI codes (the case's index + 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum Error {
    HardwareFault = 1,
    AlreadyInUse = 2,
    /// No grant names this pin.
    PinNotAllowed = 3,
    /// A grant names the pin, but not in this mode, pull, edge set or frequency.
    PinModeNotAllowed = 4,
    /// The board has no such pin.
    UndefinedPin = 5,
    /// The pin cannot do this on this board (PWM on a pin without a PWM channel).
    PinModeNotAvailable = 6,
    WouldBlock = 7,
    OperationNotSupported = 8,
    /// Not an open handle of this module.
    BadHandle = 9,
    /// The host revoked the grant this handle was opened under.
    Revoked = 10,
    InvalidArgument = 11,
    /// The module's handle table is full.
    NoSpace = 12,
}

impl Error {
    /// The error of a negative ABI result; codes this crate does not know read as hardware faults.
    pub fn from_code(code: i32) -> Error {
        match -code {
            1 => Error::HardwareFault,
            2 => Error::AlreadyInUse,
            3 => Error::PinNotAllowed,
            4 => Error::PinModeNotAllowed,
            5 => Error::UndefinedPin,
            6 => Error::PinModeNotAvailable,
            7 => Error::WouldBlock,
            8 => Error::OperationNotSupported,
            9 => Error::BadHandle,
            10 => Error::Revoked,
            11 => Error::InvalidArgument,
            12 => Error::NoSpace,
            _ => Error::HardwareFault,
        }
    }

    /// The WIT case name, as weir's audit lines and the C binding's weir_gpio_strerror print it.
    pub fn name(self) -> &'static str {
        match self {
            Error::HardwareFault => "hardware-fault",
            Error::AlreadyInUse => "already-in-use",
            Error::PinNotAllowed => "pin-not-allowed",
            Error::PinModeNotAllowed => "pin-mode-not-allowed",
            Error::UndefinedPin => "undefined-pin",
            Error::PinModeNotAvailable => "pin-mode-not-available",
            Error::WouldBlock => "would-block",
            Error::OperationNotSupported => "operation-not-supported",
            Error::BadHandle => "bad-handle",
            Error::Revoked => "revoked",
            Error::InvalidArgument => "invalid-argument",
            Error::NoSpace => "no-space",
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

/// `digital-flags` of hal/wit/gpio.wit; combine with `|`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Flags(i32);

impl Flags {
    pub const NONE: Flags = Flags(0);
    pub const ACTIVE_HIGH: Flags = Flags(1 << 0);
    pub const ACTIVE_LOW: Flags = Flags(1 << 1);
    /// Must match the grant's pull; leave it out to take the grant's.
    pub const PULL_UP: Flags = Flags(1 << 2);
    pub const PULL_DOWN: Flags = Flags(1 << 3);
    /// Queue rising edges of this input (see [`wait_edge`]).
    pub const EDGE_RISING: Flags = Flags(1 << 4);
    /// Queue falling edges of this input.
    pub const EDGE_FALLING: Flags = Flags(1 << 5);
    pub const EDGE_BOTH: Flags = Flags((1 << 4) | (1 << 5));

    pub fn bits(self) -> i32 {
        self.0
    }
}

impl std::ops::BitOr for Flags {
    type Output = Flags;
    fn bitor(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }
}

/// A digital input.
#[derive(Debug)]
pub struct DigitalIn {
    handle: i32,
}

impl DigitalIn {
    pub fn open(pin: u32, flags: Flags) -> Result<DigitalIn> {
        let handle = check(unsafe { sys::get_digital_in(pin as i32, flags.bits()) })?;
        Ok(DigitalIn { handle })
    }

    /// Whether the input is active (active-low inverts the level).
    pub fn read(&self) -> Result<bool> {
        check(unsafe { sys::read(self.handle) }).map(|v| v == 1)
    }

    /// The handle edge events of this input carry ([`EdgeEvent::handle`]).
    pub fn handle(&self) -> i32 {
        self.handle
    }
}

impl Drop for DigitalIn {
    fn drop(&mut self) {
        unsafe { sys::close(self.handle) };
    }
}

/// A digital output, at the grant's initial level once opened.
#[derive(Debug)]
pub struct DigitalOut {
    handle: i32,
}

impl DigitalOut {
    pub fn open(pin: u32, flags: Flags) -> Result<DigitalOut> {
        let handle = check(unsafe { sys::get_digital_out(pin as i32, flags.bits()) })?;
        Ok(DigitalOut { handle })
    }

    pub fn set_state(&mut self, active: bool) -> Result<()> {
        check(unsafe { sys::set_state(self.handle, active as i32) }).map(|_| ())
    }

    pub fn toggle(&mut self) -> Result<()> {
        check(unsafe { sys::toggle(self.handle) }).map(|_| ())
    }

    /// The level last driven.
    pub fn read(&self) -> Result<bool> {
        check(unsafe { sys::read(self.handle) }).map(|v| v == 1)
    }
}

impl Drop for DigitalOut {
    fn drop(&mut self) {
        unsafe { sys::close(self.handle) };
    }
}

/// A hardware PWM output, at duty 0 (off) once opened; off again when dropped.
#[derive(Debug)]
pub struct PwmOut {
    handle: i32,
}

impl PwmOut {
    pub fn open(pin: u32, frequency_hz: u32) -> Result<PwmOut> {
        let handle = check(unsafe { sys::get_pwm_out(pin as i32, frequency_hz as i32) })?;
        Ok(PwmOut { handle })
    }

    /// Duty cycle in hundredths of a percent, 0..=10000.
    pub fn set_duty(&mut self, duty: u32) -> Result<()> {
        check(unsafe { sys::set_duty(self.handle, duty as i32) }).map(|_| ())
    }

    /// Within the range the grant allows.
    pub fn set_frequency(&mut self, frequency_hz: u32) -> Result<()> {
        check(unsafe { sys::set_frequency(self.handle, frequency_hz as i32) }).map(|_| ())
    }
}

impl Drop for PwmOut {
    fn drop(&mut self) {
        unsafe { sys::close(self.handle) };
    }
}

/// `edge-kind` of hal/wit/gpio.wit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Rising,
    Falling,
}

/// One queued edge, as the host writes it (`edge-event`: 16 bytes, little-endian).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct EdgeEvent {
    /// The input's handle ([`DigitalIn::handle`]).
    pub handle: i32,
    /// 1 rising, 2 falling; see [`EdgeEvent::edge`].
    pub edge_code: i32,
    /// Nanoseconds since the run started.
    pub time_ns: u64,
}

impl EdgeEvent {
    pub fn edge(&self) -> Edge {
        if self.edge_code == 1 {
            Edge::Rising
        } else {
            Edge::Falling
        }
    }
}

/// The oldest queued edge, if any, without waiting.
pub fn poll_edge() -> Option<EdgeEvent> {
    let mut event = EdgeEvent::default();
    if unsafe { sys::poll_edge(&mut event) } == 1 {
        Some(event)
    } else {
        None
    }
}

/// The oldest queued edge, waiting up to `timeout_ms` milliseconds for one (negative: forever);
/// `Ok(None)` on timeout.
pub fn wait_edge(timeout_ms: i32) -> Result<Option<EdgeEvent>> {
    let mut event = EdgeEvent::default();
    match check(unsafe { sys::wait_edge(&mut event, timeout_ms) })? {
        1 => Ok(Some(event)),
        _ => Ok(None),
    }
}

/// Edges dropped because the queue was full, since the last call.
pub fn edges_lost() -> u32 {
    unsafe { sys::edges_lost() }.max(0) as u32
}
