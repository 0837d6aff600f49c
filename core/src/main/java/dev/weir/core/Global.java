package dev.weir.core;

import dev.weir.core.module.GlobalType;

/** A global variable (<a href="https://webassembly.github.io/spec/core/exec/runtime.html#global-instances">spec 4.2.10</a>), shareable between instances through imports and exports. */
public final class Global {
    private final GlobalType type;
    long value;
    /** A v128 global's high 64 bits (value holds the low 64); unused by the other types. */
    long high;

    /** @param value the initial value in slot encoding (i32/f32 in the low 32 bits, floats as raw bits) */
    public Global(GlobalType type, long value) {
        this.type = type;
        this.value = value;
    }

    public GlobalType type() {
        return type;
    }

    public long get() {
        return value;
    }

    /** Sets the value from the host; wasm code can only set mutable globals, the host can set any. */
    public void set(long value) {
        this.value = value;
    }

    /** A v128 global's high 64 bits ({@link #get} gives the low 64). */
    public long getHigh() {
        return high;
    }

    /** Sets a v128 global from the host: the low and high 64 bits. */
    public void setV128(long low, long high) {
        this.value = low;
        this.high = high;
    }
}
