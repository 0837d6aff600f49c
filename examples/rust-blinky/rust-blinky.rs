//! rust-blinky: blinky in Rust, on the weir crate (guests/rust/weir): toggles an LED on GPIO 17
//! N times, one toggle every PERIOD milliseconds.
//!
//!   weir run --grants examples/blinky/blinky.grants --trace gpio examples/rust-blinky/rust-blinky.wasm [N [PERIOD]]
//!
//! N defaults to 10 and PERIOD to 100. The LED goes to the grant's shutdown level when `led` is
//! dropped, at the end of main.

use std::process::exit;
use std::thread::sleep;
use std::time::Duration;
use weir::gpio::{DigitalOut, Flags};

const LED_PIN: u32 = 17;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let toggles: u32 = args.get(1).map_or(Ok(10), |a| a.parse()).unwrap_or_else(|_| usage());
    let period_ms: u64 = args.get(2).map_or(Ok(100), |a| a.parse()).unwrap_or_else(|_| usage());
    let mut led = match DigitalOut::open(LED_PIN, Flags::ACTIVE_HIGH) {
        Ok(led) => led,
        Err(e) => {
            eprintln!("rust-blinky: cannot open GPIO {} as an output: {}", LED_PIN, e);
            exit(1);
        }
    };
    // Rust's stdout is line-buffered, so this line shows up in order with --trace gpio in a pipe.
    println!("rust-blinky: {} toggles of GPIO {} every {} ms", toggles, LED_PIN, period_ms);
    for i in 0..toggles {
        sleep(Duration::from_millis(period_ms));
        if let Err(e) = led.toggle() {
            eprintln!("rust-blinky: toggle {} failed: {}", i + 1, e);
            exit(1);
        }
    }
}

fn usage() -> ! {
    eprintln!("usage: rust-blinky [TOGGLES [PERIOD_MS]]");
    exit(2);
}
