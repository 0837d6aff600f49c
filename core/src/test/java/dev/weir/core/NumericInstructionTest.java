package dev.weir.core;

import static dev.weir.core.ModuleBuilder.F32;
import static dev.weir.core.ModuleBuilder.F64;
import static dev.weir.core.ModuleBuilder.I32;
import static dev.weir.core.ModuleBuilder.I64;
import static dev.weir.core.ModuleBuilder.params;
import static dev.weir.core.ModuleBuilder.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.TrapException;
import dev.weir.core.internal.compile.Op;
import org.junit.jupiter.api.Test;

/** Numeric instructions (spec 4.3) run one at a time through hand-assembled functions. */
class NumericInstructionTest {

    /** Runs op(dst=2, a=0, b=1) and returns slot 2. */
    static long binary(int op, byte in, byte out, long a, long b) {
        ModuleBuilder mb = new ModuleBuilder();
        mb.function("f", type(params(in, in), out), 2, 0, 3, op, 2, 0, 1, Op.COPY, 0, 2, Op.RETURN);
        return mb.instantiate().function("f").call(a, b);
    }

    static long unary(int op, byte in, byte out, long a) {
        ModuleBuilder mb = new ModuleBuilder();
        mb.function("f", type(params(in), out), 1, 0, 2, op, 1, 0, Op.COPY, 0, 1, Op.RETURN);
        return mb.instantiate().function("f").call(a);
    }

    static int i32(int op, int a, int b) {
        return (int) binary(op, I32, I32, a, b);
    }

    static long i64(int op, long a, long b) {
        return binary(op, I64, I64, a, b);
    }

    static long f32(float v) {
        return Float.floatToRawIntBits(v);
    }

    static long f64(double v) {
        return Double.doubleToRawLongBits(v);
    }

    static float asF32(long slot) {
        return Float.intBitsToFloat((int) slot);
    }

    static double asF64(long slot) {
        return Double.longBitsToDouble(slot);
    }

    static void assertTrap(String message, Runnable r) {
        TrapException e = assertThrows(TrapException.class, r::run);
        assertEquals(message, e.getMessage());
    }

    @Test
    void i32ArithmeticWrapsAndIgnoresHighBits() {
        assertEquals(Integer.MIN_VALUE, i32(Op.I32_ADD, Integer.MAX_VALUE, 1));
        assertEquals(-1, i32(Op.I32_SUB, 0, 1));
        assertEquals(0x358e7470, i32(Op.I32_MUL, 0x01234567, 0x76543210));
        // Slots with garbage in the high half still compute on the low 32 bits.
        assertEquals(3, (int) binary(Op.I32_ADD, I32, I32, 0xFFFF_0000_0000_0001L, 0x1234_5678_0000_0002L));
        assertEquals(1, (int) binary(Op.I32_EQ, I32, I32, 0xFFFF_0000_0000_0005L, 5));
        assertEquals(1, (int) binary(Op.I32_LT_U, I32, I32, 1, 0x8000_0000L));
        assertEquals(0, (int) binary(Op.I32_LT_S, I32, I32, 1, 0x8000_0000L));
    }

    @Test
    void i32DivisionTrapsAndRoundsTowardZero() {
        assertEquals(-2, i32(Op.I32_DIV_S, -7, 3));
        assertEquals(-1, i32(Op.I32_REM_S, -7, 3));
        assertEquals(0x7FFFFFFF, i32(Op.I32_DIV_U, -1, 2));
        assertEquals(1, i32(Op.I32_REM_U, -1, 2));
        assertEquals(0, i32(Op.I32_REM_S, Integer.MIN_VALUE, -1));
        assertTrap("integer divide by zero", () -> i32(Op.I32_DIV_S, 1, 0));
        assertTrap("integer divide by zero", () -> i32(Op.I32_DIV_U, 1, 0));
        assertTrap("integer divide by zero", () -> i32(Op.I32_REM_S, 1, 0));
        assertTrap("integer divide by zero", () -> i32(Op.I32_REM_U, 1, 0));
        assertTrap("integer overflow", () -> i32(Op.I32_DIV_S, Integer.MIN_VALUE, -1));
    }

    @Test
    void i32BitsShiftsAndRotates() {
        assertEquals(0x80000000, i32(Op.I32_SHL, 1, 63));
        assertEquals(-1, i32(Op.I32_SHR_S, 0x80000000, 31));
        assertEquals(1, i32(Op.I32_SHR_U, 0x80000000, 31));
        assertEquals(0x00000003, i32(Op.I32_ROTL, 0x80000001, 1));
        assertEquals(0xC0000000, i32(Op.I32_ROTR, 0x80000001, 33));
        assertEquals(32, (int) unary(Op.I32_CLZ, I32, I32, 0));
        assertEquals(31, (int) unary(Op.I32_CLZ, I32, I32, 0xFFFF_FFFF_0000_0001L));
        assertEquals(32, (int) unary(Op.I32_CTZ, I32, I32, 0xFFFF_FFFF_0000_0000L));
        assertEquals(32, (int) unary(Op.I32_POPCNT, I32, I32, -1));
        assertEquals(-128, (int) unary(Op.I32_EXTEND8_S, I32, I32, 0x80));
        assertEquals(-32768, (int) unary(Op.I32_EXTEND16_S, I32, I32, 0x18000));
        assertEquals(1, (int) unary(Op.I32_EQZ, I32, I32, 0xFFFF_FFFF_0000_0000L));
    }

    @Test
    void i64ArithmeticDivisionAndBits() {
        assertEquals(Long.MIN_VALUE, i64(Op.I64_ADD, Long.MAX_VALUE, 1));
        assertEquals(0x7FFF_FFFF_FFFF_FFFFL, i64(Op.I64_DIV_U, -1, 2));
        assertEquals(1, i64(Op.I64_DIV_U, -1, -2));
        assertEquals(0, i64(Op.I64_DIV_U, -2, -1));
        assertEquals(0x5555_5555_5555_5555L, i64(Op.I64_DIV_U, 0xFFFF_FFFF_FFFF_FFFFL, 3));
        assertEquals(1, i64(Op.I64_REM_U, 0x8000_0000_0000_0001L, 2));
        assertEquals(5, i64(Op.I64_REM_U, -1, 10));
        assertEquals(0, i64(Op.I64_REM_S, Long.MIN_VALUE, -1));
        assertEquals(-2, i64(Op.I64_DIV_S, -7, 3));
        assertTrap("integer overflow", () -> i64(Op.I64_DIV_S, Long.MIN_VALUE, -1));
        assertTrap("integer divide by zero", () -> i64(Op.I64_DIV_U, 1, 0));
        assertTrap("integer divide by zero", () -> i64(Op.I64_REM_S, 1, 0));
        assertTrap("integer divide by zero", () -> i64(Op.I64_REM_U, 1, 0));
        assertEquals(Long.MIN_VALUE, i64(Op.I64_SHL, 1, 127));
        assertEquals(3, i64(Op.I64_ROTL, 0x8000_0000_0000_0001L, 65));
        assertEquals(0xC000_0000_0000_0000L, i64(Op.I64_ROTR, 0x8000_0000_0000_0001L, 1));
        assertEquals(1, i64(Op.I64_LT_U, 1, -1));
        assertEquals(0, i64(Op.I64_GE_U, 1, -1));
        assertEquals(64, unary(Op.I64_CTZ, I64, I64, 0));
        assertEquals(-1, unary(Op.I64_EXTEND_I32_S, I32, I64, 0x1_FFFF_FFFFL));
        assertEquals(0xFFFF_FFFFL, unary(Op.I64_EXTEND_I32_U, I32, I64, 0x1234_FFFF_FFFFL));
        assertEquals(-1L, unary(Op.I64_EXTEND32_S, I64, I64, 0xFFFF_FFFFL));
        assertEquals(-1L, unary(Op.I64_EXTEND8_S, I64, I64, 0xFF));
    }

    @Test
    void floatArithmeticRoundsInItsOwnPrecision() {
        // 16777216 + 1 is not representable in f32: f32 rounding gives 16777216, f64 arithmetic would not.
        assertEquals(16777216f, asF32(binary(Op.F32_ADD, F32, F32, f32(16777216f), f32(1f))));
        assertEquals(0.1 + 0.2, asF64(binary(Op.F64_ADD, F64, F64, f64(0.1), f64(0.2))));
        assertEquals(1f / 3f, asF32(binary(Op.F32_DIV, F32, F32, f32(1f), f32(3f))));
        assertEquals((float) Math.sqrt(2.0), asF32(unary(Op.F32_SQRT, F32, F32, f32(2f))));
        assertTrue(Float.isNaN(asF32(binary(Op.F32_SUB, F32, F32, f32(Float.POSITIVE_INFINITY),
                f32(Float.POSITIVE_INFINITY)))));
        assertEquals(1, (int) binary(Op.F32_NE, F32, I32, f32(Float.NaN), f32(Float.NaN)));
        assertEquals(0, (int) binary(Op.F64_EQ, F64, I32, f64(Double.NaN), f64(Double.NaN)));
        assertEquals(1, (int) binary(Op.F64_LE, F64, I32, f64(-0.0), f64(0.0)));
    }

    @Test
    void signOperationsKeepNanPayloads() {
        long nan = 0x7FA0_0001L;
        assertEquals(0xFFA0_0001L, unary(Op.F32_NEG, F32, F32, nan) & 0xFFFF_FFFFL);
        assertEquals(nan, unary(Op.F32_ABS, F32, F32, 0xFFA0_0001L) & 0xFFFF_FFFFL);
        assertEquals(0xFFA0_0001L, binary(Op.F32_COPYSIGN, F32, F32, nan, f32(-1f)) & 0xFFFF_FFFFL);
        long nan64 = 0x7FF0_0000_0000_0001L;
        assertEquals(nan64 | Long.MIN_VALUE, unary(Op.F64_NEG, F64, F64, nan64));
        assertEquals(nan64, unary(Op.F64_ABS, F64, F64, nan64 | Long.MIN_VALUE));
        assertEquals(nan64, binary(Op.F64_COPYSIGN, F64, F64, nan64 | Long.MIN_VALUE, f64(2.0)));
    }

    @Test
    void minMaxPropagateNanAndOrderZeros() {
        assertEquals(f32(-0f), binary(Op.F32_MIN, F32, F32, f32(0f), f32(-0f)));
        assertEquals(f32(0f), binary(Op.F32_MAX, F32, F32, f32(-0f), f32(0f)));
        assertEquals(f64(-0.0), binary(Op.F64_MIN, F64, F64, f64(0.0), f64(-0.0)));
        assertEquals(f64(0.0), binary(Op.F64_MAX, F64, F64, f64(-0.0), f64(0.0)));
        // A signalling NaN operand gives a NaN result with the quiet bit set (an arithmetic NaN).
        long snan = 0x7F80_0001L;
        long r = binary(Op.F32_MIN, F32, F32, f32(1f), snan) & 0xFFFF_FFFFL;
        assertTrue(Float.isNaN(asF32(r)));
        assertEquals(0x0040_0000L, r & 0x0040_0000L);
        assertTrue(Double.isNaN(asF64(binary(Op.F64_MAX, F64, F64, f64(Double.NaN), f64(1.0)))));
    }

    @Test
    void roundingInstructions() {
        assertEquals(2f, asF32(unary(Op.F32_NEAREST, F32, F32, f32(2.5f))));
        assertEquals(-4f, asF32(unary(Op.F32_NEAREST, F32, F32, f32(-3.5f))));
        assertEquals(f32(-0f), unary(Op.F32_NEAREST, F32, F32, f32(-0.5f)));
        assertEquals(f64(-0.0), unary(Op.F64_CEIL, F64, F64, f64(-0.5)));
        assertEquals(-1.0, asF64(unary(Op.F64_FLOOR, F64, F64, f64(-0.5))));
        assertEquals(f64(-0.0), unary(Op.F64_TRUNC, F64, F64, f64(-0.9)));
        assertEquals(1f, asF32(unary(Op.F32_TRUNC, F32, F32, f32(1.9f))));
        assertEquals(2f, asF32(unary(Op.F32_CEIL, F32, F32, f32(1.1f))));
        assertEquals(1f, asF32(unary(Op.F32_FLOOR, F32, F32, f32(1.9f))));
        assertEquals(4503599627370496.0, asF64(unary(Op.F64_NEAREST, F64, F64, f64(4503599627370496.0))));
        // Rounding a signalling NaN gives an arithmetic NaN: quiet bit set, payload kept (sign is free).
        for (int op : new int[] {Op.F64_CEIL, Op.F64_FLOOR, Op.F64_TRUNC, Op.F64_NEAREST}) {
            assertEquals(0x7FFC_0000_0000_0000L, unary(op, F64, F64, 0xFFF4_0000_0000_0000L) & Long.MAX_VALUE,
                    Op.name(op));
        }
        for (int op : new int[] {Op.F32_CEIL, Op.F32_FLOOR, Op.F32_TRUNC, Op.F32_NEAREST}) {
            assertEquals(0x7FE0_0000L, unary(op, F32, F32, 0x7FA0_0000L) & 0x7FFF_FFFFL, Op.name(op));
        }
    }

    @Test
    void trappingTruncationsCheckNanAndRange() {
        assertEquals(-2147483648, (int) unary(Op.I32_TRUNC_F32_S, F32, I32, f32(-2147483648f)));
        assertTrap("integer overflow", () -> unary(Op.I32_TRUNC_F32_S, F32, I32, f32(2147483648f)));
        assertTrap("invalid conversion to integer", () -> unary(Op.I32_TRUNC_F32_S, F32, I32, f32(Float.NaN)));
        assertEquals(-2147483648, (int) unary(Op.I32_TRUNC_F64_S, F64, I32, f64(-2147483648.9)));
        assertTrap("integer overflow", () -> unary(Op.I32_TRUNC_F64_S, F64, I32, f64(-2147483649.0)));
        assertEquals(-1, (int) unary(Op.I32_TRUNC_F64_U, F64, I32, f64(4294967295.9)));
        assertEquals(0, (int) unary(Op.I32_TRUNC_F32_U, F32, I32, f32(-0.9f)));
        assertTrap("integer overflow", () -> unary(Op.I32_TRUNC_F32_U, F32, I32, f32(-1f)));
        assertTrap("integer overflow", () -> unary(Op.I32_TRUNC_F64_U, F64, I32, f64(4294967296.0)));
        assertEquals(Long.MIN_VALUE, unary(Op.I64_TRUNC_F64_S, F64, I64, f64(-9223372036854775808.0)));
        assertTrap("integer overflow", () -> unary(Op.I64_TRUNC_F64_S, F64, I64, f64(9223372036854775808.0)));
        assertEquals(0xFFFF_FFFF_FFFF_F800L, unary(Op.I64_TRUNC_F64_U, F64, I64, f64(18446744073709549568.0)));
        assertEquals(Long.MIN_VALUE, unary(Op.I64_TRUNC_F32_U, F32, I64, f32(9223372036854775808f)));
        assertTrap("integer overflow", () -> unary(Op.I64_TRUNC_F32_U, F32, I64, f32(18446744073709551616f)));
        assertTrap("invalid conversion to integer", () -> unary(Op.I64_TRUNC_F64_U, F64, I64, f64(Double.NaN)));
        assertTrap("integer overflow", () -> unary(Op.I64_TRUNC_F32_S, F32, I64, f32(Float.NEGATIVE_INFINITY)));
    }

    @Test
    void saturatingTruncationsClamp() {
        assertEquals(0, (int) unary(Op.I32_TRUNC_SAT_F32_S, F32, I32, f32(Float.NaN)));
        assertEquals(Integer.MAX_VALUE, (int) unary(Op.I32_TRUNC_SAT_F64_S, F64, I32, f64(1e300)));
        assertEquals(-1, (int) unary(Op.I32_TRUNC_SAT_F32_U, F32, I32, f32(1e20f)));
        assertEquals(0, (int) unary(Op.I32_TRUNC_SAT_F64_U, F64, I32, f64(-5.0)));
        assertEquals(-2, (int) unary(Op.I32_TRUNC_SAT_F64_U, F64, I32, f64(4294967294.5)));
        assertEquals(-1L, unary(Op.I64_TRUNC_SAT_F64_U, F64, I64, f64(1e30)));
        assertEquals(0L, unary(Op.I64_TRUNC_SAT_F32_U, F32, I64, f32(Float.NaN)));
        assertEquals(Long.MIN_VALUE, unary(Op.I64_TRUNC_SAT_F32_S, F32, I64, f32(-1e30f)));
        assertEquals(Long.MAX_VALUE, unary(Op.I64_TRUNC_SAT_F64_S, F64, I64, f64(Double.POSITIVE_INFINITY)));
        assertEquals(0x8000_0000_0000_0000L, unary(Op.I64_TRUNC_SAT_F64_U, F64, I64, f64(9223372036854775808.0)));
    }

    @Test
    void unsignedConversionsRoundOnce() {
        // Values from the spec's conversions.wast: the naive (u64 via double) path rounds twice.
        assertEquals(9223373136366403584f, asF32(unary(Op.F32_CONVERT_I64_U, I64, F32, 0x8000_0080_0000_0001L)));
        assertEquals(18446742974197923840f, asF32(unary(Op.F32_CONVERT_I64_U, I64, F32, 0xFFFF_FEFF_FFFF_FFFFL)));
        assertEquals(9223372036854777856.0, asF64(unary(Op.F64_CONVERT_I64_U, I64, F64, 0x8000_0000_0000_0401L)));
        assertEquals(18446744073709551616.0, asF64(unary(Op.F64_CONVERT_I64_U, I64, F64, -1L)));
        assertEquals(4294967295.0, asF64(unary(Op.F64_CONVERT_I32_U, I32, F64, -1)));
        assertEquals(4294967296f, asF32(unary(Op.F32_CONVERT_I32_U, I32, F32, -1)));
        assertEquals(-1f, asF32(unary(Op.F32_CONVERT_I32_S, I32, F32, 0xFFFF_FFFFL)));
        assertEquals(16777216f, asF32(unary(Op.F32_CONVERT_I64_S, I64, F32, 16777217L)));
        assertEquals(-1.0, asF64(unary(Op.F64_CONVERT_I32_S, I32, F64, 0x1_FFFF_FFFFL)));
        assertEquals(9007199254740992.0, asF64(unary(Op.F64_CONVERT_I64_S, I64, F64, 9007199254740993L)));
    }

    @Test
    void promotionAndDemotion() {
        assertEquals(f64(1.5), unary(Op.F64_PROMOTE_F32, F32, F64, f32(1.5f)));
        assertEquals(f32(Float.POSITIVE_INFINITY), unary(Op.F32_DEMOTE_F64, F64, F32, f64(1e300)) & 0xFFFF_FFFFL);
        assertEquals(0x7FC0_0000L, unary(Op.F32_DEMOTE_F64, F64, F32, 0x7FF8_0000_0000_0000L) & 0xFFFF_FFFFL);
    }
}
