package dev.weir.core.module;

/**
 * Execution stopped: a wasm trap (<a href="https://webassembly.github.io/spec/core/exec/runtime.html#results">spec
 * 4.2.13</a>, the spec suite's {@code assert_trap}), an exhausted limit ({@code assert_exhaustion}),
 * or a host function that refused to go on. {@link #kind()} says which, so that no caller needs
 * to read the message. Created only when a trap happens; carries no Java stack trace, but a wasm
 * backtrace once the interpreter has unwound.
 */
public final class TrapException extends WasmException {
    private static final long serialVersionUID = 1L;

    /** What stopped execution. The message of a trap of a spec kind is the spec suite's text. */
    public enum Kind {
        /** The {@code unreachable} instruction. */
        UNREACHABLE("unreachable"),
        /** A load, store or bulk memory instruction outside the memory. */
        MEMORY_OUT_OF_BOUNDS("out of bounds memory access"),
        /** A table access or bulk table instruction outside the table. */
        TABLE_OUT_OF_BOUNDS("out of bounds table access"),
        /** Integer division or remainder by zero. */
        INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
        /** Signed division overflow, or a float truncated to an integer it does not fit. */
        INTEGER_OVERFLOW("integer overflow"),
        /** A NaN truncated to an integer. */
        INVALID_CONVERSION_TO_INTEGER("invalid conversion to integer"),
        /** {@code call_indirect} to a function of another type. */
        INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
        /** {@code call_indirect} past the end of the table. */
        UNDEFINED_ELEMENT("undefined element"),
        /** {@code call_indirect} to a null table element. */
        UNINITIALIZED_ELEMENT("uninitialized element"),
        /** The store's call depth or value stack ran out (a limit, {@code StoreLimits}). */
        CALL_STACK_EXHAUSTED("call stack exhausted"),
        /** The store's fuel ran out ({@code Store.setFuel}, metered code). */
        FUEL_EXHAUSTED("fuel exhausted"),
        /** {@code Store.interrupt} stopped the call (a watchdog, {@code weir run --timeout}). */
        INTERRUPTED("interrupted"),
        /** A host function stopped execution; the message says why. */
        HOST("host function trapped");

        private final String message;

        Kind(String message) {
            this.message = message;
        }

        /** The message a trap of this kind carries (for {@link #HOST}, a default). */
        public String message() {
            return message;
        }

        /** Whether this is a limit that ran out rather than something the program did. */
        public boolean isExhaustion() {
            return this == CALL_STACK_EXHAUSTED || this == FUEL_EXHAUSTED;
        }

        /** Whether the WebAssembly spec defines this trap (the program's own fault). */
        public boolean isSpecTrap() {
            return ordinal() <= UNINITIALIZED_ELEMENT.ordinal();
        }
    }

    private final Kind kind;
    private String[] wasmBacktrace = new String[0];
    private String exhaustedLimit;

    /** {@link #exhaustedLimit()} when the call frames ({@code StoreLimits.maxCallDepth}) ran out. */
    public static final String CALL_DEPTH = "call depth";
    /** {@link #exhaustedLimit()} when the value stack ({@code StoreLimits.valueStackSlots}) ran out. */
    public static final String VALUE_STACK = "value stack";

    /** A trap of the given kind, with the kind's message. */
    public TrapException(Kind kind) {
        this(kind, kind.message);
    }

    /** A trap of the given kind with a more specific message. */
    public TrapException(Kind kind, String message) {
        super(message, false);
        if (kind == null) {
            throw new IllegalArgumentException("trap kind must not be null");
        }
        this.kind = kind;
    }

    /** A host function's trap ({@link Kind#HOST}), with its reason. */
    public TrapException(String message) {
        this(Kind.HOST, message);
    }

    public Kind kind() {
        return kind;
    }

    /** True when a configured limit (call depth, value stack, fuel) ran out, rather than a wasm-level trap. */
    public boolean isExhaustion() {
        return kind.isExhaustion();
    }

    /**
     * For a {@link Kind#CALL_STACK_EXHAUSTED} trap, which limit ran out: {@link #CALL_DEPTH}
     * (frames) or {@link #VALUE_STACK} (slots for locals and operands); null for other traps.
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
