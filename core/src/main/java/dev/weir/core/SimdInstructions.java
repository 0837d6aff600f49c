package dev.weir.core;

import dev.weir.core.internal.compile.Op;

/**
 * Executes the vector ops (spec 4.4.3, the {@link Op} range from {@link Op#V128_GLOBAL_GET} to
 * {@link Op#F64X2_CONVERT_LOW_I32X4_U}), called from the interpreter loop's default branch so the
 * loop itself does not grow.
 *
 * <p>A v128 is two slots, {@code lo} (bytes 0-7) and {@code hi} (bytes 8-15), lane 0 in the low
 * bits of lo. Every lane of the 8-, 16-, 32- and 64-bit shapes lies within one of the two halves,
 * so lane-wise operations run once per half on a {@code long} ({@link #i8}, {@link #i16} ...).
 * Each op reads all its operands before it writes its result, since the result slot may be one
 * of them. Nothing here allocates; the dispatch is split over several methods so each stays
 * small enough for the JIT to compile.
 */
final class SimdInstructions {
    private static final long MASK32 = 0xFFFFFFFFL;
    private static final long LANES8 = 0x0101010101010101L;
    private static final long LANES16 = 0x0001000100010001L;
    private static final long LANES32 = 0x0000000100000001L;
    private static final long HIGH8 = 0x8080808080808080L;
    private static final long HIGH16 = 0x8000800080008000L;

    private SimdInstructions() {
    }

    /**
     * Runs the vector op at code[pc]; the caller advances pc by {@link Op#length}. The ops clang
     * emits most in loops (loads, stores, i32x4 and f32x4 arithmetic, splat, shuffle) are cases
     * here; the rest go by kind to the methods below.
     */
    static void execute(int op, int[] code, int pc, long[] stack, int fp, byte[] mem, long memSize,
            Global[] globals) {
        int d = fp + code[pc + 1];
        switch (op) {
            // The common ones first, without the lane-wise dispatch.
            case Op.V128_LOAD: {
                long ea = address(stack, fp, code, pc, 16, memSize);
                long lo = Memory.getLong(mem, (int) ea);
                long hi = Memory.getLong(mem, (int) ea + 8);
                stack[d] = lo;
                stack[d + 1] = hi;
                return;
            }
            case Op.V128_STORE: {
                long ea = (stack[d] & MASK32) + (code[pc + 3] & MASK32);
                if (ea + 16 > memSize) {
                    throw Memory.outOfBounds();
                }
                int v = fp + code[pc + 2];
                Memory.putLong(mem, (int) ea, stack[v]);
                Memory.putLong(mem, (int) ea + 8, stack[v + 1]);
                return;
            }
            case Op.I32X4_ADD: {
                int a = fp + code[pc + 2];
                int b = fp + code[pc + 3];
                long lo = add32(stack[a], stack[b]);
                long hi = add32(stack[a + 1], stack[b + 1]);
                stack[d] = lo;
                stack[d + 1] = hi;
                return;
            }
            case Op.I32X4_SUB: {
                int a = fp + code[pc + 2];
                int b = fp + code[pc + 3];
                long lo = sub32(stack[a], stack[b]);
                long hi = sub32(stack[a + 1], stack[b + 1]);
                stack[d] = lo;
                stack[d + 1] = hi;
                return;
            }
            case Op.I32X4_SPLAT: {
                long x = (stack[fp + code[pc + 2]] & MASK32) * LANES32;
                stack[d] = x;
                stack[d + 1] = x;
                return;
            }
            case Op.I32X4_EXTRACT_LANE: {
                int lane = code[pc + 3];
                stack[d] = stack[fp + code[pc + 2] + (lane >> 1)] >>> ((lane & 1) << 5) & MASK32;
                return;
            }
            case Op.I32X4_SHL: {
                int a = fp + code[pc + 2];
                int count = (int) stack[fp + code[pc + 3]];
                long lo = shift(Op.I32X4_SHL, stack[a], count);
                long hi = shift(Op.I32X4_SHL, stack[a + 1], count);
                stack[d] = lo;
                stack[d + 1] = hi;
                return;
            }
            case Op.I32X4_ABS: {
                int a = fp + code[pc + 2];
                long lo = unaryHalf(Op.I32X4_ABS, stack[a]);
                long hi = unaryHalf(Op.I32X4_ABS, stack[a + 1]);
                stack[d] = lo;
                stack[d + 1] = hi;
                return;
            }
            case Op.I32X4_MIN_U:
            case Op.I32X4_MAX_U:
            case Op.I32X4_MIN_S:
            case Op.I32X4_MAX_S:
            case Op.I32X4_MUL: {
                int a = fp + code[pc + 2];
                int b = fp + code[pc + 3];
                long lo = i32(op, stack[a], stack[b]);
                long hi = i32(op, stack[a + 1], stack[b + 1]);
                stack[d] = lo;
                stack[d + 1] = hi;
                return;
            }
            case Op.I16X8_ADD: {
                int a = fp + code[pc + 2];
                int b = fp + code[pc + 3];
                long lo = add16(stack[a], stack[b]);
                long hi = add16(stack[a + 1], stack[b + 1]);
                stack[d] = lo;
                stack[d + 1] = hi;
                return;
            }
            case Op.F32X4_ADD: {
                int a = fp + code[pc + 2];
                int b = fp + code[pc + 3];
                long lo = f32x2(f(stack[a]) + f(stack[b]), f(stack[a] >>> 32) + f(stack[b] >>> 32));
                long hi = f32x2(f(stack[a + 1]) + f(stack[b + 1]), f(stack[a + 1] >>> 32) + f(stack[b + 1] >>> 32));
                stack[d] = lo;
                stack[d + 1] = hi;
                return;
            }
            case Op.F32X4_MUL: {
                int a = fp + code[pc + 2];
                int b = fp + code[pc + 3];
                long lo = f32x2(f(stack[a]) * f(stack[b]), f(stack[a] >>> 32) * f(stack[b] >>> 32));
                long hi = f32x2(f(stack[a + 1]) * f(stack[b + 1]), f(stack[a + 1] >>> 32) * f(stack[b + 1] >>> 32));
                stack[d] = lo;
                stack[d + 1] = hi;
                return;
            }
            case Op.V128_CONST:
                stack[d] = (code[pc + 2] & MASK32) | (long) code[pc + 3] << 32;
                stack[d + 1] = (code[pc + 4] & MASK32) | (long) code[pc + 5] << 32;
                return;
            case Op.V128_GLOBAL_GET: {
                Global g = globals[code[pc + 2]];
                stack[d] = g.value;
                stack[d + 1] = g.high;
                return;
            }
            case Op.V128_GLOBAL_SET: {
                Global g = globals[code[pc + 1]];
                int s = fp + code[pc + 2];
                g.value = stack[s];
                g.high = stack[s + 1];
                return;
            }
            case Op.I8X16_SHUFFLE:
                shuffle(code, pc, stack, fp, d);
                return;
            default:
                break;
        }
        if (op <= Op.V128_LOAD64_ZERO && op >= Op.V128_LOAD && (op <= Op.V128_STORE || op >= Op.V128_LOAD8_LANE)) {
            memory(op, code, pc, stack, fp, d, mem, memSize);
        } else if (op <= Op.F64X2_REPLACE_LANE) {
            lanes(op, code, pc, stack, fp, d);
        } else {
            int a = fp + code[pc + 2];
            switch (Op.length(code, pc)) {
                case 3:
                    unary(op, stack, d, stack[a], stack[a + 1]);
                    return;
                case 4: {
                    int b = fp + code[pc + 3];
                    if (op == Op.I8X16_SHL || op == Op.I8X16_SHR_S || op == Op.I8X16_SHR_U
                            || op == Op.I16X8_SHL || op == Op.I16X8_SHR_S || op == Op.I16X8_SHR_U
                            || op == Op.I32X4_SHL || op == Op.I32X4_SHR_S || op == Op.I32X4_SHR_U
                            || op == Op.I64X2_SHL || op == Op.I64X2_SHR_S || op == Op.I64X2_SHR_U) {
                        int count = (int) stack[b];
                        long lo = shift(op, stack[a], count);
                        long hi = shift(op, stack[a + 1], count);
                        stack[d] = lo;
                        stack[d + 1] = hi;
                    } else {
                        binary(op, stack, d, stack[a], stack[a + 1], stack[b], stack[b + 1]);
                    }
                    return;
                }
                default: {
                    // v128.bitselect: bits of a where c is 1, of b where c is 0.
                    int b = fp + code[pc + 3];
                    int c = fp + code[pc + 4];
                    long lo = (stack[a] & stack[c]) | (stack[b] & ~stack[c]);
                    long hi = (stack[a + 1] & stack[c + 1]) | (stack[b + 1] & ~stack[c + 1]);
                    stack[d] = lo;
                    stack[d + 1] = hi;
                }
            }
        }
    }

    // ---- memory ----------------------------------------------------------------------------

    private static long address(long[] stack, int fp, int[] code, int pc, int bytes, long memSize) {
        long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
        if (ea + bytes > memSize) {
            throw Memory.outOfBounds();
        }
        return ea;
    }

    private static void memory(int op, int[] code, int pc, long[] stack, int fp, int d, byte[] mem, long memSize) {
        long lo;
        long hi;
        switch (op) {
            case Op.V128_LOAD8X8_S:
            case Op.V128_LOAD8X8_U:
            case Op.V128_LOAD16X4_S:
            case Op.V128_LOAD16X4_U:
            case Op.V128_LOAD32X2_S:
            case Op.V128_LOAD32X2_U: {
                long v = Memory.getLong(mem, (int) address(stack, fp, code, pc, 8, memSize));
                lo = widenLow(op, v);
                hi = widenLow(op, v >>> 32);
                break;
            }
            case Op.V128_LOAD8_SPLAT:
                lo = (mem[(int) address(stack, fp, code, pc, 1, memSize)] & 0xFFL) * LANES8;
                hi = lo;
                break;
            case Op.V128_LOAD16_SPLAT:
                lo = (Memory.getShort(mem, (int) address(stack, fp, code, pc, 2, memSize)) & 0xFFFFL) * LANES16;
                hi = lo;
                break;
            case Op.V128_LOAD32_SPLAT:
                lo = (Memory.getInt(mem, (int) address(stack, fp, code, pc, 4, memSize)) & MASK32) * LANES32;
                hi = lo;
                break;
            case Op.V128_LOAD64_SPLAT:
                lo = Memory.getLong(mem, (int) address(stack, fp, code, pc, 8, memSize));
                hi = lo;
                break;
            case Op.V128_LOAD32_ZERO:
                lo = Memory.getInt(mem, (int) address(stack, fp, code, pc, 4, memSize)) & MASK32;
                hi = 0;
                break;
            case Op.V128_LOAD64_ZERO:
                lo = Memory.getLong(mem, (int) address(stack, fp, code, pc, 8, memSize));
                hi = 0;
                break;
            case Op.V128_LOAD8_LANE:
            case Op.V128_LOAD16_LANE:
            case Op.V128_LOAD32_LANE:
            case Op.V128_LOAD64_LANE: {
                // (dst, addr, value, offset, lane)
                int shift = op - Op.V128_LOAD8_LANE;
                int bytes = 1 << shift;
                long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 4] & MASK32);
                if (ea + bytes > memSize) {
                    throw Memory.outOfBounds();
                }
                int v = fp + code[pc + 3];
                lo = stack[v];
                hi = stack[v + 1];
                long x;
                switch (bytes) {
                    case 1:
                        x = mem[(int) ea] & 0xFFL;
                        break;
                    case 2:
                        x = Memory.getShort(mem, (int) ea) & 0xFFFFL;
                        break;
                    case 4:
                        x = Memory.getInt(mem, (int) ea) & MASK32;
                        break;
                    default:
                        x = Memory.getLong(mem, (int) ea);
                        break;
                }
                int bit = code[pc + 5] * bytes * 8;
                long mask = bytes == 8 ? -1L : (1L << (bytes * 8)) - 1;
                if (bit < 64) {
                    lo = (lo & ~(mask << bit)) | (x << bit);
                } else {
                    hi = (hi & ~(mask << (bit - 64))) | (x << (bit - 64));
                }
                break;
            }
            default: {
                // store lanes (addr, value, offset, lane)
                int shift = op - Op.V128_STORE8_LANE;
                int bytes = 1 << shift;
                long ea = (stack[d] & MASK32) + (code[pc + 3] & MASK32);
                if (ea + bytes > memSize) {
                    throw Memory.outOfBounds();
                }
                int v = fp + code[pc + 2];
                int bit = code[pc + 4] * bytes * 8;
                long x = bit < 64 ? stack[v] >>> bit : stack[v + 1] >>> (bit - 64);
                switch (bytes) {
                    case 1:
                        mem[(int) ea] = (byte) x;
                        break;
                    case 2:
                        Memory.putShort(mem, (int) ea, (short) x);
                        break;
                    case 4:
                        Memory.putInt(mem, (int) ea, (int) x);
                        break;
                    default:
                        Memory.putLong(mem, (int) ea, x);
                        break;
                }
                return;
            }
        }
        stack[d] = lo;
        stack[d + 1] = hi;
    }

    /** The low 32 bits of v widened by the extending load op: to four i16, two i32 or one i64 lane(s). */
    static long widenLow(int op, long v) {
        switch (op) {
            case Op.V128_LOAD8X8_S:
                return ext8s((int) v);
            case Op.V128_LOAD8X8_U:
                return ext8u((int) v);
            case Op.V128_LOAD16X4_S:
                return ext16s((int) v);
            case Op.V128_LOAD16X4_U:
                return ext16u((int) v);
            case Op.V128_LOAD32X2_S:
                return (int) v;
            default:
                return v & MASK32;
        }
    }

    // ---- shuffle, splat, lanes ---------------------------------------------------------------

    private static void shuffle(int[] code, int pc, long[] stack, int fp, int d) {
        int a = fp + code[pc + 2];
        int b = fp + code[pc + 3];
        long a0 = stack[a];
        long a1 = stack[a + 1];
        long b0 = stack[b];
        long b1 = stack[b + 1];
        long lo = pick4(code[pc + 4], a0, a1, b0, b1) | pick4(code[pc + 5], a0, a1, b0, b1) << 32;
        long hi = pick4(code[pc + 6], a0, a1, b0, b1) | pick4(code[pc + 7], a0, a1, b0, b1) << 32;
        stack[d] = lo;
        stack[d + 1] = hi;
    }

    /** Four shuffled bytes, their lane indexes packed in lanes (first in the low byte). */
    private static long pick4(int lanes, long a0, long a1, long b0, long b1) {
        return pick(lanes, a0, a1, b0, b1) | pick(lanes >>> 8, a0, a1, b0, b1) << 8
                | pick(lanes >>> 16, a0, a1, b0, b1) << 16 | pick(lanes >>> 24, a0, a1, b0, b1) << 24;
    }

    /** Byte (lane & 31) of the 32 bytes of a then b. */
    private static long pick(int lane, long a0, long a1, long b0, long b1) {
        long word = (lane & 16) == 0 ? ((lane & 8) == 0 ? a0 : a1) : ((lane & 8) == 0 ? b0 : b1);
        return (word >>> ((lane & 7) << 3)) & 0xFF;
    }

    private static void lanes(int op, int[] code, int pc, long[] stack, int fp, int d) {
        int a = fp + code[pc + 2];
        long x = stack[a];
        switch (op) {
            case Op.I8X16_SWIZZLE: {
                long lo = stack[a];
                long hi = stack[a + 1];
                int b = fp + code[pc + 3];
                long i0 = stack[b];
                long i1 = stack[b + 1];
                stack[d] = swizzle(lo, hi, i0);
                stack[d + 1] = swizzle(lo, hi, i1);
                return;
            }
            case Op.I8X16_SPLAT:
                x = (x & 0xFF) * LANES8;
                break;
            case Op.I16X8_SPLAT:
                x = (x & 0xFFFF) * LANES16;
                break;
            case Op.F32X4_SPLAT:
                x = (x & MASK32) * LANES32;
                break;
            case Op.I64X2_SPLAT:
            case Op.F64X2_SPLAT:
                break;
            case Op.I8X16_EXTRACT_LANE_S:
                stack[d] = (byte) half(stack, a, code[pc + 3] * 8);
                return;
            case Op.I8X16_EXTRACT_LANE_U:
                stack[d] = half(stack, a, code[pc + 3] * 8) & 0xFF;
                return;
            case Op.I16X8_EXTRACT_LANE_S:
                stack[d] = (short) half(stack, a, code[pc + 3] * 16);
                return;
            case Op.I16X8_EXTRACT_LANE_U:
                stack[d] = half(stack, a, code[pc + 3] * 16) & 0xFFFF;
                return;
            case Op.F32X4_EXTRACT_LANE:
                stack[d] = half(stack, a, code[pc + 3] * 32) & MASK32;
                return;
            case Op.I64X2_EXTRACT_LANE:
            case Op.F64X2_EXTRACT_LANE:
                stack[d] = stack[a + code[pc + 3]];
                return;
            default: {
                // replace_lane (dst, a, value, lane)
                long lo = stack[a];
                long hi = stack[a + 1];
                long v = stack[fp + code[pc + 3]];
                int lane = code[pc + 4];
                int bits;
                switch (op) {
                    case Op.I8X16_REPLACE_LANE:
                        bits = 8;
                        break;
                    case Op.I16X8_REPLACE_LANE:
                        bits = 16;
                        break;
                    case Op.I32X4_REPLACE_LANE:
                    case Op.F32X4_REPLACE_LANE:
                        bits = 32;
                        break;
                    default:
                        bits = 64;
                        break;
                }
                int bit = lane * bits;
                long mask = bits == 64 ? -1L : (1L << bits) - 1;
                v &= mask;
                if (bit < 64) {
                    lo = (lo & ~(mask << bit)) | (v << bit);
                } else {
                    hi = (hi & ~(mask << (bit - 64))) | (v << (bit - 64));
                }
                stack[d] = lo;
                stack[d + 1] = hi;
                return;
            }
        }
        // splats
        stack[d] = x;
        stack[d + 1] = x;
    }

    /** The v128 at slot a shifted right by bit (0-127): the lane starting at that bit in the low bits. */
    private static long half(long[] stack, int a, int bit) {
        return bit < 64 ? stack[a] >>> bit : stack[a + 1] >>> (bit - 64);
    }

    static long swizzle(long lo, long hi, long indexes) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int index = (int) (indexes >>> i) & 0xFF;
            if (index < 16) {
                long src = index < 8 ? lo : hi;
                r |= ((src >>> ((index & 7) * 8)) & 0xFF) << i;
            }
        }
        return r;
    }

    // ---- unary -----------------------------------------------------------------------------

    private static void unary(int op, long[] stack, int d, long lo, long hi) {
        long rlo;
        long rhi;
        switch (op) {
            case Op.V128_NOT:
                rlo = ~lo;
                rhi = ~hi;
                break;
            case Op.V128_ANY_TRUE:
                stack[d] = lo != 0 || hi != 0 ? 1 : 0;
                return;
            case Op.I8X16_ALL_TRUE:
                stack[d] = !hasZero8(lo) && !hasZero8(hi) ? 1 : 0;
                return;
            case Op.I16X8_ALL_TRUE:
                stack[d] = !hasZero16(lo) && !hasZero16(hi) ? 1 : 0;
                return;
            case Op.I32X4_ALL_TRUE:
                stack[d] = (int) lo != 0 && (lo >>> 32) != 0 && (int) hi != 0 && (hi >>> 32) != 0 ? 1 : 0;
                return;
            case Op.I64X2_ALL_TRUE:
                stack[d] = lo != 0 && hi != 0 ? 1 : 0;
                return;
            case Op.I8X16_BITMASK:
                stack[d] = bitmask(lo, 8) | bitmask(hi, 8) << 8;
                return;
            case Op.I16X8_BITMASK:
                stack[d] = bitmask(lo, 16) | bitmask(hi, 16) << 4;
                return;
            case Op.I32X4_BITMASK:
                stack[d] = bitmask(lo, 32) | bitmask(hi, 32) << 2;
                return;
            case Op.I64X2_BITMASK:
                stack[d] = (lo >>> 63) | (hi >>> 63) << 1;
                return;
            case Op.I16X8_EXTEND_LOW_I8X16_S:
                rlo = ext8s((int) lo);
                rhi = ext8s((int) (lo >>> 32));
                break;
            case Op.I16X8_EXTEND_HIGH_I8X16_S:
                rlo = ext8s((int) hi);
                rhi = ext8s((int) (hi >>> 32));
                break;
            case Op.I16X8_EXTEND_LOW_I8X16_U:
                rlo = ext8u((int) lo);
                rhi = ext8u((int) (lo >>> 32));
                break;
            case Op.I16X8_EXTEND_HIGH_I8X16_U:
                rlo = ext8u((int) hi);
                rhi = ext8u((int) (hi >>> 32));
                break;
            case Op.I32X4_EXTEND_LOW_I16X8_S:
                rlo = ext16s((int) lo);
                rhi = ext16s((int) (lo >>> 32));
                break;
            case Op.I32X4_EXTEND_HIGH_I16X8_S:
                rlo = ext16s((int) hi);
                rhi = ext16s((int) (hi >>> 32));
                break;
            case Op.I32X4_EXTEND_LOW_I16X8_U:
                rlo = ext16u((int) lo);
                rhi = ext16u((int) (lo >>> 32));
                break;
            case Op.I32X4_EXTEND_HIGH_I16X8_U:
                rlo = ext16u((int) hi);
                rhi = ext16u((int) (hi >>> 32));
                break;
            case Op.I64X2_EXTEND_LOW_I32X4_S:
                rlo = (int) lo;
                rhi = lo >> 32;
                break;
            case Op.I64X2_EXTEND_HIGH_I32X4_S:
                rlo = (int) hi;
                rhi = hi >> 32;
                break;
            case Op.I64X2_EXTEND_LOW_I32X4_U:
                rlo = lo & MASK32;
                rhi = lo >>> 32;
                break;
            case Op.I64X2_EXTEND_HIGH_I32X4_U:
                rlo = hi & MASK32;
                rhi = hi >>> 32;
                break;
            case Op.F32X4_DEMOTE_F64X2_ZERO:
                rlo = f32x2((float) d(lo), (float) d(hi));
                rhi = 0;
                break;
            case Op.F64X2_PROMOTE_LOW_F32X4:
                rlo = bits((double) f(lo));
                rhi = bits((double) f(lo >>> 32));
                break;
            case Op.I32X4_TRUNC_SAT_F64X2_S_ZERO:
                rlo = ((int) d(lo) & MASK32) | (long) (int) d(hi) << 32;
                rhi = 0;
                break;
            case Op.I32X4_TRUNC_SAT_F64X2_U_ZERO:
                rlo = (truncSatU(d(lo)) & MASK32) | (long) truncSatU(d(hi)) << 32;
                rhi = 0;
                break;
            case Op.F64X2_CONVERT_LOW_I32X4_S:
                rlo = bits((double) (int) lo);
                rhi = bits((double) (int) (lo >>> 32));
                break;
            case Op.F64X2_CONVERT_LOW_I32X4_U:
                rlo = bits((double) (lo & MASK32));
                rhi = bits((double) (lo >>> 32));
                break;
            default:
                rlo = unaryHalf(op, lo);
                rhi = unaryHalf(op, hi);
                break;
        }
        stack[d] = rlo;
        stack[d + 1] = rhi;
    }

    /** Lane-wise unary ops on one half. */
    static long unaryHalf(int op, long x) {
        switch (op) {
            case Op.I8X16_ABS:
            case Op.I8X16_NEG:
            case Op.I8X16_POPCNT: {
                long r = 0;
                for (int s = 0; s < 64; s += 8) {
                    int v = (byte) (x >>> s);
                    v = op == Op.I8X16_ABS ? Math.abs(v) : op == Op.I8X16_NEG ? -v : Integer.bitCount(v & 0xFF);
                    r |= (v & 0xFFL) << s;
                }
                return r;
            }
            case Op.I16X8_ABS:
            case Op.I16X8_NEG: {
                long r = 0;
                for (int s = 0; s < 64; s += 16) {
                    int v = (short) (x >>> s);
                    v = op == Op.I16X8_ABS ? Math.abs(v) : -v;
                    r |= (v & 0xFFFFL) << s;
                }
                return r;
            }
            case Op.I32X4_ABS:
                return (Math.abs((int) x) & MASK32) | (long) Math.abs((int) (x >>> 32)) << 32;
            case Op.I32X4_NEG:
                return (-(int) x & MASK32) | (long) -(int) (x >>> 32) << 32;
            case Op.I64X2_ABS:
                return Math.abs(x);
            case Op.I64X2_NEG:
                return -x;
            case Op.I16X8_EXTADD_PAIRWISE_I8X16_S:
            case Op.I16X8_EXTADD_PAIRWISE_I8X16_U: {
                long r = 0;
                boolean signed = op == Op.I16X8_EXTADD_PAIRWISE_I8X16_S;
                for (int s = 0; s < 64; s += 16) {
                    int v0 = signed ? (byte) (x >>> s) : (int) (x >>> s) & 0xFF;
                    int v1 = signed ? (byte) (x >>> (s + 8)) : (int) (x >>> (s + 8)) & 0xFF;
                    r |= ((v0 + v1) & 0xFFFFL) << s;
                }
                return r;
            }
            case Op.I32X4_EXTADD_PAIRWISE_I16X8_S:
                return (((short) x + (short) (x >>> 16)) & MASK32)
                        | (long) ((short) (x >>> 32) + (short) (x >>> 48)) << 32;
            case Op.I32X4_EXTADD_PAIRWISE_I16X8_U:
                return ((((int) x & 0xFFFF) + ((int) (x >>> 16) & 0xFFFF)) & MASK32)
                        | (long) (((int) (x >>> 32) & 0xFFFF) + (int) (x >>> 48)) << 32;
            case Op.F32X4_ABS:
                return x & 0x7FFFFFFF7FFFFFFFL;
            case Op.F32X4_NEG:
                return x ^ 0x8000000080000000L;
            case Op.F64X2_ABS:
                return x & Long.MAX_VALUE;
            case Op.F64X2_NEG:
                return x ^ Long.MIN_VALUE;
            case Op.F32X4_SQRT:
                return f32x2((float) Math.sqrt(f(x)), (float) Math.sqrt(f(x >>> 32)));
            case Op.F32X4_CEIL:
                return f32x2(quiet((float) Math.ceil(f(x))), quiet((float) Math.ceil(f(x >>> 32))));
            case Op.F32X4_FLOOR:
                return f32x2(quiet((float) Math.floor(f(x))), quiet((float) Math.floor(f(x >>> 32))));
            case Op.F32X4_TRUNC:
                return f32x2(quiet((float) truncate(f(x))), quiet((float) truncate(f(x >>> 32))));
            case Op.F32X4_NEAREST:
                return f32x2(quiet((float) Math.rint(f(x))), quiet((float) Math.rint(f(x >>> 32))));
            case Op.F64X2_SQRT:
                return bits(Math.sqrt(d(x)));
            case Op.F64X2_CEIL:
                return bits(quiet(Math.ceil(d(x))));
            case Op.F64X2_FLOOR:
                return bits(quiet(Math.floor(d(x))));
            case Op.F64X2_TRUNC:
                return bits(quiet(truncate(d(x))));
            case Op.F64X2_NEAREST:
                return bits(quiet(Math.rint(d(x))));
            case Op.I32X4_TRUNC_SAT_F32X4_S:
                // Java's narrowing saturates and maps NaN to 0, as trunc_sat wants.
                return ((int) f(x) & MASK32) | (long) (int) f(x >>> 32) << 32;
            case Op.I32X4_TRUNC_SAT_F32X4_U:
                return (truncSatU(f(x)) & MASK32) | (long) truncSatU(f(x >>> 32)) << 32;
            case Op.F32X4_CONVERT_I32X4_S:
                return f32x2((float) (int) x, (float) (int) (x >>> 32));
            case Op.F32X4_CONVERT_I32X4_U:
                return f32x2((float) (x & MASK32), (float) (x >>> 32));
            default:
                throw new IllegalStateException("no vector op " + Op.name(op));
        }
    }

    // ---- binary ----------------------------------------------------------------------------

    private static void binary(int op, long[] stack, int d, long alo, long ahi, long blo, long bhi) {
        long rlo;
        long rhi;
        switch (op) {
            case Op.V128_AND:
                rlo = alo & blo;
                rhi = ahi & bhi;
                break;
            case Op.V128_ANDNOT:
                rlo = alo & ~blo;
                rhi = ahi & ~bhi;
                break;
            case Op.V128_OR:
                rlo = alo | blo;
                rhi = ahi | bhi;
                break;
            case Op.V128_XOR:
                rlo = alo ^ blo;
                rhi = ahi ^ bhi;
                break;
            case Op.I8X16_NARROW_I16X8_S:
            case Op.I8X16_NARROW_I16X8_U: {
                boolean signed = op == Op.I8X16_NARROW_I16X8_S;
                rlo = narrow16(alo, signed) | narrow16(ahi, signed) << 32;
                rhi = narrow16(blo, signed) | narrow16(bhi, signed) << 32;
                break;
            }
            case Op.I16X8_NARROW_I32X4_S:
            case Op.I16X8_NARROW_I32X4_U: {
                boolean signed = op == Op.I16X8_NARROW_I32X4_S;
                rlo = narrow32(alo, signed) | narrow32(ahi, signed) << 32;
                rhi = narrow32(blo, signed) | narrow32(bhi, signed) << 32;
                break;
            }
            case Op.I16X8_EXTMUL_LOW_I8X16_S:
                rlo = mul16(ext8s((int) alo), ext8s((int) blo));
                rhi = mul16(ext8s((int) (alo >>> 32)), ext8s((int) (blo >>> 32)));
                break;
            case Op.I16X8_EXTMUL_HIGH_I8X16_S:
                rlo = mul16(ext8s((int) ahi), ext8s((int) bhi));
                rhi = mul16(ext8s((int) (ahi >>> 32)), ext8s((int) (bhi >>> 32)));
                break;
            case Op.I16X8_EXTMUL_LOW_I8X16_U:
                rlo = mul16(ext8u((int) alo), ext8u((int) blo));
                rhi = mul16(ext8u((int) (alo >>> 32)), ext8u((int) (blo >>> 32)));
                break;
            case Op.I16X8_EXTMUL_HIGH_I8X16_U:
                rlo = mul16(ext8u((int) ahi), ext8u((int) bhi));
                rhi = mul16(ext8u((int) (ahi >>> 32)), ext8u((int) (bhi >>> 32)));
                break;
            case Op.I32X4_EXTMUL_LOW_I16X8_S:
                rlo = mul32(ext16s((int) alo), ext16s((int) blo));
                rhi = mul32(ext16s((int) (alo >>> 32)), ext16s((int) (blo >>> 32)));
                break;
            case Op.I32X4_EXTMUL_HIGH_I16X8_S:
                rlo = mul32(ext16s((int) ahi), ext16s((int) bhi));
                rhi = mul32(ext16s((int) (ahi >>> 32)), ext16s((int) (bhi >>> 32)));
                break;
            case Op.I32X4_EXTMUL_LOW_I16X8_U:
                rlo = mul32(ext16u((int) alo), ext16u((int) blo));
                rhi = mul32(ext16u((int) (alo >>> 32)), ext16u((int) (blo >>> 32)));
                break;
            case Op.I32X4_EXTMUL_HIGH_I16X8_U:
                rlo = mul32(ext16u((int) ahi), ext16u((int) bhi));
                rhi = mul32(ext16u((int) (ahi >>> 32)), ext16u((int) (bhi >>> 32)));
                break;
            case Op.I64X2_EXTMUL_LOW_I32X4_S:
                rlo = (long) (int) alo * (int) blo;
                rhi = (alo >> 32) * (blo >> 32);
                break;
            case Op.I64X2_EXTMUL_HIGH_I32X4_S:
                rlo = (long) (int) ahi * (int) bhi;
                rhi = (ahi >> 32) * (bhi >> 32);
                break;
            case Op.I64X2_EXTMUL_LOW_I32X4_U:
                rlo = (alo & MASK32) * (blo & MASK32);
                rhi = (alo >>> 32) * (blo >>> 32);
                break;
            case Op.I64X2_EXTMUL_HIGH_I32X4_U:
                rlo = (ahi & MASK32) * (bhi & MASK32);
                rhi = (ahi >>> 32) * (bhi >>> 32);
                break;
            default:
                rlo = binaryHalf(op, alo, blo);
                rhi = binaryHalf(op, ahi, bhi);
                break;
        }
        stack[d] = rlo;
        stack[d + 1] = rhi;
    }

    /** Lane-wise binary ops on one half, by lane shape. */
    static long binaryHalf(int op, long a, long b) {
        if (op >= Op.I8X16_EQ && op <= Op.I8X16_GE_U || op >= Op.I8X16_ADD && op <= Op.I8X16_AVGR_U) {
            return i8(op, a, b);
        }
        if (op >= Op.I16X8_EQ && op <= Op.I16X8_GE_U || op >= Op.I16X8_Q15MULR_SAT_S && op <= Op.I16X8_AVGR_U) {
            return i16(op, a, b);
        }
        if (op >= Op.I32X4_EQ && op <= Op.I32X4_GE_U || op >= Op.I32X4_ADD && op <= Op.I32X4_DOT_I16X8_S) {
            return i32(op, a, b);
        }
        if (op >= Op.F32X4_EQ && op <= Op.F32X4_GE || op >= Op.F32X4_ADD && op <= Op.F32X4_PMAX) {
            return f32(op, a, b);
        }
        if (op >= Op.F64X2_EQ && op <= Op.F64X2_GE || op >= Op.F64X2_ADD && op <= Op.F64X2_PMAX) {
            return f64(op, a, b);
        }
        return i64(op, a, b);
    }

    private static long i8(int op, long a, long b) {
        switch (op) {
            case Op.I8X16_ADD:
                return ((a & ~HIGH8) + (b & ~HIGH8)) ^ ((a ^ b) & HIGH8);
            case Op.I8X16_SUB:
                return ((a | HIGH8) - (b & ~HIGH8)) ^ ((a ^ ~b) & HIGH8);
            default:
                break;
        }
        long r = 0;
        for (int s = 0; s < 64; s += 8) {
            int x = (byte) (a >>> s);
            int y = (byte) (b >>> s);
            int xu = x & 0xFF;
            int yu = y & 0xFF;
            int v;
            switch (op) {
                case Op.I8X16_EQ: v = x == y ? -1 : 0; break;
                case Op.I8X16_NE: v = x != y ? -1 : 0; break;
                case Op.I8X16_LT_S: v = x < y ? -1 : 0; break;
                case Op.I8X16_LT_U: v = xu < yu ? -1 : 0; break;
                case Op.I8X16_GT_S: v = x > y ? -1 : 0; break;
                case Op.I8X16_GT_U: v = xu > yu ? -1 : 0; break;
                case Op.I8X16_LE_S: v = x <= y ? -1 : 0; break;
                case Op.I8X16_LE_U: v = xu <= yu ? -1 : 0; break;
                case Op.I8X16_GE_S: v = x >= y ? -1 : 0; break;
                case Op.I8X16_GE_U: v = xu >= yu ? -1 : 0; break;
                case Op.I8X16_ADD_SAT_S: v = clamp(x + y, -128, 127); break;
                case Op.I8X16_ADD_SAT_U: v = Math.min(xu + yu, 255); break;
                case Op.I8X16_SUB_SAT_S: v = clamp(x - y, -128, 127); break;
                case Op.I8X16_SUB_SAT_U: v = Math.max(xu - yu, 0); break;
                case Op.I8X16_MIN_S: v = Math.min(x, y); break;
                case Op.I8X16_MIN_U: v = Math.min(xu, yu); break;
                case Op.I8X16_MAX_S: v = Math.max(x, y); break;
                case Op.I8X16_MAX_U: v = Math.max(xu, yu); break;
                case Op.I8X16_AVGR_U: v = (xu + yu + 1) >>> 1; break;
                default: throw new IllegalStateException("no vector op " + Op.name(op));
            }
            r |= (v & 0xFFL) << s;
        }
        return r;
    }

    private static long i16(int op, long a, long b) {
        switch (op) {
            case Op.I16X8_ADD:
                return add16(a, b);
            case Op.I16X8_SUB:
                return ((a | HIGH16) - (b & ~HIGH16)) ^ ((a ^ ~b) & HIGH16);
            case Op.I16X8_MUL:
                return mul16(a, b);
            default:
                break;
        }
        long r = 0;
        for (int s = 0; s < 64; s += 16) {
            int x = (short) (a >>> s);
            int y = (short) (b >>> s);
            int xu = x & 0xFFFF;
            int yu = y & 0xFFFF;
            int v;
            switch (op) {
                case Op.I16X8_EQ: v = x == y ? -1 : 0; break;
                case Op.I16X8_NE: v = x != y ? -1 : 0; break;
                case Op.I16X8_LT_S: v = x < y ? -1 : 0; break;
                case Op.I16X8_LT_U: v = xu < yu ? -1 : 0; break;
                case Op.I16X8_GT_S: v = x > y ? -1 : 0; break;
                case Op.I16X8_GT_U: v = xu > yu ? -1 : 0; break;
                case Op.I16X8_LE_S: v = x <= y ? -1 : 0; break;
                case Op.I16X8_LE_U: v = xu <= yu ? -1 : 0; break;
                case Op.I16X8_GE_S: v = x >= y ? -1 : 0; break;
                case Op.I16X8_GE_U: v = xu >= yu ? -1 : 0; break;
                case Op.I16X8_ADD_SAT_S: v = clamp(x + y, -32768, 32767); break;
                case Op.I16X8_ADD_SAT_U: v = Math.min(xu + yu, 65535); break;
                case Op.I16X8_SUB_SAT_S: v = clamp(x - y, -32768, 32767); break;
                case Op.I16X8_SUB_SAT_U: v = Math.max(xu - yu, 0); break;
                case Op.I16X8_MIN_S: v = Math.min(x, y); break;
                case Op.I16X8_MIN_U: v = Math.min(xu, yu); break;
                case Op.I16X8_MAX_S: v = Math.max(x, y); break;
                case Op.I16X8_MAX_U: v = Math.max(xu, yu); break;
                case Op.I16X8_AVGR_U: v = (xu + yu + 1) >>> 1; break;
                case Op.I16X8_Q15MULR_SAT_S: v = clamp((x * y + 0x4000) >> 15, -32768, 32767); break;
                default: throw new IllegalStateException("no vector op " + Op.name(op));
            }
            r |= (v & 0xFFFFL) << s;
        }
        return r;
    }

    private static long i32(int op, long a, long b) {
        if (op == Op.I32X4_ADD) {
            return add32(a, b);
        }
        int x0 = (int) a;
        int x1 = (int) (a >>> 32);
        int y0 = (int) b;
        int y1 = (int) (b >>> 32);
        int v0;
        int v1;
        switch (op) {
            case Op.I32X4_SUB: v0 = x0 - y0; v1 = x1 - y1; break;
            case Op.I32X4_MUL: v0 = x0 * y0; v1 = x1 * y1; break;
            case Op.I32X4_EQ: v0 = x0 == y0 ? -1 : 0; v1 = x1 == y1 ? -1 : 0; break;
            case Op.I32X4_NE: v0 = x0 != y0 ? -1 : 0; v1 = x1 != y1 ? -1 : 0; break;
            case Op.I32X4_LT_S: v0 = x0 < y0 ? -1 : 0; v1 = x1 < y1 ? -1 : 0; break;
            case Op.I32X4_LT_U: v0 = ltU(x0, y0); v1 = ltU(x1, y1); break;
            case Op.I32X4_GT_S: v0 = x0 > y0 ? -1 : 0; v1 = x1 > y1 ? -1 : 0; break;
            case Op.I32X4_GT_U: v0 = ltU(y0, x0); v1 = ltU(y1, x1); break;
            case Op.I32X4_LE_S: v0 = x0 <= y0 ? -1 : 0; v1 = x1 <= y1 ? -1 : 0; break;
            case Op.I32X4_LE_U: v0 = ~ltU(y0, x0); v1 = ~ltU(y1, x1); break;
            case Op.I32X4_GE_S: v0 = x0 >= y0 ? -1 : 0; v1 = x1 >= y1 ? -1 : 0; break;
            case Op.I32X4_GE_U: v0 = ~ltU(x0, y0); v1 = ~ltU(x1, y1); break;
            case Op.I32X4_MIN_S: v0 = Math.min(x0, y0); v1 = Math.min(x1, y1); break;
            case Op.I32X4_MIN_U: v0 = ltU(x0, y0) != 0 ? x0 : y0; v1 = ltU(x1, y1) != 0 ? x1 : y1; break;
            case Op.I32X4_MAX_S: v0 = Math.max(x0, y0); v1 = Math.max(x1, y1); break;
            case Op.I32X4_MAX_U: v0 = ltU(x0, y0) != 0 ? y0 : x0; v1 = ltU(x1, y1) != 0 ? y1 : x1; break;
            case Op.I32X4_DOT_I16X8_S: {
                // One i32 lane from two i16 pairs: (a0*b0 + a1*b1), (a2*b2 + a3*b3).
                v0 = (short) x0 * (short) y0 + (x0 >> 16) * (y0 >> 16);
                v1 = (short) x1 * (short) y1 + (x1 >> 16) * (y1 >> 16);
                break;
            }
            default: throw new IllegalStateException("no vector op " + Op.name(op));
        }
        return (v0 & MASK32) | (long) v1 << 32;
    }

    private static long i64(int op, long x, long y) {
        switch (op) {
            case Op.I64X2_ADD: return x + y;
            case Op.I64X2_SUB: return x - y;
            case Op.I64X2_MUL: return x * y;
            case Op.I64X2_EQ: return x == y ? -1L : 0;
            case Op.I64X2_NE: return x != y ? -1L : 0;
            case Op.I64X2_LT_S: return x < y ? -1L : 0;
            case Op.I64X2_GT_S: return x > y ? -1L : 0;
            case Op.I64X2_LE_S: return x <= y ? -1L : 0;
            case Op.I64X2_GE_S: return x >= y ? -1L : 0;
            default: throw new IllegalStateException("no vector op " + Op.name(op));
        }
    }

    private static long f32(int op, long a, long b) {
        return (f32lane(op, f(a), f(b)) & MASK32) | (long) f32lane(op, f(a >>> 32), f(b >>> 32)) << 32;
    }

    /** One f32 lane: the result bits (comparisons give all ones or zero). */
    private static int f32lane(int op, float x, float y) {
        switch (op) {
            case Op.F32X4_EQ: return x == y ? -1 : 0;
            case Op.F32X4_NE: return x != y ? -1 : 0;
            case Op.F32X4_LT: return x < y ? -1 : 0;
            case Op.F32X4_GT: return x > y ? -1 : 0;
            case Op.F32X4_LE: return x <= y ? -1 : 0;
            case Op.F32X4_GE: return x >= y ? -1 : 0;
            case Op.F32X4_ADD: return Float.floatToRawIntBits(x + y);
            case Op.F32X4_SUB: return Float.floatToRawIntBits(x - y);
            case Op.F32X4_MUL: return Float.floatToRawIntBits(x * y);
            case Op.F32X4_DIV: return Float.floatToRawIntBits(x / y);
            case Op.F32X4_MIN: return Float.floatToRawIntBits(x != x || y != y ? x + y : Math.min(x, y));
            case Op.F32X4_MAX: return Float.floatToRawIntBits(x != x || y != y ? x + y : Math.max(x, y));
            // pmin/pmax (spec 4.3.3 fpmin/fpmax): b < a ? b : a, a < b ? b : a, bits as they are.
            case Op.F32X4_PMIN: return Float.floatToRawIntBits(y < x ? y : x);
            case Op.F32X4_PMAX: return Float.floatToRawIntBits(x < y ? y : x);
            default: throw new IllegalStateException("no vector op " + Op.name(op));
        }
    }

    private static long f64(int op, long a, long b) {
        double x = d(a);
        double y = d(b);
        switch (op) {
            case Op.F64X2_EQ: return x == y ? -1L : 0;
            case Op.F64X2_NE: return x != y ? -1L : 0;
            case Op.F64X2_LT: return x < y ? -1L : 0;
            case Op.F64X2_GT: return x > y ? -1L : 0;
            case Op.F64X2_LE: return x <= y ? -1L : 0;
            case Op.F64X2_GE: return x >= y ? -1L : 0;
            case Op.F64X2_ADD: return bits(x + y);
            case Op.F64X2_SUB: return bits(x - y);
            case Op.F64X2_MUL: return bits(x * y);
            case Op.F64X2_DIV: return bits(x / y);
            case Op.F64X2_MIN: return bits(x != x || y != y ? x + y : Math.min(x, y));
            case Op.F64X2_MAX: return bits(x != x || y != y ? x + y : Math.max(x, y));
            case Op.F64X2_PMIN: return y < x ? b : a;
            case Op.F64X2_PMAX: return x < y ? b : a;
            default: throw new IllegalStateException("no vector op " + Op.name(op));
        }
    }

    // ---- shifts ----------------------------------------------------------------------------

    /** Lane-wise shift of one half; the count is taken modulo the lane width (spec ishl, ishr). */
    static long shift(int op, long x, int count) {
        switch (op) {
            case Op.I64X2_SHL: return x << count;
            case Op.I64X2_SHR_S: return x >> count;
            case Op.I64X2_SHR_U: return x >>> count;
            case Op.I32X4_SHL: return (((int) x << count) & MASK32) | (long) ((int) (x >>> 32) << count) << 32;
            case Op.I32X4_SHR_S: return (((int) x >> count) & MASK32) | (long) ((int) (x >>> 32) >> count) << 32;
            case Op.I32X4_SHR_U: return (((int) x >>> count) & MASK32) | (long) ((int) (x >>> 32) >>> count) << 32;
            default: break;
        }
        long r = 0;
        if (op == Op.I16X8_SHL || op == Op.I16X8_SHR_S || op == Op.I16X8_SHR_U) {
            int c = count & 15;
            for (int s = 0; s < 64; s += 16) {
                int v = (short) (x >>> s);
                v = op == Op.I16X8_SHL ? v << c : op == Op.I16X8_SHR_S ? v >> c : (v & 0xFFFF) >>> c;
                r |= (v & 0xFFFFL) << s;
            }
            return r;
        }
        int c = count & 7;
        for (int s = 0; s < 64; s += 8) {
            int v = (byte) (x >>> s);
            v = op == Op.I8X16_SHL ? v << c : op == Op.I8X16_SHR_S ? v >> c : (v & 0xFF) >>> c;
            r |= (v & 0xFFL) << s;
        }
        return r;
    }

    // ---- lane helpers ----------------------------------------------------------------------

    private static long add16(long a, long b) {
        return ((a & ~HIGH16) + (b & ~HIGH16)) ^ ((a ^ b) & HIGH16);
    }

    private static long sub32(long a, long b) {
        return ((a - b) & MASK32) | ((a >>> 32) - (b >>> 32)) << 32;
    }

    private static long add32(long a, long b) {
        return ((a + b) & MASK32) | ((a >>> 32) + (b >>> 32)) << 32;
    }

    private static long mul16(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 16) {
            r |= (((a >>> s) * (b >>> s)) & 0xFFFFL) << s;
        }
        return r;
    }

    private static long mul32(long a, long b) {
        return (((int) a * (int) b) & MASK32) | (long) ((int) (a >>> 32) * (int) (b >>> 32)) << 32;
    }

    /** Four signed bytes to four i16 lanes. */
    private static long ext8s(int x) {
        return ((byte) x & 0xFFFFL) | ((byte) (x >> 8) & 0xFFFFL) << 16
                | ((byte) (x >> 16) & 0xFFFFL) << 32 | (long) (byte) (x >> 24) << 48;
    }

    private static long ext8u(int x) {
        return (x & 0xFFL) | (x & 0xFF00L) << 8 | (x & 0xFF0000L) << 16 | ((x >>> 24) & 0xFFL) << 48;
    }

    /** Two signed i16 to two i32 lanes. */
    private static long ext16s(int x) {
        return ((short) x & MASK32) | (long) (x >> 16) << 32;
    }

    private static long ext16u(int x) {
        return (x & 0xFFFFL) | (long) (x >>> 16) << 32;
    }

    /** Four i16 lanes narrowed with saturation to four bytes (the low 32 bits of the result). */
    private static long narrow16(long x, boolean signed) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            int v = (short) (x >>> (i * 16));
            v = signed ? clamp(v, -128, 127) : clamp(v, 0, 255);
            r |= (v & 0xFFL) << (i * 8);
        }
        return r;
    }

    /** Two i32 lanes narrowed with saturation to two i16 (the low 32 bits of the result). */
    private static long narrow32(long x, boolean signed) {
        int v0 = (int) x;
        int v1 = (int) (x >>> 32);
        v0 = signed ? clamp(v0, -32768, 32767) : clamp(v0, 0, 65535);
        v1 = signed ? clamp(v1, -32768, 32767) : clamp(v1, 0, 65535);
        return (v0 & 0xFFFFL) | (v1 & 0xFFFFL) << 16;
    }

    private static boolean hasZero8(long x) {
        return ((x - LANES8) & ~x & HIGH8) != 0;
    }

    private static boolean hasZero16(long x) {
        return ((x - LANES16) & ~x & HIGH16) != 0;
    }

    /** The top bits of the lanes of one half, lane 0 in bit 0. */
    private static long bitmask(long x, int bits) {
        long r = 0;
        for (int i = 0, s = bits - 1; s < 64; i++, s += bits) {
            r |= ((x >>> s) & 1) << i;
        }
        return r;
    }

    private static int clamp(int v, int low, int high) {
        return v < low ? low : v > high ? high : v;
    }

    /** Unsigned less-than as a lane mask. */
    private static int ltU(int x, int y) {
        return (x ^ Integer.MIN_VALUE) < (y ^ Integer.MIN_VALUE) ? -1 : 0;
    }

    private static int truncSatU(double v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 4294967295.0 ? -1 : (int) (long) v;
    }

    private static double truncate(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    /** Java's rounding methods return a NaN as it is, signalling ones too; wasm wants a quiet NaN. */
    private static float quiet(float v) {
        return v != v ? v + v : v;
    }

    private static double quiet(double v) {
        return v != v ? v + v : v;
    }

    private static float f(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long f32x2(float low, float high) {
        return (Float.floatToRawIntBits(low) & MASK32) | (long) Float.floatToRawIntBits(high) << 32;
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }
}
