package dev.weir.core;

import dev.weir.core.module.TrapException;
import java.nio.ByteBuffer;

/**
 * A defined function's body, or a loop of one, compiled to JVM bytecode by
 * {@code dev.weir.core.internal.jit} ({@link dev.weir.core.internal.compile.Op#JIT_ENTRY},
 * {@link dev.weir.core.internal.compile.Op#JIT_LOOP}). Generated
 * classes extend this class, and their bytecode calls its static methods for what it does not
 * do inline, so both tiers share one definition of each instruction's semantics. Public only
 * because generated classes live in their own class loader, which makes them another runtime
 * package: embedders have no use for it.
 */
public abstract class JitCode {
    protected JitCode() {
    }

    /**
     * Runs the code on the frame at stack[fp..]. A function finds its arguments there and leaves
     * its results there, and returns -1; a loop finds and leaves the whole frame there, and
     * returns the pc where the interpreter goes on. mem is the memory's array, view the same
     * bytes as a little-endian buffer, memSize the memory's size in bytes: fixed while it runs,
     * since compiled code calls nothing and never grows memory.
     */
    public abstract int run(long[] stack, int fp, byte[] mem, ByteBuffer view, long memSize, Global[] globals,
            Store store);

    /** The instructions {@link Instructions#numeric} defines, on slot values. */
    public static long numeric(int op, long a, long b) {
        return Instructions.numeric(op, a, b);
    }

    public static TrapException outOfBounds() {
        return Memory.outOfBounds();
    }

    public static TrapException unreachable() {
        return new TrapException(TrapException.Kind.UNREACHABLE);
    }

    /** Op.FUEL: charges n instructions to the store's fuel. */
    public static void charge(Store store, int n) {
        while ((store.fuel -= n) < 0) {
            // Sliced fuel (checkpointable stores) refills here; compiled code has no safe point.
            store.fuel += n;
            if (!store.refuel()) {
                throw new TrapException(TrapException.Kind.FUEL_EXHAUSTED);
            }
        }
    }

    public static void memoryFill(byte[] mem, long memSize, long d, long value, long n) {
        Instructions.memoryFill(mem, memSize, d, value, n);
    }

    public static void memoryCopy(byte[] mem, long memSize, long d, long s, long n) {
        Instructions.memoryCopy(mem, memSize, d, s, n);
    }
}
