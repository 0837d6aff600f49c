//! The raw imports, exactly as the host defines them: the core-wasm ABI of hal/wit/*.wit, the same
//! functions hal/include/*.h declares for C. Every function returns a non-negative value, handle or
//! 0 on success and a negated error code on failure. Use the safe wrappers in [`crate::gpio`] and
//! [`crate::camera`] instead; these are public for code that needs the exact ABI.
//!
//! One line per function, `#[link_name = "NAME"] pub fn name(params) -> i32;`: the interface drift
//! test (board-ports InterfaceDriftTest) reads this file.

/// `weir:gpio` (hal/wit/gpio.wit, hal/include/weir_gpio.h).
pub mod gpio {
    #[link(wasm_import_module = "weir:gpio")]
    extern "C" {
        #[link_name = "get-digital-in"] pub fn get_digital_in(pin: i32, flags: i32) -> i32;
        #[link_name = "get-digital-out"] pub fn get_digital_out(pin: i32, flags: i32) -> i32;
        #[link_name = "get-pwm-out"] pub fn get_pwm_out(pin: i32, frequency_hz: i32) -> i32;
        #[link_name = "close"] pub fn close(handle: i32) -> i32;
        #[link_name = "read"] pub fn read(handle: i32) -> i32;
        #[link_name = "set-state"] pub fn set_state(handle: i32, active: i32) -> i32;
        #[link_name = "toggle"] pub fn toggle(handle: i32) -> i32;
        #[link_name = "set-duty"] pub fn set_duty(handle: i32, duty: i32) -> i32;
        #[link_name = "set-frequency"] pub fn set_frequency(handle: i32, frequency_hz: i32) -> i32;
        #[link_name = "poll-edge"] pub fn poll_edge(event: *mut super::super::gpio::EdgeEvent) -> i32;
        #[link_name = "wait-edge"] pub fn wait_edge(event: *mut super::super::gpio::EdgeEvent, timeout_ms: i32) -> i32;
        #[link_name = "edges-lost"] pub fn edges_lost() -> i32;
    }
}

/// `weir:camera` (hal/wit/camera.wit, hal/include/weir_camera.h).
pub mod camera {
    #[link(wasm_import_module = "weir:camera")]
    extern "C" {
        #[link_name = "open"] pub fn open(id: i32, width: i32, height: i32, format: i32, fps: i32) -> i32;
        #[link_name = "capture"] pub fn capture(handle: i32, buffer: *mut u8, length: i32, info: *mut super::super::camera::FrameInfo) -> i32;
        #[link_name = "frame-size"] pub fn frame_size(handle: i32) -> i32;
        #[link_name = "close"] pub fn close(handle: i32) -> i32;
    }
}

/// `weir:identity` (hal/wit/identity.wit, hal/include/weir_identity.h).
pub mod identity {
    #[link(wasm_import_module = "weir:identity")]
    extern "C" {
        #[link_name = "spiffe-id"] pub fn spiffe_id(buffer: *mut u8, capacity: i32) -> i32;
    }
}

/// `weir:messaging` (hal/wit/messaging.wit, hal/include/weir_messaging.h).
pub mod messaging {
    #[link(wasm_import_module = "weir:messaging")]
    extern "C" {
        #[link_name = "open-link"] pub fn open_link(name: *const u8, name_length: i32) -> i32;
        #[link_name = "close"] pub fn close(link: i32) -> i32;
        #[link_name = "subscribe"] pub fn subscribe(link: i32, filter: *const u8, filter_length: i32, qos: i32) -> i32;
        #[link_name = "publish"] pub fn publish(link: i32, topic: *const u8, topic_length: i32, data: *const u8, data_length: i32, flags: i32, content_type: *const u8, content_type_length: i32) -> i32;
        #[link_name = "receive"] pub fn receive(link: i32, header: *mut super::super::messaging::Header, topic: *mut u8, topic_capacity: i32, data: *mut u8, data_capacity: i32, timeout_ms: i32) -> i32;
        #[link_name = "messages-lost"] pub fn messages_lost(link: i32) -> i32;
        #[link_name = "status"] pub fn status(link: i32) -> i32;
    }
}

