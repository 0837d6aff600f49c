package dev.weir.core;

import dev.weir.core.module.TrapException;
import dev.weir.core.internal.compile.Op;

import java.util.Arrays;

/**
 * The interpreter's rare instructions, kept out of {@link Interpreter}'s loop so that it stays
 * small and calls nothing (the loop leaves to its driver, which runs them here): tables and
 * references, bulk memory, division, rare compares and shifts, float rounding and min/max, and
 * the conversions with traps or special rounding (spec 4.3). Also the driver's helpers for host
 * calls and for unwinding after a trap. All are static and allocate nothing unless they trap.
 */
final class Instructions {
    private static final long MASK32 = 0xFFFFFFFFL;
    /** 2^63 and 2^64 as doubles, the bounds of the unsigned 64-bit conversions. */
    private static final double TWO_63 = 9.223372036854775808E18;
    private static final double TWO_64 = 1.8446744073709551616E19;

    private Instructions() {
    }

    /** Executes the rare instruction at pc; returns the next pc. */
    static int execute(Store store, Instance inst, long[] stack, int fp, int[] code, int pc) {
        int op = code[pc];
        switch (op) {
            case Op.TABLE_GET: {
                Table table = inst.tables[code[pc + 2]];
                int i = (int) stack[fp + code[pc + 3]];
                if (i < 0 || i >= table.size) {
                    throw Table.outOfBounds();
                }
                stack[fp + code[pc + 1]] = table.elements[i];
                return pc + 4;
            }
            case Op.TABLE_SET: {
                Table table = inst.tables[code[pc + 1]];
                int i = (int) stack[fp + code[pc + 2]];
                if (i < 0 || i >= table.size) {
                    throw Table.outOfBounds();
                }
                table.elements[i] = stack[fp + code[pc + 3]];
                return pc + 4;
            }
            case Op.TABLE_SIZE:
                stack[fp + code[pc + 1]] = inst.tables[code[pc + 2]].size;
                return pc + 3;
            case Op.TABLE_GROW:
                stack[fp + code[pc + 1]] = inst.tables[code[pc + 2]].grow((int) stack[fp + code[pc + 4]],
                        stack[fp + code[pc + 3]]);
                return pc + 5;
            case Op.TABLE_FILL: {
                Table table = inst.tables[code[pc + 1]];
                long i = stack[fp + code[pc + 2]] & MASK32;
                long n = stack[fp + code[pc + 4]] & MASK32;
                if (i + n > table.size) {
                    throw Table.outOfBounds();
                }
                Arrays.fill(table.elements, (int) i, (int) (i + n), stack[fp + code[pc + 3]]);
                return pc + 5;
            }
            case Op.TABLE_COPY: {
                Table dst = inst.tables[code[pc + 1]];
                Table src = inst.tables[code[pc + 2]];
                long d = stack[fp + code[pc + 3]] & MASK32;
                long s = stack[fp + code[pc + 4]] & MASK32;
                long n = stack[fp + code[pc + 5]] & MASK32;
                if (s + n > src.size || d + n > dst.size) {
                    throw Table.outOfBounds();
                }
                System.arraycopy(src.elements, (int) s, dst.elements, (int) d, (int) n);
                return pc + 6;
            }
            case Op.TABLE_INIT: {
                Table table = inst.tables[code[pc + 1]];
                long[] segment = inst.elements[code[pc + 2]];
                long d = stack[fp + code[pc + 3]] & MASK32;
                long s = stack[fp + code[pc + 4]] & MASK32;
                long n = stack[fp + code[pc + 5]] & MASK32;
                tableInit(table, segment, d, s, n);
                return pc + 6;
            }
            case Op.ELEM_DROP:
                inst.elements[code[pc + 1]] = Instance.DROPPED_ELEMENTS;
                return pc + 2;
            case Op.REF_FUNC:
                stack[fp + code[pc + 1]] = inst.functions[code[pc + 2]].id + 1L;
                return pc + 3;
            case Op.MEMORY_FILL:
                memoryFill(inst.memory.array(), inst.memory.size(), stack[fp + code[pc + 1]],
                        stack[fp + code[pc + 2]], stack[fp + code[pc + 3]]);
                return pc + 4;
            case Op.MEMORY_COPY:
                memoryCopy(inst.memory.array(), inst.memory.size(), stack[fp + code[pc + 1]],
                        stack[fp + code[pc + 2]], stack[fp + code[pc + 3]]);
                return pc + 4;
            case Op.MEMORY_INIT: {
                byte[] segment = inst.data[code[pc + 1]];
                long d = stack[fp + code[pc + 2]] & MASK32;
                long s = stack[fp + code[pc + 3]] & MASK32;
                long n = stack[fp + code[pc + 4]] & MASK32;
                memoryInit(inst.memory, segment, d, s, n);
                return pc + 5;
            }
            case Op.DATA_DROP:
                inst.data[code[pc + 1]] = Instance.DROPPED_DATA;
                return pc + 2;
            case Op.MEMORY_SIZE:
                stack[fp + code[pc + 1]] = inst.memory.pages();
                return pc + 2;
            case Op.I64_LOAD32_S: {
                long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                if (ea + 4 > inst.memory.size()) {
                    throw Memory.outOfBounds();
                }
                stack[fp + code[pc + 1]] = Memory.getInt(inst.memory.array(), (int) ea);
                return pc + 4;
            }
            case Op.I64_LOAD32_U: {
                long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                if (ea + 4 > inst.memory.size()) {
                    throw Memory.outOfBounds();
                }
                stack[fp + code[pc + 1]] = Memory.getInt(inst.memory.array(), (int) ea) & MASK32;
                return pc + 4;
            }
            case Op.I64_AND_I:
                stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] & code[pc + 3];
                return pc + 4;
            case Op.I64_SHL_I:
                stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] << code[pc + 3];
                return pc + 4;
            case Op.I64_SHR_S_I:
                stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] >> code[pc + 3];
                return pc + 4;
            case Op.I64_SHR_U_I:
                stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] >>> code[pc + 3];
                return pc + 4;
            default: {
                // Unary (dst, a) or binary (dst, a, b), all operands slots.
                int length = Op.length(code, pc);
                long b = length == 4 ? stack[fp + code[pc + 3]] : 0;
                stack[fp + code[pc + 1]] = numeric(op, stack[fp + code[pc + 2]], b);
                return pc + length;
            }
        }
    }

    /**
     * The numeric instructions of the form (dst, a) or (dst, a, b) that the loop leaves to the
     * driver, and that JVM bytecode ({@link JitCode#numeric}) calls out to: the result slot of
     * op applied to the slot values a and b (b is 0 for unary instructions).
     */
    static long numeric(int op, long a, long b) {
        switch (op) {
            case Op.I32_DIV_S: {
                int x = (int) a;
                int y = (int) b;
                if (y == 0 || (y == -1 && x == Integer.MIN_VALUE)) {
                    throw divideTrap(y);
                }
                return x / y;
            }
            case Op.I32_DIV_U: {
                long y = b & MASK32;
                if (y == 0) {
                    throw divideTrap(0);
                }
                return (int) ((a & MASK32) / y);
            }
            case Op.I32_REM_S: {
                int y = (int) b;
                if (y == 0) {
                    throw divideTrap(0);
                }
                // Java's MIN_VALUE % -1 is 0, as wasm wants.
                return (int) a % y;
            }
            case Op.I32_REM_U: {
                long y = b & MASK32;
                if (y == 0) {
                    throw divideTrap(0);
                }
                return (int) ((a & MASK32) % y);
            }
            case Op.I32_LE_S:
                return (int) a <= (int) b ? 1 : 0;
            case Op.I32_LE_U:
                return (int) a + Integer.MIN_VALUE
                        <= (int) b + Integer.MIN_VALUE ? 1 : 0;
            case Op.I32_GE_S:
                return (int) a >= (int) b ? 1 : 0;
            case Op.I32_GE_U:
                return (int) a + Integer.MIN_VALUE
                        >= (int) b + Integer.MIN_VALUE ? 1 : 0;
            case Op.I32_ROTR:
                return Integer.rotateRight((int) a, (int) b);
            case Op.I64_SHR_S:
                return a >> b;
            case Op.F32_SQRT:
                return f32Bits((float) Math.sqrt(f32(a)));
            case Op.F32_DIV:
                return f32Bits(f32(a) / f32(b));
            case Op.F64_SQRT:
                return f64Bits(Math.sqrt(f64(a)));
            case Op.F64_DIV:
                return f64Bits(f64(a) / f64(b));
            case Op.I64_EQ:
                return a == b ? 1 : 0;
            case Op.I64_NE:
                return a != b ? 1 : 0;
            case Op.I64_LT_S:
                return a < b ? 1 : 0;
            case Op.I64_LT_U:
                return a + Long.MIN_VALUE < b + Long.MIN_VALUE ? 1 : 0;
            case Op.I64_GT_S:
                return a > b ? 1 : 0;
            case Op.I64_GT_U:
                return a + Long.MIN_VALUE > b + Long.MIN_VALUE ? 1 : 0;
            case Op.F32_EQ:
                return f32(a) == f32(b) ? 1 : 0;
            case Op.F32_NE:
                return f32(a) != f32(b) ? 1 : 0;
            case Op.F32_LT:
                return f32(a) < f32(b) ? 1 : 0;
            case Op.F32_GT:
                return f32(a) > f32(b) ? 1 : 0;
            case Op.F32_LE:
                return f32(a) <= f32(b) ? 1 : 0;
            case Op.F32_GE:
                return f32(a) >= f32(b) ? 1 : 0;
            case Op.F64_EQ:
                return f64(a) == f64(b) ? 1 : 0;
            case Op.F64_NE:
                return f64(a) != f64(b) ? 1 : 0;
            case Op.F64_LT:
                return f64(a) < f64(b) ? 1 : 0;
            case Op.F64_GT:
                return f64(a) > f64(b) ? 1 : 0;
            case Op.F64_LE:
                return f64(a) <= f64(b) ? 1 : 0;
            case Op.F64_GE:
                return f64(a) >= f64(b) ? 1 : 0;
            case Op.I64_LE_S:
                return a <= b ? 1 : 0;
            case Op.I64_LE_U:
                return a + Long.MIN_VALUE
                                <= b + Long.MIN_VALUE ? 1 : 0;
            case Op.I64_GE_S:
                return a >= b ? 1 : 0;
            case Op.I64_GE_U:
                return a + Long.MIN_VALUE
                                >= b + Long.MIN_VALUE ? 1 : 0;
            case Op.I32_CLZ:
                return Integer.numberOfLeadingZeros((int) a);
            case Op.I32_CTZ:
                return Integer.numberOfTrailingZeros((int) a);
            case Op.I32_POPCNT:
                return Integer.bitCount((int) a);
            case Op.I64_CLZ:
                return Long.numberOfLeadingZeros(a);
            case Op.I64_CTZ:
                return Long.numberOfTrailingZeros(a);
            case Op.I64_POPCNT:
                return Long.bitCount(a);
            case Op.F32_ABS:
                return a & 0x7FFFFFFFL;
            case Op.F32_NEG:
                return a ^ 0x80000000L;
            case Op.F64_ABS:
                return a & Long.MAX_VALUE;
            case Op.F64_NEG:
                return a ^ Long.MIN_VALUE;
            case Op.F64_CONVERT_I32_S:
                return f64Bits((double) (int) a);
            case Op.F64_PROMOTE_F32:
                return f64Bits((double) f32(a));
            case Op.F32_DEMOTE_F64:
                return f32Bits((float) f64(a));
            case Op.I64_DIV_S: {
                if (b == 0 || (b == -1 && a == Long.MIN_VALUE)) {
                    throw divideTrap(b == 0 ? 0 : 1);
                }
                return a / b;
            }
            case Op.I64_DIV_U: {
                if (b == 0) {
                    throw divideTrap(0);
                }
                return divideUnsigned(a, b);
            }
            case Op.I64_REM_S: {
                if (b == 0) {
                    throw divideTrap(0);
                }
                return a % b;
            }
            case Op.I64_REM_U: {
                if (b == 0) {
                    throw divideTrap(0);
                }
                return a - divideUnsigned(a, b) * b;
            }
            case Op.I64_ROTL:
                return Long.rotateLeft(a, (int) b);
            case Op.I64_ROTR:
                return Long.rotateRight(a, (int) b);
            case Op.F32_CEIL:
                return f32Bits(quiet((float) Math.ceil(f32(a))));
            case Op.F32_FLOOR:
                return f32Bits(quiet((float) Math.floor(f32(a))));
            case Op.F32_TRUNC:
                return f32Bits(quiet((float) truncate(f32(a))));
            case Op.F32_NEAREST:
                return f32Bits(quiet((float) Math.rint(f32(a))));
            case Op.F32_MIN:
                return f32Bits(min(f32(a), f32(b)));
            case Op.F32_MAX:
                return f32Bits(max(f32(a), f32(b)));
            case Op.F32_COPYSIGN:
                return (a & 0x7FFFFFFFL) | (b & 0x80000000L);
            case Op.F64_CEIL:
                return f64Bits(quiet(Math.ceil(f64(a))));
            case Op.F64_FLOOR:
                return f64Bits(quiet(Math.floor(f64(a))));
            case Op.F64_TRUNC:
                return f64Bits(quiet(truncate(f64(a))));
            case Op.F64_NEAREST:
                return f64Bits(quiet(Math.rint(f64(a))));
            case Op.F64_MIN:
                return f64Bits(min(f64(a), f64(b)));
            case Op.F64_MAX:
                return f64Bits(max(f64(a), f64(b)));
            case Op.F64_COPYSIGN:
                return (a & Long.MAX_VALUE) | (b & Long.MIN_VALUE);
            case Op.I32_TRUNC_F32_S:
                return truncI32(f32(a), -2147483649.0, 2147483648.0);
            case Op.I32_TRUNC_F32_U:
                return truncI32U(f32(a));
            case Op.I32_TRUNC_F64_S:
                return truncI32(f64(a), -2147483649.0, 2147483648.0);
            case Op.I32_TRUNC_F64_U:
                return truncI32U(f64(a));
            case Op.I64_TRUNC_F32_S:
                return truncI64(f32(a));
            case Op.I64_TRUNC_F32_U:
                return truncI64U(f32(a));
            case Op.I64_TRUNC_F64_S:
                return truncI64(f64(a));
            case Op.I64_TRUNC_F64_U:
                return truncI64U(f64(a));
            case Op.F32_CONVERT_I32_S:
                return f32Bits((float) (int) a);
            case Op.F32_CONVERT_I32_U:
                return f32Bits((float) (a & MASK32));
            case Op.F32_CONVERT_I64_S:
                return f32Bits((float) a);
            case Op.F32_CONVERT_I64_U:
                return f32Bits(unsignedToFloat(a));
            case Op.F64_CONVERT_I32_U:
                return f64Bits((double) (a & MASK32));
            case Op.F64_CONVERT_I64_S:
                return f64Bits((double) a);
            case Op.F64_CONVERT_I64_U:
                return f64Bits(unsignedToDouble(a));
            case Op.I32_EXTEND8_S:
            case Op.I64_EXTEND8_S:
                return (byte) a;
            case Op.I32_EXTEND16_S:
            case Op.I64_EXTEND16_S:
                return (short) a;
            case Op.I64_EXTEND32_S:
                return (int) a;
            case Op.I32_TRUNC_SAT_F32_S:
                // Java's narrowing already saturates and maps NaN to 0, as trunc_sat wants.
                return (int) f32(a);
            case Op.I32_TRUNC_SAT_F32_U:
                return truncSatI32U(f32(a));
            case Op.I32_TRUNC_SAT_F64_S:
                return (int) f64(a);
            case Op.I32_TRUNC_SAT_F64_U:
                return truncSatI32U(f64(a));
            case Op.I64_TRUNC_SAT_F32_S:
                return (long) f32(a);
            case Op.I64_TRUNC_SAT_F32_U:
                return truncSatI64U(f32(a));
            case Op.I64_TRUNC_SAT_F64_S:
                return (long) f64(a);
            case Op.I64_TRUNC_SAT_F64_U:
                return truncSatI64U(f64(a));
            default:
                throw new IllegalStateException("no numeric instruction " + Op.name(op));
        }
    }

    static void tableInit(Table table, long[] segment, long d, long s, long n) {
        if (s + n > segment.length || d + n > table.size) {
            throw Table.outOfBounds();
        }
        System.arraycopy(segment, (int) s, table.elements, (int) d, (int) n);
    }

    /** memory.fill of the memory array mem of size bytes, from the slot values d, value and n. */
    static void memoryFill(byte[] mem, long size, long d, long value, long n) {
        d &= MASK32;
        n &= MASK32;
        if (d + n > size) {
            throw Memory.outOfBounds();
        }
        Arrays.fill(mem, (int) d, (int) (d + n), (byte) value);
    }

    /** memory.copy in the memory array mem of size bytes, from the slot values d, s and n. */
    static void memoryCopy(byte[] mem, long size, long d, long s, long n) {
        d &= MASK32;
        s &= MASK32;
        n &= MASK32;
        if (s + n > size || d + n > size) {
            throw Memory.outOfBounds();
        }
        // arraycopy copies as if through a temporary, which is memory.copy's overlap rule.
        System.arraycopy(mem, (int) s, mem, (int) d, (int) n);
    }

    static void memoryInit(Memory memory, byte[] segment, long d, long s, long n) {
        if (s + n > segment.length || d + n > memory.size()) {
            throw Memory.outOfBounds();
        }
        System.arraycopy(segment, (int) s, memory.array(), (int) d, (int) n);
    }

    /**
     * Calls a host function with its arguments at stack[base..]. Publishes the frame depth and
     * the first free slot first, so a host that calls back into wasm starts above this frame.
     */
    static void callHost(Store store, Instance caller, Function f, long[] stack, int base, int depth) {
        int top = base + f.hostSlots;
        if (top > stack.length) {
            throw Store.exhausted();
        }
        store.top = top;
        store.depth = depth;
        f.host.call(caller, stack, base);
    }

    /**
     * Pops this activation's frames after a trap or a host exception, leaving the store as it was
     * before the activation, and appends the activation's frames to a trap's wasm backtrace
     * (innermost first; nested activations have added theirs already).
     */
    static void unwind(Store store, Instance inst, int pc, int depth, int entryDepth, int entryFp, Throwable t) {
        store.depth = entryDepth;
        store.top = entryFp;
        if (!(t instanceof TrapException)) {
            return;
        }
        TrapException trap = (TrapException) t;
        if (trap.kind() == TrapException.Kind.CALL_STACK_EXHAUSTED && trap.exhaustedLimit() == null) {
            // Where the innermost frame stopped tells which limit it was: no frame left, or no slots.
            trap.setExhaustedLimit(depth >= store.returnPcs.length ? TrapException.CALL_DEPTH : TrapException.VALUE_STACK);
        }
        String[] inner = trap.wasmBacktrace();
        String[] frames = new String[inner.length + depth - entryDepth];
        System.arraycopy(inner, 0, frames, 0, inner.length);
        int n = inner.length;
        frames[n++] = describe(inst, pc);
        for (int d = depth - 1; d > entryDepth; d--) {
            int resume = store.returnPcs[d];
            if (resume < -1) {
                resume = ~resume;
                inst = store.frameInstances[d];
            }
            frames[n++] = describe(inst, resume - 1);
        }
        trap.setWasmBacktrace(Arrays.copyOf(frames, n));
        Arrays.fill(store.frameInstances, entryDepth, depth, null);
    }

    private static String describe(Instance inst, int pc) {
        return inst.module().describeFunction(inst.compiledModule().functionAt(pc));
    }

    /**
     * FUEL could not pay n, or the store was interrupted: gives the n back, so the remaining fuel
     * stays exact and non-negative.
     */
    static TrapException fuelExhausted(Store store, int n) {
        store.fuel += n;
        if (store.interruptRequested) {
            // The same check stops an interrupted call (Store.interrupt); it consumes the request.
            store.interruptRequested = false;
            return new TrapException(TrapException.Kind.INTERRUPTED);
        }
        return new TrapException(TrapException.Kind.FUEL_EXHAUSTED);
    }

    static TrapException divideTrap(long divisor) {
        return new TrapException(divisor == 0 ? TrapException.Kind.INTEGER_DIVIDE_BY_ZERO : TrapException.Kind.INTEGER_OVERFLOW);
    }

    /** Unsigned 64-bit division without Long.divideUnsigned, which allocates on Java 8. */
    static long divideUnsigned(long a, long b) {
        if (b < 0) {
            return a + Long.MIN_VALUE >= b + Long.MIN_VALUE ? 1 : 0;
        }
        if (a >= 0) {
            return a / b;
        }
        long q = ((a >>> 1) / b) << 1;
        long r = a - q * b;
        return r + Long.MIN_VALUE >= b + Long.MIN_VALUE ? q + 1 : q;
    }

    /**
     * Java's rounding methods return a NaN argument as it is, signalling ones included; wasm wants
     * an arithmetic (quiet) NaN, which any arithmetic on it gives.
     */
    private static double quiet(double v) {
        return v != v ? v + v : v;
    }

    private static float quiet(float v) {
        return v != v ? v + v : v;
    }

    private static double truncate(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    /** min (spec 4.3.3): NaN if either is NaN (made quiet by the addition), and -0 below +0. */
    private static float min(float a, float b) {
        return a != a || b != b ? a + b : Math.min(a, b);
    }

    private static float max(float a, float b) {
        return a != a || b != b ? a + b : Math.max(a, b);
    }

    private static double min(double a, double b) {
        return a != a || b != b ? a + b : Math.min(a, b);
    }

    private static double max(double a, double b) {
        return a != a || b != b ? a + b : Math.max(a, b);
    }

    /** Signed trunc to i32: valid strictly between the bounds (f32 values convert exactly to double). */
    private static long truncI32(double v, double low, double high) {
        if (v != v) {
            throw invalidConversion();
        }
        if (!(v > low && v < high)) {
            throw overflow();
        }
        return (int) v;
    }

    private static long truncI32U(double v) {
        if (v != v) {
            throw invalidConversion();
        }
        if (!(v > -1.0 && v < 4294967296.0)) {
            throw overflow();
        }
        return (int) (long) v;
    }

    private static long truncI64(double v) {
        if (v != v) {
            throw invalidConversion();
        }
        if (!(v >= -TWO_63 && v < TWO_63)) {
            throw overflow();
        }
        return (long) v;
    }

    private static long truncI64U(double v) {
        if (v != v) {
            throw invalidConversion();
        }
        if (!(v > -1.0 && v < TWO_64)) {
            throw overflow();
        }
        return toUnsignedLong(v);
    }

    /** v truncated, for 0 <= v < 2^64. */
    private static long toUnsignedLong(double v) {
        return v < TWO_63 ? (long) v : (long) (v - TWO_63) ^ Long.MIN_VALUE;
    }

    private static long truncSatI32U(double v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 4294967295.0 ? -1 : (int) (long) v;
    }

    private static long truncSatI64U(double v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= TWO_64 ? -1L : toUnsignedLong(v);
    }

    /**
     * u64 to f32, rounded once: halve it keeping the lost bit as a sticky bit (so the rounding
     * direction is preserved), convert the now non-negative value, and double it (exact).
     */
    static float unsignedToFloat(long v) {
        if (v >= 0) {
            return (float) v;
        }
        return (float) ((v >>> 1) | (v & 1)) * 2.0f;
    }

    static double unsignedToDouble(long v) {
        if (v >= 0) {
            return (double) v;
        }
        return (double) ((v >>> 1) | (v & 1)) * 2.0;
    }

    private static TrapException invalidConversion() {
        return new TrapException(TrapException.Kind.INVALID_CONVERSION_TO_INTEGER);
    }

    private static TrapException overflow() {
        return new TrapException(TrapException.Kind.INTEGER_OVERFLOW);
    }

    private static float f32(long slot) {
        return Float.intBitsToFloat((int) slot);
    }

    private static double f64(long slot) {
        return Double.longBitsToDouble(slot);
    }

    private static long f32Bits(float value) {
        return Float.floatToRawIntBits(value);
    }

    private static long f64Bits(double value) {
        return Double.doubleToRawLongBits(value);
    }
}
