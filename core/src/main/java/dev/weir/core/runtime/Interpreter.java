package dev.weir.core.runtime;

import dev.weir.core.TrapException;
import dev.weir.core.compile.Op;

/**
 * Executes {@link Op} code (spec 4.4: instructions). One method, {@link #run}, holds the loop:
 * a switch over {@code code[pc]} with the code, value stack, memory array and globals copied into
 * locals. It stays under HotSpot's 8,000-byte huge-method limit (else C2 refuses to compile it),
 * so rare instructions (tables, bulk memory, traps of conversions, float rounding and min/max)
 * live in {@link Instructions}.
 *
 * <p>Wasm-to-wasm calls never recurse on the Java stack: a call records where the caller resumes
 * in the store's frame array and jumps; a return pops it (see {@link Store#returnPcs}). Nothing is
 * allocated while running; a trap creates its exception, unwinds this activation's frames and
 * fills the wasm backtrace. A host function that calls back into wasm starts a nested activation
 * (a nested {@link #run} on the Java stack) above its caller's frame.
 *
 * <p>Locals hold what the current instance needs (code, memory array and size, globals); they are
 * reloaded when a call or return crosses into another instance, and the memory size after
 * {@code memory.grow} and host calls, the only ways it can change under this frame.
 */
final class Interpreter {
    private static final long MASK32 = 0xFFFFFFFFL;

    private Interpreter() {
    }

    /**
     * Runs the defined function whose header is at entry, with its arguments already at
     * stack[fp..]; its results are left at stack[fp..]. The caller has checked that the frame
     * fits ({@link Store#depth} below the limit, fp + frameSlots within the stack).
     */
    static void execute(Store store, Instance instance, int entry, int fp) {
        int[] code = instance.code;
        long[] stack = store.stack;
        int depth = store.depth;
        for (int p = fp + code[entry], end = p + code[entry + 1]; p < end; p++) {
            stack[p] = 0L;
        }
        // The entry frame's record, -1, makes its RETURN leave the loop back to the host.
        store.returnPcs[depth] = -1;
        store.frameInstances[depth] = null;
        run(store, instance, entry + Op.HEADER_SIZE, fp, depth + 1, fp);
    }

    /** The loop. entryFp is the first slot of the activation, restored as the store's top on exit. */
    private static void run(Store store, Instance inst, int pc, int fp, int depth, int entryFp) {
        final long[] stack = store.stack;
        final int[] returnPcs = store.returnPcs;
        final int maxDepth = returnPcs.length;
        final int stackLength = stack.length;
        final int entryDepth = depth - 1;
        int[] code = inst.code;
        Memory memory = inst.memory;
        byte[] mem = memory.array();
        long memSize = memory.size();
        Global[] globals = inst.globals;
        try {
            for (;;) {
                Function callee;
                int base;
                int ret;
                switch (code[pc]) {
                    case Op.UNREACHABLE:
                        throw new TrapException("unreachable");
                    case Op.BR:
                        pc = code[pc + 1];
                        continue;
                    case Op.BR_IF:
                        pc = (int) stack[fp + code[pc + 1]] != 0 ? code[pc + 2] : pc + 3;
                        continue;
                    case Op.BR_IF_EQZ:
                        pc = (int) stack[fp + code[pc + 1]] == 0 ? code[pc + 2] : pc + 3;
                        continue;
                    case Op.I32_ADD_I:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] + code[pc + 3];
                        pc += 4;
                        continue;
                    case Op.I32_AND_I:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] & code[pc + 3];
                        pc += 4;
                        continue;
                    case Op.I32_OR_I:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] | code[pc + 3];
                        pc += 4;
                        continue;
                    case Op.I32_XOR_I:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] ^ code[pc + 3];
                        pc += 4;
                        continue;
                    case Op.I32_SHL_I:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] << code[pc + 3];
                        pc += 4;
                        continue;
                    case Op.I32_SHR_S_I:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] >> code[pc + 3];
                        pc += 4;
                        continue;
                    case Op.I32_SHR_U_I:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] >>> code[pc + 3];
                        pc += 4;
                        continue;
                    case Op.I32_MUL_I:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] * code[pc + 3];
                        pc += 4;
                        continue;
                    case Op.I32_EQ_I:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] == code[pc + 3] ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_NE_I:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] != code[pc + 3] ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_LT_S_I:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] < code[pc + 3] ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_LT_U_I:
                        stack[fp + code[pc + 1]] = Integer.compare((int) stack[fp + code[pc + 2]] + Integer.MIN_VALUE, code[pc + 3] + Integer.MIN_VALUE) < 0 ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_GT_S_I:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] > code[pc + 3] ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_GT_U_I:
                        stack[fp + code[pc + 1]] = Integer.compare((int) stack[fp + code[pc + 2]] + Integer.MIN_VALUE, code[pc + 3] + Integer.MIN_VALUE) > 0 ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I64_ADD_I:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] + code[pc + 3];
                        pc += 4;
                        continue;
                    case Op.I64_AND_I:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] & code[pc + 3];
                        pc += 4;
                        continue;
                    case Op.I64_SHL_I:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] << code[pc + 3];
                        pc += 4;
                        continue;
                    case Op.I64_SHR_S_I:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] >> code[pc + 3];
                        pc += 4;
                        continue;
                    case Op.I64_SHR_U_I:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] >>> code[pc + 3];
                        pc += 4;
                        continue;
                    case Op.BR_IF_I32_EQ:
                        pc = (int) stack[fp + code[pc + 1]] == (int) stack[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
                        continue;
                    case Op.BR_IF_I32_NE:
                        pc = (int) stack[fp + code[pc + 1]] != (int) stack[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
                        continue;
                    case Op.BR_IF_I32_LT_S:
                        pc = (int) stack[fp + code[pc + 1]] < (int) stack[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
                        continue;
                    case Op.BR_IF_I32_LT_U:
                        pc = ((int) stack[fp + code[pc + 1]] + Integer.MIN_VALUE) < ((int) stack[fp + code[pc + 2]] + Integer.MIN_VALUE) ? code[pc + 3] : pc + 4;
                        continue;
                    case Op.BR_IF_I32_LE_S:
                        pc = (int) stack[fp + code[pc + 1]] <= (int) stack[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
                        continue;
                    case Op.BR_IF_I32_LE_U:
                        pc = ((int) stack[fp + code[pc + 1]] + Integer.MIN_VALUE) <= ((int) stack[fp + code[pc + 2]] + Integer.MIN_VALUE) ? code[pc + 3] : pc + 4;
                        continue;
                    case Op.BR_IF_I32_EQ_I:
                        pc = (int) stack[fp + code[pc + 1]] == code[pc + 2] ? code[pc + 3] : pc + 4;
                        continue;
                    case Op.BR_IF_I32_NE_I:
                        pc = (int) stack[fp + code[pc + 1]] != code[pc + 2] ? code[pc + 3] : pc + 4;
                        continue;
                    case Op.BR_IF_I32_LT_S_I:
                        pc = (int) stack[fp + code[pc + 1]] < code[pc + 2] ? code[pc + 3] : pc + 4;
                        continue;
                    case Op.BR_IF_I32_LT_U_I:
                        pc = ((int) stack[fp + code[pc + 1]] + Integer.MIN_VALUE) < (code[pc + 2] + Integer.MIN_VALUE) ? code[pc + 3] : pc + 4;
                        continue;
                    case Op.BR_IF_I32_GT_S_I:
                        pc = (int) stack[fp + code[pc + 1]] > code[pc + 2] ? code[pc + 3] : pc + 4;
                        continue;
                    case Op.BR_IF_I32_GT_U_I:
                        pc = ((int) stack[fp + code[pc + 1]] + Integer.MIN_VALUE) > (code[pc + 2] + Integer.MIN_VALUE) ? code[pc + 3] : pc + 4;
                        continue;
                    case Op.BR_TABLE: {
                        int i = (int) stack[fp + code[pc + 1]];
                        int count = code[pc + 2];
                        if (i < 0 || i > count) {
                            i = count;
                        }
                        pc = code[pc + 3 + i];
                        continue;
                    }
                    case Op.RETURN_VALUE:
                        stack[fp] = stack[fp + code[pc + 1]];
                        // Falls through: the rest is RETURN.
                    case Op.RETURN: {
                        int resume = returnPcs[--depth];
                        if (resume < 0) {
                            if (resume == -1) {
                                store.depth = depth;
                                store.top = entryFp;
                                return;
                            }
                            resume = ~resume;
                            inst = store.frameInstances[depth];
                            code = inst.code;
                            memory = inst.memory;
                            mem = memory.array();
                            memSize = memory.size();
                            globals = inst.globals;
                        }
                        // The call's last operand is the callee's fp offset in the caller's frame.
                        fp -= code[resume - 1];
                        pc = resume;
                        continue;
                    }
                    case Op.CALL: {
                        int entry = code[pc + 1];
                        int newFp = fp + code[pc + 2];
                        if (depth == maxDepth || newFp + code[entry + 2] > stackLength) {
                            throw Store.exhausted();
                        }
                        returnPcs[depth++] = pc + 3;
                        for (int p = newFp + code[entry], end = p + code[entry + 1]; p < end; p++) {
                            stack[p] = 0L;
                        }
                        fp = newFp;
                        pc = entry + Op.HEADER_SIZE;
                        continue;
                    }
                    case Op.CALL_IMPORT:
                        callee = inst.functions[code[pc + 1]];
                        base = code[pc + 2];
                        ret = pc + 3;
                        break;
                    case Op.CALL_INDIRECT:
                        callee = Instructions.indirectCallee(store, inst, stack, fp, code, pc);
                        base = code[pc + 4];
                        ret = pc + 5;
                        break;
                    case Op.COPY:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]];
                        pc += 3;
                        continue;
                    case Op.FUEL:
                        if ((store.fuel -= code[pc + 1]) < 0) {
                            throw Instructions.fuelExhausted(store, code[pc + 1]);
                        }
                        pc += 2;
                        continue;
                    case Op.SELECT:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 4]] != 0
                                ? stack[fp + code[pc + 2]] : stack[fp + code[pc + 3]];
                        pc += 5;
                        continue;
                    case Op.GLOBAL_GET:
                        stack[fp + code[pc + 1]] = globals[code[pc + 2]].value;
                        pc += 3;
                        continue;
                    case Op.GLOBAL_SET:
                        globals[code[pc + 1]].value = stack[fp + code[pc + 2]];
                        pc += 3;
                        continue;
                    case Op.I32_LOAD_ADD: {
                        long ea = (((int) stack[fp + code[pc + 2]] + code[pc + 3]) & MASK32) + (code[pc + 4] & MASK32);
                        if (ea + 4 > memSize) {
                            throw Memory.outOfBounds();
                        }
                        stack[fp + code[pc + 1]] = Memory.getInt(mem, (int) ea);
                        pc += 5;
                        continue;
                    }
                    case Op.I64_LOAD_ADD: {
                        long ea = (((int) stack[fp + code[pc + 2]] + code[pc + 3]) & MASK32) + (code[pc + 4] & MASK32);
                        if (ea + 8 > memSize) {
                            throw Memory.outOfBounds();
                        }
                        stack[fp + code[pc + 1]] = Memory.getLong(mem, (int) ea);
                        pc += 5;
                        continue;
                    }
                    case Op.I32_LOAD8_U_ADD: {
                        long ea = (((int) stack[fp + code[pc + 2]] + code[pc + 3]) & MASK32) + (code[pc + 4] & MASK32);
                        if (ea >= memSize) {
                            throw Memory.outOfBounds();
                        }
                        stack[fp + code[pc + 1]] = mem[(int) ea] & 0xFF;
                        pc += 5;
                        continue;
                    }
                    case Op.I32_LOAD: {
                        long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                        if (ea + 4 > memSize) {
                            throw Memory.outOfBounds();
                        }
                        stack[fp + code[pc + 1]] = Memory.getInt(mem, (int) ea);
                        pc += 4;
                        continue;
                    }
                    case Op.I64_LOAD: {
                        long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                        if (ea + 8 > memSize) {
                            throw Memory.outOfBounds();
                        }
                        stack[fp + code[pc + 1]] = Memory.getLong(mem, (int) ea);
                        pc += 4;
                        continue;
                    }
                    case Op.I32_LOAD8_S:
                    case Op.I64_LOAD8_S: {
                        long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                        if (ea >= memSize) {
                            throw Memory.outOfBounds();
                        }
                        stack[fp + code[pc + 1]] = mem[(int) ea];
                        pc += 4;
                        continue;
                    }
                    case Op.I32_LOAD8_U:
                    case Op.I64_LOAD8_U: {
                        long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                        if (ea >= memSize) {
                            throw Memory.outOfBounds();
                        }
                        stack[fp + code[pc + 1]] = mem[(int) ea] & 0xFF;
                        pc += 4;
                        continue;
                    }
                    case Op.I32_LOAD16_S:
                    case Op.I64_LOAD16_S: {
                        long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                        if (ea + 2 > memSize) {
                            throw Memory.outOfBounds();
                        }
                        stack[fp + code[pc + 1]] = Memory.getShort(mem, (int) ea);
                        pc += 4;
                        continue;
                    }
                    case Op.I32_LOAD16_U:
                    case Op.I64_LOAD16_U: {
                        long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                        if (ea + 2 > memSize) {
                            throw Memory.outOfBounds();
                        }
                        stack[fp + code[pc + 1]] = Memory.getShort(mem, (int) ea) & 0xFFFF;
                        pc += 4;
                        continue;
                    }
                    case Op.I64_LOAD32_S: {
                        long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                        if (ea + 4 > memSize) {
                            throw Memory.outOfBounds();
                        }
                        stack[fp + code[pc + 1]] = Memory.getInt(mem, (int) ea);
                        pc += 4;
                        continue;
                    }
                    case Op.I64_LOAD32_U: {
                        long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                        if (ea + 4 > memSize) {
                            throw Memory.outOfBounds();
                        }
                        stack[fp + code[pc + 1]] = Memory.getInt(mem, (int) ea) & MASK32;
                        pc += 4;
                        continue;
                    }
                    case Op.I32_STORE: {
                        long ea = (stack[fp + code[pc + 1]] & MASK32) + (code[pc + 3] & MASK32);
                        if (ea + 4 > memSize) {
                            throw Memory.outOfBounds();
                        }
                        Memory.putInt(mem, (int) ea, (int) stack[fp + code[pc + 2]]);
                        pc += 4;
                        continue;
                    }
                    case Op.I64_STORE: {
                        long ea = (stack[fp + code[pc + 1]] & MASK32) + (code[pc + 3] & MASK32);
                        if (ea + 8 > memSize) {
                            throw Memory.outOfBounds();
                        }
                        Memory.putLong(mem, (int) ea, stack[fp + code[pc + 2]]);
                        pc += 4;
                        continue;
                    }
                    case Op.I32_STORE8: {
                        long ea = (stack[fp + code[pc + 1]] & MASK32) + (code[pc + 3] & MASK32);
                        if (ea >= memSize) {
                            throw Memory.outOfBounds();
                        }
                        mem[(int) ea] = (byte) stack[fp + code[pc + 2]];
                        pc += 4;
                        continue;
                    }
                    case Op.I32_STORE16: {
                        long ea = (stack[fp + code[pc + 1]] & MASK32) + (code[pc + 3] & MASK32);
                        if (ea + 2 > memSize) {
                            throw Memory.outOfBounds();
                        }
                        Memory.putShort(mem, (int) ea, (short) stack[fp + code[pc + 2]]);
                        pc += 4;
                        continue;
                    }
                    case Op.MEMORY_SIZE:
                        stack[fp + code[pc + 1]] = memory.pages();
                        pc += 2;
                        continue;
                    case Op.MEMORY_GROW:
                        stack[fp + code[pc + 1]] = memory.grow((int) stack[fp + code[pc + 2]]);
                        memSize = memory.size();
                        pc += 3;
                        continue;
                    case Op.I32_CONST:
                        stack[fp + code[pc + 1]] = code[pc + 2];
                        pc += 3;
                        continue;
                    case Op.I64_CONST:
                        stack[fp + code[pc + 1]] = (code[pc + 2] & MASK32) | (long) code[pc + 3] << 32;
                        pc += 4;
                        continue;
                    case Op.I32_EQZ:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] == 0 ? 1 : 0;
                        pc += 3;
                        continue;
                    case Op.I32_EQ:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] == (int) stack[fp + code[pc + 3]] ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_NE:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] != (int) stack[fp + code[pc + 3]] ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_LT_S:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] < (int) stack[fp + code[pc + 3]] ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_LT_U:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] + Integer.MIN_VALUE
                                < (int) stack[fp + code[pc + 3]] + Integer.MIN_VALUE ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_GT_S:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] > (int) stack[fp + code[pc + 3]] ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_GT_U:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] + Integer.MIN_VALUE
                                > (int) stack[fp + code[pc + 3]] + Integer.MIN_VALUE ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_LE_S:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] <= (int) stack[fp + code[pc + 3]] ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_LE_U:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] + Integer.MIN_VALUE
                                <= (int) stack[fp + code[pc + 3]] + Integer.MIN_VALUE ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_GE_S:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] >= (int) stack[fp + code[pc + 3]] ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I32_GE_U:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] + Integer.MIN_VALUE
                                >= (int) stack[fp + code[pc + 3]] + Integer.MIN_VALUE ? 1 : 0;
                        pc += 4;
                        continue;
                    case Op.I64_EQZ:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] == 0 ? 1 : 0;
                        pc += 3;
                        continue;
                    case Op.I32_ADD:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] + (int) stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I32_SUB:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] - (int) stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I32_MUL:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] * (int) stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I32_DIV_S: {
                        int a = (int) stack[fp + code[pc + 2]];
                        int b = (int) stack[fp + code[pc + 3]];
                        if (b == 0 || (b == -1 && a == Integer.MIN_VALUE)) {
                            throw Instructions.divideTrap(b);
                        }
                        stack[fp + code[pc + 1]] = a / b;
                        pc += 4;
                        continue;
                    }
                    case Op.I32_DIV_U: {
                        long b = stack[fp + code[pc + 3]] & MASK32;
                        if (b == 0) {
                            throw Instructions.divideTrap(0);
                        }
                        stack[fp + code[pc + 1]] = (int) ((stack[fp + code[pc + 2]] & MASK32) / b);
                        pc += 4;
                        continue;
                    }
                    case Op.I32_REM_S: {
                        int b = (int) stack[fp + code[pc + 3]];
                        if (b == 0) {
                            throw Instructions.divideTrap(0);
                        }
                        // Java's MIN_VALUE % -1 is 0, as wasm wants.
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] % b;
                        pc += 4;
                        continue;
                    }
                    case Op.I32_REM_U: {
                        long b = stack[fp + code[pc + 3]] & MASK32;
                        if (b == 0) {
                            throw Instructions.divideTrap(0);
                        }
                        stack[fp + code[pc + 1]] = (int) ((stack[fp + code[pc + 2]] & MASK32) % b);
                        pc += 4;
                        continue;
                    }
                    case Op.I32_AND:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] & stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I32_OR:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] | stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I32_XOR:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] ^ stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I32_SHL:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] << (int) stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I32_SHR_S:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] >> (int) stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I32_SHR_U:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]] >>> (int) stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I32_ROTL:
                        stack[fp + code[pc + 1]] = Integer.rotateLeft((int) stack[fp + code[pc + 2]], (int) stack[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case Op.I32_ROTR:
                        stack[fp + code[pc + 1]] = Integer.rotateRight((int) stack[fp + code[pc + 2]], (int) stack[fp + code[pc + 3]]);
                        pc += 4;
                        continue;
                    case Op.I64_ADD:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] + stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I64_SUB:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] - stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I64_MUL:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] * stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I64_AND:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] & stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I64_OR:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] | stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I64_XOR:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] ^ stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I64_SHL:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] << stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I64_SHR_S:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] >> stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.I64_SHR_U:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] >>> stack[fp + code[pc + 3]];
                        pc += 4;
                        continue;
                    case Op.F32_SQRT:
                        stack[fp + code[pc + 1]] = bits((float) Math.sqrt(f32(stack[fp + code[pc + 2]])));
                        pc += 3;
                        continue;
                    case Op.F32_ADD:
                        stack[fp + code[pc + 1]] = bits(f32(stack[fp + code[pc + 2]]) + f32(stack[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case Op.F32_SUB:
                        stack[fp + code[pc + 1]] = bits(f32(stack[fp + code[pc + 2]]) - f32(stack[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case Op.F32_MUL:
                        stack[fp + code[pc + 1]] = bits(f32(stack[fp + code[pc + 2]]) * f32(stack[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case Op.F32_DIV:
                        stack[fp + code[pc + 1]] = bits(f32(stack[fp + code[pc + 2]]) / f32(stack[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case Op.F64_SQRT:
                        stack[fp + code[pc + 1]] = bits(Math.sqrt(f64(stack[fp + code[pc + 2]])));
                        pc += 3;
                        continue;
                    case Op.F64_ADD:
                        stack[fp + code[pc + 1]] = bits(f64(stack[fp + code[pc + 2]]) + f64(stack[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case Op.F64_SUB:
                        stack[fp + code[pc + 1]] = bits(f64(stack[fp + code[pc + 2]]) - f64(stack[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case Op.F64_MUL:
                        stack[fp + code[pc + 1]] = bits(f64(stack[fp + code[pc + 2]]) * f64(stack[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case Op.F64_DIV:
                        stack[fp + code[pc + 1]] = bits(f64(stack[fp + code[pc + 2]]) / f64(stack[fp + code[pc + 3]]));
                        pc += 4;
                        continue;
                    case Op.I64_EXTEND_I32_S:
                        stack[fp + code[pc + 1]] = (int) stack[fp + code[pc + 2]];
                        pc += 3;
                        continue;
                    case Op.I64_EXTEND_I32_U:
                        stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] & MASK32;
                        pc += 3;
                        continue;
                    default:
                        if (code[pc] >= Op.V128_GLOBAL_GET && code[pc] <= Op.F64X2_CONVERT_LOW_I32X4_U) {
                            SimdInstructions.execute(code[pc], code, pc, stack, fp, mem, memSize, globals);
                            pc += Op.length(code, pc);
                            continue;
                        }
                        pc = Instructions.execute(store, inst, stack, fp, code, pc);
                        continue;
                }
                // Only calls through a Function (imports, tables) get here.
                if (callee.host != null) {
                    Instructions.callHost(store, inst, callee, stack, fp + base, depth);
                    memSize = memory.size();
                    pc = ret;
                    continue;
                }
                Instance target = callee.instance;
                int entry = callee.entry;
                int newFp = fp + base;
                if (depth == maxDepth || newFp + target.code[entry + 2] > stackLength) {
                    throw Store.exhausted();
                }
                if (target != inst) {
                    store.frameInstances[depth] = inst;
                    ret = ~ret;
                    inst = target;
                    code = inst.code;
                    memory = inst.memory;
                    mem = memory.array();
                    memSize = memory.size();
                    globals = inst.globals;
                }
                returnPcs[depth++] = ret;
                for (int p = newFp + code[entry], end = p + code[entry + 1]; p < end; p++) {
                    stack[p] = 0L;
                }
                fp = newFp;
                pc = entry + Op.HEADER_SIZE;
            }
        } catch (Throwable t) {
            Instructions.unwind(store, inst, pc, depth, entryDepth, entryFp, t);
            throw t;
        }
    }

    private static float f32(long slot) {
        return Float.intBitsToFloat((int) slot);
    }

    private static double f64(long slot) {
        return Double.longBitsToDouble(slot);
    }

    private static long bits(float value) {
        return Float.floatToRawIntBits(value);
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }
}
