package dev.weir.core.runtime;

import dev.weir.core.TrapException;
import java.nio.ByteBuffer;

/**
 * A defined function's body compiled to JVM bytecode by {@code dev.weir.core.jit}. Generated
 * classes extend this class, and their bytecode calls its static methods for what it does not
 * do inline, so both tiers share one definition of each instruction's semantics. Public only
 * because generated classes live in their own class loader, which makes them another runtime
 * package: embedders have no use for it.
 */
public abstract class JitFunction {
    protected JitFunction() {
    }

    /**
     * Runs the body with its arguments in stack[fp..] and leaves its results there. mem is the
     * memory's array, view the same bytes as a little-endian buffer, memSize the memory's size
     * in bytes: fixed while it runs, since compiled functions call nothing and never grow memory.
     */
    public abstract void run(long[] stack, int fp, byte[] mem, ByteBuffer view, long memSize, Global[] globals,
            Store store);

    /** The instructions {@link Instructions#numeric} defines, on slot values. */
    public static long numeric(int op, long a, long b) {
        return Instructions.numeric(op, a, b);
    }

    public static TrapException outOfBounds() {
        return Memory.outOfBounds();
    }

    public static TrapException unreachable() {
        return new TrapException("unreachable");
    }

    /** Op.FUEL: charges n instructions to the store's fuel. */
    public static void charge(Store store, int n) {
        if ((store.fuel -= n) < 0) {
            throw Instructions.fuelExhausted(store, n);
        }
    }

    public static void memoryFill(byte[] mem, long memSize, long d, long value, long n) {
        Instructions.memoryFill(mem, memSize, d, value, n);
    }

    public static void memoryCopy(byte[] mem, long memSize, long d, long s, long n) {
        Instructions.memoryCopy(mem, memSize, d, s, n);
    }
}
