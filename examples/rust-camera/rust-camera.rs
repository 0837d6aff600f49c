//! rust-camera: motion detection in Rust, on the weir crate (guests/rust/weir): compares each
//! frame of camera 0 with the one before and keeps the LED on GPIO 17 on while enough pixels change,
//! as examples/motion does in C.
//!
//!   weir run --grants examples/motion/motion.grants --trace gpio examples/rust-camera/rust-camera.wasm [FRAMES]
//!
//! It stops when the stream ends (the synthetic camera's script, a file) or after FRAMES frames.

use std::process::exit;
use weir::camera::{self, Camera, PixelFormat};
use weir::gpio::{DigitalOut, Flags};

const WIDTH: u32 = 160;
const HEIGHT: u32 = 120;
const FPS: u32 = 15;
const LED_PIN: u32 = 17;
/// A pixel has changed when its value moved by more than this.
const THRESHOLD: u8 = 24;

fn main() {
    let max_frames: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(0);
    let mut cam = Camera::open(0, WIDTH, HEIGHT, PixelFormat::Gray8, FPS).unwrap_or_else(|e| {
        eprintln!("rust-camera: cannot open camera 0 at {}x{} gray8 {} fps: {}", WIDTH, HEIGHT, FPS, e);
        exit(1);
    });
    let mut led = DigitalOut::open(LED_PIN, Flags::NONE).unwrap_or_else(|e| {
        eprintln!("rust-camera: cannot open GPIO {} as an output: {}", LED_PIN, e);
        exit(1);
    });
    let size = PixelFormat::Gray8.frame_size(WIDTH, HEIGHT);
    // Two frames, allocated once: the current one and the one before.
    let mut frames = [vec![0u8; size], vec![0u8; size]];
    let min_changed = size / 400;
    println!("rust-camera: watching camera 0 at {}x{}, LED on GPIO {}", WIDTH, HEIGHT, LED_PIN);
    let mut moving = false;
    let mut events = 0;
    let mut count: u64 = 0;
    loop {
        let (current, previous) = if count % 2 == 0 {
            let (a, b) = frames.split_at_mut(1);
            (&mut a[0], &b[0])
        } else {
            let (a, b) = frames.split_at_mut(1);
            (&mut b[0], &a[0])
        };
        let info = match cam.capture(current) {
            Ok((_, info)) => info,
            Err(camera::Error::EndOfStream) => break,
            Err(e) => {
                eprintln!("rust-camera: capture failed after {} frames: {}", count, e);
                exit(1);
            }
        };
        if count > 0 {
            let changed = current.iter().zip(previous.iter()).filter(|(a, b)| a.abs_diff(**b) > THRESHOLD).count();
            let now = changed > min_changed;
            if now != moving {
                moving = now;
                if let Err(e) = led.set_state(moving) {
                    eprintln!("rust-camera: set-state failed: {}", e);
                    exit(1);
                }
                if moving {
                    events += 1;
                    println!("rust-camera: motion from frame {} (video time {} ms), {} pixels changed",
                             info.sequence, info.timestamp_ns / 1_000_000, changed);
                } else {
                    println!("rust-camera: still from frame {} (video time {} ms)", info.sequence,
                             info.timestamp_ns / 1_000_000);
                }
            }
        }
        count += 1;
        if max_frames > 0 && count >= max_frames {
            break;
        }
    }
    println!("rust-camera: {} frames, {} motion events", count, events);
}
