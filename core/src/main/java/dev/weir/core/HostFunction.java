package dev.weir.core;

/**
 * A function implemented in Java and imported by a module: a host function
 * (<a href="https://webassembly.github.io/spec/core/exec/runtime.html#function-instances">spec 4.2.6</a>). It reads its arguments from and
 * writes its results to the raw value stack, so a call passes no boxed values and no arrays:
 * argument i is {@code stack[base + i]} (i32 and f32 in the low 32 bits, floats as raw bits,
 * v128 as two slots), and result i goes to {@code stack[base + i]} (results may overwrite
 * arguments). Throw {@link dev.weir.core.module.TrapException} to trap.
 */
public interface HostFunction {
    void call(Instance caller, long[] stack, int base);
}
