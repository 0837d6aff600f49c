//! Safe Rust bindings to weir's host interfaces for WebAssembly guests (`wasm32-wasi`).
//!
//! weir runs core wasm modules; each interface is an import module whose functions take and return
//! `i32`s (hal/wit describes them in WIT, hal/include gives the same ABI to C):
//!
//! * [`gpio`]: `weir:gpio`, digital inputs and outputs, hardware PWM and edge events
//! * [`camera`]: `weir:camera`, frames written straight into the guest's memory
//!
//! [`sys`] holds the raw imports, one `extern` block per interface; the other modules wrap them in
//! types that close their handle when dropped and turn negative results into [`gpio::Error`] and
//! [`camera::Error`]. A module may only use what the grants given to `weir run` allow
//! (`--grants FILE`, `--grant 'gpio 17 output'`); anything else is an error value, never a trap.
//!
//! ```no_run
//! use weir::gpio::{DigitalOut, Flags};
//! let mut led = DigitalOut::open(17, Flags::ACTIVE_HIGH)?;
//! led.toggle()?;
//! # Ok::<(), weir::gpio::Error>(())
//! ```

pub mod camera;
pub mod gpio;
pub mod identity;
pub mod messaging;
pub mod sys;
