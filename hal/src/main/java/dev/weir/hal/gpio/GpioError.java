package dev.weir.hal.gpio;

/**
 * The error codes of the GPIO import ABI. Functions return them negated (-1 .. -12), so every
 * non-negative result is a value or a handle. 1..8 are the cases of wasi:gpio's {@code gpio-error}
 * variant, in its order; 9..12 are weir's, for what the component model expresses by other means
 * (resource handles cannot be forged there, and lists carry their own length).
 */
public final class GpioError {
    /** The driver failed to access the pin. */
    public static final int HARDWARE_FAULT = 1;
    /** The pin is already open (in this module, or claimed by another program). */
    public static final int ALREADY_IN_USE = 2;
    /** No grant names this pin. */
    public static final int PIN_NOT_ALLOWED = 3;
    /** A grant names this pin, but not in the mode, pull, edges or frequency asked for. */
    public static final int PIN_MODE_NOT_ALLOWED = 4;
    /** The board has no such pin (wasi:gpio's {@code undefined-pin-label}). */
    public static final int UNDEFINED_PIN = 5;
    /** The pin cannot do this on this board (PWM on a pin without a PWM channel). */
    public static final int PIN_MODE_NOT_AVAILABLE = 6;
    /** Not used by weir's blocking calls; kept so the numbering matches wasi:gpio. */
    public static final int WOULD_BLOCK = 7;
    /** The operation does not apply to this handle (write to an input, duty of a digital output). */
    public static final int OPERATION_NOT_SUPPORTED = 8;
    /** Not an open handle of this module: never issued, closed, stale or made up. */
    public static final int BAD_HANDLE = 9;
    /** The grant this handle was opened under was revoked; close the handle. */
    public static final int REVOKED = 10;
    /** An argument is out of range (a state other than 0 or 1, a duty above 10000, unknown flags). */
    public static final int INVALID_ARGUMENT = 11;
    /** The module's handle table is full. */
    public static final int NO_SPACE = 12;

    private static final String[] NAMES = {"ok", "hardware-fault", "already-in-use", "pin-not-allowed",
        "pin-mode-not-allowed", "undefined-pin", "pin-mode-not-available", "would-block", "operation-not-supported",
        "bad-handle", "revoked", "invalid-argument", "no-space"};

    private GpioError() {
    }

    /** The WIT name of an error code, given positive or negated. */
    public static String name(int code) {
        int c = Math.abs(code);
        return c < NAMES.length ? NAMES[c] : "unknown-error-" + c;
    }
}
