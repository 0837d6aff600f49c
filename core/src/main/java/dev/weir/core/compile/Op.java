package dev.weir.core.compile;

/**
 * The internal instruction set: what the validator compiles each function body into and what
 * {@code dev.weir.core.runtime.Interpreter} executes. One table, the single source of truth for
 * opcodes, operand counts and names.
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

    /** Number of ops. */
    public static final int COUNT = 177;

    private static final String[] NAMES = {
        "UNREACHABLE",
        "BR",
        "BR_IF",
        "BR_IF_EQZ",
        "BR_TABLE",
        "RETURN",
        "CALL",
        "CALL_IMPORT",
        "CALL_INDIRECT",
        "COPY",
        "SELECT",
        "GLOBAL_GET",
        "GLOBAL_SET",
        "TABLE_GET",
        "TABLE_SET",
        "TABLE_SIZE",
        "TABLE_GROW",
        "TABLE_FILL",
        "TABLE_COPY",
        "TABLE_INIT",
        "ELEM_DROP",
        "REF_FUNC",
        "I32_LOAD",
        "I64_LOAD",
        "I32_LOAD8_S",
        "I32_LOAD8_U",
        "I32_LOAD16_S",
        "I32_LOAD16_U",
        "I64_LOAD8_S",
        "I64_LOAD8_U",
        "I64_LOAD16_S",
        "I64_LOAD16_U",
        "I64_LOAD32_S",
        "I64_LOAD32_U",
        "I32_STORE",
        "I64_STORE",
        "I32_STORE8",
        "I32_STORE16",
        "MEMORY_SIZE",
        "MEMORY_GROW",
        "MEMORY_FILL",
        "MEMORY_COPY",
        "MEMORY_INIT",
        "DATA_DROP",
        "I32_CONST",
        "I64_CONST",
        "I32_EQZ",
        "I32_EQ",
        "I32_NE",
        "I32_LT_S",
        "I32_LT_U",
        "I32_GT_S",
        "I32_GT_U",
        "I32_LE_S",
        "I32_LE_U",
        "I32_GE_S",
        "I32_GE_U",
        "I64_EQZ",
        "I64_EQ",
        "I64_NE",
        "I64_LT_S",
        "I64_LT_U",
        "I64_GT_S",
        "I64_GT_U",
        "I64_LE_S",
        "I64_LE_U",
        "I64_GE_S",
        "I64_GE_U",
        "F32_EQ",
        "F32_NE",
        "F32_LT",
        "F32_GT",
        "F32_LE",
        "F32_GE",
        "F64_EQ",
        "F64_NE",
        "F64_LT",
        "F64_GT",
        "F64_LE",
        "F64_GE",
        "I32_CLZ",
        "I32_CTZ",
        "I32_POPCNT",
        "I32_ADD",
        "I32_SUB",
        "I32_MUL",
        "I32_DIV_S",
        "I32_DIV_U",
        "I32_REM_S",
        "I32_REM_U",
        "I32_AND",
        "I32_OR",
        "I32_XOR",
        "I32_SHL",
        "I32_SHR_S",
        "I32_SHR_U",
        "I32_ROTL",
        "I32_ROTR",
        "I64_CLZ",
        "I64_CTZ",
        "I64_POPCNT",
        "I64_ADD",
        "I64_SUB",
        "I64_MUL",
        "I64_DIV_S",
        "I64_DIV_U",
        "I64_REM_S",
        "I64_REM_U",
        "I64_AND",
        "I64_OR",
        "I64_XOR",
        "I64_SHL",
        "I64_SHR_S",
        "I64_SHR_U",
        "I64_ROTL",
        "I64_ROTR",
        "F32_ABS",
        "F32_NEG",
        "F32_CEIL",
        "F32_FLOOR",
        "F32_TRUNC",
        "F32_NEAREST",
        "F32_SQRT",
        "F32_ADD",
        "F32_SUB",
        "F32_MUL",
        "F32_DIV",
        "F32_MIN",
        "F32_MAX",
        "F32_COPYSIGN",
        "F64_ABS",
        "F64_NEG",
        "F64_CEIL",
        "F64_FLOOR",
        "F64_TRUNC",
        "F64_NEAREST",
        "F64_SQRT",
        "F64_ADD",
        "F64_SUB",
        "F64_MUL",
        "F64_DIV",
        "F64_MIN",
        "F64_MAX",
        "F64_COPYSIGN",
        "I32_TRUNC_F32_S",
        "I32_TRUNC_F32_U",
        "I32_TRUNC_F64_S",
        "I32_TRUNC_F64_U",
        "I64_EXTEND_I32_S",
        "I64_EXTEND_I32_U",
        "I64_TRUNC_F32_S",
        "I64_TRUNC_F32_U",
        "I64_TRUNC_F64_S",
        "I64_TRUNC_F64_U",
        "F32_CONVERT_I32_S",
        "F32_CONVERT_I32_U",
        "F32_CONVERT_I64_S",
        "F32_CONVERT_I64_U",
        "F32_DEMOTE_F64",
        "F64_CONVERT_I32_S",
        "F64_CONVERT_I32_U",
        "F64_CONVERT_I64_S",
        "F64_CONVERT_I64_U",
        "F64_PROMOTE_F32",
        "I32_EXTEND8_S",
        "I32_EXTEND16_S",
        "I64_EXTEND8_S",
        "I64_EXTEND16_S",
        "I64_EXTEND32_S",
        "I32_TRUNC_SAT_F32_S",
        "I32_TRUNC_SAT_F32_U",
        "I32_TRUNC_SAT_F64_S",
        "I32_TRUNC_SAT_F64_U",
        "I64_TRUNC_SAT_F32_S",
        "I64_TRUNC_SAT_F32_U",
        "I64_TRUNC_SAT_F64_S",
        "I64_TRUNC_SAT_F64_U"
    };

    /** Operand count per op, -1 for {@link #BR_TABLE} (count + 1 targets follow its two operands). */
    private static final byte[] OPERANDS = {0, 1, 2, 2, -1, 0, 2, 2, 4, 2, 4, 2, 2, 3, 3, 2, 4, 4, 5, 5, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 2, 3, 3, 4, 1, 2, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};

    private Op() {
    }

    public static String name(int op) {
        return op >= 0 && op < COUNT ? NAMES[op] : "op(" + op + ")";
    }

    /** Ints the instruction at code[pc] takes, opcode included. */
    public static int length(int[] code, int pc) {
        int op = code[pc];
        return op == BR_TABLE ? 3 + code[pc + 2] + 1 : 1 + OPERANDS[op];
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
