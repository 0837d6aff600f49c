package dev.weir.core.internal.compile;

/**
 * The internal instruction set: what the validator compiles each function body into and what
 * {@code dev.weir.core.Interpreter} executes. The single definition of the instruction set: each
 * op's number is a constant here (a compile-time constant, for the interpreter's switch), and one
 * table row per op, in this file's static initializer, gives its name and its operands' kinds
 * ({@link #SLOT}, {@link #TARGET}, ...), from which lengths, names, branch targets and listings
 * come.
 *
 * <h2>Code layout</h2>
 * A module's functions are compiled into one {@code int[]}. Each instruction is its opcode
 * followed by its operands, all ints. Each defined function starts with a three-int header at its
 * entry pc: {@code [paramSlots, localSlots, frameSlots]} (parameter slots, declared-local slots to
 * zero on entry, and the most slots the frame ever uses, for the overflow check); its first
 * instruction is at entry + {@link #HEADER_SIZE}.
 *
 * <h2>Slots</h2>
 * Values live in a {@code long[]} value stack, one slot per value (two for v128; i32 and f32 use
 * the low 32 bits, floats are raw IEEE bits, references are 0 for null else a store reference).
 * A frame is {@code [params][declared locals][operand stack]} starting at the frame pointer fp.
 * Operands named dst, src, a, b, cond, index, value, addr, delta, d, s, n, count and base are
 * slot numbers relative to fp: since the validator knows the operand stack height at every
 * instruction, every stack position is a fixed slot, and execution keeps no stack pointer.
 * Operands named target and entry are absolute pcs; offset is a memarg offset (unsigned 32-bit);
 * other operands are indexes into the module's index spaces.
 *
 * <h2>Calls</h2>
 * Arguments are in consecutive slots from base; the callee's frame starts there (fp + base), so
 * its results, placed in its slots 0.. before {@link #RETURN}, land where the caller expects them.
 */
public final class Op {
    /** Ints before a function's first instruction: paramSlots, localSlots, frameSlots. */
    public static final int HEADER_SIZE = 3;

    /** UNREACHABLE(): trap "unreachable". */
    public static final int UNREACHABLE = 0;
    /** BR(target): pc = target. */
    public static final int BR = 1;
    /** BR_IF(cond, target): if (i32) s[cond] != 0: pc = target. */
    public static final int BR_IF = 2;
    /** BR_IF_EQZ(cond, target): if (i32) s[cond] == 0: pc = target (if, else-less if). */
    public static final int BR_IF_EQZ = 3;
    /** BR_TABLE(index, count, target*): i = (i32) s[index]; if (i unsigned >= count) i = count; pc = target[i]; count+1 targets follow. */
    public static final int BR_TABLE = 4;
    /** RETURN(): results already in slots 0.. of the frame; pop the frame. */
    public static final int RETURN = 5;
    /** CALL(entry, base): call the defined function whose header is at code[entry]; args at s[base..]. */
    public static final int CALL = 6;
    /** CALL_IMPORT(function, base): call imported function (host or another instance's); args at s[base..]. */
    public static final int CALL_IMPORT = 7;
    /** CALL_INDIRECT(type, table, index, base): call table[table][(i32) s[index]] checked against type; args at s[base..]. */
    public static final int CALL_INDIRECT = 8;
    /** COPY(dst, src): s[dst] = s[src]: local.get/set/tee, moves of branch values, reinterpret, wrap. */
    public static final int COPY = 9;
    /** SELECT(dst, a, b, cond): s[dst] = (i32) s[cond] != 0 ? s[a] : s[b]. */
    public static final int SELECT = 10;
    /** GLOBAL_GET(dst, global). */
    public static final int GLOBAL_GET = 11;
    /** GLOBAL_SET(global, src). */
    public static final int GLOBAL_SET = 12;
    /** TABLE_GET(dst, table, index). */
    public static final int TABLE_GET = 13;
    /** TABLE_SET(table, index, value). */
    public static final int TABLE_SET = 14;
    /** TABLE_SIZE(dst, table). */
    public static final int TABLE_SIZE = 15;
    /** TABLE_GROW(dst, table, value, delta): s[dst] = old size or -1. */
    public static final int TABLE_GROW = 16;
    /** TABLE_FILL(table, index, value, count). */
    public static final int TABLE_FILL = 17;
    /** TABLE_COPY(dstTable, srcTable, d, s, n). */
    public static final int TABLE_COPY = 18;
    /** TABLE_INIT(table, elem, d, s, n). */
    public static final int TABLE_INIT = 19;
    /** ELEM_DROP(elem). */
    public static final int ELEM_DROP = 20;
    /** REF_FUNC(dst, function): s[dst] = reference to function (index in this module's function space). */
    public static final int REF_FUNC = 21;
    /** I32_LOAD(dst, addr, offset): s[dst] = load at (u32) s[addr] + (u32) offset. */
    public static final int I32_LOAD = 22;
    /** I64_LOAD(dst, addr, offset). */
    public static final int I64_LOAD = 23;
    /** I32_LOAD8_S(dst, addr, offset). */
    public static final int I32_LOAD8_S = 24;
    /** I32_LOAD8_U(dst, addr, offset). */
    public static final int I32_LOAD8_U = 25;
    /** I32_LOAD16_S(dst, addr, offset). */
    public static final int I32_LOAD16_S = 26;
    /** I32_LOAD16_U(dst, addr, offset). */
    public static final int I32_LOAD16_U = 27;
    /** I64_LOAD8_S(dst, addr, offset). */
    public static final int I64_LOAD8_S = 28;
    /** I64_LOAD8_U(dst, addr, offset). */
    public static final int I64_LOAD8_U = 29;
    /** I64_LOAD16_S(dst, addr, offset). */
    public static final int I64_LOAD16_S = 30;
    /** I64_LOAD16_U(dst, addr, offset). */
    public static final int I64_LOAD16_U = 31;
    /** I64_LOAD32_S(dst, addr, offset). */
    public static final int I64_LOAD32_S = 32;
    /** I64_LOAD32_U(dst, addr, offset). */
    public static final int I64_LOAD32_U = 33;
    /** I32_STORE(addr, value, offset): store low bytes of s[value] at (u32) s[addr] + (u32) offset. */
    public static final int I32_STORE = 34;
    /** I64_STORE(addr, value, offset). */
    public static final int I64_STORE = 35;
    /** I32_STORE8(addr, value, offset). */
    public static final int I32_STORE8 = 36;
    /** I32_STORE16(addr, value, offset). */
    public static final int I32_STORE16 = 37;
    /** MEMORY_SIZE(dst). */
    public static final int MEMORY_SIZE = 38;
    /** MEMORY_GROW(dst, delta): s[dst] = old size in pages or -1. */
    public static final int MEMORY_GROW = 39;
    /** MEMORY_FILL(d, value, n). */
    public static final int MEMORY_FILL = 40;
    /** MEMORY_COPY(d, s, n). */
    public static final int MEMORY_COPY = 41;
    /** MEMORY_INIT(data, d, s, n). */
    public static final int MEMORY_INIT = 42;
    /** DATA_DROP(data). */
    public static final int DATA_DROP = 43;
    /** I32_CONST(dst, value): also f32.const (raw bits). */
    public static final int I32_CONST = 44;
    /** I64_CONST(dst, low, high): also f64.const (raw bits), ref.null (0). */
    public static final int I64_CONST = 45;
    /** I32_EQZ(dst, a). */
    public static final int I32_EQZ = 46;
    /** I32_EQ(dst, a, b). */
    public static final int I32_EQ = 47;
    /** I32_NE(dst, a, b). */
    public static final int I32_NE = 48;
    /** I32_LT_S(dst, a, b). */
    public static final int I32_LT_S = 49;
    /** I32_LT_U(dst, a, b). */
    public static final int I32_LT_U = 50;
    /** I32_GT_S(dst, a, b). */
    public static final int I32_GT_S = 51;
    /** I32_GT_U(dst, a, b). */
    public static final int I32_GT_U = 52;
    /** I32_LE_S(dst, a, b). */
    public static final int I32_LE_S = 53;
    /** I32_LE_U(dst, a, b). */
    public static final int I32_LE_U = 54;
    /** I32_GE_S(dst, a, b). */
    public static final int I32_GE_S = 55;
    /** I32_GE_U(dst, a, b). */
    public static final int I32_GE_U = 56;
    /** I64_EQZ(dst, a): also ref.is_null (null is 0). */
    public static final int I64_EQZ = 57;
    /** I64_EQ(dst, a, b). */
    public static final int I64_EQ = 58;
    /** I64_NE(dst, a, b). */
    public static final int I64_NE = 59;
    /** I64_LT_S(dst, a, b). */
    public static final int I64_LT_S = 60;
    /** I64_LT_U(dst, a, b). */
    public static final int I64_LT_U = 61;
    /** I64_GT_S(dst, a, b). */
    public static final int I64_GT_S = 62;
    /** I64_GT_U(dst, a, b). */
    public static final int I64_GT_U = 63;
    /** I64_LE_S(dst, a, b). */
    public static final int I64_LE_S = 64;
    /** I64_LE_U(dst, a, b). */
    public static final int I64_LE_U = 65;
    /** I64_GE_S(dst, a, b). */
    public static final int I64_GE_S = 66;
    /** I64_GE_U(dst, a, b). */
    public static final int I64_GE_U = 67;
    /** F32_EQ(dst, a, b). */
    public static final int F32_EQ = 68;
    /** F32_NE(dst, a, b). */
    public static final int F32_NE = 69;
    /** F32_LT(dst, a, b). */
    public static final int F32_LT = 70;
    /** F32_GT(dst, a, b). */
    public static final int F32_GT = 71;
    /** F32_LE(dst, a, b). */
    public static final int F32_LE = 72;
    /** F32_GE(dst, a, b). */
    public static final int F32_GE = 73;
    /** F64_EQ(dst, a, b). */
    public static final int F64_EQ = 74;
    /** F64_NE(dst, a, b). */
    public static final int F64_NE = 75;
    /** F64_LT(dst, a, b). */
    public static final int F64_LT = 76;
    /** F64_GT(dst, a, b). */
    public static final int F64_GT = 77;
    /** F64_LE(dst, a, b). */
    public static final int F64_LE = 78;
    /** F64_GE(dst, a, b). */
    public static final int F64_GE = 79;
    /** I32_CLZ(dst, a). */
    public static final int I32_CLZ = 80;
    /** I32_CTZ(dst, a). */
    public static final int I32_CTZ = 81;
    /** I32_POPCNT(dst, a). */
    public static final int I32_POPCNT = 82;
    /** I32_ADD(dst, a, b). */
    public static final int I32_ADD = 83;
    /** I32_SUB(dst, a, b). */
    public static final int I32_SUB = 84;
    /** I32_MUL(dst, a, b). */
    public static final int I32_MUL = 85;
    /** I32_DIV_S(dst, a, b). */
    public static final int I32_DIV_S = 86;
    /** I32_DIV_U(dst, a, b). */
    public static final int I32_DIV_U = 87;
    /** I32_REM_S(dst, a, b). */
    public static final int I32_REM_S = 88;
    /** I32_REM_U(dst, a, b). */
    public static final int I32_REM_U = 89;
    /** I32_AND(dst, a, b). */
    public static final int I32_AND = 90;
    /** I32_OR(dst, a, b). */
    public static final int I32_OR = 91;
    /** I32_XOR(dst, a, b). */
    public static final int I32_XOR = 92;
    /** I32_SHL(dst, a, b). */
    public static final int I32_SHL = 93;
    /** I32_SHR_S(dst, a, b). */
    public static final int I32_SHR_S = 94;
    /** I32_SHR_U(dst, a, b). */
    public static final int I32_SHR_U = 95;
    /** I32_ROTL(dst, a, b). */
    public static final int I32_ROTL = 96;
    /** I32_ROTR(dst, a, b). */
    public static final int I32_ROTR = 97;
    /** I64_CLZ(dst, a). */
    public static final int I64_CLZ = 98;
    /** I64_CTZ(dst, a). */
    public static final int I64_CTZ = 99;
    /** I64_POPCNT(dst, a). */
    public static final int I64_POPCNT = 100;
    /** I64_ADD(dst, a, b). */
    public static final int I64_ADD = 101;
    /** I64_SUB(dst, a, b). */
    public static final int I64_SUB = 102;
    /** I64_MUL(dst, a, b). */
    public static final int I64_MUL = 103;
    /** I64_DIV_S(dst, a, b). */
    public static final int I64_DIV_S = 104;
    /** I64_DIV_U(dst, a, b). */
    public static final int I64_DIV_U = 105;
    /** I64_REM_S(dst, a, b). */
    public static final int I64_REM_S = 106;
    /** I64_REM_U(dst, a, b). */
    public static final int I64_REM_U = 107;
    /** I64_AND(dst, a, b). */
    public static final int I64_AND = 108;
    /** I64_OR(dst, a, b). */
    public static final int I64_OR = 109;
    /** I64_XOR(dst, a, b). */
    public static final int I64_XOR = 110;
    /** I64_SHL(dst, a, b). */
    public static final int I64_SHL = 111;
    /** I64_SHR_S(dst, a, b). */
    public static final int I64_SHR_S = 112;
    /** I64_SHR_U(dst, a, b). */
    public static final int I64_SHR_U = 113;
    /** I64_ROTL(dst, a, b). */
    public static final int I64_ROTL = 114;
    /** I64_ROTR(dst, a, b). */
    public static final int I64_ROTR = 115;
    /** F32_ABS(dst, a). */
    public static final int F32_ABS = 116;
    /** F32_NEG(dst, a). */
    public static final int F32_NEG = 117;
    /** F32_CEIL(dst, a). */
    public static final int F32_CEIL = 118;
    /** F32_FLOOR(dst, a). */
    public static final int F32_FLOOR = 119;
    /** F32_TRUNC(dst, a). */
    public static final int F32_TRUNC = 120;
    /** F32_NEAREST(dst, a). */
    public static final int F32_NEAREST = 121;
    /** F32_SQRT(dst, a). */
    public static final int F32_SQRT = 122;
    /** F32_ADD(dst, a, b). */
    public static final int F32_ADD = 123;
    /** F32_SUB(dst, a, b). */
    public static final int F32_SUB = 124;
    /** F32_MUL(dst, a, b). */
    public static final int F32_MUL = 125;
    /** F32_DIV(dst, a, b). */
    public static final int F32_DIV = 126;
    /** F32_MIN(dst, a, b). */
    public static final int F32_MIN = 127;
    /** F32_MAX(dst, a, b). */
    public static final int F32_MAX = 128;
    /** F32_COPYSIGN(dst, a, b). */
    public static final int F32_COPYSIGN = 129;
    /** F64_ABS(dst, a). */
    public static final int F64_ABS = 130;
    /** F64_NEG(dst, a). */
    public static final int F64_NEG = 131;
    /** F64_CEIL(dst, a). */
    public static final int F64_CEIL = 132;
    /** F64_FLOOR(dst, a). */
    public static final int F64_FLOOR = 133;
    /** F64_TRUNC(dst, a). */
    public static final int F64_TRUNC = 134;
    /** F64_NEAREST(dst, a). */
    public static final int F64_NEAREST = 135;
    /** F64_SQRT(dst, a). */
    public static final int F64_SQRT = 136;
    /** F64_ADD(dst, a, b). */
    public static final int F64_ADD = 137;
    /** F64_SUB(dst, a, b). */
    public static final int F64_SUB = 138;
    /** F64_MUL(dst, a, b). */
    public static final int F64_MUL = 139;
    /** F64_DIV(dst, a, b). */
    public static final int F64_DIV = 140;
    /** F64_MIN(dst, a, b). */
    public static final int F64_MIN = 141;
    /** F64_MAX(dst, a, b). */
    public static final int F64_MAX = 142;
    /** F64_COPYSIGN(dst, a, b). */
    public static final int F64_COPYSIGN = 143;
    /** I32_TRUNC_F32_S(dst, a). */
    public static final int I32_TRUNC_F32_S = 144;
    /** I32_TRUNC_F32_U(dst, a). */
    public static final int I32_TRUNC_F32_U = 145;
    /** I32_TRUNC_F64_S(dst, a). */
    public static final int I32_TRUNC_F64_S = 146;
    /** I32_TRUNC_F64_U(dst, a). */
    public static final int I32_TRUNC_F64_U = 147;
    /** I64_EXTEND_I32_S(dst, a). */
    public static final int I64_EXTEND_I32_S = 148;
    /** I64_EXTEND_I32_U(dst, a). */
    public static final int I64_EXTEND_I32_U = 149;
    /** I64_TRUNC_F32_S(dst, a). */
    public static final int I64_TRUNC_F32_S = 150;
    /** I64_TRUNC_F32_U(dst, a). */
    public static final int I64_TRUNC_F32_U = 151;
    /** I64_TRUNC_F64_S(dst, a). */
    public static final int I64_TRUNC_F64_S = 152;
    /** I64_TRUNC_F64_U(dst, a). */
    public static final int I64_TRUNC_F64_U = 153;
    /** F32_CONVERT_I32_S(dst, a). */
    public static final int F32_CONVERT_I32_S = 154;
    /** F32_CONVERT_I32_U(dst, a). */
    public static final int F32_CONVERT_I32_U = 155;
    /** F32_CONVERT_I64_S(dst, a). */
    public static final int F32_CONVERT_I64_S = 156;
    /** F32_CONVERT_I64_U(dst, a). */
    public static final int F32_CONVERT_I64_U = 157;
    /** F32_DEMOTE_F64(dst, a). */
    public static final int F32_DEMOTE_F64 = 158;
    /** F64_CONVERT_I32_S(dst, a). */
    public static final int F64_CONVERT_I32_S = 159;
    /** F64_CONVERT_I32_U(dst, a). */
    public static final int F64_CONVERT_I32_U = 160;
    /** F64_CONVERT_I64_S(dst, a). */
    public static final int F64_CONVERT_I64_S = 161;
    /** F64_CONVERT_I64_U(dst, a). */
    public static final int F64_CONVERT_I64_U = 162;
    /** F64_PROMOTE_F32(dst, a). */
    public static final int F64_PROMOTE_F32 = 163;
    /** I32_EXTEND8_S(dst, a). */
    public static final int I32_EXTEND8_S = 164;
    /** I32_EXTEND16_S(dst, a). */
    public static final int I32_EXTEND16_S = 165;
    /** I64_EXTEND8_S(dst, a). */
    public static final int I64_EXTEND8_S = 166;
    /** I64_EXTEND16_S(dst, a). */
    public static final int I64_EXTEND16_S = 167;
    /** I64_EXTEND32_S(dst, a). */
    public static final int I64_EXTEND32_S = 168;
    /** I32_TRUNC_SAT_F32_S(dst, a). */
    public static final int I32_TRUNC_SAT_F32_S = 169;
    /** I32_TRUNC_SAT_F32_U(dst, a). */
    public static final int I32_TRUNC_SAT_F32_U = 170;
    /** I32_TRUNC_SAT_F64_S(dst, a). */
    public static final int I32_TRUNC_SAT_F64_S = 171;
    /** I32_TRUNC_SAT_F64_U(dst, a). */
    public static final int I32_TRUNC_SAT_F64_U = 172;
    /** I64_TRUNC_SAT_F32_S(dst, a). */
    public static final int I64_TRUNC_SAT_F32_S = 173;
    /** I64_TRUNC_SAT_F32_U(dst, a). */
    public static final int I64_TRUNC_SAT_F32_U = 174;
    /** I64_TRUNC_SAT_F64_S(dst, a). */
    public static final int I64_TRUNC_SAT_F64_S = 175;
    /** I64_TRUNC_SAT_F64_U(dst, a). */
    public static final int I64_TRUNC_SAT_F64_U = 176;
    /**
     * FUEL(n): charge n units of the store's fuel, trap "fuel exhausted" if fewer remain. Only in
     * metered code ({@code Wasm.parseMetered}): starts each straight-line segment, n = the wasm
     * instructions the segment executes when it runs to its end.
     */
    public static final int FUEL = 177;

    // SIMD (0xFD prefix, spec 4.4.3 vector instructions) from here on: a v128 operand or result
    // occupies two slots, low 64 bits first. Run by runtime.SimdInstructions, compiled by
    // validate.SimdValidator; the vector instructions follow the binary opcode order.
    /** V128_GLOBAL_GET(dst, global): both slots of a v128 global. */
    public static final int V128_GLOBAL_GET = 178;
    /** V128_GLOBAL_SET(global, src): both slots of a v128 global. */
    public static final int V128_GLOBAL_SET = 179;
    /** V128_LOAD(dst, addr, offset): s[dst..dst+1] = v128 from memory at (u32) s[addr] + (u32) offset. */
    public static final int V128_LOAD = 180;
    /** V128_LOAD8X8_S(dst, addr, offset): s[dst..dst+1] = v128 from memory at (u32) s[addr] + (u32) offset. */
    public static final int V128_LOAD8X8_S = 181;
    /** V128_LOAD8X8_U(dst, addr, offset): s[dst..dst+1] = v128 from memory at (u32) s[addr] + (u32) offset. */
    public static final int V128_LOAD8X8_U = 182;
    /** V128_LOAD16X4_S(dst, addr, offset): s[dst..dst+1] = v128 from memory at (u32) s[addr] + (u32) offset. */
    public static final int V128_LOAD16X4_S = 183;
    /** V128_LOAD16X4_U(dst, addr, offset): s[dst..dst+1] = v128 from memory at (u32) s[addr] + (u32) offset. */
    public static final int V128_LOAD16X4_U = 184;
    /** V128_LOAD32X2_S(dst, addr, offset): s[dst..dst+1] = v128 from memory at (u32) s[addr] + (u32) offset. */
    public static final int V128_LOAD32X2_S = 185;
    /** V128_LOAD32X2_U(dst, addr, offset): s[dst..dst+1] = v128 from memory at (u32) s[addr] + (u32) offset. */
    public static final int V128_LOAD32X2_U = 186;
    /** V128_LOAD8_SPLAT(dst, addr, offset): s[dst..dst+1] = v128 from memory at (u32) s[addr] + (u32) offset. */
    public static final int V128_LOAD8_SPLAT = 187;
    /** V128_LOAD16_SPLAT(dst, addr, offset): s[dst..dst+1] = v128 from memory at (u32) s[addr] + (u32) offset. */
    public static final int V128_LOAD16_SPLAT = 188;
    /** V128_LOAD32_SPLAT(dst, addr, offset): s[dst..dst+1] = v128 from memory at (u32) s[addr] + (u32) offset. */
    public static final int V128_LOAD32_SPLAT = 189;
    /** V128_LOAD64_SPLAT(dst, addr, offset): s[dst..dst+1] = v128 from memory at (u32) s[addr] + (u32) offset. */
    public static final int V128_LOAD64_SPLAT = 190;
    /** V128_STORE(addr, value, offset): store the v128 s[value..value+1] at (u32) s[addr] + (u32) offset. */
    public static final int V128_STORE = 191;
    /** V128_CONST(dst, bits0, bits1, bits2, bits3): s[dst..dst+1] = the 128 bits, least significant int first. */
    public static final int V128_CONST = 192;
    /** I8X16_SHUFFLE(dst, a, b, lanes0, lanes1, lanes2, lanes3): the 16 lane indexes packed four to an int, lane 0 in the low byte. */
    public static final int I8X16_SHUFFLE = 193;
    /** I8X16_SWIZZLE(dst, a, b). */
    public static final int I8X16_SWIZZLE = 194;
    /** I8X16_SPLAT(dst, a). */
    public static final int I8X16_SPLAT = 195;
    /** I16X8_SPLAT(dst, a). */
    public static final int I16X8_SPLAT = 196;
    /** I32X4_SPLAT(dst, a). */
    public static final int I32X4_SPLAT = 197;
    /** I64X2_SPLAT(dst, a). */
    public static final int I64X2_SPLAT = 198;
    /** F32X4_SPLAT(dst, a). */
    public static final int F32X4_SPLAT = 199;
    /** F64X2_SPLAT(dst, a). */
    public static final int F64X2_SPLAT = 200;
    /** I8X16_EXTRACT_LANE_S(dst, a, lane). */
    public static final int I8X16_EXTRACT_LANE_S = 201;
    /** I8X16_EXTRACT_LANE_U(dst, a, lane). */
    public static final int I8X16_EXTRACT_LANE_U = 202;
    /** I8X16_REPLACE_LANE(dst, a, value, lane). */
    public static final int I8X16_REPLACE_LANE = 203;
    /** I16X8_EXTRACT_LANE_S(dst, a, lane). */
    public static final int I16X8_EXTRACT_LANE_S = 204;
    /** I16X8_EXTRACT_LANE_U(dst, a, lane). */
    public static final int I16X8_EXTRACT_LANE_U = 205;
    /** I16X8_REPLACE_LANE(dst, a, value, lane). */
    public static final int I16X8_REPLACE_LANE = 206;
    /** I32X4_EXTRACT_LANE(dst, a, lane). */
    public static final int I32X4_EXTRACT_LANE = 207;
    /** I32X4_REPLACE_LANE(dst, a, value, lane). */
    public static final int I32X4_REPLACE_LANE = 208;
    /** I64X2_EXTRACT_LANE(dst, a, lane). */
    public static final int I64X2_EXTRACT_LANE = 209;
    /** I64X2_REPLACE_LANE(dst, a, value, lane). */
    public static final int I64X2_REPLACE_LANE = 210;
    /** F32X4_EXTRACT_LANE(dst, a, lane). */
    public static final int F32X4_EXTRACT_LANE = 211;
    /** F32X4_REPLACE_LANE(dst, a, value, lane). */
    public static final int F32X4_REPLACE_LANE = 212;
    /** F64X2_EXTRACT_LANE(dst, a, lane). */
    public static final int F64X2_EXTRACT_LANE = 213;
    /** F64X2_REPLACE_LANE(dst, a, value, lane). */
    public static final int F64X2_REPLACE_LANE = 214;
    /** I8X16_EQ(dst, a, b). */
    public static final int I8X16_EQ = 215;
    /** I8X16_NE(dst, a, b). */
    public static final int I8X16_NE = 216;
    /** I8X16_LT_S(dst, a, b). */
    public static final int I8X16_LT_S = 217;
    /** I8X16_LT_U(dst, a, b). */
    public static final int I8X16_LT_U = 218;
    /** I8X16_GT_S(dst, a, b). */
    public static final int I8X16_GT_S = 219;
    /** I8X16_GT_U(dst, a, b). */
    public static final int I8X16_GT_U = 220;
    /** I8X16_LE_S(dst, a, b). */
    public static final int I8X16_LE_S = 221;
    /** I8X16_LE_U(dst, a, b). */
    public static final int I8X16_LE_U = 222;
    /** I8X16_GE_S(dst, a, b). */
    public static final int I8X16_GE_S = 223;
    /** I8X16_GE_U(dst, a, b). */
    public static final int I8X16_GE_U = 224;
    /** I16X8_EQ(dst, a, b). */
    public static final int I16X8_EQ = 225;
    /** I16X8_NE(dst, a, b). */
    public static final int I16X8_NE = 226;
    /** I16X8_LT_S(dst, a, b). */
    public static final int I16X8_LT_S = 227;
    /** I16X8_LT_U(dst, a, b). */
    public static final int I16X8_LT_U = 228;
    /** I16X8_GT_S(dst, a, b). */
    public static final int I16X8_GT_S = 229;
    /** I16X8_GT_U(dst, a, b). */
    public static final int I16X8_GT_U = 230;
    /** I16X8_LE_S(dst, a, b). */
    public static final int I16X8_LE_S = 231;
    /** I16X8_LE_U(dst, a, b). */
    public static final int I16X8_LE_U = 232;
    /** I16X8_GE_S(dst, a, b). */
    public static final int I16X8_GE_S = 233;
    /** I16X8_GE_U(dst, a, b). */
    public static final int I16X8_GE_U = 234;
    /** I32X4_EQ(dst, a, b). */
    public static final int I32X4_EQ = 235;
    /** I32X4_NE(dst, a, b). */
    public static final int I32X4_NE = 236;
    /** I32X4_LT_S(dst, a, b). */
    public static final int I32X4_LT_S = 237;
    /** I32X4_LT_U(dst, a, b). */
    public static final int I32X4_LT_U = 238;
    /** I32X4_GT_S(dst, a, b). */
    public static final int I32X4_GT_S = 239;
    /** I32X4_GT_U(dst, a, b). */
    public static final int I32X4_GT_U = 240;
    /** I32X4_LE_S(dst, a, b). */
    public static final int I32X4_LE_S = 241;
    /** I32X4_LE_U(dst, a, b). */
    public static final int I32X4_LE_U = 242;
    /** I32X4_GE_S(dst, a, b). */
    public static final int I32X4_GE_S = 243;
    /** I32X4_GE_U(dst, a, b). */
    public static final int I32X4_GE_U = 244;
    /** F32X4_EQ(dst, a, b). */
    public static final int F32X4_EQ = 245;
    /** F32X4_NE(dst, a, b). */
    public static final int F32X4_NE = 246;
    /** F32X4_LT(dst, a, b). */
    public static final int F32X4_LT = 247;
    /** F32X4_GT(dst, a, b). */
    public static final int F32X4_GT = 248;
    /** F32X4_LE(dst, a, b). */
    public static final int F32X4_LE = 249;
    /** F32X4_GE(dst, a, b). */
    public static final int F32X4_GE = 250;
    /** F64X2_EQ(dst, a, b). */
    public static final int F64X2_EQ = 251;
    /** F64X2_NE(dst, a, b). */
    public static final int F64X2_NE = 252;
    /** F64X2_LT(dst, a, b). */
    public static final int F64X2_LT = 253;
    /** F64X2_GT(dst, a, b). */
    public static final int F64X2_GT = 254;
    /** F64X2_LE(dst, a, b). */
    public static final int F64X2_LE = 255;
    /** F64X2_GE(dst, a, b). */
    public static final int F64X2_GE = 256;
    /** V128_NOT(dst, a). */
    public static final int V128_NOT = 257;
    /** V128_AND(dst, a, b). */
    public static final int V128_AND = 258;
    /** V128_ANDNOT(dst, a, b). */
    public static final int V128_ANDNOT = 259;
    /** V128_OR(dst, a, b). */
    public static final int V128_OR = 260;
    /** V128_XOR(dst, a, b). */
    public static final int V128_XOR = 261;
    /** V128_BITSELECT(dst, a, b, c): c selects: bits of a where c is 1, of b where 0. */
    public static final int V128_BITSELECT = 262;
    /** V128_ANY_TRUE(dst, a): i32 result. */
    public static final int V128_ANY_TRUE = 263;
    /** V128_LOAD8_LANE(dst, addr, value, offset, lane): s[dst..] = s[value..] with lane replaced from memory. */
    public static final int V128_LOAD8_LANE = 264;
    /** V128_LOAD16_LANE(dst, addr, value, offset, lane): s[dst..] = s[value..] with lane replaced from memory. */
    public static final int V128_LOAD16_LANE = 265;
    /** V128_LOAD32_LANE(dst, addr, value, offset, lane): s[dst..] = s[value..] with lane replaced from memory. */
    public static final int V128_LOAD32_LANE = 266;
    /** V128_LOAD64_LANE(dst, addr, value, offset, lane): s[dst..] = s[value..] with lane replaced from memory. */
    public static final int V128_LOAD64_LANE = 267;
    /** V128_STORE8_LANE(addr, value, offset, lane): store lane of s[value..] to memory. */
    public static final int V128_STORE8_LANE = 268;
    /** V128_STORE16_LANE(addr, value, offset, lane): store lane of s[value..] to memory. */
    public static final int V128_STORE16_LANE = 269;
    /** V128_STORE32_LANE(addr, value, offset, lane): store lane of s[value..] to memory. */
    public static final int V128_STORE32_LANE = 270;
    /** V128_STORE64_LANE(addr, value, offset, lane): store lane of s[value..] to memory. */
    public static final int V128_STORE64_LANE = 271;
    /** V128_LOAD32_ZERO(dst, addr, offset): s[dst..dst+1] = v128 from memory at (u32) s[addr] + (u32) offset. */
    public static final int V128_LOAD32_ZERO = 272;
    /** V128_LOAD64_ZERO(dst, addr, offset): s[dst..dst+1] = v128 from memory at (u32) s[addr] + (u32) offset. */
    public static final int V128_LOAD64_ZERO = 273;
    /** F32X4_DEMOTE_F64X2_ZERO(dst, a). */
    public static final int F32X4_DEMOTE_F64X2_ZERO = 274;
    /** F64X2_PROMOTE_LOW_F32X4(dst, a). */
    public static final int F64X2_PROMOTE_LOW_F32X4 = 275;
    /** I8X16_ABS(dst, a). */
    public static final int I8X16_ABS = 276;
    /** I8X16_NEG(dst, a). */
    public static final int I8X16_NEG = 277;
    /** I8X16_POPCNT(dst, a). */
    public static final int I8X16_POPCNT = 278;
    /** I8X16_ALL_TRUE(dst, a): i32 result. */
    public static final int I8X16_ALL_TRUE = 279;
    /** I8X16_BITMASK(dst, a): i32 result. */
    public static final int I8X16_BITMASK = 280;
    /** I8X16_NARROW_I16X8_S(dst, a, b). */
    public static final int I8X16_NARROW_I16X8_S = 281;
    /** I8X16_NARROW_I16X8_U(dst, a, b). */
    public static final int I8X16_NARROW_I16X8_U = 282;
    /** F32X4_CEIL(dst, a). */
    public static final int F32X4_CEIL = 283;
    /** F32X4_FLOOR(dst, a). */
    public static final int F32X4_FLOOR = 284;
    /** F32X4_TRUNC(dst, a). */
    public static final int F32X4_TRUNC = 285;
    /** F32X4_NEAREST(dst, a). */
    public static final int F32X4_NEAREST = 286;
    /** I8X16_SHL(dst, a, b): shift count (i32) in s[b]. */
    public static final int I8X16_SHL = 287;
    /** I8X16_SHR_S(dst, a, b): shift count (i32) in s[b]. */
    public static final int I8X16_SHR_S = 288;
    /** I8X16_SHR_U(dst, a, b): shift count (i32) in s[b]. */
    public static final int I8X16_SHR_U = 289;
    /** I8X16_ADD(dst, a, b). */
    public static final int I8X16_ADD = 290;
    /** I8X16_ADD_SAT_S(dst, a, b). */
    public static final int I8X16_ADD_SAT_S = 291;
    /** I8X16_ADD_SAT_U(dst, a, b). */
    public static final int I8X16_ADD_SAT_U = 292;
    /** I8X16_SUB(dst, a, b). */
    public static final int I8X16_SUB = 293;
    /** I8X16_SUB_SAT_S(dst, a, b). */
    public static final int I8X16_SUB_SAT_S = 294;
    /** I8X16_SUB_SAT_U(dst, a, b). */
    public static final int I8X16_SUB_SAT_U = 295;
    /** F64X2_CEIL(dst, a). */
    public static final int F64X2_CEIL = 296;
    /** F64X2_FLOOR(dst, a). */
    public static final int F64X2_FLOOR = 297;
    /** I8X16_MIN_S(dst, a, b). */
    public static final int I8X16_MIN_S = 298;
    /** I8X16_MIN_U(dst, a, b). */
    public static final int I8X16_MIN_U = 299;
    /** I8X16_MAX_S(dst, a, b). */
    public static final int I8X16_MAX_S = 300;
    /** I8X16_MAX_U(dst, a, b). */
    public static final int I8X16_MAX_U = 301;
    /** F64X2_TRUNC(dst, a). */
    public static final int F64X2_TRUNC = 302;
    /** I8X16_AVGR_U(dst, a, b). */
    public static final int I8X16_AVGR_U = 303;
    /** I16X8_EXTADD_PAIRWISE_I8X16_S(dst, a). */
    public static final int I16X8_EXTADD_PAIRWISE_I8X16_S = 304;
    /** I16X8_EXTADD_PAIRWISE_I8X16_U(dst, a). */
    public static final int I16X8_EXTADD_PAIRWISE_I8X16_U = 305;
    /** I32X4_EXTADD_PAIRWISE_I16X8_S(dst, a). */
    public static final int I32X4_EXTADD_PAIRWISE_I16X8_S = 306;
    /** I32X4_EXTADD_PAIRWISE_I16X8_U(dst, a). */
    public static final int I32X4_EXTADD_PAIRWISE_I16X8_U = 307;
    /** I16X8_ABS(dst, a). */
    public static final int I16X8_ABS = 308;
    /** I16X8_NEG(dst, a). */
    public static final int I16X8_NEG = 309;
    /** I16X8_Q15MULR_SAT_S(dst, a, b). */
    public static final int I16X8_Q15MULR_SAT_S = 310;
    /** I16X8_ALL_TRUE(dst, a): i32 result. */
    public static final int I16X8_ALL_TRUE = 311;
    /** I16X8_BITMASK(dst, a): i32 result. */
    public static final int I16X8_BITMASK = 312;
    /** I16X8_NARROW_I32X4_S(dst, a, b). */
    public static final int I16X8_NARROW_I32X4_S = 313;
    /** I16X8_NARROW_I32X4_U(dst, a, b). */
    public static final int I16X8_NARROW_I32X4_U = 314;
    /** I16X8_EXTEND_LOW_I8X16_S(dst, a). */
    public static final int I16X8_EXTEND_LOW_I8X16_S = 315;
    /** I16X8_EXTEND_HIGH_I8X16_S(dst, a). */
    public static final int I16X8_EXTEND_HIGH_I8X16_S = 316;
    /** I16X8_EXTEND_LOW_I8X16_U(dst, a). */
    public static final int I16X8_EXTEND_LOW_I8X16_U = 317;
    /** I16X8_EXTEND_HIGH_I8X16_U(dst, a). */
    public static final int I16X8_EXTEND_HIGH_I8X16_U = 318;
    /** I16X8_SHL(dst, a, b): shift count (i32) in s[b]. */
    public static final int I16X8_SHL = 319;
    /** I16X8_SHR_S(dst, a, b): shift count (i32) in s[b]. */
    public static final int I16X8_SHR_S = 320;
    /** I16X8_SHR_U(dst, a, b): shift count (i32) in s[b]. */
    public static final int I16X8_SHR_U = 321;
    /** I16X8_ADD(dst, a, b). */
    public static final int I16X8_ADD = 322;
    /** I16X8_ADD_SAT_S(dst, a, b). */
    public static final int I16X8_ADD_SAT_S = 323;
    /** I16X8_ADD_SAT_U(dst, a, b). */
    public static final int I16X8_ADD_SAT_U = 324;
    /** I16X8_SUB(dst, a, b). */
    public static final int I16X8_SUB = 325;
    /** I16X8_SUB_SAT_S(dst, a, b). */
    public static final int I16X8_SUB_SAT_S = 326;
    /** I16X8_SUB_SAT_U(dst, a, b). */
    public static final int I16X8_SUB_SAT_U = 327;
    /** F64X2_NEAREST(dst, a). */
    public static final int F64X2_NEAREST = 328;
    /** I16X8_MUL(dst, a, b). */
    public static final int I16X8_MUL = 329;
    /** I16X8_MIN_S(dst, a, b). */
    public static final int I16X8_MIN_S = 330;
    /** I16X8_MIN_U(dst, a, b). */
    public static final int I16X8_MIN_U = 331;
    /** I16X8_MAX_S(dst, a, b). */
    public static final int I16X8_MAX_S = 332;
    /** I16X8_MAX_U(dst, a, b). */
    public static final int I16X8_MAX_U = 333;
    /** I16X8_AVGR_U(dst, a, b). */
    public static final int I16X8_AVGR_U = 334;
    /** I16X8_EXTMUL_LOW_I8X16_S(dst, a, b). */
    public static final int I16X8_EXTMUL_LOW_I8X16_S = 335;
    /** I16X8_EXTMUL_HIGH_I8X16_S(dst, a, b). */
    public static final int I16X8_EXTMUL_HIGH_I8X16_S = 336;
    /** I16X8_EXTMUL_LOW_I8X16_U(dst, a, b). */
    public static final int I16X8_EXTMUL_LOW_I8X16_U = 337;
    /** I16X8_EXTMUL_HIGH_I8X16_U(dst, a, b). */
    public static final int I16X8_EXTMUL_HIGH_I8X16_U = 338;
    /** I32X4_ABS(dst, a). */
    public static final int I32X4_ABS = 339;
    /** I32X4_NEG(dst, a). */
    public static final int I32X4_NEG = 340;
    /** I32X4_ALL_TRUE(dst, a): i32 result. */
    public static final int I32X4_ALL_TRUE = 341;
    /** I32X4_BITMASK(dst, a): i32 result. */
    public static final int I32X4_BITMASK = 342;
    /** I32X4_EXTEND_LOW_I16X8_S(dst, a). */
    public static final int I32X4_EXTEND_LOW_I16X8_S = 343;
    /** I32X4_EXTEND_HIGH_I16X8_S(dst, a). */
    public static final int I32X4_EXTEND_HIGH_I16X8_S = 344;
    /** I32X4_EXTEND_LOW_I16X8_U(dst, a). */
    public static final int I32X4_EXTEND_LOW_I16X8_U = 345;
    /** I32X4_EXTEND_HIGH_I16X8_U(dst, a). */
    public static final int I32X4_EXTEND_HIGH_I16X8_U = 346;
    /** I32X4_SHL(dst, a, b): shift count (i32) in s[b]. */
    public static final int I32X4_SHL = 347;
    /** I32X4_SHR_S(dst, a, b): shift count (i32) in s[b]. */
    public static final int I32X4_SHR_S = 348;
    /** I32X4_SHR_U(dst, a, b): shift count (i32) in s[b]. */
    public static final int I32X4_SHR_U = 349;
    /** I32X4_ADD(dst, a, b). */
    public static final int I32X4_ADD = 350;
    /** I32X4_SUB(dst, a, b). */
    public static final int I32X4_SUB = 351;
    /** I32X4_MUL(dst, a, b). */
    public static final int I32X4_MUL = 352;
    /** I32X4_MIN_S(dst, a, b). */
    public static final int I32X4_MIN_S = 353;
    /** I32X4_MIN_U(dst, a, b). */
    public static final int I32X4_MIN_U = 354;
    /** I32X4_MAX_S(dst, a, b). */
    public static final int I32X4_MAX_S = 355;
    /** I32X4_MAX_U(dst, a, b). */
    public static final int I32X4_MAX_U = 356;
    /** I32X4_DOT_I16X8_S(dst, a, b). */
    public static final int I32X4_DOT_I16X8_S = 357;
    /** I32X4_EXTMUL_LOW_I16X8_S(dst, a, b). */
    public static final int I32X4_EXTMUL_LOW_I16X8_S = 358;
    /** I32X4_EXTMUL_HIGH_I16X8_S(dst, a, b). */
    public static final int I32X4_EXTMUL_HIGH_I16X8_S = 359;
    /** I32X4_EXTMUL_LOW_I16X8_U(dst, a, b). */
    public static final int I32X4_EXTMUL_LOW_I16X8_U = 360;
    /** I32X4_EXTMUL_HIGH_I16X8_U(dst, a, b). */
    public static final int I32X4_EXTMUL_HIGH_I16X8_U = 361;
    /** I64X2_ABS(dst, a). */
    public static final int I64X2_ABS = 362;
    /** I64X2_NEG(dst, a). */
    public static final int I64X2_NEG = 363;
    /** I64X2_ALL_TRUE(dst, a): i32 result. */
    public static final int I64X2_ALL_TRUE = 364;
    /** I64X2_BITMASK(dst, a): i32 result. */
    public static final int I64X2_BITMASK = 365;
    /** I64X2_EXTEND_LOW_I32X4_S(dst, a). */
    public static final int I64X2_EXTEND_LOW_I32X4_S = 366;
    /** I64X2_EXTEND_HIGH_I32X4_S(dst, a). */
    public static final int I64X2_EXTEND_HIGH_I32X4_S = 367;
    /** I64X2_EXTEND_LOW_I32X4_U(dst, a). */
    public static final int I64X2_EXTEND_LOW_I32X4_U = 368;
    /** I64X2_EXTEND_HIGH_I32X4_U(dst, a). */
    public static final int I64X2_EXTEND_HIGH_I32X4_U = 369;
    /** I64X2_SHL(dst, a, b): shift count (i32) in s[b]. */
    public static final int I64X2_SHL = 370;
    /** I64X2_SHR_S(dst, a, b): shift count (i32) in s[b]. */
    public static final int I64X2_SHR_S = 371;
    /** I64X2_SHR_U(dst, a, b): shift count (i32) in s[b]. */
    public static final int I64X2_SHR_U = 372;
    /** I64X2_ADD(dst, a, b). */
    public static final int I64X2_ADD = 373;
    /** I64X2_SUB(dst, a, b). */
    public static final int I64X2_SUB = 374;
    /** I64X2_MUL(dst, a, b). */
    public static final int I64X2_MUL = 375;
    /** I64X2_EQ(dst, a, b). */
    public static final int I64X2_EQ = 376;
    /** I64X2_NE(dst, a, b). */
    public static final int I64X2_NE = 377;
    /** I64X2_LT_S(dst, a, b). */
    public static final int I64X2_LT_S = 378;
    /** I64X2_GT_S(dst, a, b). */
    public static final int I64X2_GT_S = 379;
    /** I64X2_LE_S(dst, a, b). */
    public static final int I64X2_LE_S = 380;
    /** I64X2_GE_S(dst, a, b). */
    public static final int I64X2_GE_S = 381;
    /** I64X2_EXTMUL_LOW_I32X4_S(dst, a, b). */
    public static final int I64X2_EXTMUL_LOW_I32X4_S = 382;
    /** I64X2_EXTMUL_HIGH_I32X4_S(dst, a, b). */
    public static final int I64X2_EXTMUL_HIGH_I32X4_S = 383;
    /** I64X2_EXTMUL_LOW_I32X4_U(dst, a, b). */
    public static final int I64X2_EXTMUL_LOW_I32X4_U = 384;
    /** I64X2_EXTMUL_HIGH_I32X4_U(dst, a, b). */
    public static final int I64X2_EXTMUL_HIGH_I32X4_U = 385;
    /** F32X4_ABS(dst, a). */
    public static final int F32X4_ABS = 386;
    /** F32X4_NEG(dst, a). */
    public static final int F32X4_NEG = 387;
    /** F32X4_SQRT(dst, a). */
    public static final int F32X4_SQRT = 388;
    /** F32X4_ADD(dst, a, b). */
    public static final int F32X4_ADD = 389;
    /** F32X4_SUB(dst, a, b). */
    public static final int F32X4_SUB = 390;
    /** F32X4_MUL(dst, a, b). */
    public static final int F32X4_MUL = 391;
    /** F32X4_DIV(dst, a, b). */
    public static final int F32X4_DIV = 392;
    /** F32X4_MIN(dst, a, b). */
    public static final int F32X4_MIN = 393;
    /** F32X4_MAX(dst, a, b). */
    public static final int F32X4_MAX = 394;
    /** F32X4_PMIN(dst, a, b). */
    public static final int F32X4_PMIN = 395;
    /** F32X4_PMAX(dst, a, b). */
    public static final int F32X4_PMAX = 396;
    /** F64X2_ABS(dst, a). */
    public static final int F64X2_ABS = 397;
    /** F64X2_NEG(dst, a). */
    public static final int F64X2_NEG = 398;
    /** F64X2_SQRT(dst, a). */
    public static final int F64X2_SQRT = 399;
    /** F64X2_ADD(dst, a, b). */
    public static final int F64X2_ADD = 400;
    /** F64X2_SUB(dst, a, b). */
    public static final int F64X2_SUB = 401;
    /** F64X2_MUL(dst, a, b). */
    public static final int F64X2_MUL = 402;
    /** F64X2_DIV(dst, a, b). */
    public static final int F64X2_DIV = 403;
    /** F64X2_MIN(dst, a, b). */
    public static final int F64X2_MIN = 404;
    /** F64X2_MAX(dst, a, b). */
    public static final int F64X2_MAX = 405;
    /** F64X2_PMIN(dst, a, b). */
    public static final int F64X2_PMIN = 406;
    /** F64X2_PMAX(dst, a, b). */
    public static final int F64X2_PMAX = 407;
    /** I32X4_TRUNC_SAT_F32X4_S(dst, a). */
    public static final int I32X4_TRUNC_SAT_F32X4_S = 408;
    /** I32X4_TRUNC_SAT_F32X4_U(dst, a). */
    public static final int I32X4_TRUNC_SAT_F32X4_U = 409;
    /** F32X4_CONVERT_I32X4_S(dst, a). */
    public static final int F32X4_CONVERT_I32X4_S = 410;
    /** F32X4_CONVERT_I32X4_U(dst, a). */
    public static final int F32X4_CONVERT_I32X4_U = 411;
    /** I32X4_TRUNC_SAT_F64X2_S_ZERO(dst, a). */
    public static final int I32X4_TRUNC_SAT_F64X2_S_ZERO = 412;
    /** I32X4_TRUNC_SAT_F64X2_U_ZERO(dst, a). */
    public static final int I32X4_TRUNC_SAT_F64X2_U_ZERO = 413;
    /** F64X2_CONVERT_LOW_I32X4_S(dst, a). */
    public static final int F64X2_CONVERT_LOW_I32X4_S = 414;
    /** F64X2_CONVERT_LOW_I32X4_U(dst, a). */
    public static final int F64X2_CONVERT_LOW_I32X4_U = 415;

    // Superinstructions: forms with an immediate operand and fused compare-and-branch, made by the
    // compiler from a constant operand or a compare feeding br_if/if. Same semantics, fewer dispatches.
    /** I32_ADD_I(dst, a, imm): s[dst] = (i32) s[a] + imm: i32.add or i32.sub with a constant operand. */
    public static final int I32_ADD_I = 416;
    /** I32_AND_I(dst, a, imm). */
    public static final int I32_AND_I = 417;
    /** I32_OR_I(dst, a, imm). */
    public static final int I32_OR_I = 418;
    /** I32_XOR_I(dst, a, imm). */
    public static final int I32_XOR_I = 419;
    /** I32_SHL_I(dst, a, imm). */
    public static final int I32_SHL_I = 420;
    /** I32_SHR_S_I(dst, a, imm). */
    public static final int I32_SHR_S_I = 421;
    /** I32_SHR_U_I(dst, a, imm). */
    public static final int I32_SHR_U_I = 422;
    /** I32_MUL_I(dst, a, imm). */
    public static final int I32_MUL_I = 423;
    /** I32_EQ_I(dst, a, imm). */
    public static final int I32_EQ_I = 424;
    /** I32_NE_I(dst, a, imm). */
    public static final int I32_NE_I = 425;
    /** I32_LT_S_I(dst, a, imm). */
    public static final int I32_LT_S_I = 426;
    /** I32_LT_U_I(dst, a, imm). */
    public static final int I32_LT_U_I = 427;
    /** I32_GT_S_I(dst, a, imm). */
    public static final int I32_GT_S_I = 428;
    /** I32_GT_U_I(dst, a, imm). */
    public static final int I32_GT_U_I = 429;
    /** I64_ADD_I(dst, a, imm): s[dst] = s[a] + (long) imm: the constant sign-extended. */
    public static final int I64_ADD_I = 430;
    /** I64_AND_I(dst, a, imm). */
    public static final int I64_AND_I = 431;
    /** I64_SHL_I(dst, a, imm). */
    public static final int I64_SHL_I = 432;
    /** I64_SHR_S_I(dst, a, imm). */
    public static final int I64_SHR_S_I = 433;
    /** I64_SHR_U_I(dst, a, imm). */
    public static final int I64_SHR_U_I = 434;
    /** BR_IF_I32_EQ(a, b, target): compare and branch: a compare whose only use is br_if or if, fused. */
    public static final int BR_IF_I32_EQ = 435;
    /** BR_IF_I32_NE(a, b, target). */
    public static final int BR_IF_I32_NE = 436;
    /** BR_IF_I32_LT_S(a, b, target). */
    public static final int BR_IF_I32_LT_S = 437;
    /** BR_IF_I32_LT_U(a, b, target). */
    public static final int BR_IF_I32_LT_U = 438;
    /** BR_IF_I32_LE_S(a, b, target). */
    public static final int BR_IF_I32_LE_S = 439;
    /** BR_IF_I32_LE_U(a, b, target). */
    public static final int BR_IF_I32_LE_U = 440;
    /** BR_IF_I32_EQ_I(a, imm, target). */
    public static final int BR_IF_I32_EQ_I = 441;
    /** BR_IF_I32_NE_I(a, imm, target). */
    public static final int BR_IF_I32_NE_I = 442;
    /** BR_IF_I32_LT_S_I(a, imm, target). */
    public static final int BR_IF_I32_LT_S_I = 443;
    /** BR_IF_I32_LT_U_I(a, imm, target). */
    public static final int BR_IF_I32_LT_U_I = 444;
    /** BR_IF_I32_GT_S_I(a, imm, target). */
    public static final int BR_IF_I32_GT_S_I = 445;
    /** BR_IF_I32_GT_U_I(a, imm, target). */
    public static final int BR_IF_I32_GT_U_I = 446;

    /** I32_LOAD_ADD(dst, a, imm, offset): I32_LOAD at (u32) (s[a] + imm) + (u32) offset: an address computed by i32.add with a constant, fused. */
    public static final int I32_LOAD_ADD = 447;
    /** I64_LOAD_ADD(dst, a, imm, offset). */
    public static final int I64_LOAD_ADD = 448;
    /** I32_LOAD8_U_ADD(dst, a, imm, offset). */
    public static final int I32_LOAD8_U_ADD = 449;

    /** RETURN_VALUE(src): s[0] = s[src], then RETURN: a function's single result, moved and returned in one. */
    public static final int RETURN_VALUE = 450;

    /**
     * CALL_ARGS(entry, n, src*, base): CALL with its n argument slots first copied from
     * s[src_0..src_n-1] (locals passed as they are, without a COPY each) to s[base..base+n-1].
     */
    public static final int CALL_ARGS = 451;

    /**
     * JIT_ENTRY(function, resultSlots): the first instruction of a defined function (index among
     * the defined ones) that runs as JVM bytecode ({@code dev.weir.core.internal.jit}); the interpreter
     * leaves its loop here, the bytecode runs the whole body, and the function returns with its
     * resultSlots results in slots 0.. as after RETURN.
     */
    public static final int JIT_ENTRY = 452;

    /** Ints that {@link #JIT_ENTRY} and {@link #JIT_LOOP} each take, opcode included. */
    public static final int JIT_SIZE = 3;

    /**
     * JIT_LOOP(end, region): just before a loop label, where the loop is entered (its own branches
     * back go to the label after it): the loop up to end runs as JVM bytecode, compiled region
     * number region of the module, from the frame as it is; the interpreter goes on at the pc
     * the bytecode returns. Only for loops that call nothing; a loop the compiler does not
     * choose gets BR over this instruction's place instead.
     */
    public static final int JIT_LOOP = 453;

    /** Number of ops. */
    public static final int COUNT = 454;

    // Operand kinds: what each int after an opcode means. The table below gives every op its
    // kinds, in order; readers (the disassembler, the JIT's branch scan, tests) ask the table
    // instead of knowing shapes themselves.

    /** A slot number relative to fp (a value of the frame; two slots for a v128). */
    public static final byte SLOT = 1;
    /** An absolute pc that control may branch to: an instruction start of the same function. */
    public static final byte TARGET = 2;
    /** The absolute pc of a defined function's header (what CALL and CALL_ARGS call). */
    public static final byte ENTRY = 3;
    /** An index into one of the module's index spaces (function, global, table, element, data, type). */
    public static final byte INDEX = 4;
    /** An immediate value: a constant's bits, a lane number, a fuel charge, a count of result slots. */
    public static final byte IMM = 5;
    /** A memarg offset, unsigned 32-bit. */
    public static final byte OFFSET = 6;
    /**
     * The absolute pc where a region ends ({@link #JIT_LOOP}): an instruction start of the same
     * function, or the function's end.
     */
    public static final byte END = 7;
    /** A count n, followed right after it by n + 1 {@link #TARGET}s, the last the default ({@link #BR_TABLE}). */
    public static final byte BRANCH_COUNT = 8;
    /** A count n, followed right after it by n {@link #SLOT}s ({@link #CALL_ARGS}). */
    public static final byte SLOT_COUNT = 9;

    private static final String[] NAMES = new String[COUNT];
    private static final byte[][] KINDS = new byte[COUNT][];
    /** Ints the op takes without its repeated operands, opcode included. */
    private static final byte[] LENGTH = new byte[COUNT];
    /** Where the count of repeated operands is (an operand number, 1 = code[pc + 1]), or 0. */
    private static final byte[] COUNT_AT = new byte[COUNT];
    /** 1 when the repeated operands are one more than the count (BRANCH_COUNT), else 0. */
    private static final byte[] COUNT_EXTRA = new byte[COUNT];
    /** Where the op's one fixed TARGET operand is, or 0. */
    private static final byte[] TARGET_AT = new byte[COUNT];

    // The instruction set, one row per op: its name and its operands' kinds, in order. This is
    // the one definition that lengths, names, branch targets and listings come from; OpTest
    // checks it against the constants above and the compiler's output.
    static {
        def(UNREACHABLE, "UNREACHABLE");
        def(BR, "BR", TARGET);
        def(BR_IF, "BR_IF", SLOT, TARGET);
        def(BR_IF_EQZ, "BR_IF_EQZ", SLOT, TARGET);
        def(BR_TABLE, "BR_TABLE", SLOT, BRANCH_COUNT);
        def(RETURN, "RETURN");
        def(CALL, "CALL", ENTRY, SLOT);
        def(CALL_IMPORT, "CALL_IMPORT", INDEX, SLOT);
        def(CALL_INDIRECT, "CALL_INDIRECT", INDEX, INDEX, SLOT, SLOT);
        def(COPY, "COPY", SLOT, SLOT);
        def(SELECT, "SELECT", SLOT, SLOT, SLOT, SLOT);
        def(GLOBAL_GET, "GLOBAL_GET", SLOT, INDEX);
        def(GLOBAL_SET, "GLOBAL_SET", INDEX, SLOT);
        def(TABLE_GET, "TABLE_GET", SLOT, INDEX, SLOT);
        def(TABLE_SET, "TABLE_SET", INDEX, SLOT, SLOT);
        def(TABLE_SIZE, "TABLE_SIZE", SLOT, INDEX);
        def(TABLE_GROW, "TABLE_GROW", SLOT, INDEX, SLOT, SLOT);
        def(TABLE_FILL, "TABLE_FILL", INDEX, SLOT, SLOT, SLOT);
        def(TABLE_COPY, "TABLE_COPY", INDEX, INDEX, SLOT, SLOT, SLOT);
        def(TABLE_INIT, "TABLE_INIT", INDEX, INDEX, SLOT, SLOT, SLOT);
        def(ELEM_DROP, "ELEM_DROP", INDEX);
        def(REF_FUNC, "REF_FUNC", SLOT, INDEX);
        def(I32_LOAD, "I32_LOAD", SLOT, SLOT, OFFSET);
        def(I64_LOAD, "I64_LOAD", SLOT, SLOT, OFFSET);
        def(I32_LOAD8_S, "I32_LOAD8_S", SLOT, SLOT, OFFSET);
        def(I32_LOAD8_U, "I32_LOAD8_U", SLOT, SLOT, OFFSET);
        def(I32_LOAD16_S, "I32_LOAD16_S", SLOT, SLOT, OFFSET);
        def(I32_LOAD16_U, "I32_LOAD16_U", SLOT, SLOT, OFFSET);
        def(I64_LOAD8_S, "I64_LOAD8_S", SLOT, SLOT, OFFSET);
        def(I64_LOAD8_U, "I64_LOAD8_U", SLOT, SLOT, OFFSET);
        def(I64_LOAD16_S, "I64_LOAD16_S", SLOT, SLOT, OFFSET);
        def(I64_LOAD16_U, "I64_LOAD16_U", SLOT, SLOT, OFFSET);
        def(I64_LOAD32_S, "I64_LOAD32_S", SLOT, SLOT, OFFSET);
        def(I64_LOAD32_U, "I64_LOAD32_U", SLOT, SLOT, OFFSET);
        def(I32_STORE, "I32_STORE", SLOT, SLOT, OFFSET);
        def(I64_STORE, "I64_STORE", SLOT, SLOT, OFFSET);
        def(I32_STORE8, "I32_STORE8", SLOT, SLOT, OFFSET);
        def(I32_STORE16, "I32_STORE16", SLOT, SLOT, OFFSET);
        def(MEMORY_SIZE, "MEMORY_SIZE", SLOT);
        def(MEMORY_GROW, "MEMORY_GROW", SLOT, SLOT);
        def(MEMORY_FILL, "MEMORY_FILL", SLOT, SLOT, SLOT);
        def(MEMORY_COPY, "MEMORY_COPY", SLOT, SLOT, SLOT);
        def(MEMORY_INIT, "MEMORY_INIT", INDEX, SLOT, SLOT, SLOT);
        def(DATA_DROP, "DATA_DROP", INDEX);
        def(I32_CONST, "I32_CONST", SLOT, IMM);
        def(I64_CONST, "I64_CONST", SLOT, IMM, IMM);
        def(I32_EQZ, "I32_EQZ", SLOT, SLOT);
        def(I32_EQ, "I32_EQ", SLOT, SLOT, SLOT);
        def(I32_NE, "I32_NE", SLOT, SLOT, SLOT);
        def(I32_LT_S, "I32_LT_S", SLOT, SLOT, SLOT);
        def(I32_LT_U, "I32_LT_U", SLOT, SLOT, SLOT);
        def(I32_GT_S, "I32_GT_S", SLOT, SLOT, SLOT);
        def(I32_GT_U, "I32_GT_U", SLOT, SLOT, SLOT);
        def(I32_LE_S, "I32_LE_S", SLOT, SLOT, SLOT);
        def(I32_LE_U, "I32_LE_U", SLOT, SLOT, SLOT);
        def(I32_GE_S, "I32_GE_S", SLOT, SLOT, SLOT);
        def(I32_GE_U, "I32_GE_U", SLOT, SLOT, SLOT);
        def(I64_EQZ, "I64_EQZ", SLOT, SLOT);
        def(I64_EQ, "I64_EQ", SLOT, SLOT, SLOT);
        def(I64_NE, "I64_NE", SLOT, SLOT, SLOT);
        def(I64_LT_S, "I64_LT_S", SLOT, SLOT, SLOT);
        def(I64_LT_U, "I64_LT_U", SLOT, SLOT, SLOT);
        def(I64_GT_S, "I64_GT_S", SLOT, SLOT, SLOT);
        def(I64_GT_U, "I64_GT_U", SLOT, SLOT, SLOT);
        def(I64_LE_S, "I64_LE_S", SLOT, SLOT, SLOT);
        def(I64_LE_U, "I64_LE_U", SLOT, SLOT, SLOT);
        def(I64_GE_S, "I64_GE_S", SLOT, SLOT, SLOT);
        def(I64_GE_U, "I64_GE_U", SLOT, SLOT, SLOT);
        def(F32_EQ, "F32_EQ", SLOT, SLOT, SLOT);
        def(F32_NE, "F32_NE", SLOT, SLOT, SLOT);
        def(F32_LT, "F32_LT", SLOT, SLOT, SLOT);
        def(F32_GT, "F32_GT", SLOT, SLOT, SLOT);
        def(F32_LE, "F32_LE", SLOT, SLOT, SLOT);
        def(F32_GE, "F32_GE", SLOT, SLOT, SLOT);
        def(F64_EQ, "F64_EQ", SLOT, SLOT, SLOT);
        def(F64_NE, "F64_NE", SLOT, SLOT, SLOT);
        def(F64_LT, "F64_LT", SLOT, SLOT, SLOT);
        def(F64_GT, "F64_GT", SLOT, SLOT, SLOT);
        def(F64_LE, "F64_LE", SLOT, SLOT, SLOT);
        def(F64_GE, "F64_GE", SLOT, SLOT, SLOT);
        def(I32_CLZ, "I32_CLZ", SLOT, SLOT);
        def(I32_CTZ, "I32_CTZ", SLOT, SLOT);
        def(I32_POPCNT, "I32_POPCNT", SLOT, SLOT);
        def(I32_ADD, "I32_ADD", SLOT, SLOT, SLOT);
        def(I32_SUB, "I32_SUB", SLOT, SLOT, SLOT);
        def(I32_MUL, "I32_MUL", SLOT, SLOT, SLOT);
        def(I32_DIV_S, "I32_DIV_S", SLOT, SLOT, SLOT);
        def(I32_DIV_U, "I32_DIV_U", SLOT, SLOT, SLOT);
        def(I32_REM_S, "I32_REM_S", SLOT, SLOT, SLOT);
        def(I32_REM_U, "I32_REM_U", SLOT, SLOT, SLOT);
        def(I32_AND, "I32_AND", SLOT, SLOT, SLOT);
        def(I32_OR, "I32_OR", SLOT, SLOT, SLOT);
        def(I32_XOR, "I32_XOR", SLOT, SLOT, SLOT);
        def(I32_SHL, "I32_SHL", SLOT, SLOT, SLOT);
        def(I32_SHR_S, "I32_SHR_S", SLOT, SLOT, SLOT);
        def(I32_SHR_U, "I32_SHR_U", SLOT, SLOT, SLOT);
        def(I32_ROTL, "I32_ROTL", SLOT, SLOT, SLOT);
        def(I32_ROTR, "I32_ROTR", SLOT, SLOT, SLOT);
        def(I64_CLZ, "I64_CLZ", SLOT, SLOT);
        def(I64_CTZ, "I64_CTZ", SLOT, SLOT);
        def(I64_POPCNT, "I64_POPCNT", SLOT, SLOT);
        def(I64_ADD, "I64_ADD", SLOT, SLOT, SLOT);
        def(I64_SUB, "I64_SUB", SLOT, SLOT, SLOT);
        def(I64_MUL, "I64_MUL", SLOT, SLOT, SLOT);
        def(I64_DIV_S, "I64_DIV_S", SLOT, SLOT, SLOT);
        def(I64_DIV_U, "I64_DIV_U", SLOT, SLOT, SLOT);
        def(I64_REM_S, "I64_REM_S", SLOT, SLOT, SLOT);
        def(I64_REM_U, "I64_REM_U", SLOT, SLOT, SLOT);
        def(I64_AND, "I64_AND", SLOT, SLOT, SLOT);
        def(I64_OR, "I64_OR", SLOT, SLOT, SLOT);
        def(I64_XOR, "I64_XOR", SLOT, SLOT, SLOT);
        def(I64_SHL, "I64_SHL", SLOT, SLOT, SLOT);
        def(I64_SHR_S, "I64_SHR_S", SLOT, SLOT, SLOT);
        def(I64_SHR_U, "I64_SHR_U", SLOT, SLOT, SLOT);
        def(I64_ROTL, "I64_ROTL", SLOT, SLOT, SLOT);
        def(I64_ROTR, "I64_ROTR", SLOT, SLOT, SLOT);
        def(F32_ABS, "F32_ABS", SLOT, SLOT);
        def(F32_NEG, "F32_NEG", SLOT, SLOT);
        def(F32_CEIL, "F32_CEIL", SLOT, SLOT);
        def(F32_FLOOR, "F32_FLOOR", SLOT, SLOT);
        def(F32_TRUNC, "F32_TRUNC", SLOT, SLOT);
        def(F32_NEAREST, "F32_NEAREST", SLOT, SLOT);
        def(F32_SQRT, "F32_SQRT", SLOT, SLOT);
        def(F32_ADD, "F32_ADD", SLOT, SLOT, SLOT);
        def(F32_SUB, "F32_SUB", SLOT, SLOT, SLOT);
        def(F32_MUL, "F32_MUL", SLOT, SLOT, SLOT);
        def(F32_DIV, "F32_DIV", SLOT, SLOT, SLOT);
        def(F32_MIN, "F32_MIN", SLOT, SLOT, SLOT);
        def(F32_MAX, "F32_MAX", SLOT, SLOT, SLOT);
        def(F32_COPYSIGN, "F32_COPYSIGN", SLOT, SLOT, SLOT);
        def(F64_ABS, "F64_ABS", SLOT, SLOT);
        def(F64_NEG, "F64_NEG", SLOT, SLOT);
        def(F64_CEIL, "F64_CEIL", SLOT, SLOT);
        def(F64_FLOOR, "F64_FLOOR", SLOT, SLOT);
        def(F64_TRUNC, "F64_TRUNC", SLOT, SLOT);
        def(F64_NEAREST, "F64_NEAREST", SLOT, SLOT);
        def(F64_SQRT, "F64_SQRT", SLOT, SLOT);
        def(F64_ADD, "F64_ADD", SLOT, SLOT, SLOT);
        def(F64_SUB, "F64_SUB", SLOT, SLOT, SLOT);
        def(F64_MUL, "F64_MUL", SLOT, SLOT, SLOT);
        def(F64_DIV, "F64_DIV", SLOT, SLOT, SLOT);
        def(F64_MIN, "F64_MIN", SLOT, SLOT, SLOT);
        def(F64_MAX, "F64_MAX", SLOT, SLOT, SLOT);
        def(F64_COPYSIGN, "F64_COPYSIGN", SLOT, SLOT, SLOT);
        def(I32_TRUNC_F32_S, "I32_TRUNC_F32_S", SLOT, SLOT);
        def(I32_TRUNC_F32_U, "I32_TRUNC_F32_U", SLOT, SLOT);
        def(I32_TRUNC_F64_S, "I32_TRUNC_F64_S", SLOT, SLOT);
        def(I32_TRUNC_F64_U, "I32_TRUNC_F64_U", SLOT, SLOT);
        def(I64_EXTEND_I32_S, "I64_EXTEND_I32_S", SLOT, SLOT);
        def(I64_EXTEND_I32_U, "I64_EXTEND_I32_U", SLOT, SLOT);
        def(I64_TRUNC_F32_S, "I64_TRUNC_F32_S", SLOT, SLOT);
        def(I64_TRUNC_F32_U, "I64_TRUNC_F32_U", SLOT, SLOT);
        def(I64_TRUNC_F64_S, "I64_TRUNC_F64_S", SLOT, SLOT);
        def(I64_TRUNC_F64_U, "I64_TRUNC_F64_U", SLOT, SLOT);
        def(F32_CONVERT_I32_S, "F32_CONVERT_I32_S", SLOT, SLOT);
        def(F32_CONVERT_I32_U, "F32_CONVERT_I32_U", SLOT, SLOT);
        def(F32_CONVERT_I64_S, "F32_CONVERT_I64_S", SLOT, SLOT);
        def(F32_CONVERT_I64_U, "F32_CONVERT_I64_U", SLOT, SLOT);
        def(F32_DEMOTE_F64, "F32_DEMOTE_F64", SLOT, SLOT);
        def(F64_CONVERT_I32_S, "F64_CONVERT_I32_S", SLOT, SLOT);
        def(F64_CONVERT_I32_U, "F64_CONVERT_I32_U", SLOT, SLOT);
        def(F64_CONVERT_I64_S, "F64_CONVERT_I64_S", SLOT, SLOT);
        def(F64_CONVERT_I64_U, "F64_CONVERT_I64_U", SLOT, SLOT);
        def(F64_PROMOTE_F32, "F64_PROMOTE_F32", SLOT, SLOT);
        def(I32_EXTEND8_S, "I32_EXTEND8_S", SLOT, SLOT);
        def(I32_EXTEND16_S, "I32_EXTEND16_S", SLOT, SLOT);
        def(I64_EXTEND8_S, "I64_EXTEND8_S", SLOT, SLOT);
        def(I64_EXTEND16_S, "I64_EXTEND16_S", SLOT, SLOT);
        def(I64_EXTEND32_S, "I64_EXTEND32_S", SLOT, SLOT);
        def(I32_TRUNC_SAT_F32_S, "I32_TRUNC_SAT_F32_S", SLOT, SLOT);
        def(I32_TRUNC_SAT_F32_U, "I32_TRUNC_SAT_F32_U", SLOT, SLOT);
        def(I32_TRUNC_SAT_F64_S, "I32_TRUNC_SAT_F64_S", SLOT, SLOT);
        def(I32_TRUNC_SAT_F64_U, "I32_TRUNC_SAT_F64_U", SLOT, SLOT);
        def(I64_TRUNC_SAT_F32_S, "I64_TRUNC_SAT_F32_S", SLOT, SLOT);
        def(I64_TRUNC_SAT_F32_U, "I64_TRUNC_SAT_F32_U", SLOT, SLOT);
        def(I64_TRUNC_SAT_F64_S, "I64_TRUNC_SAT_F64_S", SLOT, SLOT);
        def(I64_TRUNC_SAT_F64_U, "I64_TRUNC_SAT_F64_U", SLOT, SLOT);
        // FUEL: metering
        def(FUEL, "FUEL", IMM);
        // SIMD
        def(V128_GLOBAL_GET, "V128_GLOBAL_GET", SLOT, INDEX);
        def(V128_GLOBAL_SET, "V128_GLOBAL_SET", INDEX, SLOT);
        def(V128_LOAD, "V128_LOAD", SLOT, SLOT, OFFSET);
        def(V128_LOAD8X8_S, "V128_LOAD8X8_S", SLOT, SLOT, OFFSET);
        def(V128_LOAD8X8_U, "V128_LOAD8X8_U", SLOT, SLOT, OFFSET);
        def(V128_LOAD16X4_S, "V128_LOAD16X4_S", SLOT, SLOT, OFFSET);
        def(V128_LOAD16X4_U, "V128_LOAD16X4_U", SLOT, SLOT, OFFSET);
        def(V128_LOAD32X2_S, "V128_LOAD32X2_S", SLOT, SLOT, OFFSET);
        def(V128_LOAD32X2_U, "V128_LOAD32X2_U", SLOT, SLOT, OFFSET);
        def(V128_LOAD8_SPLAT, "V128_LOAD8_SPLAT", SLOT, SLOT, OFFSET);
        def(V128_LOAD16_SPLAT, "V128_LOAD16_SPLAT", SLOT, SLOT, OFFSET);
        def(V128_LOAD32_SPLAT, "V128_LOAD32_SPLAT", SLOT, SLOT, OFFSET);
        def(V128_LOAD64_SPLAT, "V128_LOAD64_SPLAT", SLOT, SLOT, OFFSET);
        def(V128_STORE, "V128_STORE", SLOT, SLOT, OFFSET);
        def(V128_CONST, "V128_CONST", SLOT, IMM, IMM, IMM, IMM);
        def(I8X16_SHUFFLE, "I8X16_SHUFFLE", SLOT, SLOT, SLOT, IMM, IMM, IMM, IMM);
        def(I8X16_SWIZZLE, "I8X16_SWIZZLE", SLOT, SLOT, SLOT);
        def(I8X16_SPLAT, "I8X16_SPLAT", SLOT, SLOT);
        def(I16X8_SPLAT, "I16X8_SPLAT", SLOT, SLOT);
        def(I32X4_SPLAT, "I32X4_SPLAT", SLOT, SLOT);
        def(I64X2_SPLAT, "I64X2_SPLAT", SLOT, SLOT);
        def(F32X4_SPLAT, "F32X4_SPLAT", SLOT, SLOT);
        def(F64X2_SPLAT, "F64X2_SPLAT", SLOT, SLOT);
        def(I8X16_EXTRACT_LANE_S, "I8X16_EXTRACT_LANE_S", SLOT, SLOT, IMM);
        def(I8X16_EXTRACT_LANE_U, "I8X16_EXTRACT_LANE_U", SLOT, SLOT, IMM);
        def(I8X16_REPLACE_LANE, "I8X16_REPLACE_LANE", SLOT, SLOT, SLOT, IMM);
        def(I16X8_EXTRACT_LANE_S, "I16X8_EXTRACT_LANE_S", SLOT, SLOT, IMM);
        def(I16X8_EXTRACT_LANE_U, "I16X8_EXTRACT_LANE_U", SLOT, SLOT, IMM);
        def(I16X8_REPLACE_LANE, "I16X8_REPLACE_LANE", SLOT, SLOT, SLOT, IMM);
        def(I32X4_EXTRACT_LANE, "I32X4_EXTRACT_LANE", SLOT, SLOT, IMM);
        def(I32X4_REPLACE_LANE, "I32X4_REPLACE_LANE", SLOT, SLOT, SLOT, IMM);
        def(I64X2_EXTRACT_LANE, "I64X2_EXTRACT_LANE", SLOT, SLOT, IMM);
        def(I64X2_REPLACE_LANE, "I64X2_REPLACE_LANE", SLOT, SLOT, SLOT, IMM);
        def(F32X4_EXTRACT_LANE, "F32X4_EXTRACT_LANE", SLOT, SLOT, IMM);
        def(F32X4_REPLACE_LANE, "F32X4_REPLACE_LANE", SLOT, SLOT, SLOT, IMM);
        def(F64X2_EXTRACT_LANE, "F64X2_EXTRACT_LANE", SLOT, SLOT, IMM);
        def(F64X2_REPLACE_LANE, "F64X2_REPLACE_LANE", SLOT, SLOT, SLOT, IMM);
        def(I8X16_EQ, "I8X16_EQ", SLOT, SLOT, SLOT);
        def(I8X16_NE, "I8X16_NE", SLOT, SLOT, SLOT);
        def(I8X16_LT_S, "I8X16_LT_S", SLOT, SLOT, SLOT);
        def(I8X16_LT_U, "I8X16_LT_U", SLOT, SLOT, SLOT);
        def(I8X16_GT_S, "I8X16_GT_S", SLOT, SLOT, SLOT);
        def(I8X16_GT_U, "I8X16_GT_U", SLOT, SLOT, SLOT);
        def(I8X16_LE_S, "I8X16_LE_S", SLOT, SLOT, SLOT);
        def(I8X16_LE_U, "I8X16_LE_U", SLOT, SLOT, SLOT);
        def(I8X16_GE_S, "I8X16_GE_S", SLOT, SLOT, SLOT);
        def(I8X16_GE_U, "I8X16_GE_U", SLOT, SLOT, SLOT);
        def(I16X8_EQ, "I16X8_EQ", SLOT, SLOT, SLOT);
        def(I16X8_NE, "I16X8_NE", SLOT, SLOT, SLOT);
        def(I16X8_LT_S, "I16X8_LT_S", SLOT, SLOT, SLOT);
        def(I16X8_LT_U, "I16X8_LT_U", SLOT, SLOT, SLOT);
        def(I16X8_GT_S, "I16X8_GT_S", SLOT, SLOT, SLOT);
        def(I16X8_GT_U, "I16X8_GT_U", SLOT, SLOT, SLOT);
        def(I16X8_LE_S, "I16X8_LE_S", SLOT, SLOT, SLOT);
        def(I16X8_LE_U, "I16X8_LE_U", SLOT, SLOT, SLOT);
        def(I16X8_GE_S, "I16X8_GE_S", SLOT, SLOT, SLOT);
        def(I16X8_GE_U, "I16X8_GE_U", SLOT, SLOT, SLOT);
        def(I32X4_EQ, "I32X4_EQ", SLOT, SLOT, SLOT);
        def(I32X4_NE, "I32X4_NE", SLOT, SLOT, SLOT);
        def(I32X4_LT_S, "I32X4_LT_S", SLOT, SLOT, SLOT);
        def(I32X4_LT_U, "I32X4_LT_U", SLOT, SLOT, SLOT);
        def(I32X4_GT_S, "I32X4_GT_S", SLOT, SLOT, SLOT);
        def(I32X4_GT_U, "I32X4_GT_U", SLOT, SLOT, SLOT);
        def(I32X4_LE_S, "I32X4_LE_S", SLOT, SLOT, SLOT);
        def(I32X4_LE_U, "I32X4_LE_U", SLOT, SLOT, SLOT);
        def(I32X4_GE_S, "I32X4_GE_S", SLOT, SLOT, SLOT);
        def(I32X4_GE_U, "I32X4_GE_U", SLOT, SLOT, SLOT);
        def(F32X4_EQ, "F32X4_EQ", SLOT, SLOT, SLOT);
        def(F32X4_NE, "F32X4_NE", SLOT, SLOT, SLOT);
        def(F32X4_LT, "F32X4_LT", SLOT, SLOT, SLOT);
        def(F32X4_GT, "F32X4_GT", SLOT, SLOT, SLOT);
        def(F32X4_LE, "F32X4_LE", SLOT, SLOT, SLOT);
        def(F32X4_GE, "F32X4_GE", SLOT, SLOT, SLOT);
        def(F64X2_EQ, "F64X2_EQ", SLOT, SLOT, SLOT);
        def(F64X2_NE, "F64X2_NE", SLOT, SLOT, SLOT);
        def(F64X2_LT, "F64X2_LT", SLOT, SLOT, SLOT);
        def(F64X2_GT, "F64X2_GT", SLOT, SLOT, SLOT);
        def(F64X2_LE, "F64X2_LE", SLOT, SLOT, SLOT);
        def(F64X2_GE, "F64X2_GE", SLOT, SLOT, SLOT);
        def(V128_NOT, "V128_NOT", SLOT, SLOT);
        def(V128_AND, "V128_AND", SLOT, SLOT, SLOT);
        def(V128_ANDNOT, "V128_ANDNOT", SLOT, SLOT, SLOT);
        def(V128_OR, "V128_OR", SLOT, SLOT, SLOT);
        def(V128_XOR, "V128_XOR", SLOT, SLOT, SLOT);
        def(V128_BITSELECT, "V128_BITSELECT", SLOT, SLOT, SLOT, SLOT);
        def(V128_ANY_TRUE, "V128_ANY_TRUE", SLOT, SLOT);
        def(V128_LOAD8_LANE, "V128_LOAD8_LANE", SLOT, SLOT, SLOT, OFFSET, IMM);
        def(V128_LOAD16_LANE, "V128_LOAD16_LANE", SLOT, SLOT, SLOT, OFFSET, IMM);
        def(V128_LOAD32_LANE, "V128_LOAD32_LANE", SLOT, SLOT, SLOT, OFFSET, IMM);
        def(V128_LOAD64_LANE, "V128_LOAD64_LANE", SLOT, SLOT, SLOT, OFFSET, IMM);
        def(V128_STORE8_LANE, "V128_STORE8_LANE", SLOT, SLOT, OFFSET, IMM);
        def(V128_STORE16_LANE, "V128_STORE16_LANE", SLOT, SLOT, OFFSET, IMM);
        def(V128_STORE32_LANE, "V128_STORE32_LANE", SLOT, SLOT, OFFSET, IMM);
        def(V128_STORE64_LANE, "V128_STORE64_LANE", SLOT, SLOT, OFFSET, IMM);
        def(V128_LOAD32_ZERO, "V128_LOAD32_ZERO", SLOT, SLOT, OFFSET);
        def(V128_LOAD64_ZERO, "V128_LOAD64_ZERO", SLOT, SLOT, OFFSET);
        def(F32X4_DEMOTE_F64X2_ZERO, "F32X4_DEMOTE_F64X2_ZERO", SLOT, SLOT);
        def(F64X2_PROMOTE_LOW_F32X4, "F64X2_PROMOTE_LOW_F32X4", SLOT, SLOT);
        def(I8X16_ABS, "I8X16_ABS", SLOT, SLOT);
        def(I8X16_NEG, "I8X16_NEG", SLOT, SLOT);
        def(I8X16_POPCNT, "I8X16_POPCNT", SLOT, SLOT);
        def(I8X16_ALL_TRUE, "I8X16_ALL_TRUE", SLOT, SLOT);
        def(I8X16_BITMASK, "I8X16_BITMASK", SLOT, SLOT);
        def(I8X16_NARROW_I16X8_S, "I8X16_NARROW_I16X8_S", SLOT, SLOT, SLOT);
        def(I8X16_NARROW_I16X8_U, "I8X16_NARROW_I16X8_U", SLOT, SLOT, SLOT);
        def(F32X4_CEIL, "F32X4_CEIL", SLOT, SLOT);
        def(F32X4_FLOOR, "F32X4_FLOOR", SLOT, SLOT);
        def(F32X4_TRUNC, "F32X4_TRUNC", SLOT, SLOT);
        def(F32X4_NEAREST, "F32X4_NEAREST", SLOT, SLOT);
        def(I8X16_SHL, "I8X16_SHL", SLOT, SLOT, SLOT);
        def(I8X16_SHR_S, "I8X16_SHR_S", SLOT, SLOT, SLOT);
        def(I8X16_SHR_U, "I8X16_SHR_U", SLOT, SLOT, SLOT);
        def(I8X16_ADD, "I8X16_ADD", SLOT, SLOT, SLOT);
        def(I8X16_ADD_SAT_S, "I8X16_ADD_SAT_S", SLOT, SLOT, SLOT);
        def(I8X16_ADD_SAT_U, "I8X16_ADD_SAT_U", SLOT, SLOT, SLOT);
        def(I8X16_SUB, "I8X16_SUB", SLOT, SLOT, SLOT);
        def(I8X16_SUB_SAT_S, "I8X16_SUB_SAT_S", SLOT, SLOT, SLOT);
        def(I8X16_SUB_SAT_U, "I8X16_SUB_SAT_U", SLOT, SLOT, SLOT);
        def(F64X2_CEIL, "F64X2_CEIL", SLOT, SLOT);
        def(F64X2_FLOOR, "F64X2_FLOOR", SLOT, SLOT);
        def(I8X16_MIN_S, "I8X16_MIN_S", SLOT, SLOT, SLOT);
        def(I8X16_MIN_U, "I8X16_MIN_U", SLOT, SLOT, SLOT);
        def(I8X16_MAX_S, "I8X16_MAX_S", SLOT, SLOT, SLOT);
        def(I8X16_MAX_U, "I8X16_MAX_U", SLOT, SLOT, SLOT);
        def(F64X2_TRUNC, "F64X2_TRUNC", SLOT, SLOT);
        def(I8X16_AVGR_U, "I8X16_AVGR_U", SLOT, SLOT, SLOT);
        def(I16X8_EXTADD_PAIRWISE_I8X16_S, "I16X8_EXTADD_PAIRWISE_I8X16_S", SLOT, SLOT);
        def(I16X8_EXTADD_PAIRWISE_I8X16_U, "I16X8_EXTADD_PAIRWISE_I8X16_U", SLOT, SLOT);
        def(I32X4_EXTADD_PAIRWISE_I16X8_S, "I32X4_EXTADD_PAIRWISE_I16X8_S", SLOT, SLOT);
        def(I32X4_EXTADD_PAIRWISE_I16X8_U, "I32X4_EXTADD_PAIRWISE_I16X8_U", SLOT, SLOT);
        def(I16X8_ABS, "I16X8_ABS", SLOT, SLOT);
        def(I16X8_NEG, "I16X8_NEG", SLOT, SLOT);
        def(I16X8_Q15MULR_SAT_S, "I16X8_Q15MULR_SAT_S", SLOT, SLOT, SLOT);
        def(I16X8_ALL_TRUE, "I16X8_ALL_TRUE", SLOT, SLOT);
        def(I16X8_BITMASK, "I16X8_BITMASK", SLOT, SLOT);
        def(I16X8_NARROW_I32X4_S, "I16X8_NARROW_I32X4_S", SLOT, SLOT, SLOT);
        def(I16X8_NARROW_I32X4_U, "I16X8_NARROW_I32X4_U", SLOT, SLOT, SLOT);
        def(I16X8_EXTEND_LOW_I8X16_S, "I16X8_EXTEND_LOW_I8X16_S", SLOT, SLOT);
        def(I16X8_EXTEND_HIGH_I8X16_S, "I16X8_EXTEND_HIGH_I8X16_S", SLOT, SLOT);
        def(I16X8_EXTEND_LOW_I8X16_U, "I16X8_EXTEND_LOW_I8X16_U", SLOT, SLOT);
        def(I16X8_EXTEND_HIGH_I8X16_U, "I16X8_EXTEND_HIGH_I8X16_U", SLOT, SLOT);
        def(I16X8_SHL, "I16X8_SHL", SLOT, SLOT, SLOT);
        def(I16X8_SHR_S, "I16X8_SHR_S", SLOT, SLOT, SLOT);
        def(I16X8_SHR_U, "I16X8_SHR_U", SLOT, SLOT, SLOT);
        def(I16X8_ADD, "I16X8_ADD", SLOT, SLOT, SLOT);
        def(I16X8_ADD_SAT_S, "I16X8_ADD_SAT_S", SLOT, SLOT, SLOT);
        def(I16X8_ADD_SAT_U, "I16X8_ADD_SAT_U", SLOT, SLOT, SLOT);
        def(I16X8_SUB, "I16X8_SUB", SLOT, SLOT, SLOT);
        def(I16X8_SUB_SAT_S, "I16X8_SUB_SAT_S", SLOT, SLOT, SLOT);
        def(I16X8_SUB_SAT_U, "I16X8_SUB_SAT_U", SLOT, SLOT, SLOT);
        def(F64X2_NEAREST, "F64X2_NEAREST", SLOT, SLOT);
        def(I16X8_MUL, "I16X8_MUL", SLOT, SLOT, SLOT);
        def(I16X8_MIN_S, "I16X8_MIN_S", SLOT, SLOT, SLOT);
        def(I16X8_MIN_U, "I16X8_MIN_U", SLOT, SLOT, SLOT);
        def(I16X8_MAX_S, "I16X8_MAX_S", SLOT, SLOT, SLOT);
        def(I16X8_MAX_U, "I16X8_MAX_U", SLOT, SLOT, SLOT);
        def(I16X8_AVGR_U, "I16X8_AVGR_U", SLOT, SLOT, SLOT);
        def(I16X8_EXTMUL_LOW_I8X16_S, "I16X8_EXTMUL_LOW_I8X16_S", SLOT, SLOT, SLOT);
        def(I16X8_EXTMUL_HIGH_I8X16_S, "I16X8_EXTMUL_HIGH_I8X16_S", SLOT, SLOT, SLOT);
        def(I16X8_EXTMUL_LOW_I8X16_U, "I16X8_EXTMUL_LOW_I8X16_U", SLOT, SLOT, SLOT);
        def(I16X8_EXTMUL_HIGH_I8X16_U, "I16X8_EXTMUL_HIGH_I8X16_U", SLOT, SLOT, SLOT);
        def(I32X4_ABS, "I32X4_ABS", SLOT, SLOT);
        def(I32X4_NEG, "I32X4_NEG", SLOT, SLOT);
        def(I32X4_ALL_TRUE, "I32X4_ALL_TRUE", SLOT, SLOT);
        def(I32X4_BITMASK, "I32X4_BITMASK", SLOT, SLOT);
        def(I32X4_EXTEND_LOW_I16X8_S, "I32X4_EXTEND_LOW_I16X8_S", SLOT, SLOT);
        def(I32X4_EXTEND_HIGH_I16X8_S, "I32X4_EXTEND_HIGH_I16X8_S", SLOT, SLOT);
        def(I32X4_EXTEND_LOW_I16X8_U, "I32X4_EXTEND_LOW_I16X8_U", SLOT, SLOT);
        def(I32X4_EXTEND_HIGH_I16X8_U, "I32X4_EXTEND_HIGH_I16X8_U", SLOT, SLOT);
        def(I32X4_SHL, "I32X4_SHL", SLOT, SLOT, SLOT);
        def(I32X4_SHR_S, "I32X4_SHR_S", SLOT, SLOT, SLOT);
        def(I32X4_SHR_U, "I32X4_SHR_U", SLOT, SLOT, SLOT);
        def(I32X4_ADD, "I32X4_ADD", SLOT, SLOT, SLOT);
        def(I32X4_SUB, "I32X4_SUB", SLOT, SLOT, SLOT);
        def(I32X4_MUL, "I32X4_MUL", SLOT, SLOT, SLOT);
        def(I32X4_MIN_S, "I32X4_MIN_S", SLOT, SLOT, SLOT);
        def(I32X4_MIN_U, "I32X4_MIN_U", SLOT, SLOT, SLOT);
        def(I32X4_MAX_S, "I32X4_MAX_S", SLOT, SLOT, SLOT);
        def(I32X4_MAX_U, "I32X4_MAX_U", SLOT, SLOT, SLOT);
        def(I32X4_DOT_I16X8_S, "I32X4_DOT_I16X8_S", SLOT, SLOT, SLOT);
        def(I32X4_EXTMUL_LOW_I16X8_S, "I32X4_EXTMUL_LOW_I16X8_S", SLOT, SLOT, SLOT);
        def(I32X4_EXTMUL_HIGH_I16X8_S, "I32X4_EXTMUL_HIGH_I16X8_S", SLOT, SLOT, SLOT);
        def(I32X4_EXTMUL_LOW_I16X8_U, "I32X4_EXTMUL_LOW_I16X8_U", SLOT, SLOT, SLOT);
        def(I32X4_EXTMUL_HIGH_I16X8_U, "I32X4_EXTMUL_HIGH_I16X8_U", SLOT, SLOT, SLOT);
        def(I64X2_ABS, "I64X2_ABS", SLOT, SLOT);
        def(I64X2_NEG, "I64X2_NEG", SLOT, SLOT);
        def(I64X2_ALL_TRUE, "I64X2_ALL_TRUE", SLOT, SLOT);
        def(I64X2_BITMASK, "I64X2_BITMASK", SLOT, SLOT);
        def(I64X2_EXTEND_LOW_I32X4_S, "I64X2_EXTEND_LOW_I32X4_S", SLOT, SLOT);
        def(I64X2_EXTEND_HIGH_I32X4_S, "I64X2_EXTEND_HIGH_I32X4_S", SLOT, SLOT);
        def(I64X2_EXTEND_LOW_I32X4_U, "I64X2_EXTEND_LOW_I32X4_U", SLOT, SLOT);
        def(I64X2_EXTEND_HIGH_I32X4_U, "I64X2_EXTEND_HIGH_I32X4_U", SLOT, SLOT);
        def(I64X2_SHL, "I64X2_SHL", SLOT, SLOT, SLOT);
        def(I64X2_SHR_S, "I64X2_SHR_S", SLOT, SLOT, SLOT);
        def(I64X2_SHR_U, "I64X2_SHR_U", SLOT, SLOT, SLOT);
        def(I64X2_ADD, "I64X2_ADD", SLOT, SLOT, SLOT);
        def(I64X2_SUB, "I64X2_SUB", SLOT, SLOT, SLOT);
        def(I64X2_MUL, "I64X2_MUL", SLOT, SLOT, SLOT);
        def(I64X2_EQ, "I64X2_EQ", SLOT, SLOT, SLOT);
        def(I64X2_NE, "I64X2_NE", SLOT, SLOT, SLOT);
        def(I64X2_LT_S, "I64X2_LT_S", SLOT, SLOT, SLOT);
        def(I64X2_GT_S, "I64X2_GT_S", SLOT, SLOT, SLOT);
        def(I64X2_LE_S, "I64X2_LE_S", SLOT, SLOT, SLOT);
        def(I64X2_GE_S, "I64X2_GE_S", SLOT, SLOT, SLOT);
        def(I64X2_EXTMUL_LOW_I32X4_S, "I64X2_EXTMUL_LOW_I32X4_S", SLOT, SLOT, SLOT);
        def(I64X2_EXTMUL_HIGH_I32X4_S, "I64X2_EXTMUL_HIGH_I32X4_S", SLOT, SLOT, SLOT);
        def(I64X2_EXTMUL_LOW_I32X4_U, "I64X2_EXTMUL_LOW_I32X4_U", SLOT, SLOT, SLOT);
        def(I64X2_EXTMUL_HIGH_I32X4_U, "I64X2_EXTMUL_HIGH_I32X4_U", SLOT, SLOT, SLOT);
        def(F32X4_ABS, "F32X4_ABS", SLOT, SLOT);
        def(F32X4_NEG, "F32X4_NEG", SLOT, SLOT);
        def(F32X4_SQRT, "F32X4_SQRT", SLOT, SLOT);
        def(F32X4_ADD, "F32X4_ADD", SLOT, SLOT, SLOT);
        def(F32X4_SUB, "F32X4_SUB", SLOT, SLOT, SLOT);
        def(F32X4_MUL, "F32X4_MUL", SLOT, SLOT, SLOT);
        def(F32X4_DIV, "F32X4_DIV", SLOT, SLOT, SLOT);
        def(F32X4_MIN, "F32X4_MIN", SLOT, SLOT, SLOT);
        def(F32X4_MAX, "F32X4_MAX", SLOT, SLOT, SLOT);
        def(F32X4_PMIN, "F32X4_PMIN", SLOT, SLOT, SLOT);
        def(F32X4_PMAX, "F32X4_PMAX", SLOT, SLOT, SLOT);
        def(F64X2_ABS, "F64X2_ABS", SLOT, SLOT);
        def(F64X2_NEG, "F64X2_NEG", SLOT, SLOT);
        def(F64X2_SQRT, "F64X2_SQRT", SLOT, SLOT);
        def(F64X2_ADD, "F64X2_ADD", SLOT, SLOT, SLOT);
        def(F64X2_SUB, "F64X2_SUB", SLOT, SLOT, SLOT);
        def(F64X2_MUL, "F64X2_MUL", SLOT, SLOT, SLOT);
        def(F64X2_DIV, "F64X2_DIV", SLOT, SLOT, SLOT);
        def(F64X2_MIN, "F64X2_MIN", SLOT, SLOT, SLOT);
        def(F64X2_MAX, "F64X2_MAX", SLOT, SLOT, SLOT);
        def(F64X2_PMIN, "F64X2_PMIN", SLOT, SLOT, SLOT);
        def(F64X2_PMAX, "F64X2_PMAX", SLOT, SLOT, SLOT);
        def(I32X4_TRUNC_SAT_F32X4_S, "I32X4_TRUNC_SAT_F32X4_S", SLOT, SLOT);
        def(I32X4_TRUNC_SAT_F32X4_U, "I32X4_TRUNC_SAT_F32X4_U", SLOT, SLOT);
        def(F32X4_CONVERT_I32X4_S, "F32X4_CONVERT_I32X4_S", SLOT, SLOT);
        def(F32X4_CONVERT_I32X4_U, "F32X4_CONVERT_I32X4_U", SLOT, SLOT);
        def(I32X4_TRUNC_SAT_F64X2_S_ZERO, "I32X4_TRUNC_SAT_F64X2_S_ZERO", SLOT, SLOT);
        def(I32X4_TRUNC_SAT_F64X2_U_ZERO, "I32X4_TRUNC_SAT_F64X2_U_ZERO", SLOT, SLOT);
        def(F64X2_CONVERT_LOW_I32X4_S, "F64X2_CONVERT_LOW_I32X4_S", SLOT, SLOT);
        def(F64X2_CONVERT_LOW_I32X4_U, "F64X2_CONVERT_LOW_I32X4_U", SLOT, SLOT);
        // Superinstructions
        def(I32_ADD_I, "I32_ADD_I", SLOT, SLOT, IMM);
        def(I32_AND_I, "I32_AND_I", SLOT, SLOT, IMM);
        def(I32_OR_I, "I32_OR_I", SLOT, SLOT, IMM);
        def(I32_XOR_I, "I32_XOR_I", SLOT, SLOT, IMM);
        def(I32_SHL_I, "I32_SHL_I", SLOT, SLOT, IMM);
        def(I32_SHR_S_I, "I32_SHR_S_I", SLOT, SLOT, IMM);
        def(I32_SHR_U_I, "I32_SHR_U_I", SLOT, SLOT, IMM);
        def(I32_MUL_I, "I32_MUL_I", SLOT, SLOT, IMM);
        def(I32_EQ_I, "I32_EQ_I", SLOT, SLOT, IMM);
        def(I32_NE_I, "I32_NE_I", SLOT, SLOT, IMM);
        def(I32_LT_S_I, "I32_LT_S_I", SLOT, SLOT, IMM);
        def(I32_LT_U_I, "I32_LT_U_I", SLOT, SLOT, IMM);
        def(I32_GT_S_I, "I32_GT_S_I", SLOT, SLOT, IMM);
        def(I32_GT_U_I, "I32_GT_U_I", SLOT, SLOT, IMM);
        def(I64_ADD_I, "I64_ADD_I", SLOT, SLOT, IMM);
        def(I64_AND_I, "I64_AND_I", SLOT, SLOT, IMM);
        def(I64_SHL_I, "I64_SHL_I", SLOT, SLOT, IMM);
        def(I64_SHR_S_I, "I64_SHR_S_I", SLOT, SLOT, IMM);
        def(I64_SHR_U_I, "I64_SHR_U_I", SLOT, SLOT, IMM);
        def(BR_IF_I32_EQ, "BR_IF_I32_EQ", SLOT, SLOT, TARGET);
        def(BR_IF_I32_NE, "BR_IF_I32_NE", SLOT, SLOT, TARGET);
        def(BR_IF_I32_LT_S, "BR_IF_I32_LT_S", SLOT, SLOT, TARGET);
        def(BR_IF_I32_LT_U, "BR_IF_I32_LT_U", SLOT, SLOT, TARGET);
        def(BR_IF_I32_LE_S, "BR_IF_I32_LE_S", SLOT, SLOT, TARGET);
        def(BR_IF_I32_LE_U, "BR_IF_I32_LE_U", SLOT, SLOT, TARGET);
        def(BR_IF_I32_EQ_I, "BR_IF_I32_EQ_I", SLOT, IMM, TARGET);
        def(BR_IF_I32_NE_I, "BR_IF_I32_NE_I", SLOT, IMM, TARGET);
        def(BR_IF_I32_LT_S_I, "BR_IF_I32_LT_S_I", SLOT, IMM, TARGET);
        def(BR_IF_I32_LT_U_I, "BR_IF_I32_LT_U_I", SLOT, IMM, TARGET);
        def(BR_IF_I32_GT_S_I, "BR_IF_I32_GT_S_I", SLOT, IMM, TARGET);
        def(BR_IF_I32_GT_U_I, "BR_IF_I32_GT_U_I", SLOT, IMM, TARGET);
        def(I32_LOAD_ADD, "I32_LOAD_ADD", SLOT, SLOT, IMM, OFFSET);
        def(I64_LOAD_ADD, "I64_LOAD_ADD", SLOT, SLOT, IMM, OFFSET);
        def(I32_LOAD8_U_ADD, "I32_LOAD8_U_ADD", SLOT, SLOT, IMM, OFFSET);
        def(RETURN_VALUE, "RETURN_VALUE", SLOT);
        def(CALL_ARGS, "CALL_ARGS", ENTRY, SLOT_COUNT, SLOT);
        // The JIT tier
        def(JIT_ENTRY, "JIT_ENTRY", INDEX, IMM);
        def(JIT_LOOP, "JIT_LOOP", END, IMM);
        for (int op = 0; op < COUNT; op++) {
            if (NAMES[op] == null) {
                throw new IllegalStateException("op " + op + " has no row in Op's table");
            }
        }
    }

    private Op() {
    }

    private static void def(int op, String name, byte... kinds) {
        if (NAMES[op] != null) {
            throw new IllegalStateException("op " + op + " has two rows in Op's table: " + NAMES[op] + ", " + name);
        }
        NAMES[op] = name;
        KINDS[op] = kinds;
        LENGTH[op] = (byte) (1 + kinds.length);
        for (int i = 0; i < kinds.length; i++) {
            int at = i + 1;
            if (kinds[i] == BRANCH_COUNT || kinds[i] == SLOT_COUNT) {
                COUNT_AT[op] = (byte) at;
                COUNT_EXTRA[op] = (byte) (kinds[i] == BRANCH_COUNT ? 1 : 0);
            } else if (kinds[i] == TARGET) {
                TARGET_AT[op] = (byte) at;
            }
        }
    }

    /** The op's name, as its constant is spelled ({@code "I32_ADD"}). */
    public static String name(int op) {
        return op >= 0 && op < COUNT ? NAMES[op] : "op(" + op + ")";
    }

    /** Ints the instruction at code[pc] takes, opcode included. */
    public static int length(int[] code, int pc) {
        int op = code[pc];
        int at = COUNT_AT[op];
        return at == 0 ? LENGTH[op] : LENGTH[op] + code[pc + at] + COUNT_EXTRA[op];
    }

    /** How many operands the op declares in its row (a counted list counts as its count alone). */
    public static int declaredOperands(int op) {
        return KINDS[op].length;
    }

    /**
     * The kind of operand number i (1 = code[pc + 1]) of the instruction at code[pc], counted
     * lists included: one of {@link #SLOT}, {@link #TARGET}, {@link #ENTRY}, {@link #INDEX},
     * {@link #IMM}, {@link #OFFSET}, {@link #END}, {@link #BRANCH_COUNT}, {@link #SLOT_COUNT}.
     */
    public static byte operandKind(int[] code, int pc, int i) {
        int op = code[pc];
        byte[] kinds = KINDS[op];
        int at = COUNT_AT[op];
        if (at == 0 || i <= at) {
            return kinds[i - 1];
        }
        int repeated = code[pc + at] + COUNT_EXTRA[op];
        if (i <= at + repeated) {
            return kinds[at - 1] == BRANCH_COUNT ? TARGET : SLOT;
        }
        return kinds[i - 1 - repeated];
    }

    /**
     * The operand number (1 = code[pc + 1]) of the op's one fixed branch target, or 0 if it has
     * none ({@link #BR_TABLE}'s targets are a counted list: see {@link #operandKind}).
     */
    public static int targetOperand(int op) {
        return TARGET_AT[op];
    }

    /** A readable listing of code[from, to), one instruction per line: for tests and debugging. */
    public static String disassemble(int[] code, int from, int to) {
        StringBuilder sb = new StringBuilder();
        int pc = from;
        while (pc < to) {
            int len = length(code, pc);
            sb.append(pc).append(": ").append(name(code[pc]));
            for (int i = 1; i < len; i++) {
                sb.append(' ').append(code[pc + i]);
            }
            sb.append('\n');
            pc += len;
        }
        return sb.toString();
    }
}
