package dev.weir.core.internal.compile;

/**
 * Which code the compiler marks to run as JVM bytecode. The JIT tier implements it
 * ({@code dev.weir.core.internal.jit.JitCompiler#selector}); the compiler only asks, so that
 * the compiler does not depend on the JIT. Internal: not for embedders.
 */
public interface JitSelector {
    /**
     * Whether the function whose body is code[from, to), with frameSlots slots, starts with
     * {@link Op#JIT_ENTRY} and runs as JVM bytecode.
     */
    boolean function(int[] code, int from, int to, int frameSlots);

    /** Whether the loop code[from, to), from its label to its end, runs as JVM bytecode. */
    boolean loop(int[] code, int from, int to);
}
