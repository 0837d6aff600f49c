package dev.weir.text;

import java.util.HashMap;

/**
 * The instructions of the text format by name (spec 6.5 Instructions, 5.4 for their opcodes):
 * for each, its opcode, prefix, the kind of immediates it takes and, for memory instructions, its
 * natural alignment. One table that the module writer reads; a core test checks it against core's
 * opcode names.
 */
final class Instructions {
    // Kinds of immediates.
    static final int NONE = 0;
    static final int BLOCK = 1;
    static final int LOOP = 2;
    static final int IF = 3;
    static final int ELSE = 4;
    static final int END = 5;
    static final int BR = 6;
    static final int BR_TABLE = 7;
    static final int CALL = 8;
    static final int CALL_INDIRECT = 9;
    static final int SELECT = 10;
    static final int LOCAL = 11;
    static final int GLOBAL = 12;
    /** table.get/set/size/grow/fill: an optional table index. */
    static final int TABLE = 13;
    static final int TABLE_COPY = 14;
    static final int TABLE_INIT = 15;
    static final int ELEM_DROP = 16;
    /** memory.size/grow/fill: a memory index byte, always 0 in WebAssembly 2.0. */
    static final int MEMORY = 17;
    static final int MEMORY_INIT = 18;
    static final int DATA_DROP = 19;
    static final int MEMORY_COPY = 20;
    static final int MEMARG = 21;
    static final int I32_CONST = 22;
    static final int I64_CONST = 23;
    static final int F32_CONST = 24;
    static final int F64_CONST = 25;
    static final int REF_NULL = 26;
    static final int REF_FUNC = 27;
    static final int V128_CONST = 28;
    static final int SHUFFLE = 29;
    static final int LANE = 30;
    static final int MEMARG_LANE = 31;

    static final int PREFIX_NONE = 0;
    static final int PREFIX_FC = 1;
    static final int PREFIX_FD = 2;

    /** Numeric instructions without immediates, 0x45 to 0xC4 in order (spec 5.4.7). */
    static final String[] NUMERIC = {
        "i32.eqz", "i32.eq", "i32.ne", "i32.lt_s", "i32.lt_u", "i32.gt_s", "i32.gt_u", "i32.le_s", "i32.le_u",
        "i32.ge_s", "i32.ge_u",
        "i64.eqz", "i64.eq", "i64.ne", "i64.lt_s", "i64.lt_u", "i64.gt_s", "i64.gt_u", "i64.le_s", "i64.le_u",
        "i64.ge_s", "i64.ge_u",
        "f32.eq", "f32.ne", "f32.lt", "f32.gt", "f32.le", "f32.ge",
        "f64.eq", "f64.ne", "f64.lt", "f64.gt", "f64.le", "f64.ge",
        "i32.clz", "i32.ctz", "i32.popcnt", "i32.add", "i32.sub", "i32.mul", "i32.div_s", "i32.div_u",
        "i32.rem_s", "i32.rem_u", "i32.and", "i32.or", "i32.xor", "i32.shl", "i32.shr_s", "i32.shr_u",
        "i32.rotl", "i32.rotr",
        "i64.clz", "i64.ctz", "i64.popcnt", "i64.add", "i64.sub", "i64.mul", "i64.div_s", "i64.div_u",
        "i64.rem_s", "i64.rem_u", "i64.and", "i64.or", "i64.xor", "i64.shl", "i64.shr_s", "i64.shr_u",
        "i64.rotl", "i64.rotr",
        "f32.abs", "f32.neg", "f32.ceil", "f32.floor", "f32.trunc", "f32.nearest", "f32.sqrt", "f32.add",
        "f32.sub", "f32.mul", "f32.div", "f32.min", "f32.max", "f32.copysign",
        "f64.abs", "f64.neg", "f64.ceil", "f64.floor", "f64.trunc", "f64.nearest", "f64.sqrt", "f64.add",
        "f64.sub", "f64.mul", "f64.div", "f64.min", "f64.max", "f64.copysign",
        "i32.wrap_i64", "i32.trunc_f32_s", "i32.trunc_f32_u", "i32.trunc_f64_s", "i32.trunc_f64_u",
        "i64.extend_i32_s", "i64.extend_i32_u", "i64.trunc_f32_s", "i64.trunc_f32_u", "i64.trunc_f64_s",
        "i64.trunc_f64_u", "f32.convert_i32_s", "f32.convert_i32_u", "f32.convert_i64_s", "f32.convert_i64_u",
        "f32.demote_f64", "f64.convert_i32_s", "f64.convert_i32_u", "f64.convert_i64_s", "f64.convert_i64_u",
        "f64.promote_f32", "i32.reinterpret_f32", "i64.reinterpret_f64", "f32.reinterpret_i32",
        "f64.reinterpret_i64", "i32.extend8_s", "i32.extend16_s", "i64.extend8_s", "i64.extend16_s",
        "i64.extend32_s",
    };

    /** Memory instructions 0x28 to 0x3E with their natural alignment (log2 of the access size). */
    static final String[] MEMORY_ACCESS = {
        "i32.load", "i64.load", "f32.load", "f64.load", "i32.load8_s", "i32.load8_u", "i32.load16_s",
        "i32.load16_u", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u", "i64.load32_s",
        "i64.load32_u", "i32.store", "i64.store", "f32.store", "f64.store", "i32.store8", "i32.store16",
        "i64.store8", "i64.store16", "i64.store32",
    };
    private static final int[] MEMORY_ACCESS_ALIGN = {2, 3, 2, 3, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 2, 3, 2, 3, 0, 1, 0, 1, 2};

    /** 0xFC 0 to 7 (spec 5.4.7, saturating truncation). */
    static final String[] SATURATING = {
        "i32.trunc_sat_f32_s", "i32.trunc_sat_f32_u", "i32.trunc_sat_f64_s", "i32.trunc_sat_f64_u",
        "i64.trunc_sat_f32_s", "i64.trunc_sat_f32_u", "i64.trunc_sat_f64_s", "i64.trunc_sat_f64_u",
    };

    /** Vector instructions by their opcode after 0xFD (spec 5.4.8); null where reserved. */
    static final String[] VECTOR = {
            "v128.load", "v128.load8x8_s", "v128.load8x8_u", "v128.load16x4_s",
            "v128.load16x4_u", "v128.load32x2_s", "v128.load32x2_u", "v128.load8_splat",
            "v128.load16_splat", "v128.load32_splat", "v128.load64_splat", "v128.store",
            "v128.const", "i8x16.shuffle", "i8x16.swizzle", "i8x16.splat",
            "i16x8.splat", "i32x4.splat", "i64x2.splat", "f32x4.splat",
            "f64x2.splat", "i8x16.extract_lane_s", "i8x16.extract_lane_u", "i8x16.replace_lane",
            "i16x8.extract_lane_s", "i16x8.extract_lane_u", "i16x8.replace_lane", "i32x4.extract_lane",
            "i32x4.replace_lane", "i64x2.extract_lane", "i64x2.replace_lane", "f32x4.extract_lane",
            "f32x4.replace_lane", "f64x2.extract_lane", "f64x2.replace_lane", "i8x16.eq",
            "i8x16.ne", "i8x16.lt_s", "i8x16.lt_u", "i8x16.gt_s",
            "i8x16.gt_u", "i8x16.le_s", "i8x16.le_u", "i8x16.ge_s",
            "i8x16.ge_u", "i16x8.eq", "i16x8.ne", "i16x8.lt_s",
            "i16x8.lt_u", "i16x8.gt_s", "i16x8.gt_u", "i16x8.le_s",
            "i16x8.le_u", "i16x8.ge_s", "i16x8.ge_u", "i32x4.eq",
            "i32x4.ne", "i32x4.lt_s", "i32x4.lt_u", "i32x4.gt_s",
            "i32x4.gt_u", "i32x4.le_s", "i32x4.le_u", "i32x4.ge_s",
            "i32x4.ge_u", "f32x4.eq", "f32x4.ne", "f32x4.lt",
            "f32x4.gt", "f32x4.le", "f32x4.ge", "f64x2.eq",
            "f64x2.ne", "f64x2.lt", "f64x2.gt", "f64x2.le",
            "f64x2.ge", "v128.not", "v128.and", "v128.andnot",
            "v128.or", "v128.xor", "v128.bitselect", "v128.any_true",
            "v128.load8_lane", "v128.load16_lane", "v128.load32_lane", "v128.load64_lane",
            "v128.store8_lane", "v128.store16_lane", "v128.store32_lane", "v128.store64_lane",
            "v128.load32_zero", "v128.load64_zero", "f32x4.demote_f64x2_zero", "f64x2.promote_low_f32x4",
            "i8x16.abs", "i8x16.neg", "i8x16.popcnt", "i8x16.all_true",
            "i8x16.bitmask", "i8x16.narrow_i16x8_s", "i8x16.narrow_i16x8_u", "f32x4.ceil",
            "f32x4.floor", "f32x4.trunc", "f32x4.nearest", "i8x16.shl",
            "i8x16.shr_s", "i8x16.shr_u", "i8x16.add", "i8x16.add_sat_s",
            "i8x16.add_sat_u", "i8x16.sub", "i8x16.sub_sat_s", "i8x16.sub_sat_u",
            "f64x2.ceil", "f64x2.floor", "i8x16.min_s", "i8x16.min_u",
            "i8x16.max_s", "i8x16.max_u", "f64x2.trunc", "i8x16.avgr_u",
            "i16x8.extadd_pairwise_i8x16_s", "i16x8.extadd_pairwise_i8x16_u", "i32x4.extadd_pairwise_i16x8_s", "i32x4.extadd_pairwise_i16x8_u",
            "i16x8.abs", "i16x8.neg", "i16x8.q15mulr_sat_s", "i16x8.all_true",
            "i16x8.bitmask", "i16x8.narrow_i32x4_s", "i16x8.narrow_i32x4_u", "i16x8.extend_low_i8x16_s",
            "i16x8.extend_high_i8x16_s", "i16x8.extend_low_i8x16_u", "i16x8.extend_high_i8x16_u", "i16x8.shl",
            "i16x8.shr_s", "i16x8.shr_u", "i16x8.add", "i16x8.add_sat_s",
            "i16x8.add_sat_u", "i16x8.sub", "i16x8.sub_sat_s", "i16x8.sub_sat_u",
            "f64x2.nearest", "i16x8.mul", "i16x8.min_s", "i16x8.min_u",
            "i16x8.max_s", "i16x8.max_u", null, "i16x8.avgr_u",
            "i16x8.extmul_low_i8x16_s", "i16x8.extmul_high_i8x16_s", "i16x8.extmul_low_i8x16_u", "i16x8.extmul_high_i8x16_u",
            "i32x4.abs", "i32x4.neg", null, "i32x4.all_true",
            "i32x4.bitmask", null, null, "i32x4.extend_low_i16x8_s",
            "i32x4.extend_high_i16x8_s", "i32x4.extend_low_i16x8_u", "i32x4.extend_high_i16x8_u", "i32x4.shl",
            "i32x4.shr_s", "i32x4.shr_u", "i32x4.add", null,
            null, "i32x4.sub", null, null,
            null, "i32x4.mul", "i32x4.min_s", "i32x4.min_u",
            "i32x4.max_s", "i32x4.max_u", "i32x4.dot_i16x8_s", null,
            "i32x4.extmul_low_i16x8_s", "i32x4.extmul_high_i16x8_s", "i32x4.extmul_low_i16x8_u", "i32x4.extmul_high_i16x8_u",
            "i64x2.abs", "i64x2.neg", null, "i64x2.all_true",
            "i64x2.bitmask", null, null, "i64x2.extend_low_i32x4_s",
            "i64x2.extend_high_i32x4_s", "i64x2.extend_low_i32x4_u", "i64x2.extend_high_i32x4_u", "i64x2.shl",
            "i64x2.shr_s", "i64x2.shr_u", "i64x2.add", null,
            null, "i64x2.sub", null, null,
            null, "i64x2.mul", "i64x2.eq", "i64x2.ne",
            "i64x2.lt_s", "i64x2.gt_s", "i64x2.le_s", "i64x2.ge_s",
            "i64x2.extmul_low_i32x4_s", "i64x2.extmul_high_i32x4_s", "i64x2.extmul_low_i32x4_u", "i64x2.extmul_high_i32x4_u",
            "f32x4.abs", "f32x4.neg", null, "f32x4.sqrt",
            "f32x4.add", "f32x4.sub", "f32x4.mul", "f32x4.div",
            "f32x4.min", "f32x4.max", "f32x4.pmin", "f32x4.pmax",
            "f64x2.abs", "f64x2.neg", null, "f64x2.sqrt",
            "f64x2.add", "f64x2.sub", "f64x2.mul", "f64x2.div",
            "f64x2.min", "f64x2.max", "f64x2.pmin", "f64x2.pmax",
            "i32x4.trunc_sat_f32x4_s", "i32x4.trunc_sat_f32x4_u", "f32x4.convert_i32x4_s", "f32x4.convert_i32x4_u",
            "i32x4.trunc_sat_f64x2_s_zero", "i32x4.trunc_sat_f64x2_u_zero", "f64x2.convert_low_i32x4_s", "f64x2.convert_low_i32x4_u",
    };

    private static final HashMap<String, Integer> BY_NAME = new HashMap<>(1024);

    static {
        put("unreachable", 0x00, NONE);
        put("nop", 0x01, NONE);
        put("block", 0x02, BLOCK);
        put("loop", 0x03, LOOP);
        put("if", 0x04, IF);
        put("else", 0x05, ELSE);
        put("end", 0x0B, END);
        put("br", 0x0C, BR);
        put("br_if", 0x0D, BR);
        put("br_table", 0x0E, BR_TABLE);
        put("return", 0x0F, NONE);
        put("call", 0x10, CALL);
        put("call_indirect", 0x11, CALL_INDIRECT);
        put("drop", 0x1A, NONE);
        put("select", 0x1B, SELECT);
        put("local.get", 0x20, LOCAL);
        put("local.set", 0x21, LOCAL);
        put("local.tee", 0x22, LOCAL);
        put("global.get", 0x23, GLOBAL);
        put("global.set", 0x24, GLOBAL);
        put("table.get", 0x25, TABLE);
        put("table.set", 0x26, TABLE);
        for (int i = 0; i < MEMORY_ACCESS.length; i++) {
            put(MEMORY_ACCESS[i], 0x28 + i, MEMARG, PREFIX_NONE, MEMORY_ACCESS_ALIGN[i]);
        }
        put("memory.size", 0x3F, MEMORY);
        put("memory.grow", 0x40, MEMORY);
        put("i32.const", 0x41, I32_CONST);
        put("i64.const", 0x42, I64_CONST);
        put("f32.const", 0x43, F32_CONST);
        put("f64.const", 0x44, F64_CONST);
        for (int i = 0; i < NUMERIC.length; i++) {
            put(NUMERIC[i], 0x45 + i, NONE);
        }
        put("ref.null", 0xD0, REF_NULL);
        put("ref.is_null", 0xD1, NONE);
        put("ref.func", 0xD2, REF_FUNC);
        for (int i = 0; i < SATURATING.length; i++) {
            put(SATURATING[i], i, NONE, PREFIX_FC, 0);
        }
        put("memory.init", 8, MEMORY_INIT, PREFIX_FC, 0);
        put("data.drop", 9, DATA_DROP, PREFIX_FC, 0);
        put("memory.copy", 10, MEMORY_COPY, PREFIX_FC, 0);
        put("memory.fill", 11, MEMORY, PREFIX_FC, 0);
        put("table.init", 12, TABLE_INIT, PREFIX_FC, 0);
        put("elem.drop", 13, ELEM_DROP, PREFIX_FC, 0);
        put("table.copy", 14, TABLE_COPY, PREFIX_FC, 0);
        put("table.grow", 15, TABLE, PREFIX_FC, 0);
        put("table.size", 16, TABLE, PREFIX_FC, 0);
        put("table.fill", 17, TABLE, PREFIX_FC, 0);
        for (int i = 0; i < VECTOR.length; i++) {
            if (VECTOR[i] != null) {
                put(VECTOR[i], i, vectorKind(i), PREFIX_FD, vectorAlign(i));
            }
        }
    }

    private Instructions() {
    }

    private static int vectorKind(int op) {
        if (op <= 0x0B || op == 0x5C || op == 0x5D) {
            return MEMARG;
        }
        if (op == 0x0C) {
            return V128_CONST;
        }
        if (op == 0x0D) {
            return SHUFFLE;
        }
        if (op >= 0x15 && op <= 0x22) {
            return LANE;
        }
        if (op >= 0x54 && op <= 0x5B) {
            return MEMARG_LANE;
        }
        return NONE;
    }

    /** Natural alignment of the vector memory instructions: the bytes each access reads or writes. */
    private static int vectorAlign(int op) {
        switch (op) {
            case 0x00: case 0x0B:
                return 4;
            case 0x01: case 0x02: case 0x03: case 0x04: case 0x05: case 0x06: case 0x0A: case 0x5D:
            case 0x57: case 0x5B:
                return 3;
            case 0x09: case 0x5C: case 0x56: case 0x5A:
                return 2;
            case 0x08: case 0x55: case 0x59:
                return 1;
            default:
                return 0;
        }
    }

    private static void put(String name, int opcode, int kind) {
        put(name, opcode, kind, PREFIX_NONE, 0);
    }

    private static void put(String name, int opcode, int kind, int prefix, int align) {
        BY_NAME.put(name, opcode | prefix << 16 | kind << 18 | align << 24);
    }

    /** The packed description of an instruction, or -1 when there is none by that name. */
    static int lookup(String name) {
        Integer info = BY_NAME.get(name);
        return info == null ? -1 : info;
    }

    static int opcode(int info) {
        return info & 0xFFFF;
    }

    static int prefix(int info) {
        return info >>> 16 & 3;
    }

    static int kind(int info) {
        return info >>> 18 & 0x3F;
    }

    static int naturalAlign(int info) {
        return info >>> 24;
    }
}
