/*
 * weir_gpio.h: GPIO for WebAssembly guests of weir (the "weir:gpio" import module).
 *
 * The interface is written in WIT in hal/wit/gpio.wit; this header is its core-wasm ABI for C.
 * Every function returns an int32_t: a handle, a level or 0 on success, or a negated
 * weir_gpio_error on failure. Pins are BCM numbers. A pin can only be opened if the grants
 * given to `weir run` (--grants FILE, --grant LINE) cover the request.
 *
 *   int led = weir_gpio_get_digital_out(17, 0);
 *   if (led < 0) { fprintf(stderr, "GPIO 17: %s\n", weir_gpio_strerror(led)); return 1; }
 *   weir_gpio_toggle(led);
 */
#ifndef WEIR_GPIO_H
#define WEIR_GPIO_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WEIR_GPIO_IMPORT(name) __attribute__((import_module("weir:gpio"), import_name(name)))

/* Error codes, returned negated. 1..8 follow wasi:gpio's gpio-error variant. */
enum weir_gpio_error {
    WEIR_GPIO_HARDWARE_FAULT = 1,
    WEIR_GPIO_ALREADY_IN_USE = 2,
    WEIR_GPIO_PIN_NOT_ALLOWED = 3,       /* no grant names the pin */
    WEIR_GPIO_PIN_MODE_NOT_ALLOWED = 4,  /* granted, but not like this */
    WEIR_GPIO_UNDEFINED_PIN = 5,         /* the board has no such pin */
    WEIR_GPIO_PIN_MODE_NOT_AVAILABLE = 6,
    WEIR_GPIO_WOULD_BLOCK = 7,
    WEIR_GPIO_OPERATION_NOT_SUPPORTED = 8,
    WEIR_GPIO_BAD_HANDLE = 9,            /* not an open handle of this module */
    WEIR_GPIO_REVOKED = 10,              /* the host revoked the grant; close the handle */
    WEIR_GPIO_INVALID_ARGUMENT = 11,
    WEIR_GPIO_NO_SPACE = 12
};

/* Flags of get-digital-in / get-digital-out. Bits 0..3 are wasi:gpio's digital-flags. */
#define WEIR_GPIO_ACTIVE_HIGH  (1 << 0)
#define WEIR_GPIO_ACTIVE_LOW   (1 << 1)
#define WEIR_GPIO_PULL_UP      (1 << 2)  /* must match the grant's pull; omit to take the grant's */
#define WEIR_GPIO_PULL_DOWN    (1 << 3)
#define WEIR_GPIO_EDGE_RISING  (1 << 4)  /* queue rising edges of this input */
#define WEIR_GPIO_EDGE_FALLING (1 << 5)  /* queue falling edges of this input */
#define WEIR_GPIO_EDGE_BOTH    (WEIR_GPIO_EDGE_RISING | WEIR_GPIO_EDGE_FALLING)

/* Edge kinds in events. */
#define WEIR_GPIO_RISING  1
#define WEIR_GPIO_FALLING 2

/* One edge event, as poll-edge and wait-edge write it (16 bytes, little-endian). */
typedef struct weir_gpio_event {
    int32_t handle;   /* the input's handle */
    int32_t edge;     /* WEIR_GPIO_RISING or WEIR_GPIO_FALLING */
    uint64_t time_ns; /* nanoseconds since the run started */
} weir_gpio_event;

WEIR_GPIO_IMPORT("get-digital-in")  int32_t weir_gpio_get_digital_in(int32_t pin, int32_t flags);
WEIR_GPIO_IMPORT("get-digital-out") int32_t weir_gpio_get_digital_out(int32_t pin, int32_t flags);
WEIR_GPIO_IMPORT("get-pwm-out")     int32_t weir_gpio_get_pwm_out(int32_t pin, int32_t frequency_hz);
WEIR_GPIO_IMPORT("close")           int32_t weir_gpio_close(int32_t handle);
/* 0 inactive, 1 active (active-low inverts), or a negated error. */
WEIR_GPIO_IMPORT("read")            int32_t weir_gpio_read(int32_t handle);
WEIR_GPIO_IMPORT("set-state")       int32_t weir_gpio_set_state(int32_t handle, int32_t active);
WEIR_GPIO_IMPORT("toggle")          int32_t weir_gpio_toggle(int32_t handle);
/* Duty cycle in hundredths of a percent: 0..10000. */
WEIR_GPIO_IMPORT("set-duty")        int32_t weir_gpio_set_duty(int32_t handle, int32_t duty);
WEIR_GPIO_IMPORT("set-frequency")   int32_t weir_gpio_set_frequency(int32_t handle, int32_t frequency_hz);
/* 1 and *event filled when an edge was queued, 0 when none. */
WEIR_GPIO_IMPORT("poll-edge")       int32_t weir_gpio_poll_edge(weir_gpio_event *event);
/* Like poll-edge, but waits up to timeout_ms (negative: forever) for an edge. */
WEIR_GPIO_IMPORT("wait-edge")       int32_t weir_gpio_wait_edge(weir_gpio_event *event, int32_t timeout_ms);
/* Edges dropped because the queue was full, since the last call. */
WEIR_GPIO_IMPORT("edges-lost")      int32_t weir_gpio_edges_lost(void);

static inline const char *weir_gpio_strerror(int32_t code) {
    static const char *const names[] = {
        "ok", "hardware-fault", "already-in-use", "pin-not-allowed", "pin-mode-not-allowed",
        "undefined-pin", "pin-mode-not-available", "would-block", "operation-not-supported",
        "bad-handle", "revoked", "invalid-argument", "no-space"};
    int32_t c = code < 0 ? -code : code;
    return c < (int32_t) (sizeof names / sizeof names[0]) ? names[c] : "unknown-error";
}

#undef WEIR_GPIO_IMPORT

#ifdef __cplusplus
}
#endif

#endif
