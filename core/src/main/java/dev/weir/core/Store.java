package dev.weir.core;

import dev.weir.core.module.TrapException;
import dev.weir.core.module.FuncType;

import java.util.HashMap;

/**
 * Where instances live and run (<a href="https://webassembly.github.io/spec/core/exec/runtime.html#store">spec 4.2.3</a>): owns the preallocated value stack and call frames
 * sized by {@link StoreLimits}, and the references that tables and ref.func values point to.
 * Not thread-safe: use one store per thread of execution.
 *
 * <p>A funcref value is a function's store id + 1 (0 is null), so references are plain longs
 * and a table is a {@code long[]}. Function types are interned to ints so that
 * {@code call_indirect} checks a signature with one int comparison.
 */
public final class Store {
    private final StoreLimits limits;
    /** Tables, elements, globals, functions and data the store's instances hold (see StoreLimits). */
    final StoreUsage usage;

    /**
     * The value stack shared by every activation: frames are fp-relative windows into it. Empty
     * until the first call enters the store ({@link #allocateStacks}): a store whose instances are
     * only instantiated, or never called, keeps no stack (issue 16: ten idle hello-world stores).
     */
    long[] stack = NO_SLOTS;
    /**
     * Per active frame, where its caller resumes: a pc in the caller's code, {@code ~pc} when the
     * caller runs in another instance (kept in {@link #frameInstances}), or -1 for the frame a
     * host entered through {@link Function#call}. The caller's fp is not stored: the call
     * instruction's last operand is the callee's fp offset, so the caller's fp is recomputed
     * from the code on return.
     */
    int[] returnPcs = NO_FRAMES;
    /** The caller's instance for frames whose caller ran in another instance (or was the host). */
    Instance[] frameInstances = NO_INSTANCES;

    private static final long[] NO_SLOTS = new long[0];
    private static final int[] NO_FRAMES = new int[0];
    private static final Instance[] NO_INSTANCES = new Instance[0];

    /** Frames in use; kept in a loop local while running, published here around host calls. */
    int depth;
    /** First free slot: where the next activation entered from the host starts. */
    int top;

    /**
     * Where the interpreter's loop stopped, for its driver: the pc (or popped return record),
     * fp and frame depth, and for a call that leaves the instance, the callee and the absolute
     * slot of its arguments. See {@link Interpreter}.
     */
    int exitPc;
    int exitFp;
    int exitDepth;
    Function exitCallee;
    int exitBase;
    /** For a call that leaves the loop: the call instruction's own pc (a checkpoint redoes the call). */
    int exitCallPc;

    /**
     * Set from any thread by {@link #requestCheckpoint}; the driver reads it only at its safe
     * points (a fuel slice ending, a host call), never in the loop. See {@link Checkpoint}.
     */
    volatile boolean checkpointRequested;
    /** What takes the checkpoint once the driver reaches a safe point; null when not enabled. */
    CheckpointHandler checkpointHandler;
    /** Fuel held back from {@link #fuel} so that metered code returns to the driver every slice. */
    long fuelReserve;
    /** The slice size, or 0 when fuel is not sliced. */
    long fuelSlice;

    /**
     * Frames in use below which compiled code calls compiled code as JVM calls, on the Java stack:
     * the Java stack the limits guarantee ({@link StoreLimits#javaStackBytes}) over the most one
     * compiled frame takes ({@link JitCode#FRAME_BYTES}), never above the call-depth limit.
     * Deeper frames run in the interpreter, whose calls use no Java stack.
     */
    final int jitDepthLimit;
    /**
     * A compiled function entered with at most this many frames below it runs without writing
     * its frame record (a trap writes it as it unwinds, JitCode.located): the deepest record
     * written so far, plus one, never above {@link #jitDepthLimit}, so the check on entry is one
     * compare. Deeper entries take JitCode.enterCallee, which marks the record and raises this,
     * so that {@link #peakCallDepth} still sees the deepest frame.
     */
    int jitFastDepth;
    /** A trap or exception compiled code has recorded in {@link #exitPc} and {@link #exitDepth}. */
    Throwable located;

    /**
     * Where a deoptimization ({@link JitCode#DEOPT}) started: the youngest frame's instance, pc
     * (the unpaid FUEL op, or the host call to make again), fp and frames in use, and the end of
     * the slots a host call needs. The frames it passes spill into the value stack and frame
     * records as it unwinds; the outermost driver then takes the checkpoint there and continues.
     */
    Instance deoptInst;
    int deoptPc;
    int deoptFp;
    int deoptDepth;
    int deoptTop;
    /**
     * Activations in progress, entered by something that cannot hand its state to the
     * interpreter (a host function calling back into wasm, a call into another instance):
     * while any is, nothing deoptimizes, and a checkpoint waits until the outermost activation
     * reaches a safe point of its own. Counted only in checkpointable stores.
     */
    int deoptBarrier;
    /** Compiled frames handed to the interpreter so far (for tests: that compiled frames were on the stack). */
    long deoptimizedFrames;

    /** Fuel left: each {@code Op.FUEL} of metered code subtracts its wasm instruction count. */
    long fuel = Long.MAX_VALUE;
    /** The budget of the last {@link #setFuel}, and what budgets before it consumed. */
    private long fuelBudget = Long.MAX_VALUE;
    private long fuelConsumedBefore;

    private Function[] functions = new Function[16];
    private int functionCount;
    private final HashMap<FuncType, Integer> typeIds = new HashMap<FuncType, Integer>();

    public Store() {
        this(new StoreLimits());
    }

    public Store(StoreLimits limits) {
        this.limits = limits;
        this.usage = new StoreUsage(limits);
        this.jitDepthLimit = (int) Math.min(limits.maxCallDepth(), limits.javaStackBytes() / JitCode.FRAME_BYTES);
    }

    /**
     * Allocates the value stack and call frames at their limits, once, when the first call enters
     * the store (the empty arrays before it fail the entry's room check, which lands here; so the
     * call path pays nothing for the laziness). Returns false if they were allocated already.
     */
    boolean allocateStacks() {
        if (returnPcs.length != 0 || limits.maxCallDepth() == 0) {
            return false;
        }
        stack = new long[limits.valueStackSlots()];
        returnPcs = new int[limits.maxCallDepth()];
        frameInstances = new Instance[limits.maxCallDepth()];
        return true;
    }

    public StoreLimits limits() {
        return limits;
    }

    /**
     * Sets the fuel: how many more wasm instructions metered code ({@link Wasm#parseMetered}) may
     * execute in this store before it traps with {@link TrapException.Kind#FUEL_EXHAUSTED}
     * ({@link TrapException#isExhaustion()} true). A segment of straight-line code is charged
     * whole before it runs, so execution stops at the first segment that does not fit and the
     * remaining fuel stays exact; the store stays usable, and setting fuel again resumes with
     * new calls. Default: {@code Long.MAX_VALUE}, in effect unlimited, still counting.
     * Unmetered code ({@link Wasm#parse}) neither pays nor counts.
     */
    public void setFuel(long fuel) {
        if (fuel < 0) {
            throw new IllegalArgumentException("fuel must not be negative: " + fuel);
        }
        fuelConsumedBefore += fuelBudget - fuelRemaining();
        fuelBudget = fuel;
        this.fuel = fuel;
        this.fuelReserve = 0;
        slice();
    }

    /** Fuel left: the wasm instructions metered code may still execute. */
    public long fuelRemaining() {
        return fuel + fuelReserve;
    }

    /** Wasm instructions metered code has executed in this store so far, over all budgets. */
    public long fuelConsumed() {
        return fuelConsumedBefore + (fuelBudget - fuelRemaining());
    }

    /**
     * Makes code running in this store checkpointable: metered code ({@link Wasm#parseMetered})
     * gets its fuel in slices of sliceInstructions, and each time a slice runs out the driver
     * looks whether {@link #requestCheckpoint} was called; so does every host call. At such a
     * safe point the handler gets the {@link Checkpoint}. Unmetered code and stores without a
     * handler pay nothing for this (nothing is checked inside the interpreter's loop).
     */
    public void enableCheckpoints(long sliceInstructions, CheckpointHandler handler) {
        if (sliceInstructions <= 0) {
            throw new IllegalArgumentException("the fuel slice must be positive: " + sliceInstructions);
        }
        if (handler == null) {
            throw new IllegalArgumentException("checkpoints need a handler");
        }
        long remaining = fuelRemaining();
        this.checkpointHandler = handler;
        this.fuelSlice = sliceInstructions;
        this.fuel = remaining;
        this.fuelReserve = 0;
        slice();
    }

    /**
     * Asks for a checkpoint at the next safe point. Safe from any thread (a signal handler, a
     * timer); without {@link #enableCheckpoints} nothing happens.
     */
    public void requestCheckpoint() {
        checkpointRequested = true;
    }

    /** Whether {@link #enableCheckpoints} was called: blocking host functions then wait in slices. */
    public boolean checkpointsEnabled() {
        return checkpointHandler != null;
    }

    /** Whether a checkpoint was asked for and not yet taken: blocking host functions poll this. */
    public boolean checkpointRequested() {
        return checkpointRequested && checkpointHandler != null;
    }

    /** Moves what exceeds one slice from the fuel the loop sees into the reserve. */
    private void slice() {
        if (fuelSlice > 0 && fuel > fuelSlice) {
            fuelReserve += fuel - fuelSlice;
            fuel = fuelSlice;
        }
    }

    /** A slice ran out: hands the loop the next one; false when the budget itself is spent. */
    boolean refuel() {
        if (fuelReserve == 0) {
            return false;
        }
        long next = Math.min(fuelSlice, fuelReserve);
        fuelReserve -= next;
        fuel += next;
        return true;
    }

    /** Restores the fuel a checkpoint recorded (the budget and what was consumed before it). */
    void restoreFuel(long remaining, long consumed) {
        this.fuelConsumedBefore = consumed;
        this.fuelBudget = remaining;
        this.fuel = remaining;
        this.fuelReserve = 0;
        slice();
    }

    /** Set by {@link #interrupt} from any thread; read where fuel is checked, cleared by the trap. */
    volatile boolean interruptRequested;

    /**
     * Stops the call running in this store, from any thread (a watchdog, a timer): at its next
     * function entry or loop label it traps with {@link TrapException.Kind#INTERRUPTED}, cleanly (the store
     * stays usable, fuel stays exact). Works on interruptible code ({@link Wasm#parseInterruptible})
     * and metered code ({@link Wasm#parseMetered}), in both tiers; code from {@link Wasm#parse}
     * has no checks and runs on. A call in a host function stops when that returns to wasm. An
     * interruption requested while nothing runs stops the next call at its first check.
     */
    public void interrupt() {
        interruptRequested = true;
    }

    /**
     * The most call frames that have been in use at once in this store so far: the deepest frame
     * record ever written (records are never zero). For sizing {@link StoreLimits#maxCallDepth};
     * scans the frame records, so call it after a run, not during one.
     */
    public int peakCallDepth() {
        for (int d = returnPcs.length - 1; d >= 0; d--) {
            if (returnPcs[d] != 0) {
                return d + 1;
            }
        }
        return 0;
    }

    /**
     * The highest value stack slot that has held a non-zero value, plus one: what the store's
     * calls have used of {@link StoreLimits#valueStackSlots}, give or take the top frame's slots
     * that only ever held zero. Scans the stack, so call it after a run.
     */
    public int peakStackSlots() {
        for (int i = stack.length - 1; i >= 0; i--) {
            if (stack[i] != 0) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The function a funcref value refers to, or null for the null reference or a foreign value. */
    public Function functionOf(long reference) {
        if (reference <= 0 || reference > functionCount) {
            return null;
        }
        return functions[(int) (reference - 1)];
    }

    /** The function with that store id; the interpreter only asks for ids it was given. */
    Function functionById(int id) {
        return functions[id];
    }

    /** Adopts a function into this store, giving it an id and a canonical type id, once. */
    void register(Function function) {
        if (function.store == this) {
            return;
        }
        if (function.store != null) {
            throw new IllegalArgumentException("function " + function + " already belongs to another store");
        }
        if (functionCount == functions.length) {
            Function[] grown = new Function[functionCount * 2];
            System.arraycopy(functions, 0, grown, 0, functionCount);
            functions = grown;
        }
        function.typeId = typeId(function.type());
        function.id = functionCount;
        function.store = this;
        functions[functionCount++] = function;
    }

    /** The canonical id of a function type: equal types (by structure) get equal ids. */
    int typeId(FuncType type) {
        Integer id = typeIds.get(type);
        if (id == null) {
            id = Integer.valueOf(typeIds.size());
            typeIds.put(type, id);
        }
        return id.intValue();
    }

    static TrapException exhausted() {
        return new TrapException(TrapException.Kind.CALL_STACK_EXHAUSTED);
    }
}
