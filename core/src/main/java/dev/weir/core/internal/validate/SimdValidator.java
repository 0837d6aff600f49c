package dev.weir.core.internal.validate;

import dev.weir.core.internal.binary.ByteReader;
import dev.weir.core.internal.binary.SimdOpcodes;
import dev.weir.core.internal.compile.FunctionCompiler;
import dev.weir.core.internal.compile.Op;
import dev.weir.core.module.ValType;

/**
 * Type-checks and compiles the vector instructions (spec 3.3.3, binary 5.4.8) for a
 * {@link FunctionValidator}: everything behind the 0xFD prefix. One table gives each binary
 * opcode its {@link Op}, its shape of immediates and operands (its kind) and the kind's argument
 * (natural alignment of a memory access, lane count and scalar type of a lane access or splat).
 */
final class SimdValidator {
    // Kinds: immediates read, operands popped, result pushed.
    /** memarg; i32 -> v128. */
    private static final byte LOAD = 1;
    /** memarg; i32 v128 -> . */
    private static final byte STORE = 2;
    /** memarg, lane; i32 v128 -> v128. */
    private static final byte LOADLANE = 3;
    /** memarg, lane; i32 v128 -> . */
    private static final byte STORELANE = 4;
    /** 16 bytes; -> v128. */
    private static final byte CONST = 5;
    /** 16 lane bytes, each < 32; v128 v128 -> v128. */
    private static final byte SHUFFLE = 6;
    /** lane; v128 -> t. */
    private static final byte EXTRACT = 7;
    /** lane; v128 t -> v128. */
    private static final byte REPLACE = 8;
    /** t -> v128. */
    private static final byte SPLAT = 9;
    /** v128 -> v128. */
    private static final byte UNARY = 10;
    /** v128 v128 -> v128. */
    private static final byte BINARY = 11;
    /** v128 v128 v128 -> v128 (bitselect). */
    private static final byte TERNARY = 12;
    /** v128 i32 -> v128. */
    private static final byte SHIFT = 13;
    /** v128 -> i32 (any_true, all_true, bitmask). */
    private static final byte TEST = 14;

    private static final byte[] KIND = new byte[256];
    /** Natural alignment (log2 bytes) of memory accesses; lane count of lane accesses. */
    private static final byte[] ARG = new byte[256];
    /** Scalar type of extract_lane, replace_lane and splat. */
    private static final byte[] TYPE = new byte[256];
    private static final int[] OP = new int[256];

    static {
        def(SimdOpcodes.V128_LOAD, Op.V128_LOAD, LOAD, 4, 0);
        def(SimdOpcodes.V128_LOAD8X8_S, Op.V128_LOAD8X8_S, LOAD, 3, 0);
        def(SimdOpcodes.V128_LOAD8X8_U, Op.V128_LOAD8X8_U, LOAD, 3, 0);
        def(SimdOpcodes.V128_LOAD16X4_S, Op.V128_LOAD16X4_S, LOAD, 3, 0);
        def(SimdOpcodes.V128_LOAD16X4_U, Op.V128_LOAD16X4_U, LOAD, 3, 0);
        def(SimdOpcodes.V128_LOAD32X2_S, Op.V128_LOAD32X2_S, LOAD, 3, 0);
        def(SimdOpcodes.V128_LOAD32X2_U, Op.V128_LOAD32X2_U, LOAD, 3, 0);
        def(SimdOpcodes.V128_LOAD8_SPLAT, Op.V128_LOAD8_SPLAT, LOAD, 0, 0);
        def(SimdOpcodes.V128_LOAD16_SPLAT, Op.V128_LOAD16_SPLAT, LOAD, 1, 0);
        def(SimdOpcodes.V128_LOAD32_SPLAT, Op.V128_LOAD32_SPLAT, LOAD, 2, 0);
        def(SimdOpcodes.V128_LOAD64_SPLAT, Op.V128_LOAD64_SPLAT, LOAD, 3, 0);
        def(SimdOpcodes.V128_STORE, Op.V128_STORE, STORE, 4, 0);
        def(SimdOpcodes.V128_CONST, Op.V128_CONST, CONST, 0, 0);
        def(SimdOpcodes.I8X16_SHUFFLE, Op.I8X16_SHUFFLE, SHUFFLE, 0, 0);
        def(SimdOpcodes.I8X16_SWIZZLE, Op.I8X16_SWIZZLE, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_SPLAT, Op.I8X16_SPLAT, SPLAT, 0, ValType.I32);
        def(SimdOpcodes.I16X8_SPLAT, Op.I16X8_SPLAT, SPLAT, 0, ValType.I32);
        def(SimdOpcodes.I32X4_SPLAT, Op.I32X4_SPLAT, SPLAT, 0, ValType.I32);
        def(SimdOpcodes.I64X2_SPLAT, Op.I64X2_SPLAT, SPLAT, 0, ValType.I64);
        def(SimdOpcodes.F32X4_SPLAT, Op.F32X4_SPLAT, SPLAT, 0, ValType.F32);
        def(SimdOpcodes.F64X2_SPLAT, Op.F64X2_SPLAT, SPLAT, 0, ValType.F64);
        def(SimdOpcodes.I8X16_EXTRACT_LANE_S, Op.I8X16_EXTRACT_LANE_S, EXTRACT, 16, ValType.I32);
        def(SimdOpcodes.I8X16_EXTRACT_LANE_U, Op.I8X16_EXTRACT_LANE_U, EXTRACT, 16, ValType.I32);
        def(SimdOpcodes.I8X16_REPLACE_LANE, Op.I8X16_REPLACE_LANE, REPLACE, 16, ValType.I32);
        def(SimdOpcodes.I16X8_EXTRACT_LANE_S, Op.I16X8_EXTRACT_LANE_S, EXTRACT, 8, ValType.I32);
        def(SimdOpcodes.I16X8_EXTRACT_LANE_U, Op.I16X8_EXTRACT_LANE_U, EXTRACT, 8, ValType.I32);
        def(SimdOpcodes.I16X8_REPLACE_LANE, Op.I16X8_REPLACE_LANE, REPLACE, 8, ValType.I32);
        def(SimdOpcodes.I32X4_EXTRACT_LANE, Op.I32X4_EXTRACT_LANE, EXTRACT, 4, ValType.I32);
        def(SimdOpcodes.I32X4_REPLACE_LANE, Op.I32X4_REPLACE_LANE, REPLACE, 4, ValType.I32);
        def(SimdOpcodes.I64X2_EXTRACT_LANE, Op.I64X2_EXTRACT_LANE, EXTRACT, 2, ValType.I64);
        def(SimdOpcodes.I64X2_REPLACE_LANE, Op.I64X2_REPLACE_LANE, REPLACE, 2, ValType.I64);
        def(SimdOpcodes.F32X4_EXTRACT_LANE, Op.F32X4_EXTRACT_LANE, EXTRACT, 4, ValType.F32);
        def(SimdOpcodes.F32X4_REPLACE_LANE, Op.F32X4_REPLACE_LANE, REPLACE, 4, ValType.F32);
        def(SimdOpcodes.F64X2_EXTRACT_LANE, Op.F64X2_EXTRACT_LANE, EXTRACT, 2, ValType.F64);
        def(SimdOpcodes.F64X2_REPLACE_LANE, Op.F64X2_REPLACE_LANE, REPLACE, 2, ValType.F64);
        def(SimdOpcodes.I8X16_EQ, Op.I8X16_EQ, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_NE, Op.I8X16_NE, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_LT_S, Op.I8X16_LT_S, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_LT_U, Op.I8X16_LT_U, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_GT_S, Op.I8X16_GT_S, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_GT_U, Op.I8X16_GT_U, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_LE_S, Op.I8X16_LE_S, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_LE_U, Op.I8X16_LE_U, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_GE_S, Op.I8X16_GE_S, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_GE_U, Op.I8X16_GE_U, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_EQ, Op.I16X8_EQ, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_NE, Op.I16X8_NE, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_LT_S, Op.I16X8_LT_S, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_LT_U, Op.I16X8_LT_U, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_GT_S, Op.I16X8_GT_S, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_GT_U, Op.I16X8_GT_U, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_LE_S, Op.I16X8_LE_S, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_LE_U, Op.I16X8_LE_U, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_GE_S, Op.I16X8_GE_S, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_GE_U, Op.I16X8_GE_U, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_EQ, Op.I32X4_EQ, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_NE, Op.I32X4_NE, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_LT_S, Op.I32X4_LT_S, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_LT_U, Op.I32X4_LT_U, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_GT_S, Op.I32X4_GT_S, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_GT_U, Op.I32X4_GT_U, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_LE_S, Op.I32X4_LE_S, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_LE_U, Op.I32X4_LE_U, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_GE_S, Op.I32X4_GE_S, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_GE_U, Op.I32X4_GE_U, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_EQ, Op.F32X4_EQ, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_NE, Op.F32X4_NE, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_LT, Op.F32X4_LT, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_GT, Op.F32X4_GT, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_LE, Op.F32X4_LE, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_GE, Op.F32X4_GE, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_EQ, Op.F64X2_EQ, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_NE, Op.F64X2_NE, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_LT, Op.F64X2_LT, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_GT, Op.F64X2_GT, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_LE, Op.F64X2_LE, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_GE, Op.F64X2_GE, BINARY, 0, 0);
        def(SimdOpcodes.V128_NOT, Op.V128_NOT, UNARY, 0, 0);
        def(SimdOpcodes.V128_AND, Op.V128_AND, BINARY, 0, 0);
        def(SimdOpcodes.V128_ANDNOT, Op.V128_ANDNOT, BINARY, 0, 0);
        def(SimdOpcodes.V128_OR, Op.V128_OR, BINARY, 0, 0);
        def(SimdOpcodes.V128_XOR, Op.V128_XOR, BINARY, 0, 0);
        def(SimdOpcodes.V128_BITSELECT, Op.V128_BITSELECT, TERNARY, 0, 0);
        def(SimdOpcodes.V128_ANY_TRUE, Op.V128_ANY_TRUE, TEST, 0, 0);
        def(SimdOpcodes.V128_LOAD8_LANE, Op.V128_LOAD8_LANE, LOADLANE, 0, 0);
        def(SimdOpcodes.V128_LOAD16_LANE, Op.V128_LOAD16_LANE, LOADLANE, 1, 0);
        def(SimdOpcodes.V128_LOAD32_LANE, Op.V128_LOAD32_LANE, LOADLANE, 2, 0);
        def(SimdOpcodes.V128_LOAD64_LANE, Op.V128_LOAD64_LANE, LOADLANE, 3, 0);
        def(SimdOpcodes.V128_STORE8_LANE, Op.V128_STORE8_LANE, STORELANE, 0, 0);
        def(SimdOpcodes.V128_STORE16_LANE, Op.V128_STORE16_LANE, STORELANE, 1, 0);
        def(SimdOpcodes.V128_STORE32_LANE, Op.V128_STORE32_LANE, STORELANE, 2, 0);
        def(SimdOpcodes.V128_STORE64_LANE, Op.V128_STORE64_LANE, STORELANE, 3, 0);
        def(SimdOpcodes.V128_LOAD32_ZERO, Op.V128_LOAD32_ZERO, LOAD, 2, 0);
        def(SimdOpcodes.V128_LOAD64_ZERO, Op.V128_LOAD64_ZERO, LOAD, 3, 0);
        def(SimdOpcodes.F32X4_DEMOTE_F64X2_ZERO, Op.F32X4_DEMOTE_F64X2_ZERO, UNARY, 0, 0);
        def(SimdOpcodes.F64X2_PROMOTE_LOW_F32X4, Op.F64X2_PROMOTE_LOW_F32X4, UNARY, 0, 0);
        def(SimdOpcodes.I8X16_ABS, Op.I8X16_ABS, UNARY, 0, 0);
        def(SimdOpcodes.I8X16_NEG, Op.I8X16_NEG, UNARY, 0, 0);
        def(SimdOpcodes.I8X16_POPCNT, Op.I8X16_POPCNT, UNARY, 0, 0);
        def(SimdOpcodes.I8X16_ALL_TRUE, Op.I8X16_ALL_TRUE, TEST, 0, 0);
        def(SimdOpcodes.I8X16_BITMASK, Op.I8X16_BITMASK, TEST, 0, 0);
        def(SimdOpcodes.I8X16_NARROW_I16X8_S, Op.I8X16_NARROW_I16X8_S, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_NARROW_I16X8_U, Op.I8X16_NARROW_I16X8_U, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_CEIL, Op.F32X4_CEIL, UNARY, 0, 0);
        def(SimdOpcodes.F32X4_FLOOR, Op.F32X4_FLOOR, UNARY, 0, 0);
        def(SimdOpcodes.F32X4_TRUNC, Op.F32X4_TRUNC, UNARY, 0, 0);
        def(SimdOpcodes.F32X4_NEAREST, Op.F32X4_NEAREST, UNARY, 0, 0);
        def(SimdOpcodes.I8X16_SHL, Op.I8X16_SHL, SHIFT, 0, 0);
        def(SimdOpcodes.I8X16_SHR_S, Op.I8X16_SHR_S, SHIFT, 0, 0);
        def(SimdOpcodes.I8X16_SHR_U, Op.I8X16_SHR_U, SHIFT, 0, 0);
        def(SimdOpcodes.I8X16_ADD, Op.I8X16_ADD, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_ADD_SAT_S, Op.I8X16_ADD_SAT_S, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_ADD_SAT_U, Op.I8X16_ADD_SAT_U, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_SUB, Op.I8X16_SUB, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_SUB_SAT_S, Op.I8X16_SUB_SAT_S, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_SUB_SAT_U, Op.I8X16_SUB_SAT_U, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_CEIL, Op.F64X2_CEIL, UNARY, 0, 0);
        def(SimdOpcodes.F64X2_FLOOR, Op.F64X2_FLOOR, UNARY, 0, 0);
        def(SimdOpcodes.I8X16_MIN_S, Op.I8X16_MIN_S, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_MIN_U, Op.I8X16_MIN_U, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_MAX_S, Op.I8X16_MAX_S, BINARY, 0, 0);
        def(SimdOpcodes.I8X16_MAX_U, Op.I8X16_MAX_U, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_TRUNC, Op.F64X2_TRUNC, UNARY, 0, 0);
        def(SimdOpcodes.I8X16_AVGR_U, Op.I8X16_AVGR_U, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_EXTADD_PAIRWISE_I8X16_S, Op.I16X8_EXTADD_PAIRWISE_I8X16_S, UNARY, 0, 0);
        def(SimdOpcodes.I16X8_EXTADD_PAIRWISE_I8X16_U, Op.I16X8_EXTADD_PAIRWISE_I8X16_U, UNARY, 0, 0);
        def(SimdOpcodes.I32X4_EXTADD_PAIRWISE_I16X8_S, Op.I32X4_EXTADD_PAIRWISE_I16X8_S, UNARY, 0, 0);
        def(SimdOpcodes.I32X4_EXTADD_PAIRWISE_I16X8_U, Op.I32X4_EXTADD_PAIRWISE_I16X8_U, UNARY, 0, 0);
        def(SimdOpcodes.I16X8_ABS, Op.I16X8_ABS, UNARY, 0, 0);
        def(SimdOpcodes.I16X8_NEG, Op.I16X8_NEG, UNARY, 0, 0);
        def(SimdOpcodes.I16X8_Q15MULR_SAT_S, Op.I16X8_Q15MULR_SAT_S, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_ALL_TRUE, Op.I16X8_ALL_TRUE, TEST, 0, 0);
        def(SimdOpcodes.I16X8_BITMASK, Op.I16X8_BITMASK, TEST, 0, 0);
        def(SimdOpcodes.I16X8_NARROW_I32X4_S, Op.I16X8_NARROW_I32X4_S, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_NARROW_I32X4_U, Op.I16X8_NARROW_I32X4_U, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_EXTEND_LOW_I8X16_S, Op.I16X8_EXTEND_LOW_I8X16_S, UNARY, 0, 0);
        def(SimdOpcodes.I16X8_EXTEND_HIGH_I8X16_S, Op.I16X8_EXTEND_HIGH_I8X16_S, UNARY, 0, 0);
        def(SimdOpcodes.I16X8_EXTEND_LOW_I8X16_U, Op.I16X8_EXTEND_LOW_I8X16_U, UNARY, 0, 0);
        def(SimdOpcodes.I16X8_EXTEND_HIGH_I8X16_U, Op.I16X8_EXTEND_HIGH_I8X16_U, UNARY, 0, 0);
        def(SimdOpcodes.I16X8_SHL, Op.I16X8_SHL, SHIFT, 0, 0);
        def(SimdOpcodes.I16X8_SHR_S, Op.I16X8_SHR_S, SHIFT, 0, 0);
        def(SimdOpcodes.I16X8_SHR_U, Op.I16X8_SHR_U, SHIFT, 0, 0);
        def(SimdOpcodes.I16X8_ADD, Op.I16X8_ADD, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_ADD_SAT_S, Op.I16X8_ADD_SAT_S, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_ADD_SAT_U, Op.I16X8_ADD_SAT_U, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_SUB, Op.I16X8_SUB, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_SUB_SAT_S, Op.I16X8_SUB_SAT_S, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_SUB_SAT_U, Op.I16X8_SUB_SAT_U, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_NEAREST, Op.F64X2_NEAREST, UNARY, 0, 0);
        def(SimdOpcodes.I16X8_MUL, Op.I16X8_MUL, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_MIN_S, Op.I16X8_MIN_S, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_MIN_U, Op.I16X8_MIN_U, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_MAX_S, Op.I16X8_MAX_S, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_MAX_U, Op.I16X8_MAX_U, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_AVGR_U, Op.I16X8_AVGR_U, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_EXTMUL_LOW_I8X16_S, Op.I16X8_EXTMUL_LOW_I8X16_S, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_EXTMUL_HIGH_I8X16_S, Op.I16X8_EXTMUL_HIGH_I8X16_S, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_EXTMUL_LOW_I8X16_U, Op.I16X8_EXTMUL_LOW_I8X16_U, BINARY, 0, 0);
        def(SimdOpcodes.I16X8_EXTMUL_HIGH_I8X16_U, Op.I16X8_EXTMUL_HIGH_I8X16_U, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_ABS, Op.I32X4_ABS, UNARY, 0, 0);
        def(SimdOpcodes.I32X4_NEG, Op.I32X4_NEG, UNARY, 0, 0);
        def(SimdOpcodes.I32X4_ALL_TRUE, Op.I32X4_ALL_TRUE, TEST, 0, 0);
        def(SimdOpcodes.I32X4_BITMASK, Op.I32X4_BITMASK, TEST, 0, 0);
        def(SimdOpcodes.I32X4_EXTEND_LOW_I16X8_S, Op.I32X4_EXTEND_LOW_I16X8_S, UNARY, 0, 0);
        def(SimdOpcodes.I32X4_EXTEND_HIGH_I16X8_S, Op.I32X4_EXTEND_HIGH_I16X8_S, UNARY, 0, 0);
        def(SimdOpcodes.I32X4_EXTEND_LOW_I16X8_U, Op.I32X4_EXTEND_LOW_I16X8_U, UNARY, 0, 0);
        def(SimdOpcodes.I32X4_EXTEND_HIGH_I16X8_U, Op.I32X4_EXTEND_HIGH_I16X8_U, UNARY, 0, 0);
        def(SimdOpcodes.I32X4_SHL, Op.I32X4_SHL, SHIFT, 0, 0);
        def(SimdOpcodes.I32X4_SHR_S, Op.I32X4_SHR_S, SHIFT, 0, 0);
        def(SimdOpcodes.I32X4_SHR_U, Op.I32X4_SHR_U, SHIFT, 0, 0);
        def(SimdOpcodes.I32X4_ADD, Op.I32X4_ADD, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_SUB, Op.I32X4_SUB, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_MUL, Op.I32X4_MUL, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_MIN_S, Op.I32X4_MIN_S, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_MIN_U, Op.I32X4_MIN_U, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_MAX_S, Op.I32X4_MAX_S, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_MAX_U, Op.I32X4_MAX_U, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_DOT_I16X8_S, Op.I32X4_DOT_I16X8_S, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_EXTMUL_LOW_I16X8_S, Op.I32X4_EXTMUL_LOW_I16X8_S, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_EXTMUL_HIGH_I16X8_S, Op.I32X4_EXTMUL_HIGH_I16X8_S, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_EXTMUL_LOW_I16X8_U, Op.I32X4_EXTMUL_LOW_I16X8_U, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_EXTMUL_HIGH_I16X8_U, Op.I32X4_EXTMUL_HIGH_I16X8_U, BINARY, 0, 0);
        def(SimdOpcodes.I64X2_ABS, Op.I64X2_ABS, UNARY, 0, 0);
        def(SimdOpcodes.I64X2_NEG, Op.I64X2_NEG, UNARY, 0, 0);
        def(SimdOpcodes.I64X2_ALL_TRUE, Op.I64X2_ALL_TRUE, TEST, 0, 0);
        def(SimdOpcodes.I64X2_BITMASK, Op.I64X2_BITMASK, TEST, 0, 0);
        def(SimdOpcodes.I64X2_EXTEND_LOW_I32X4_S, Op.I64X2_EXTEND_LOW_I32X4_S, UNARY, 0, 0);
        def(SimdOpcodes.I64X2_EXTEND_HIGH_I32X4_S, Op.I64X2_EXTEND_HIGH_I32X4_S, UNARY, 0, 0);
        def(SimdOpcodes.I64X2_EXTEND_LOW_I32X4_U, Op.I64X2_EXTEND_LOW_I32X4_U, UNARY, 0, 0);
        def(SimdOpcodes.I64X2_EXTEND_HIGH_I32X4_U, Op.I64X2_EXTEND_HIGH_I32X4_U, UNARY, 0, 0);
        def(SimdOpcodes.I64X2_SHL, Op.I64X2_SHL, SHIFT, 0, 0);
        def(SimdOpcodes.I64X2_SHR_S, Op.I64X2_SHR_S, SHIFT, 0, 0);
        def(SimdOpcodes.I64X2_SHR_U, Op.I64X2_SHR_U, SHIFT, 0, 0);
        def(SimdOpcodes.I64X2_ADD, Op.I64X2_ADD, BINARY, 0, 0);
        def(SimdOpcodes.I64X2_SUB, Op.I64X2_SUB, BINARY, 0, 0);
        def(SimdOpcodes.I64X2_MUL, Op.I64X2_MUL, BINARY, 0, 0);
        def(SimdOpcodes.I64X2_EQ, Op.I64X2_EQ, BINARY, 0, 0);
        def(SimdOpcodes.I64X2_NE, Op.I64X2_NE, BINARY, 0, 0);
        def(SimdOpcodes.I64X2_LT_S, Op.I64X2_LT_S, BINARY, 0, 0);
        def(SimdOpcodes.I64X2_GT_S, Op.I64X2_GT_S, BINARY, 0, 0);
        def(SimdOpcodes.I64X2_LE_S, Op.I64X2_LE_S, BINARY, 0, 0);
        def(SimdOpcodes.I64X2_GE_S, Op.I64X2_GE_S, BINARY, 0, 0);
        def(SimdOpcodes.I64X2_EXTMUL_LOW_I32X4_S, Op.I64X2_EXTMUL_LOW_I32X4_S, BINARY, 0, 0);
        def(SimdOpcodes.I64X2_EXTMUL_HIGH_I32X4_S, Op.I64X2_EXTMUL_HIGH_I32X4_S, BINARY, 0, 0);
        def(SimdOpcodes.I64X2_EXTMUL_LOW_I32X4_U, Op.I64X2_EXTMUL_LOW_I32X4_U, BINARY, 0, 0);
        def(SimdOpcodes.I64X2_EXTMUL_HIGH_I32X4_U, Op.I64X2_EXTMUL_HIGH_I32X4_U, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_ABS, Op.F32X4_ABS, UNARY, 0, 0);
        def(SimdOpcodes.F32X4_NEG, Op.F32X4_NEG, UNARY, 0, 0);
        def(SimdOpcodes.F32X4_SQRT, Op.F32X4_SQRT, UNARY, 0, 0);
        def(SimdOpcodes.F32X4_ADD, Op.F32X4_ADD, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_SUB, Op.F32X4_SUB, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_MUL, Op.F32X4_MUL, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_DIV, Op.F32X4_DIV, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_MIN, Op.F32X4_MIN, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_MAX, Op.F32X4_MAX, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_PMIN, Op.F32X4_PMIN, BINARY, 0, 0);
        def(SimdOpcodes.F32X4_PMAX, Op.F32X4_PMAX, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_ABS, Op.F64X2_ABS, UNARY, 0, 0);
        def(SimdOpcodes.F64X2_NEG, Op.F64X2_NEG, UNARY, 0, 0);
        def(SimdOpcodes.F64X2_SQRT, Op.F64X2_SQRT, UNARY, 0, 0);
        def(SimdOpcodes.F64X2_ADD, Op.F64X2_ADD, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_SUB, Op.F64X2_SUB, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_MUL, Op.F64X2_MUL, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_DIV, Op.F64X2_DIV, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_MIN, Op.F64X2_MIN, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_MAX, Op.F64X2_MAX, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_PMIN, Op.F64X2_PMIN, BINARY, 0, 0);
        def(SimdOpcodes.F64X2_PMAX, Op.F64X2_PMAX, BINARY, 0, 0);
        def(SimdOpcodes.I32X4_TRUNC_SAT_F32X4_S, Op.I32X4_TRUNC_SAT_F32X4_S, UNARY, 0, 0);
        def(SimdOpcodes.I32X4_TRUNC_SAT_F32X4_U, Op.I32X4_TRUNC_SAT_F32X4_U, UNARY, 0, 0);
        def(SimdOpcodes.F32X4_CONVERT_I32X4_S, Op.F32X4_CONVERT_I32X4_S, UNARY, 0, 0);
        def(SimdOpcodes.F32X4_CONVERT_I32X4_U, Op.F32X4_CONVERT_I32X4_U, UNARY, 0, 0);
        def(SimdOpcodes.I32X4_TRUNC_SAT_F64X2_S_ZERO, Op.I32X4_TRUNC_SAT_F64X2_S_ZERO, UNARY, 0, 0);
        def(SimdOpcodes.I32X4_TRUNC_SAT_F64X2_U_ZERO, Op.I32X4_TRUNC_SAT_F64X2_U_ZERO, UNARY, 0, 0);
        def(SimdOpcodes.F64X2_CONVERT_LOW_I32X4_S, Op.F64X2_CONVERT_LOW_I32X4_S, UNARY, 0, 0);
        def(SimdOpcodes.F64X2_CONVERT_LOW_I32X4_U, Op.F64X2_CONVERT_LOW_I32X4_U, UNARY, 0, 0);
    }

    private static void def(int opcode, int op, byte kind, int arg, int type) {
        OP[opcode] = op;
        KIND[opcode] = kind;
        ARG[opcode] = (byte) arg;
        TYPE[opcode] = (byte) type;
    }

    private final FunctionValidator v;
    private final ByteReader reader;
    private final FunctionCompiler compiler;

    SimdValidator(FunctionValidator v, ByteReader reader, FunctionCompiler compiler) {
        this.v = v;
        this.reader = reader;
        this.compiler = compiler;
    }

    /** Validates and compiles the instruction whose 0xFD prefix was just read. */
    void instruction(int instructionStart) {
        int opcode = readOpcode(reader, instructionStart);
        int op = OP[opcode];
        byte kind = KIND[opcode];
        switch (kind) {
            case LOAD: {
                int offset = v.readMemarg(ARG[opcode]);
                int addr = popSlot(ValType.I32);
                compiler.op(op, v.push(ValType.V128), addr, offset);
                return;
            }
            case STORE: {
                int offset = v.readMemarg(ARG[opcode]);
                int value = popSlot(ValType.V128);
                int addr = popSlot(ValType.I32);
                compiler.op(op, addr, value, offset);
                return;
            }
            case LOADLANE:
            case STORELANE: {
                int align = ARG[opcode];
                int offset = v.readMemarg(align);
                int lane = readLane(16 >> align);
                int value = popSlot(ValType.V128);
                int addr = popSlot(ValType.I32);
                if (kind == LOADLANE) {
                    compiler.op(op, v.push(ValType.V128), addr, value, offset, lane);
                } else {
                    compiler.op(op, addr, value, offset, lane);
                }
                return;
            }
            case CONST: {
                int b0 = readInt();
                int b1 = readInt();
                int b2 = readInt();
                int b3 = readInt();
                compiler.op(op, v.push(ValType.V128), b0, b1, b2, b3);
                return;
            }
            case SHUFFLE: {
                int l0 = readShuffleLanes();
                int l1 = readShuffleLanes();
                int l2 = readShuffleLanes();
                int l3 = readShuffleLanes();
                int b = popSlot(ValType.V128);
                int a = popSlot(ValType.V128);
                compiler.op(op, v.push(ValType.V128), a, b, l0, l1, l2, l3);
                return;
            }
            case EXTRACT: {
                int lane = readLane(lanes(opcode));
                int a = popSlot(ValType.V128);
                compiler.op(op, v.push(TYPE[opcode]), a, lane);
                return;
            }
            case REPLACE: {
                int lane = readLane(lanes(opcode));
                int value = popSlot(TYPE[opcode]);
                int a = popSlot(ValType.V128);
                compiler.op(op, v.push(ValType.V128), a, value, lane);
                return;
            }
            case SPLAT: {
                int a = popSlot(TYPE[opcode]);
                compiler.op(op, v.push(ValType.V128), a);
                return;
            }
            case UNARY: {
                int a = popSlot(ValType.V128);
                compiler.op(op, v.push(ValType.V128), a);
                return;
            }
            case TEST: {
                int a = popSlot(ValType.V128);
                compiler.op(op, v.push(ValType.I32), a);
                return;
            }
            case BINARY:
            case SHIFT: {
                int b = popSlot(kind == SHIFT ? ValType.I32 : ValType.V128);
                int a = popSlot(ValType.V128);
                compiler.op(op, v.push(ValType.V128), a, b);
                return;
            }
            case TERNARY: {
                int c = popSlot(ValType.V128);
                int b = popSlot(ValType.V128);
                int a = popSlot(ValType.V128);
                compiler.op(op, v.push(ValType.V128), a, b, c);
                return;
            }
            default:
                throw new IllegalStateException("no kind for vector opcode " + opcode);
        }
    }

    /**
     * Decodes the immediates of the vector instruction whose 0xFD prefix was just read, without
     * validating: for {@link FunctionValidator#checkWellFormed}.
     */
    static void skip(ByteReader reader, int instructionStart) {
        int opcode = readOpcode(reader, instructionStart);
        switch (KIND[opcode]) {
            case LOAD:
            case STORE:
                reader.readVarU32();
                reader.readVarU32();
                return;
            case LOADLANE:
            case STORELANE:
                reader.readVarU32();
                reader.readVarU32();
                reader.readU8();
                return;
            case CONST:
            case SHUFFLE:
                reader.skip(16);
                return;
            case EXTRACT:
            case REPLACE:
                reader.readU8();
                return;
            default:
                return;
        }
    }

    /** The u32 after the prefix; reserved and out-of-range opcodes are malformed. */
    private static int readOpcode(ByteReader reader, int instructionStart) {
        int opcode = reader.readVarU32();
        if (opcode < 0 || opcode >= KIND.length || KIND[opcode] == 0) {
            throw reader.error("illegal opcode fd " + Integer.toUnsignedString(opcode), instructionStart);
        }
        return opcode;
    }

    private static int lanes(int opcode) {
        return ARG[opcode];
    }

    private int popSlot(int type) {
        v.pop(type);
        return v.poppedSlot();
    }

    private int readLane(int lanes) {
        int lane = reader.readU8();
        if (lane >= lanes) {
            throw v.invalid("invalid lane index");
        }
        return lane;
    }

    /** Four lane indexes of i8x16.shuffle, packed into an int, the first in the low byte. */
    private int readShuffleLanes() {
        int packed = 0;
        for (int i = 0; i < 4; i++) {
            int lane = reader.readU8();
            if (lane >= 32) {
                throw v.invalid("invalid lane index");
            }
            packed |= lane << (8 * i);
        }
        return packed;
    }

    /** Four immediate bytes, little-endian. */
    private int readInt() {
        int b0 = reader.readU8();
        int b1 = reader.readU8();
        int b2 = reader.readU8();
        int b3 = reader.readU8();
        return b0 | b1 << 8 | b2 << 16 | b3 << 24;
    }
}
