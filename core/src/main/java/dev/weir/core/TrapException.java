package dev.weir.core;

/**
 * Execution trapped (spec: assert_trap, and assert_exhaustion for exhausted stacks).
 * Created only when a trap happens; carries no Java stack trace, but a wasm backtrace
 * (function indexes, innermost first) once the interpreter has unwound.
 */
public final class TrapException extends WasmException {
    private static final long serialVersionUID = 1L;
    private final boolean exhaustion;
    private String[] wasmBacktrace = new String[0];
    private String exhaustedLimit;

    /** {@link #exhaustedLimit()} when the call frames (StoreLimits.maxCallDepth) ran out. */
    public static final String CALL_DEPTH = "call depth";
    /** {@link #exhaustedLimit()} when the value stack (StoreLimits.valueStackSlots) ran out. */
    public static final String VALUE_STACK = "value stack";

    public TrapException(String message) {
        this(message, false);
    }

    public TrapException(String message, boolean exhaustion) {
        super(message, false);
        this.exhaustion = exhaustion;
    }

    /** True when a configured limit (call depth, value stack) ran out, rather than a wasm-level trap. */
    public boolean isExhaustion() {
        return exhaustion;
    }

    /**
     * For a "call stack exhausted" trap, which limit ran out: {@link #CALL_DEPTH} (frames) or
     * {@link #VALUE_STACK} (slots for locals and operands); null for other traps.
     */
    public String exhaustedLimit() {
        return exhaustedLimit;
    }

    public void setExhaustedLimit(String limit) {
        this.exhaustedLimit = limit;
    }

    /** Frames active when the trap happened, innermost first, as "function name or index". */
    public String[] wasmBacktrace() {
        return wasmBacktrace.clone();
    }

    public void setWasmBacktrace(String[] frames) {
        this.wasmBacktrace = frames.clone();
    }
}
