package dev.weir.core;

/**
 * What compiled vector code calls for the vector ops it does not emit inline: each is the
 * interpreter's own definition in {@link SimdInstructions}, so both tiers share one. The hot ops
 * (loads, stores, bitwise, i32x4, f32x4, f64x2 arithmetic, shuffles, splats, lanes) are JVM
 * bytecode in the compiled method; lane-wise ops of other shapes call {@link #binaryHalf},
 * {@link #unaryHalf} or {@link #shift} once per 64-bit half; the few that mix halves (narrow,
 * extend, extmul, bitmask, lane loads) run through {@link #execute} on the frame in the value
 * stack. Public only because generated classes live in their own class loader.
 */
public final class JitSimd {
    private JitSimd() {
    }

    /**
     * Runs the vector op at code[pc] as the interpreter does, on the frame at stack[fp..]: the
     * compiled code has written its operands there and reads its result back. mem and memSize
     * are only read by memory ops (null and 0 otherwise).
     */
    public static void execute(int pc, long[] stack, int fp, byte[] mem, long memSize, Instance inst) {
        int[] code = inst.code;
        SimdInstructions.execute(code[pc], code, pc, stack, fp, mem, memSize, inst.globals);
    }

    /** A lane-wise binary op on one 64-bit half of each operand. */
    public static long binaryHalf(int op, long a, long b) {
        return SimdInstructions.binaryHalf(op, a, b);
    }

    /** A lane-wise unary op on one 64-bit half. */
    public static long unaryHalf(int op, long x) {
        return SimdInstructions.unaryHalf(op, x);
    }

    /** A lane-wise shift of one 64-bit half by count (taken modulo the lane width). */
    public static long shift(int op, long x, int count) {
        return SimdInstructions.shift(op, x, count);
    }

    /** One half of i8x16.swizzle: the bytes of lo:hi chosen by the eight indexes (0 past 15). */
    public static long swizzle(long lo, long hi, long indexes) {
        return SimdInstructions.swizzle(lo, hi, indexes);
    }

    /** The low 32 bits of v widened as the extending load op does. */
    public static long widenLow(int op, long v) {
        return SimdInstructions.widenLow(op, v);
    }

    /** Unsigned i32 minimum, one lane of i32x4.min_u. */
    public static int minU(int x, int y) {
        return Math.min(x ^ Integer.MIN_VALUE, y ^ Integer.MIN_VALUE) ^ Integer.MIN_VALUE;
    }

    /** Unsigned i32 maximum, one lane of i32x4.max_u. */
    public static int maxU(int x, int y) {
        return Math.max(x ^ Integer.MIN_VALUE, y ^ Integer.MIN_VALUE) ^ Integer.MIN_VALUE;
    }
}
