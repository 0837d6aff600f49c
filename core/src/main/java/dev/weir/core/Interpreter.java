package dev.weir.core;

import dev.weir.core.module.TrapException;
import dev.weir.core.internal.compile.Op;

/**
 * Executes {@link Op} code (spec 4.4: instructions). {@link #run} holds the loop: a switch over
 * {@code code[pc]} with the code, value stack, memory array and globals in locals. How fast C2
 * makes that loop depends on how few values stay live across it and what pins them in place, so
 * three rules shape it (docs/RATIONALE.md has the measurements):
 * <ul>
 * <li>The loop runs inside one instance and treats its code, memory and globals as constants.
 *     Whatever leaves the instance (a return or call across instances, a host call) or changes
 *     the memory size ({@code memory.grow}) leaves the loop to the driver, {@link #execute},
 *     which does it and enters the loop again.</li>
 * <li>Only the instructions compilers emit often are cases of the loop's switch, and none of
 *     their paths calls a method: a call clobbers every register, and C2 then spills the loop's
 *     state around it everywhere. The rest (tables, bulk memory, division, conversions, rare
 *     compares, float rounding) leave to the driver, which runs them with {@link Instructions};
 *     SIMD instructions are called from the default case ({@link SimdInstructions}), a branch
 *     that code without SIMD never takes.</li>
 * <li>The loop has no exception handler, which would keep every local live in a fixed place at
 *     every array access. A trap records where it happened (pc, frame depth) in the store before
 *     it is thrown; the driver unwinds this activation's frames and fills the wasm backtrace.</li>
 * </ul>
 *
 * <p>Functions the JIT tier takes, and loops that call nothing, run as JVM bytecode instead
 * ({@code dev.weir.core.internal.jit}): such a function's code starts with {@link Op#JIT_ENTRY}, and such
 * a loop's entry is {@link Op#JIT_LOOP}; both leave the loop like a rare instruction, and the
 * driver runs the {@link JitCode}, then returns from the function or goes on where the loop left.
 * Compiled functions call each other as JVM calls, down to the store's bound for the Java stack
 * ({@link Store#jitDepthLimit}); past it the driver runs JIT_ENTRY functions interpreted.
 *
 * <p>The interpreter's own calls never recurse on the Java stack: a call records where the caller resumes
 * in the store's frame array and jumps; a return pops it (see {@link Store#returnPcs}). Nothing is
 * allocated while running but a trap's exception. A host function that calls back into wasm
 * starts a nested activation (a nested {@link #execute} on the Java stack) above its caller's
 * frame.
 */
final class Interpreter {
    private static final long MASK32 = 0xFFFFFFFFL;

    /** Why {@link #run} returned: a RETURN popped a record below 0 (host or other instance). */
    private static final int EXIT_RETURN = 0;
    /** A call to a host function or into another instance, described in the store's exit fields. */
    private static final int EXIT_CALL = 1;
    /** The memory size changed: enter again at the store's exit pc. */
    private static final int EXIT_REENTER = 2;
    /** A rare instruction (see {@link Instructions}) at the store's exit pc, for the driver to run. */
    private static final int EXIT_RARE = 3;
    /**
     * FUEL could not pay (already subtracted): the driver gives it back, takes a checkpoint if one
     * was asked for, then hands out the next slice or traps. The loop itself checks no flag.
     */
    private static final int EXIT_FUEL = 4;

    private Interpreter() {
    }

    /**
     * Runs the defined function whose header is at entry, with its arguments already at
     * stack[fp..]; its results are left at stack[fp..]. The caller has checked that the frame
     * fits ({@link Store#depth} below the limit, fp + frameSlots within the stack).
     */
    static void execute(Store store, Instance instance, int entry, int fp) {
        execute(store, instance, entry, fp, false);
    }

    /**
     * As {@link #execute(Store, Instance, int, int)}; deoptimizable when compiled code of the
     * {@code deopt} policy of the same instance calls (JitCode.callDefinedAt): a checkpoint due
     * in this activation then deoptimizes the compiled frames below it, and the outermost driver
     * takes it. Any other nested activation (a host function calling back) holds checkpoints off
     * until it returns ({@link Store#deoptBarrier}).
     */
    static void execute(Store store, Instance instance, int entry, int fp, boolean deoptimizable) {
        long[] stack = store.stack;
        int[] returnPcs = store.returnPcs;
        int entryDepth = store.depth;
        int entryFp = fp;
        clearLocals(stack, instance.code, entry, fp);
        // The entry frame's record, -1, makes its RETURN leave back to the host. A compiled
        // caller that deoptimizes writes its call's record there instead (JitCode.deoptFrame).
        returnPcs[entryDepth] = -1;
        store.frameInstances[entryDepth] = null;
        if (deoptimizable || entryDepth == 0 || store.checkpointHandler == null) {
            drive(store, instance, entry + Op.HEADER_SIZE, fp, entryDepth + 1, entryDepth, entryFp);
            return;
        }
        store.deoptBarrier++;
        try {
            drive(store, instance, entry + Op.HEADER_SIZE, fp, entryDepth + 1, entryDepth, entryFp);
        } finally {
            store.deoptBarrier--;
        }
    }

    /**
     * Continues a restored activation: the store's frames [0, depth) and value stack are as a
     * {@link Checkpoint} found them, the youngest frame runs in inst at pc with its frame at fp,
     * and the oldest frame (record -1) was entered from the host at entryFp.
     */
    static void resume(Store store, Instance inst, int pc, int fp, int depth, int entryFp) {
        drive(store, inst, pc, fp, depth, 0, entryFp);
    }

    /** The driver: runs the loop, and does what the loop leaves to it, until the entry frame returns. */
    private static void drive(Store store, Instance inst, int pc, int fp, int depth, int entryDepth, int entryFp) {
        long[] stack = store.stack;
        int[] returnPcs = store.returnPcs;
        for (;;) {
            int exit;
            try {
                exit = run(store, inst, pc, fp, depth);
            } catch (Throwable t) {
                Instructions.unwind(store, inst, store.exitPc, store.exitDepth, entryDepth, entryFp, t);
                throw t;
            }
            pc = store.exitPc;
            fp = store.exitFp;
            depth = store.exitDepth;
            try {
                if (exit == EXIT_RARE && inst.code[pc] == Op.JIT_LOOP) {
                    // A loop compiled to JVM bytecode: it runs on the frame and says where to go on.
                    JitCode loop = inst.compiledModule().jitLoop(pc);
                    if (loop == null) {
                        // This JVM defines no classes: the loop's label follows.
                        pc += Op.JIT_SIZE;
                        continue;
                    }
                    Memory memory = inst.memory;
                    pc = loop.run(stack, fp, memory.array(), memory.view(), memory.size(), inst.globals, store, inst,
                            depth);
                    if (store.checkpointRequested && entryDepth == 0 && store.checkpointHandler != null) {
                        // The compiled loop has left; its frame is the interpreter's again.
                        Checkpoint.take(store, inst, pc, fp, depth, entryFp, 0);
                    }
                    continue;
                }
                if (exit == EXIT_RARE && inst.code[pc] == Op.JIT_ENTRY) {
                    // A function compiled to JVM bytecode: it runs whole, then returns like RETURN.
                    // Past the Java stack's share (Store.jitDepthLimit), or while it is cold, the
                    // interpreter runs the body after JIT_ENTRY instead.
                    JitCode function = depth > store.jitDepthLimit ? null
                            : inst.compiledModule().jitFunction(inst.code[pc + 1]);
                    if (function == null) {
                        pc += Op.JIT_SIZE;
                        continue;
                    }
                    Memory memory = inst.memory;
                    try {
                        function.run(stack, fp, memory.array(), memory.view(), memory.size(), inst.globals, store, inst,
                                depth);
                    } catch (Throwable t) {
                        if (t == JitCode.DEOPT && entryDepth == 0) {
                            // A checkpoint while compiled frames were on the Java stack: they have
                            // spilled into the store's frames, youngest as the store says; the run
                            // goes on there in the interpreter, after the checkpoint.
                            inst = store.deoptInst;
                            store.deoptInst = null;
                            pc = store.deoptPc;
                            fp = store.deoptFp;
                            depth = store.deoptDepth;
                            Checkpoint.take(store, inst, pc, fp, depth, entryFp, store.deoptTop);
                            continue;
                        }
                        if (store.located == t) {
                            // Where compiled code trapped: a function it called, deeper.
                            store.located = null;
                            pc = store.exitPc;
                            depth = store.exitDepth;
                        }
                        throw t;
                    }
                    pc = returnPcs[--depth];
                    if (pc >= 0) {
                        fp -= inst.code[pc - 1];
                        continue;
                    }
                    exit = EXIT_RETURN;
                }
                if (exit == EXIT_RETURN) {
                    if (pc == -1) {
                        store.depth = depth;
                        store.top = entryFp;
                        return;
                    }
                    inst = store.frameInstances[depth];
                    pc = ~pc;
                    // The call's last operand is the callee's fp offset in the caller's frame.
                    fp -= inst.code[pc - 1];
                } else if (exit == EXIT_RARE) {
                    pc = Instructions.execute(store, inst, stack, fp, inst.code, pc);
                } else if (exit == EXIT_FUEL) {
                    store.fuel += inst.code[pc + 1];
                    if (store.interruptRequested) {
                        // Store.interrupt: the same check as fuel's stops the call; it consumes the request.
                        store.interruptRequested = false;
                        throw new TrapException(TrapException.Kind.INTERRUPTED);
                    }
                    if (store.fuel - inst.code[pc + 1] >= 0) {
                        continue; // not out of fuel after all: the FUEL op runs again and pays
                    }
                    if (store.checkpointRequested && entryDepth == 0 && store.checkpointHandler != null) {
                        // pc is the FUEL op, not yet paid: the restored run pays it first.
                        Checkpoint.take(store, inst, pc, fp, depth, entryFp, 0);
                    } else if (entryDepth != 0 && JitCode.deoptimizing(store, inst, pc, fp, depth, 0)) {
                        // Nested under compiled frames that can deoptimize: the outermost driver takes it.
                        throw JitCode.DEOPT;
                    }
                    if (!store.refuel()) {
                        throw new TrapException(TrapException.Kind.FUEL_EXHAUSTED);
                    }
                } else if (exit == EXIT_CALL) {
                    Function callee = store.exitCallee;
                    store.exitCallee = null;
                    int base = store.exitBase;
                    if (callee.host != null) {
                        if (store.checkpointRequested && entryDepth == 0 && store.checkpointHandler != null) {
                            // Before the call: the restored run makes it.
                            Checkpoint.take(store, inst, store.exitCallPc, fp, depth, entryFp, base + callee.hostSlots);
                        } else if (entryDepth != 0
                                && JitCode.deoptimizing(store, inst, store.exitCallPc, fp, depth, base + callee.hostSlots)) {
                            throw JitCode.DEOPT;
                        }
                        try {
                            Instructions.callHost(store, inst, callee, stack, base, depth);
                        } catch (Checkpoint.Pending pending) {
                            // A blocking host call gave up for a checkpoint without doing anything.
                            if (entryDepth != 0
                                    && JitCode.deoptimizing(store, inst, store.exitCallPc, fp, depth, base + callee.hostSlots)) {
                                throw JitCode.DEOPT;
                            }
                            if (entryDepth != 0 || store.checkpointHandler == null) {
                                throw pending;
                            }
                            Checkpoint.take(store, inst, store.exitCallPc, fp, depth, entryFp, base + callee.hostSlots);
                            pc = store.exitCallPc;
                        }
                        continue;
                    }
                    Instance target = callee.instance;
                    if (depth == returnPcs.length || base + target.code[callee.entry + 2] > stack.length) {
                        throw Store.exhausted();
                    }
                    store.frameInstances[depth] = inst;
                    returnPcs[depth++] = ~pc;
                    clearLocals(stack, target.code, callee.entry, base);
                    inst = target;
                    fp = base;
                    pc = callee.entry + Op.HEADER_SIZE;
                }
            } catch (Throwable t) {
                Instructions.unwind(store, inst, pc, depth, entryDepth, entryFp, t);
                throw t;
            }
        }
    }

    /**
     * Zeroes the declared locals of the frame at fp of the function whose header is at entry.
     * {@link #run} repeats this loop inline at its calls on purpose: as a method it is 36 bytes of
     * bytecode, over C2's default inlining size (35) for call sites not yet hot, which would put
     * real calls back into the loop.
     */
    private static void clearLocals(long[] stack, int[] code, int entry, int fp) {
        for (int p = fp + code[entry], end = p + code[entry + 1]; p < end; p++) {
            stack[p] = 0L;
        }
    }

    /** Publishes where the loop stopped for the driver and returns why. */
    private static int leave(Store store, int exit, int pc, int fp, int depth) {
        store.exitPc = pc;
        store.exitFp = fp;
        store.exitDepth = depth;
        return exit;
    }

    /**
     * The loop, inside one instance, from pc with the frame at fp and depth frames in use; returns
     * an EXIT_ code with the store's exit fields set, which it also sets before a trap leaves it.
     */
    private static int run(Store store, Instance inst, int pc, int fp, int depth) {
        final long[] stack = store.stack;
        final int[] returnPcs = store.returnPcs;
        final int[] code = inst.code;
        final byte[] mem = inst.memory.array();
        final long memSize = inst.memory.size();
        final Global[] globals = inst.globals;
        for (;;) {
            Function callee;
            int base;
            int ret;
            switch (code[pc]) {
                case Op.UNREACHABLE:
                    throw trap(store, pc, depth, new TrapException(TrapException.Kind.UNREACHABLE));
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
                        // Back to the host or to a caller in another instance: the driver's.
                        return leave(store, EXIT_RETURN, resume, fp, depth);
                    }
                    // The call's last operand is the callee's fp offset in the caller's frame.
                    fp -= code[resume - 1];
                    pc = resume;
                    continue;
                }
                case Op.CALL: {
                    int entry = code[pc + 1];
                    int newFp = fp + code[pc + 2];
                    if (depth == returnPcs.length || newFp + code[entry + 2] > stack.length) {
                        throw trap(store, pc, depth, Store.exhausted());
                    }
                    returnPcs[depth++] = pc + 3;
                    for (int p = newFp + code[entry], end = p + code[entry + 1]; p < end; p++) {
                        stack[p] = 0L;
                    }
                    fp = newFp;
                    pc = entry + Op.HEADER_SIZE;
                    continue;
                }
                case Op.CALL_ARGS: {
                    int entry = code[pc + 1];
                    int n = code[pc + 2];
                    int newFp = fp + code[pc + 3 + n];
                    if (depth == returnPcs.length || newFp + code[entry + 2] > stack.length) {
                        throw trap(store, pc, depth, Store.exhausted());
                    }
                    // Sources are the caller's slots, all below newFp: no copy overwrites another's source.
                    for (int k = 0; k < n; k++) {
                        stack[newFp + k] = stack[fp + code[pc + 3 + k]];
                    }
                    returnPcs[depth++] = pc + 4 + n;
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
                    // Spec 4.4.8; inline, as a call to a helper here would cost the whole loop.
                    Table table = inst.tables[code[pc + 2]];
                    int i = (int) stack[fp + code[pc + 3]];
                    if (i < 0 || i >= table.size) {
                        throw trap(store, pc, depth, new TrapException(TrapException.Kind.UNDEFINED_ELEMENT));
                    }
                    long reference = table.elements[i];
                    if (reference == 0) {
                        throw trap(store, pc, depth, new TrapException(TrapException.Kind.UNINITIALIZED_ELEMENT));
                    }
                    callee = store.functionById((int) (reference - 1));
                    if (callee.typeId != inst.typeIds[code[pc + 1]]) {
                        throw trap(store, pc, depth, new TrapException(TrapException.Kind.INDIRECT_CALL_TYPE_MISMATCH));
                    }
                    base = code[pc + 4];
                    ret = pc + 5;
                    break;
                case Op.COPY:
                    stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]];
                    pc += 3;
                    continue;
                case Op.FUEL:
                    if ((store.fuel -= code[pc + 1]) < 0 || store.interruptRequested) {
                        return leave(store, EXIT_FUEL, pc, fp, depth);
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
                        throw trap(store, pc, depth, Memory.outOfBounds());
                    }
                    stack[fp + code[pc + 1]] = Memory.getInt(mem, (int) ea);
                    pc += 5;
                    continue;
                }
                case Op.I64_LOAD_ADD: {
                    long ea = (((int) stack[fp + code[pc + 2]] + code[pc + 3]) & MASK32) + (code[pc + 4] & MASK32);
                    if (ea + 8 > memSize) {
                        throw trap(store, pc, depth, Memory.outOfBounds());
                    }
                    stack[fp + code[pc + 1]] = Memory.getLong(mem, (int) ea);
                    pc += 5;
                    continue;
                }
                case Op.I32_LOAD8_U_ADD: {
                    long ea = (((int) stack[fp + code[pc + 2]] + code[pc + 3]) & MASK32) + (code[pc + 4] & MASK32);
                    if (ea >= memSize) {
                        throw trap(store, pc, depth, Memory.outOfBounds());
                    }
                    stack[fp + code[pc + 1]] = mem[(int) ea] & 0xFF;
                    pc += 5;
                    continue;
                }
                case Op.I32_LOAD: {
                    long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                    if (ea + 4 > memSize) {
                        throw trap(store, pc, depth, Memory.outOfBounds());
                    }
                    stack[fp + code[pc + 1]] = Memory.getInt(mem, (int) ea);
                    pc += 4;
                    continue;
                }
                case Op.I64_LOAD: {
                    long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                    if (ea + 8 > memSize) {
                        throw trap(store, pc, depth, Memory.outOfBounds());
                    }
                    stack[fp + code[pc + 1]] = Memory.getLong(mem, (int) ea);
                    pc += 4;
                    continue;
                }
                case Op.I32_LOAD8_S:
                case Op.I64_LOAD8_S: {
                    long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                    if (ea >= memSize) {
                        throw trap(store, pc, depth, Memory.outOfBounds());
                    }
                    stack[fp + code[pc + 1]] = mem[(int) ea];
                    pc += 4;
                    continue;
                }
                case Op.I32_LOAD8_U:
                case Op.I64_LOAD8_U: {
                    long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                    if (ea >= memSize) {
                        throw trap(store, pc, depth, Memory.outOfBounds());
                    }
                    stack[fp + code[pc + 1]] = mem[(int) ea] & 0xFF;
                    pc += 4;
                    continue;
                }
                case Op.I32_LOAD16_S:
                case Op.I64_LOAD16_S: {
                    long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                    if (ea + 2 > memSize) {
                        throw trap(store, pc, depth, Memory.outOfBounds());
                    }
                    stack[fp + code[pc + 1]] = Memory.getShort(mem, (int) ea);
                    pc += 4;
                    continue;
                }
                case Op.I32_LOAD16_U:
                case Op.I64_LOAD16_U: {
                    long ea = (stack[fp + code[pc + 2]] & MASK32) + (code[pc + 3] & MASK32);
                    if (ea + 2 > memSize) {
                        throw trap(store, pc, depth, Memory.outOfBounds());
                    }
                    stack[fp + code[pc + 1]] = Memory.getShort(mem, (int) ea) & 0xFFFF;
                    pc += 4;
                    continue;
                }
                case Op.I32_STORE: {
                    long ea = (stack[fp + code[pc + 1]] & MASK32) + (code[pc + 3] & MASK32);
                    if (ea + 4 > memSize) {
                        throw trap(store, pc, depth, Memory.outOfBounds());
                    }
                    Memory.putInt(mem, (int) ea, (int) stack[fp + code[pc + 2]]);
                    pc += 4;
                    continue;
                }
                case Op.I64_STORE: {
                    long ea = (stack[fp + code[pc + 1]] & MASK32) + (code[pc + 3] & MASK32);
                    if (ea + 8 > memSize) {
                        throw trap(store, pc, depth, Memory.outOfBounds());
                    }
                    Memory.putLong(mem, (int) ea, stack[fp + code[pc + 2]]);
                    pc += 4;
                    continue;
                }
                case Op.I32_STORE8: {
                    long ea = (stack[fp + code[pc + 1]] & MASK32) + (code[pc + 3] & MASK32);
                    if (ea >= memSize) {
                        throw trap(store, pc, depth, Memory.outOfBounds());
                    }
                    mem[(int) ea] = (byte) stack[fp + code[pc + 2]];
                    pc += 4;
                    continue;
                }
                case Op.I32_STORE16: {
                    long ea = (stack[fp + code[pc + 1]] & MASK32) + (code[pc + 3] & MASK32);
                    if (ea + 2 > memSize) {
                        throw trap(store, pc, depth, Memory.outOfBounds());
                    }
                    Memory.putShort(mem, (int) ea, (short) stack[fp + code[pc + 2]]);
                    pc += 4;
                    continue;
                }
                case Op.MEMORY_GROW:
                    stack[fp + code[pc + 1]] = inst.memory.grow((int) stack[fp + code[pc + 2]]);
                    // memSize is final in here: re-enter to read the new size.
                    return leave(store, EXIT_REENTER, pc + 3, fp, depth);
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
                case Op.I64_SHR_U:
                    stack[fp + code[pc + 1]] = stack[fp + code[pc + 2]] >>> stack[fp + code[pc + 3]];
                    pc += 4;
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
                        // Out of line, a trap can't say where it happened: the store says.
                        store.exitPc = pc;
                        store.exitDepth = depth;
                        SimdInstructions.execute(code[pc], code, pc, stack, fp, mem, memSize, globals);
                        pc += Op.length(code, pc);
                        continue;
                    }
                    // The other rare instructions run in the driver: a call here would cost the loop.
                    return leave(store, EXIT_RARE, pc, fp, depth);
            }
            // Only calls through a Function (imports, tables) get here.
            if (callee.instance != inst) {
                store.exitCallee = callee;
                store.exitBase = fp + base;
                store.exitCallPc = pc;
                return leave(store, EXIT_CALL, ret, fp, depth);
            }
            int entry = callee.entry;
            int newFp = fp + base;
            if (depth == returnPcs.length || newFp + code[entry + 2] > stack.length) {
                throw trap(store, pc, depth, Store.exhausted());
            }
            returnPcs[depth++] = ret;
            for (int p = newFp + code[entry], end = p + code[entry + 1]; p < end; p++) {
                stack[p] = 0L;
            }
            fp = newFp;
            pc = entry + Op.HEADER_SIZE;
        }
    }

    /**
     * A trap in the loop, with where it happened (pc, depth) published for the driver's unwinding.
     * The loop has no exception handler of its own: one would hold every local live in a fixed
     * place at every array access, and C2 allocates registers worse for it.
     */
    private static TrapException trap(Store store, int pc, int depth, TrapException trap) {
        store.exitPc = pc;
        store.exitDepth = depth;
        return trap;
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
