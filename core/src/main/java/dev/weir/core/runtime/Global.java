package dev.weir.core.runtime;

import dev.weir.core.module.GlobalType;

/** A global variable (spec 4.2.10), shareable between instances through imports and exports. */
public final class Global {
    private final GlobalType type;
    long value;

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
}
