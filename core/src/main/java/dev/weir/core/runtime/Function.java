package dev.weir.core.runtime;

import dev.weir.core.module.FuncType;

/**
 * A function instance (spec 4.2.6): a wasm function of an {@link Instance}, or a host function.
 * Get one with {@link Instance#function(String)} and call it from Java with the {@code call}
 * methods: arguments and results are slot-encoded longs (i32 in the low 32 bits, floats as raw
 * bits: {@code Float.floatToRawIntBits}, {@code Double.doubleToRawLongBits}). The fixed-arity
 * forms and {@link #call(long[], long[])} with reused arrays allocate nothing.
 */
public final class Function {
    // STUB: the runtime helper owns this file and replaces the bodies; the public signatures are the contract.

    /** A host function, to be given to {@link Linker#define(String, String, Function)}. */
    public static Function host(FuncType type, HostFunction implementation) {
        throw new UnsupportedOperationException("TODO");
    }

    public FuncType type() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Calls with no arguments; returns the first result, or 0 when there is none. */
    public long call() {
        throw new UnsupportedOperationException("TODO");
    }

    public long call(long a) {
        throw new UnsupportedOperationException("TODO");
    }

    public long call(long a, long b) {
        throw new UnsupportedOperationException("TODO");
    }

    public long call(long a, long b, long c) {
        throw new UnsupportedOperationException("TODO");
    }

    public long call(long a, long b, long c, long d) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Calls with args (one slot per value, two for v128) and writes all results into results. */
    public void call(long[] args, long[] results) {
        throw new UnsupportedOperationException("TODO");
    }
}
