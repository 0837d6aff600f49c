package dev.weir.core;

import dev.weir.core.module.TrapException;
import dev.weir.core.internal.compile.Op;
import java.nio.ByteBuffer;

/**
 * A defined function's body, or a loop of one, compiled to JVM bytecode by
 * {@code dev.weir.core.internal.jit} ({@link dev.weir.core.internal.compile.Op#JIT_ENTRY},
 * {@link dev.weir.core.internal.compile.Op#JIT_LOOP}). Generated
 * classes extend this class, and their bytecode calls its static methods for what it does not
 * do inline, so both tiers share one definition of each instruction's semantics. Public only
 * because generated classes live in their own class loader, which makes them another runtime
 * package: embedders have no use for it.
 */
public abstract class JitCode {
    /** Most frame slots plus parameter slots of a compiled function that calls (see the JIT). */
    public static final int MAX_CALLING_SLOTS = dev.weir.core.internal.jit.JitCompiler.MAX_CALLING_SLOTS;

    /**
     * The most Java stack one compiled wasm frame takes, in bytes: a function that calls has at
     * most 14 + 2 x {@link #MAX_CALLING_SLOTS} words of locals and 16 + 32 of operand stack (a
     * direct call passes at most 16 argument slots), plus the JVM's frame overhead. A JVM that
     * only interprets (Zero, -Xint) lays frames out as its interpreter does; Zero also recurses
     * in C++ per Java call. Checked by StackDepthTest, recursion to the depth limit on threads of
     * known stack size. A leaf function, which calls nothing, may take more, once, at the top:
     * the thread's stack beyond the share covers it (its bytecode, under C2's limit, bounds it).
     */
    public static final int FRAME_BYTES =
            System.getProperty("java.vm.info", "").contains("interpreted mode") ? 6144 : 3072;

    protected JitCode() {
    }

    /**
     * Runs the code on the frame at stack[fp..]. A function finds its arguments there and leaves
     * its results there, and returns -1; a loop finds and leaves the whole frame there, and
     * returns the pc where the interpreter goes on. mem is the memory's array, view the same
     * bytes as a little-endian buffer, memSize the memory's size in bytes when the code starts;
     * a grown memory may have a new array, so code that calls reads all three again after a
     * call that may have grown the memory (JitSource.mayGrowMemory). inst is the instance the code runs in,
     * depth the frames in use, this one's included.
     */
    public abstract int run(long[] stack, int fp, byte[] mem, ByteBuffer view, long memSize, Global[] globals,
            Store store, Instance inst, int depth);

    /** The instructions {@link Instructions#numeric} defines, on slot values. */
    public static long numeric(int op, long a, long b) {
        return Instructions.numeric(op, a, b);
    }

    public static TrapException outOfBounds() {
        return Memory.outOfBounds();
    }

    public static TrapException unreachable() {
        return new TrapException(TrapException.Kind.UNREACHABLE);
    }

    /** Op.FUEL: charges n instructions to the store's fuel. */
    public static void charge(Store store, int n) {
        if (store.interruptRequested) {
            // Store.interrupt: the check where fuel is checked stops the call; it consumes the request.
            store.interruptRequested = false;
            throw new TrapException(TrapException.Kind.INTERRUPTED);
        }
        while ((store.fuel -= n) < 0) {
            // Sliced fuel (checkpointable stores) refills here; compiled code has no safe point.
            store.fuel += n;
            if (!store.refuel()) {
                throw new TrapException(TrapException.Kind.FUEL_EXHAUSTED);
            }
        }
    }

    /**
     * Thrown where a checkpoint is due while compiled frames of the {@code deopt} policy are on
     * the Java stack ({@link #chargeAt}, {@link #callImportAt}, {@link #callIndirectAt}, or the
     * interpreter's driver nested under them): each compiled frame it passes spills its slots
     * into the value stack and its call's frame record ({@link #deoptFrame}), and the outermost
     * driver, which then holds only interpreter frames, takes the checkpoint at the youngest
     * frame the store names ({@link Store#deoptPc}) and continues there in the interpreter. One
     * instance, no stack trace: it carries nothing, the store does.
     */
    public static final RuntimeException DEOPT = new Deoptimization();

    private static final class Deoptimization extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Deoptimization() {
            super("deoptimizing for a checkpoint", null, false, false);
        }
    }

    /**
     * Whether a checkpoint is due and every frame from here to the outermost driver can hand its
     * state to the interpreter; if so, records the youngest frame (inst, pc, fp, depth frames in
     * use, top the end of the slots a host call there needs) for the driver.
     */
    static boolean deoptimizing(Store store, Instance inst, int pc, int fp, int depth, int top) {
        if (store.checkpointHandler == null || !store.checkpointRequested || store.deoptBarrier != 0) {
            return false;
        }
        store.deoptInst = inst;
        store.deoptPc = pc;
        store.deoptFp = fp;
        store.deoptDepth = depth;
        store.deoptTop = top;
        return true;
    }

    /** Whether a compiled frame's handler caught {@link #DEOPT} (else a trap or another exception). */
    public static boolean isDeopt(Throwable t) {
        return t == DEOPT;
    }

    /**
     * A compiled frame of depth frames in use, about to spill its slots: if the deoptimization
     * came from deeper, through its call in flight, writes that call's frame record (site, the pc
     * after it), where the interpreter goes on when the callee returns, and returns the call's
     * base (the callee's frame starts there: the slots from it on are the callee's, spilled by
     * it); else returns a bound past every slot.
     */
    public static int deoptFrame(Store store, Instance inst, int depth, int site) {
        store.deoptimizedFrames++;
        if (store.deoptDepth > depth) {
            store.returnPcs[depth] = site;
            // A call's last operand is its base (the interpreter's return relies on it too).
            return inst.code[site - 1];
        }
        return Integer.MAX_VALUE;
    }

    /**
     * Op.FUEL in a function compiled under the {@code deopt} policy (pc the FUEL op, in the frame
     * at fp with depth frames in use): as {@link #charge}, and when the slice is spent with a
     * checkpoint due, deoptimizes instead of refilling, the FUEL not paid (the interpreter pays it).
     */
    public static void chargeAt(Store store, int n, Instance inst, int pc, int fp, int depth) {
        if (store.interruptRequested) {
            store.interruptRequested = false;
            throw new TrapException(TrapException.Kind.INTERRUPTED);
        }
        if ((store.fuel -= n) < 0) {
            refuelAt(store, n, inst, pc, fp, depth);
        }
    }

    private static void refuelAt(Store store, int n, Instance inst, int pc, int fp, int depth) {
        do {
            store.fuel += n;
            if (deoptimizing(store, inst, pc, fp, depth, 0)) {
                throw DEOPT;
            }
            if (!store.refuel()) {
                throw new TrapException(TrapException.Kind.FUEL_EXHAUSTED);
            }
        } while ((store.fuel -= n) < 0);
    }

    // What compiled code reads of its instance, once on entry.

    public static long[] stack(Instance inst) {
        return inst.store().stack;
    }

    public static Store store(Instance inst) {
        return inst.store();
    }

    public static byte[] memoryArray(Instance inst) {
        return inst.memory.array();
    }

    public static ByteBuffer memoryView(Instance inst) {
        return inst.memory.view();
    }

    public static Global[] globals(Instance inst) {
        return inst.globals;
    }

    /** The memory's size in bytes, read again after a call and after memory.grow. */
    public static long memorySize(Instance inst) {
        return inst.memory.size();
    }

    /** Op.MEMORY_GROW: the old size in pages, or -1. */
    public static long memoryGrow(Instance inst, long delta) {
        return inst.memory.grow((int) delta);
    }

    /**
     * On entry to a compiled function with depth frames in use, its own included, its frame at
     * fp of frameSlots slots, when depth is past the fast limit ({@link #fastLimit}) or the frame may not fit:
     * whether it runs as compiled code, on the Java stack, which holds while the frames below it
     * are below the store's bound ({@link Store#jitDepthLimit}) and its frame fits the value
     * stack. If so, raises the fast bound past it and, for {@link Store#peakCallDepth}, marks
     * its frame record in use unless its caller wrote one (the real one is written if a trap
     * unwinds, {@link #located}). Otherwise the function runs in the interpreter, which traps if
     * the frame does not fit.
     */
    public static boolean enterCallee(Store store, int depth, int fp, int frameSlots, int entry) {
        int record = depth - 1;
        if (record >= store.jitDepthLimit || fp + frameSlots > store.stack.length) {
            return false;
        }
        if (store.returnPcs[record] == 0) {
            // Any non-zero mark (entry may be 0): a pc in the function itself.
            store.returnPcs[record] = entry + Op.HEADER_SIZE;
        }
        if (record >= store.jitFastDepth) {
            store.jitFastDepth = record + 1;
        }
        return true;
    }

    /**
     * The limit a compiled frame at depth (frames in use, its own included) and fp, and the
     * compiled frames it calls directly, compare their depth with on entry: at or below it
     * they run without {@link #enterCallee}. It is the store's fast depth ({@link
     * Store#jitFastDepth}: frame records marked, within the Java stack's share) and the depth
     * to which frames surely fit the value stack: a function that calls has at most
     * {@code MAX_CALLING_SLOTS} frame slots, so each frame starts fewer than that many slots past
     * its caller's, and a frame of at most that many fits if its depth is within the limit. A
     * function with a larger frame (only a leaf may have one) checks its frame itself. The
     * value stack's end is thus not an argument of every call, and the check on entry is one
     * compare; near the end, calls take the slow path, which checks exactly.
     */
    public static int fastLimit(Store store, int depth, int fp) {
        int fitting = depth + (store.stack.length - fp) / MAX_CALLING_SLOTS - 1;
        return Math.min(store.jitFastDepth, fitting);
    }

    /** The call-stack trap, for a frame that would pass the value stack's end. */
    public static TrapException exhausted() {
        return Store.exhausted();
    }

    /**
     * Op.CALL and CALL_ARGS to a defined function of inst that compiled code does not call
     * directly (it is not compiled, or the Java stack bound is reached): the callee runs in a
     * nested interpreter activation on the frame at base (absolute), arguments already there.
     * Returns the memory size after the call.
     */
    public static long callDefined(Store store, Instance inst, int entry, int base, int depth) {
        return call(store, inst, inst, entry, base, depth);
    }

    /**
     * {@link #callDefined} from a function compiled under the {@code deopt} policy: the nested
     * interpreter activation can hand a checkpoint on to the outermost driver ({@link #DEOPT}).
     */
    public static long callDefinedAt(Store store, Instance inst, int entry, int base, int depth) {
        if (depth >= store.returnPcs.length || base + inst.code[entry + 2] > store.stack.length) {
            throw Store.exhausted();
        }
        store.depth = depth;
        Interpreter.execute(store, inst, entry, base, true);
        return inst.memory.size();
    }

    /**
     * {@link #callImport} under the {@code deopt} policy, pc the call instruction in the frame at
     * fp: a host call is a safe point (before the call, which the interpreter makes again), and a
     * blocking host function that gave up for a checkpoint ({@link Checkpoint.Pending}) is one too.
     */
    public static long callImportAt(Store store, Instance inst, int function, int base, int depth, int resume,
            int pc, int fp) {
        return callFunctionAt(store, inst, inst.functions[function], base, depth, resume, pc, fp);
    }

    /** {@link #callIndirect} under the {@code deopt} policy, as {@link #callImportAt}. */
    public static long callIndirectAt(Store store, Instance inst, int type, int tableIndex, long element, int base,
            int depth, int resume, int pc, int fp) {
        return callFunctionAt(store, inst, indirectCallee(store, inst, type, tableIndex, element), base, depth, resume,
                pc, fp);
    }

    private static long callFunctionAt(Store store, Instance inst, Function callee, int base, int depth, int resume,
            int pc, int fp) {
        if (callee.host != null) {
            if (deoptimizing(store, inst, pc, fp, depth, base + callee.hostSlots)) {
                throw DEOPT;
            }
            try {
                Instructions.callHost(store, inst, callee, store.stack, base, depth);
            } catch (Checkpoint.Pending pending) {
                if (deoptimizing(store, inst, pc, fp, depth, base + callee.hostSlots)) {
                    throw DEOPT;
                }
                throw pending;
            }
            return inst.memory.size();
        }
        if (callee.instance != inst) {
            // Frames in another instance: a checkpoint waits until they return (Store.deoptBarrier).
            return callFunction(store, inst, callee, base, depth, resume);
        }
        int[] code = inst.code;
        int entry = callee.entry;
        JitCode function = code[entry + Op.HEADER_SIZE] == Op.JIT_ENTRY
                ? inst.compiledModule().jitFunction(code[entry + Op.HEADER_SIZE + 1]) : null;
        if (function == null) {
            return callDefinedAt(store, inst, entry, base, depth);
        }
        Memory memory = inst.memory;
        function.run(store.stack, base, memory.array(), memory.view(), memory.size(), inst.globals, store, inst,
                depth + 1);
        return memory.size();
    }

    /** Op.CALL_IMPORT: a host function or another instance's, through the interpreter's driver. */
    public static long callImport(Store store, Instance inst, int function, int base, int depth, int resume) {
        return callFunction(store, inst, inst.functions[function], base, depth, resume);
    }

    /** Op.CALL_INDIRECT, spec 4.4.8: the table element, checked against the type, then called. */
    public static long callIndirect(Store store, Instance inst, int type, int tableIndex, long element, int base,
            int depth, int resume) {
        return callFunction(store, inst, indirectCallee(store, inst, type, tableIndex, element), base, depth, resume);
    }

    /** The function table element {@code element} refers to, with call_indirect's traps (spec 4.4.8). */
    private static Function indirectCallee(Store store, Instance inst, int type, int tableIndex, long element) {
        Table table = inst.tables[tableIndex];
        int i = (int) element;
        if (i < 0 || i >= table.size) {
            throw new TrapException(TrapException.Kind.UNDEFINED_ELEMENT);
        }
        long reference = table.elements[i];
        if (reference == 0) {
            throw new TrapException(TrapException.Kind.UNINITIALIZED_ELEMENT);
        }
        Function callee = store.functionById((int) (reference - 1));
        if (callee.typeId != inst.typeIds[type]) {
            throw new TrapException(TrapException.Kind.INDIRECT_CALL_TYPE_MISMATCH);
        }
        return callee;
    }

    /**
     * Op.CALL_INDIRECT from compiled code: the element checked as {@link #callIndirect} does (the
     * same traps); if it is a compiled function of inst, its defined index, which the caller then
     * calls directly, else -1 (the caller calls callIndirect).
     */
    public static int indirectTarget(Store store, Instance inst, int type, int tableIndex, long element) {
        Function callee = indirectCallee(store, inst, type, tableIndex, element);
        // Host functions have no instance.
        return callee.instance == inst ? callee.jitIndex : -1;
    }

    /**
     * A call through a Function: a host function; a compiled function of the same instance,
     * called as a JVM call of its run() (a virtual call: the callee is known only now); or,
     * across instances, not compiled, or past the Java stack's share, the interpreter's driver.
     * resume is the pc after the call; compiled callers also leave it for their handler, which
     * writes the frame record if a trap unwinds.
     */
    private static long callFunction(Store store, Instance inst, Function callee, int base, int depth, int resume) {
        if (callee.host != null) {
            Instructions.callHost(store, inst, callee, store.stack, base, depth);
            return inst.memory.size();
        }
        int[] code = inst.code;
        int entry = callee.entry;
        if (callee.instance == inst && code[entry + Op.HEADER_SIZE] == Op.JIT_ENTRY) {
            JitCode function = inst.compiledModule().jitFunction(code[entry + Op.HEADER_SIZE + 1]);
            // The function checks the depth and its frame on entry (enterCallee); its frame
            // record is written only if a trap unwinds through the caller (located).
            if (function != null) {
                Memory memory = inst.memory;
                function.run(store.stack, base, memory.array(), memory.view(), memory.size(), inst.globals, store,
                        inst, depth + 1);
                return memory.size();
            }
        }
        return call(store, inst, callee.instance, entry, base, depth);
    }

    private static long call(Store store, Instance inst, Instance target, int entry, int base, int depth) {
        if (depth >= store.returnPcs.length || base + target.code[entry + 2] > store.stack.length) {
            throw Store.exhausted();
        }
        store.depth = depth;
        Interpreter.execute(store, target, entry, base);
        return inst.memory.size();
    }

    /**
     * Records where a trap left compiled code, as the interpreter's loop does for its own: the
     * innermost compiled frame to see it (depth frames in use, entry the function's header pc)
     * records it; frames further out write the frame record of the call the trap came through
     * (site, the pc after it), which direct calls skip while nothing traps. The interpreter's
     * driver reads and clears it.
     */
    public static Throwable located(Store store, Throwable t, int entry, int depth, int site) {
        if (store.located != t) {
            store.located = t;
            store.exitPc = entry;
            store.exitDepth = depth;
        } else {
            store.returnPcs[depth] = site;
        }
        return t;
    }

    public static void memoryFill(byte[] mem, long memSize, long d, long value, long n) {
        Instructions.memoryFill(mem, memSize, d, value, n);
    }

    public static void memoryCopy(byte[] mem, long memSize, long d, long s, long n) {
        Instructions.memoryCopy(mem, memSize, d, s, n);
    }
}
