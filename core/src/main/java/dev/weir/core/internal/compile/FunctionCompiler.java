package dev.weir.core.internal.compile;


/**
 * Emits {@link Op} code for function bodies while {@code dev.weir.core.internal.validate.FunctionValidator}
 * checks them: the validator knows the type and slot of every operand, this class knows the
 * code layout, the labels and how values move on branches.
 *
 * <p>All functions of a module go into one growing buffer, so one instance serves a whole module
 * and its scratch arrays are reused between functions. Labels are addressed by control-stack
 * depth (0 is the function body). A forward label keeps a chain of the code positions that need
 * its pc, linked through those positions themselves, and patches them when the label is pinned;
 * a loop label knows its pc from the start. Branching to depth 0 is a return.
 *
 * <p>While the validator reports the current code as unreachable ({@link #live(boolean)} false),
 * every emit method does nothing: dead code is validated but not compiled.
 *
 * <p>Metered code (fuel): the validator calls {@link #countInstruction} before each wasm
 * instruction. The first counted instruction of a straight-line segment emits {@code FUEL 0}
 * and every one counted after it, up to the next label or branch, adds 1 to that operand, so
 * running a segment to its end charges exactly the wasm instructions it executed. A segment
 * starts at function entry, at every loop label and pinned forward label, after every branch
 * (br_if, if) and wherever reachable code resumes. Calls do not end a segment: the
 * instructions after a call are charged before it (exact unless the callee traps or exits).
 * {@code end} and {@code else} count when reached by falling through, not when a branch skips
 * them.
 */
public final class FunctionCompiler {
    private static final int NO_CHAIN = -1;

    private final boolean foldLocals;
    private final boolean metered;
    /** Which functions and loops run as JVM bytecode; null when everything is interpreted. */
    private final JitSelector jit;
    /** Index among the defined functions of the function being compiled. */
    private int definedIndex = -1;
    /** Loops compiled to JVM bytecode so far ({@link Op#JIT_LOOP} regions), in the whole module. */
    private int jitLoopCount;
    /** See {@link #interruptible(boolean)}. */
    private boolean interruptible;
    /** See {@link #tierScanSteps()}. */
    private long tierScanSteps;
    /** Position of the current segment's FUEL operand; -1 until its first counted instruction. */
    private int fuelPos = -1;
    private int[] code = new int[1024];
    private int size;
    private boolean live = true;
    private int entry;
    /** Position of the dst operand of the last instruction, when it was the last thing emitted; else -1. */
    private int lastDst = -1;
    private int lastEnd = -1;
    /** First operand-stack slot of the current function: slots below are params and locals. */
    private int operandBase;
    /** A compare taken back by {@link #holdCondition}, to be fused with the branch that follows. */
    private boolean held;
    private int heldOp;
    private int heldCond;
    private int heldA;
    private int heldB;
    private int fusedX;
    private int fusedY;

    private int[] labelSlot = new int[16];
    /** Pc of a loop label, or -1 for a forward label. */
    private int[] labelPc = new int[16];
    private int[] labelChain = new int[16];
    /** For a loop with the JIT on: the pc of its JIT_LOOP placeholder, else -1. */
    private int[] loopEntry = new int[16];
    /** For an if: the BR_IF_EQZ target to patch at else (or end). */
    private int[] elseChain = new int[16];

    /** Positions of CALL entry operands, which hold the function index until {@link #patchCalls}. */
    private int[] callSites = new int[16];
    private int callSiteCount;

    /** br_table trampolines already emitted, by label depth, for the current br_table only. */
    private int[] trampolinePc = new int[16];

    /**
     * @param foldLocals whether to apply step 2: consumers read a local.get's local directly
     *                   instead of a COPY of it, and {@code op; local.set x} makes op write x
     * @param metered    whether to emit {@link Op#FUEL} (see the class comment)
     * @param jit        which functions start with {@link Op#JIT_ENTRY} and which loops with
     *                   {@link Op#JIT_LOOP}; null for none
     */
    public FunctionCompiler(boolean foldLocals, boolean metered, JitSelector jit) {
        this.foldLocals = foldLocals;
        this.metered = metered;
        this.jit = jit;
        java.util.Arrays.fill(trampolinePc, -1);
    }

    /**
     * Makes unmetered code interruptible ({@code Store.interrupt}): a {@code FUEL 0} at each
     * function entry and loop label, where an interruption is noticed (metered code has its
     * FUEL there already). Off by default, so code compiled without it pays nothing.
     */
    public FunctionCompiler interruptible(boolean on) {
        this.interruptible = on;
        return this;
    }

    /** An interruption point (see {@link #interruptible}) where unmetered code has none. */
    private void interruptPoint() {
        if (interruptible && !metered && live) {
            emit(Op.FUEL);
            emit(0);
        }
    }

    public boolean metered() {
        return metered;
    }

    /** Metered code: counts one wasm instruction, about to be compiled, in the current segment. */
    public void countInstruction() {
        if (!metered || !live) {
            return;
        }
        if (fuelPos < 0) {
            emit(Op.FUEL);
            fuelPos = size;
            emit(0);
        }
        code[fuelPos]++;
    }

    public boolean foldLocals() {
        return foldLocals;
    }

    /**
     * Makes the instruction just emitted write slot to instead of slot from, if it is the
     * one that wrote from and nothing (no label either) came after it. For local.set: the value
     * then goes straight into the local.
     */
    public boolean retarget(int from, int to) {
        if (!live || lastDst < 0 || lastEnd != size || code[lastDst] != from) {
            return false;
        }
        code[lastDst] = to;
        lastDst = -1;
        return true;
    }

    /** Ops that write their first operand after reading all others, so it may be any slot. */
    private static boolean writesFirstOperand(int op) {
        return op == Op.COPY || op == Op.SELECT || op == Op.GLOBAL_GET || op == Op.TABLE_GET
                || op == Op.TABLE_SIZE || op == Op.TABLE_GROW || op == Op.REF_FUNC
                || (op >= Op.I32_LOAD && op <= Op.I64_LOAD32_U)
                || op == Op.MEMORY_SIZE || op == Op.MEMORY_GROW
                || (op >= Op.I32_CONST && !readsFirstOperand(op));
    }

    /** Ops after I32_CONST whose first operand is read, not written: stores, v128 global.set, branches. */
    private static boolean readsFirstOperand(int op) {
        return op == Op.V128_GLOBAL_SET || op == Op.V128_STORE
                || (op >= Op.V128_STORE8_LANE && op <= Op.V128_STORE64_LANE)
                || (op >= Op.BR_IF_I32_EQ && op <= Op.BR_IF_I32_GT_U_I)
                || op == Op.RETURN_VALUE || op == Op.FUEL;
    }

    private void produced(int op, int start) {
        if (writesFirstOperand(op)) {
            lastDst = start + 1;
            lastEnd = size;
        } else {
            lastDst = -1;
        }
    }

    /** Whether code is reachable; emission is suppressed while it is not. */
    public void live(boolean live) {
        if (live != this.live) {
            fuelPos = -1;
        }
        this.live = live;
    }

    public boolean isLive() {
        return live;
    }

    /** The next instruction's pc. */
    public int pc() {
        return size;
    }

    /** The code so far, trimmed. */
    public int[] toArray() {
        return java.util.Arrays.copyOf(code, size);
    }

    /** Starts a function: writes its header and sets up the function body's label at depth 0. */
    public int beginFunction(int paramSlots, int localSlots) {
        entry = size;
        operandBase = paramSlots + localSlots;
        live = true;
        fuelPos = -1;
        emit(paramSlots);
        emit(localSlots);
        emit(0);
        definedIndex++;
        if (jit != null) {
            // Operands set by chooseTier; or the header moves over it (see there).
            emit(Op.JIT_ENTRY);
            emit(0);
            emit(0);
        }
        ensureLabels(1);
        labelSlot[0] = 0;
        labelPc[0] = -1;
        loopEntry[0] = -1;
        labelChain[0] = NO_CHAIN;
        elseChain[0] = NO_CHAIN;
        interruptPoint();
        return entry;
    }

    /**
     * The final end: moves the results (valueSlots slots from slot from) to slots 0.., where
     * branches to depth 0 have already put theirs, then returns.
     */
    public void endFunction(int valueSlots, int from, int frameSlots) {
        if (live && labelChain[0] == NO_CHAIN) {
            // Nothing branches to the end: return straight from where the results are.
            returnFrom(valueSlots, from);
            code[entry + 2] = frameSlots;
            chooseTier(valueSlots);
            return;
        }
        if (live) {
            moves(0, from, valueSlots);
        }
        if (live || labelChain[0] != NO_CHAIN) {
            pin(labelChain[0], size);
            labelChain[0] = NO_CHAIN;
            emit(Op.RETURN);
        }
        code[entry + 2] = frameSlots;
        chooseTier(valueSlots);
    }

    /** Entry pc of the function being compiled (final once it has ended). */
    public int entry() {
        return entry;
    }

    /** Ints of code so far: once a function has ended, the pc after its last instruction. */
    public int size() {
        return size;
    }

    /**
     * A loop that just closed, with its JIT_LOOP placeholder at entry: keeps it, numbered, if
     * the compiler takes the loop; else makes it a BR over the placeholder's third int (an
     * UNREACHABLE never run), one dispatch per entry into the loop.
     */
    private void chooseLoopTier(int entry) {
        if (loopCompilable(entry + Op.JIT_SIZE, size)) {
            code[entry + 1] = size;
            code[entry + 2] = jitLoopCount++;
            return;
        }
        code[entry] = Op.BR;
        code[entry + 1] = entry + Op.JIT_SIZE;
        code[entry + 2] = Op.UNREACHABLE;
    }

    /**
     * Whether the loop body code[from, to) can run as JVM bytecode (the JIT's {@link JitSelector#loop}).
     * Loops close innermost first, and an inner loop's tier is already decided: one kept as
     * JIT_LOOP has only supported instructions, so the scan steps over its body whole; one refused
     * (its placeholder turned into a BR over an UNREACHABLE) holds an instruction the JIT does
     * not take, so neither can the enclosing loop. Each instruction is thus examined once, by its
     * innermost loop, and choosing tiers stays linear in the code's size however deep loops nest
     * (scanning every body at its end was quadratic: 100,000 nested loops took 20 s to load).
     */
    private boolean loopCompilable(int from, int to) {
        if (jit == null) {
            return false;
        }
        int pc = from;
        while (pc < to) {
            tierScanSteps++;
            int op = code[pc];
            if (op == Op.JIT_LOOP) {
                pc = code[pc + 1];
                continue;
            }
            if (op == Op.BR && code[pc + 1] == pc + Op.JIT_SIZE && code[pc + 2] == Op.UNREACHABLE) {
                return false;
            }
            int next = pc + Op.length(code, pc);
            if (!jit.loop(code, pc, next)) {
                return false;
            }
            pc = next;
        }
        return true;
    }

    /**
     * Instructions examined so far to choose the tier of loops: at most one per instruction
     * emitted (plus one per loop), whatever the nesting. Tests bound the work of loading by it.
     */
    public long tierScanSteps() {
        return tierScanSteps;
    }

    /** Loops with {@link Op#JIT_LOOP} in the code so far. */
    public int jitLoopCount() {
        return jitLoopCount;
    }

    /**
     * With the JIT on, a function compiled so far starts with JIT_ENTRY. If the policy chooses
     * it, this fills in JIT_ENTRY's operands; else the header moves forward by JIT_ENTRY's size,
     * so that the interpreter starts straight at the body, and UNREACHABLEs, never run, pad the
     * gap.
     */
    private void chooseTier(int resultSlots) {
        if (jit == null) {
            return;
        }
        int jitEntry = entry + Op.HEADER_SIZE;
        if (jit.function(code, jitEntry + Op.JIT_SIZE, size, code[entry + 2])) {
            code[jitEntry + 1] = definedIndex;
            code[jitEntry + 2] = resultSlots;
            return;
        }
        System.arraycopy(code, entry, code, entry + Op.JIT_SIZE, Op.HEADER_SIZE);
        java.util.Arrays.fill(code, entry, entry + Op.JIT_SIZE, Op.UNREACHABLE);
        entry += Op.JIT_SIZE;
    }

    // ---- plain instructions ----------------------------------------------------------------

    public void op(int op) {
        if (live) {
            emit(op);
        }
    }

    public void op(int op, int a) {
        if (live) {
            ensure(2);
            int start = size;
            code[size++] = op;
            code[size++] = a;
            produced(op, start);
        }
    }

    public void op(int op, int a, int b) {
        if (live) {
            ensure(3);
            int start = size;
            code[size++] = op;
            code[size++] = a;
            code[size++] = b;
            produced(op, start);
        }
    }

    public void op(int op, int a, int b, int c) {
        if (live) {
            ensure(4);
            int start = size;
            code[size++] = op;
            code[size++] = a;
            code[size++] = b;
            code[size++] = c;
            produced(op, start);
        }
    }

    public void op(int op, int a, int b, int c, int d) {
        if (live) {
            ensure(5);
            int start = size;
            code[size++] = op;
            code[size++] = a;
            code[size++] = b;
            code[size++] = c;
            code[size++] = d;
            produced(op, start);
        }
    }

    public void op(int op, int a, int b, int c, int d, int e) {
        if (live) {
            ensure(6);
            int start = size;
            code[size++] = op;
            code[size++] = a;
            code[size++] = b;
            code[size++] = c;
            code[size++] = d;
            code[size++] = e;
            produced(op, start);
        }
    }

    /** Seven operands: i8x16.shuffle (dst, a, b and the 16 lane indexes packed four to an int). */
    public void op(int op, int a, int b, int c, int d, int e, int f, int g) {
        if (live) {
            ensure(8);
            int start = size;
            code[size++] = op;
            code[size++] = a;
            code[size++] = b;
            code[size++] = c;
            code[size++] = d;
            code[size++] = e;
            code[size++] = f;
            code[size++] = g;
            produced(op, start);
        }
    }

    /**
     * A load: when the instruction just emitted is an i32.add of a constant into the address's
     * operand slot, that add is taken back and the load computes the address itself (with the
     * same 32-bit wrap before the offset is added), one dispatch instead of two.
     */
    public void load(int op, int dst, int addr, int offset) {
        int fused = op == Op.I32_LOAD ? Op.I32_LOAD_ADD : op == Op.I64_LOAD ? Op.I64_LOAD_ADD
                : op == Op.I32_LOAD8_U ? Op.I32_LOAD8_U_ADD : -1;
        if (live && fused >= 0 && lastDst >= 0 && lastEnd == size && code[lastDst] == addr && addr >= operandBase
                && code[lastDst - 1] == Op.I32_ADD_I) {
            int start = lastDst - 1;
            int base = code[start + 2];
            int imm = code[start + 3];
            size = start;
            op(fused, dst, base, imm, offset);
            return;
        }
        op(op, dst, addr, offset);
    }

    /** COPY of a value of the given slot count, nothing when it is already in place. */
    public void copy(int dst, int src, int slots) {
        if (live) {
            moves(dst, src, slots);
        }
    }

    /**
     * A call to a defined function whose n argument slots are read from sources[0..n): CALL when
     * they are in place at base already, else CALL_ARGS. Its entry pc is filled in by
     * {@link #patchCalls}.
     */
    public void call(int functionIndex, int base, int[] sources, int n) {
        if (!live) {
            return;
        }
        boolean inPlace = true;
        for (int i = 0; i < n; i++) {
            inPlace &= sources[i] == base + i;
        }
        ensure(inPlace ? 3 : 4 + n);
        code[size++] = inPlace ? Op.CALL : Op.CALL_ARGS;
        if (callSiteCount == callSites.length) {
            callSites = java.util.Arrays.copyOf(callSites, callSiteCount * 2);
        }
        callSites[callSiteCount++] = size;
        code[size++] = functionIndex;
        if (!inPlace) {
            code[size++] = n;
            System.arraycopy(sources, 0, code, size, n);
            size += n;
        }
        code[size++] = base;
    }

    /** Replaces the function indexes of CALL instructions by entry pcs, once all functions are compiled. */
    public void patchCalls(int[] entries, int importedFunctionCount) {
        for (int i = 0; i < callSiteCount; i++) {
            int site = callSites[i];
            code[site] = entries[code[site] - importedFunctionCount];
        }
        callSiteCount = 0;
    }

    // ---- structured control --------------------------------------------------------------

    /** block: a forward label whose values go to slots from slot. */
    public void openBlock(int depth, int slot) {
        ensureLabels(depth + 1);
        loopEntry[depth] = -1;
        labelSlot[depth] = slot;
        labelPc[depth] = -1;
        labelChain[depth] = NO_CHAIN;
        elseChain[depth] = NO_CHAIN;
    }

    /** loop: a backward label at the current pc. */
    public void openLoop(int depth, int slot) {
        lastDst = -1;
        ensureLabels(depth + 1);
        loopEntry[depth] = -1;
        if (jit != null && live) {
            // Operands set when the loop closes (see there); the label comes after it.
            loopEntry[depth] = size;
            emit(Op.JIT_LOOP);
            emit(0);
            emit(0);
        }
        labelSlot[depth] = slot;
        labelPc[depth] = size;
        labelChain[depth] = NO_CHAIN;
        elseChain[depth] = NO_CHAIN;
        fuelPos = -1;
        // After the label: every iteration passes it.
        interruptPoint();
    }

    /** if: skips to the else arm (or the end) when s[cond] is zero. */
    public void openIf(int depth, int slot, int cond) {
        openBlock(depth, slot);
        if (live) {
            if (!fuseCompare(cond, false)) {
                ensure(3);
                code[size++] = Op.BR_IF_EQZ;
                code[size++] = cond;
            }
            elseChain[depth] = size;
            code[size++] = NO_CHAIN;
            fuelPos = -1;
        }
    }

    /** else: the then arm (if reachable) jumps to the end; the false condition lands here. */
    public void elseArm(int depth) {
        if (live) {
            emit(Op.BR);
            target(depth);
        }
        if (pin(elseChain[depth], size)) {
            fuelPos = -1;
        }
        elseChain[depth] = NO_CHAIN;
    }

    /** end of a block, loop or if (not the function body). */
    public void close(int depth) {
        if (pin(elseChain[depth], size) | pin(labelChain[depth], size)) {
            fuelPos = -1;
        }
        if (loopEntry[depth] >= 0) {
            chooseLoopTier(loopEntry[depth]);
        }
        elseChain[depth] = NO_CHAIN;
        labelChain[depth] = NO_CHAIN;
    }

    // ---- branches ----------------------------------------------------------------------------

    /**
     * br: the label's values (valueSlots slots ending at top) move to the label's slots, then
     * jump. To depth 0 it is a return.
     */
    public void branch(int depth, int valueSlots, int top) {
        if (!live) {
            return;
        }
        if (depth == 0) {
            ret(valueSlots, top - valueSlots);
            return;
        }
        moves(labelSlot[depth], top - valueSlots, valueSlots);
        emit(Op.BR);
        target(depth);
        fuelPos = -1;
    }

    /** br_if: as {@link #branch}, taken when s[cond] is non-zero; top excludes the condition. */
    public void branchIf(int depth, int valueSlots, int top, int cond) {
        if (!live) {
            return;
        }
        int from = top - valueSlots;
        if (valueSlots == 0 || from == labelSlot[depth]) {
            if (!fuseCompare(cond, true)) {
                ensure(2);
                code[size++] = Op.BR_IF;
                code[size++] = cond;
            }
            target(depth);
            fuelPos = -1;
            return;
        }
        releaseHeld();
        ensure(3);
        code[size++] = Op.BR_IF_EQZ;
        code[size++] = cond;
        int skip = size;
        code[size++] = NO_CHAIN;
        moves(labelSlot[depth], from, valueSlots);
        if (depth == 0) {
            emit(Op.RETURN);
        } else {
            emit(Op.BR);
            target(depth);
        }
        code[skip] = size;
        fuelPos = -1;
    }

    /**
     * br_table: depths[0..count] are the label depths, the last the default; every label takes
     * valueSlots slots ending at top. Entries that need moves point to trampolines after the table.
     */
    public void branchTable(int index, int count, int[] depths, int valueSlots, int top) {
        if (!live) {
            return;
        }
        int from = top - valueSlots;
        ensure(3 + count + 1);
        code[size++] = Op.BR_TABLE;
        code[size++] = index;
        code[size++] = count;
        int table = size;
        size += count + 1;
        for (int i = 0; i <= count; i++) {
            int depth = depths[i];
            if (valueSlots == 0 || from == labelSlot[depth]) {
                targetAt(depth, table + i);
                continue;
            }
            if (trampolinePc.length <= depth) {
                int old = trampolinePc.length;
                trampolinePc = java.util.Arrays.copyOf(trampolinePc, Math.max(old * 2, depth + 1));
                java.util.Arrays.fill(trampolinePc, old, trampolinePc.length, -1);
            }
            if (trampolinePc[depth] < 0) {
                trampolinePc[depth] = size;
                moves(labelSlot[depth], from, valueSlots);
                if (depth == 0) {
                    emit(Op.RETURN);
                } else {
                    emit(Op.BR);
                    target(depth);
                }
            }
            code[table + i] = trampolinePc[depth];
        }
        for (int i = 0; i <= count; i++) {
            int depth = depths[i];
            if (depth < trampolinePc.length) {
                trampolinePc[depth] = -1;
            }
        }
        fuelPos = -1;
    }

    /** return: results (valueSlots slots from slot from) move to slots 0.., then RETURN. */
    public void ret(int valueSlots, int from) {
        if (live) {
            returnFrom(valueSlots, from);
            fuelPos = -1;
        }
    }

    /** Moves the results to slots 0.. and returns; a single result that needs a move takes one instruction. */
    private void returnFrom(int valueSlots, int from) {
        if (valueSlots == 1 && from != 0) {
            emit(Op.RETURN_VALUE);
            emit(from);
            return;
        }
        moves(0, from, valueSlots);
        emit(Op.RETURN);
    }

    // ---- internals ----------------------------------------------------------------------------

    private void moves(int dst, int src, int slots) {
        lastDst = -1;
        if (dst == src) {
            return;
        }
        // Ascending is safe: branch values only ever move down the frame.
        for (int i = 0; i < slots; i++) {
            ensure(3);
            code[size++] = Op.COPY;
            code[size++] = dst + i;
            code[size++] = src + i;
        }
    }

    /**
     * br_if and if: called with the condition's slot before anything else is emitted for the
     * branch (such as copies of folded operands). When the instruction just emitted is a compare
     * into that operand slot, it is taken back and held, so {@link #fuseCompare} can emit it as a
     * fused compare-and-branch after those copies. Moving it is safe: the copies read locals and
     * write operand slots below the condition, none of which the compare reads or writes.
     */
    public void holdCondition(int cond) {
        held = false;
        if (!live || lastDst < 0 || lastEnd != size || code[lastDst] != cond || cond < operandBase) {
            return;
        }
        int start = lastDst - 1;
        int op = code[start];
        int length = size - start;
        if ((op == Op.I32_EQZ && length == 3) || (length == 4 && negate(op) != -1)) {
            heldOp = op;
            heldCond = cond;
            heldA = code[start + 2];
            heldB = length == 4 ? code[start + 3] : 0;
            size = start;
            lastDst = -1;
            held = true;
        }
    }

    /** Emits the held compare as it was. */
    private void releaseHeld() {
        if (!held) {
            return;
        }
        held = false;
        if (heldOp == Op.I32_EQZ) {
            op(heldOp, heldCond, heldA);
        } else {
            op(heldOp, heldCond, heldA, heldB);
        }
        lastDst = -1;
    }

    /**
     * Emits the held compare fused with the branch (op and its two operands; the caller adds the
     * target), or nothing (the compare goes back in place) when it cannot be fused.
     *
     * @param whenTrue branch when the condition holds (br_if), else when it does not (if)
     */
    private boolean fuseCompare(int cond, boolean whenTrue) {
        if (!held || heldCond != cond) {
            releaseHeld();
            return false;
        }
        if (heldOp == Op.I32_EQZ) {
            held = false;
            ensure(2);
            code[size++] = whenTrue ? Op.BR_IF_EQZ : Op.BR_IF;
            code[size++] = heldA;
            return true;
        }
        int fused = fusedBranch(whenTrue ? heldOp : negate(heldOp), heldA, heldB);
        if (fused < 0) {
            releaseHeld();
            return false;
        }
        held = false;
        ensure(3);
        code[size++] = fused;
        code[size++] = fusedX;
        code[size++] = fusedY;
        return true;
    }

    /** The fused branch for "a op b", its operands left in fusedX and fusedY; or -1. */
    private int fusedBranch(int op, int a, int b) {
        int x = a;
        int y = b;
        int fused;
        switch (op) {
            case Op.I32_EQ: fused = Op.BR_IF_I32_EQ; break;
            case Op.I32_NE: fused = Op.BR_IF_I32_NE; break;
            case Op.I32_LT_S: fused = Op.BR_IF_I32_LT_S; break;
            case Op.I32_LT_U: fused = Op.BR_IF_I32_LT_U; break;
            case Op.I32_LE_S: fused = Op.BR_IF_I32_LE_S; break;
            case Op.I32_LE_U: fused = Op.BR_IF_I32_LE_U; break;
            case Op.I32_GT_S: fused = Op.BR_IF_I32_LT_S; x = b; y = a; break;
            case Op.I32_GT_U: fused = Op.BR_IF_I32_LT_U; x = b; y = a; break;
            case Op.I32_GE_S: fused = Op.BR_IF_I32_LE_S; x = b; y = a; break;
            case Op.I32_GE_U: fused = Op.BR_IF_I32_LE_U; x = b; y = a; break;
            case Op.I32_EQ_I: fused = Op.BR_IF_I32_EQ_I; break;
            case Op.I32_NE_I: fused = Op.BR_IF_I32_NE_I; break;
            case Op.I32_LT_S_I: fused = Op.BR_IF_I32_LT_S_I; break;
            case Op.I32_LT_U_I: fused = Op.BR_IF_I32_LT_U_I; break;
            case Op.I32_GT_S_I: fused = Op.BR_IF_I32_GT_S_I; break;
            case Op.I32_GT_U_I: fused = Op.BR_IF_I32_GT_U_I; break;
            // Negations of immediate compares: a >= c is a > c - 1, a <= c is a < c + 1, except at the ends.
            case NOT_LT_S_I:
                if (b == Integer.MIN_VALUE) {
                    return -1;
                }
                fused = Op.BR_IF_I32_GT_S_I;
                y = b - 1;
                break;
            case NOT_LT_U_I:
                if (b == 0) {
                    return -1;
                }
                fused = Op.BR_IF_I32_GT_U_I;
                y = b - 1;
                break;
            case NOT_GT_S_I:
                if (b == Integer.MAX_VALUE) {
                    return -1;
                }
                fused = Op.BR_IF_I32_LT_S_I;
                y = b + 1;
                break;
            case NOT_GT_U_I:
                if (b == -1) {
                    return -1;
                }
                fused = Op.BR_IF_I32_LT_U_I;
                y = b + 1;
                break;
            default:
                return -1;
        }
        fusedX = x;
        fusedY = y;
        return fused;
    }

    // Pseudo-ops for the negated immediate compares, which have no op of their own.
    private static final int NOT_LT_S_I = -2;
    private static final int NOT_LT_U_I = -3;
    private static final int NOT_GT_S_I = -4;
    private static final int NOT_GT_U_I = -5;

    /** The compare with the opposite result (integers have no unordered case), or -1. */
    private static int negate(int op) {
        switch (op) {
            case Op.I32_EQ: return Op.I32_NE;
            case Op.I32_NE: return Op.I32_EQ;
            case Op.I32_LT_S: return Op.I32_GE_S;
            case Op.I32_LT_U: return Op.I32_GE_U;
            case Op.I32_GT_S: return Op.I32_LE_S;
            case Op.I32_GT_U: return Op.I32_LE_U;
            case Op.I32_LE_S: return Op.I32_GT_S;
            case Op.I32_LE_U: return Op.I32_GT_U;
            case Op.I32_GE_S: return Op.I32_LT_S;
            case Op.I32_GE_U: return Op.I32_LT_U;
            case Op.I32_EQ_I: return Op.I32_NE_I;
            case Op.I32_NE_I: return Op.I32_EQ_I;
            case Op.I32_LT_S_I: return NOT_LT_S_I;
            case Op.I32_LT_U_I: return NOT_LT_U_I;
            case Op.I32_GT_S_I: return NOT_GT_S_I;
            case Op.I32_GT_U_I: return NOT_GT_U_I;
            default: return -1;
        }
    }

    /** Emits the label's pc, or a chain link to patch when the label is pinned. */
    private void target(int depth) {
        ensure(1);
        size++;
        targetAt(depth, size - 1);
    }

    private void targetAt(int depth, int position) {
        if (labelPc[depth] >= 0) {
            code[position] = labelPc[depth];
        } else {
            code[position] = labelChain[depth];
            labelChain[depth] = position;
        }
    }

    /** Points every link of the chain at pc; whether there was any. */
    private boolean pin(int chain, int pc) {
        // A label merges paths: the value in a slot may come from more than the last instruction.
        lastDst = -1;
        boolean any = chain != NO_CHAIN;
        while (chain != NO_CHAIN) {
            int next = code[chain];
            code[chain] = pc;
            chain = next;
        }
        return any;
    }

    private void emit(int value) {
        lastDst = -1;
        ensure(1);
        code[size++] = value;
    }

    private void ensure(int more) {
        if (size + more > code.length) {
            code = java.util.Arrays.copyOf(code, Math.max(code.length * 2, size + more));
        }
    }

    private void ensureLabels(int n) {
        if (n > labelSlot.length) {
            int len = Math.max(n, labelSlot.length * 2);
            labelSlot = java.util.Arrays.copyOf(labelSlot, len);
            labelPc = java.util.Arrays.copyOf(labelPc, len);
            loopEntry = java.util.Arrays.copyOf(loopEntry, len);
            labelChain = java.util.Arrays.copyOf(labelChain, len);
            elseChain = java.util.Arrays.copyOf(elseChain, len);
        }
    }
}
