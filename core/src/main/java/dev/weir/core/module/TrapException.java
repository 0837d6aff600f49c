package dev.weir.core.module;

/**
 * Execution trapped (spec: assert_trap, and assert_exhaustion for exhausted stacks).
 * Created only when a trap happens; carries no Java stack trace, but a wasm backtrace
 * (function indexes, innermost first) once the interpreter has unwound.
 */
public final class TrapException extends WasmException {
    private static final long serialVersionUID = 1L;
    private final boolean exhaustion;
    private String[] wasmBacktrace = new String[0];

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

    /** Frames active when the trap happened, innermost first, as "function name or index". */
    public String[] wasmBacktrace() {
        return wasmBacktrace.clone();
    }

    public void setWasmBacktrace(String[] frames) {
        this.wasmBacktrace = frames.clone();
    }
}
