package dev.weir.core.compile;

/**
 * Emits {@link Op} code for function bodies while {@code dev.weir.core.validate.FunctionValidator}
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
 */
public final class FunctionCompiler {
    /**
     * Default of the second compilation step: consumers read a local.get's local directly instead
     * of a COPY of it, and {@code op; local.set x} makes op write x. On unless the system property
     * {@code weir.compiler.foldLocals} is {@code false}, so the plain translation can be checked
     * against it (the spec suite must pass both ways).
     */
    public static final boolean FOLD_LOCALS = !"false".equals(System.getProperty("weir.compiler.foldLocals"));

    private static final int NO_CHAIN = -1;

    private final boolean foldLocals;
    private int[] code = new int[1024];
    private int size;
    private boolean live = true;
    private int entry;
    /** Position of the dst operand of the last instruction, when it was the last thing emitted; else -1. */
    private int lastDst = -1;
    private int lastEnd = -1;

    private int[] labelSlot = new int[16];
    /** Pc of a loop label, or -1 for a forward label. */
    private int[] labelPc = new int[16];
    private int[] labelChain = new int[16];
    /** For an if: the BR_IF_EQZ target to patch at else (or end). */
    private int[] elseChain = new int[16];

    /** Positions of CALL entry operands, which hold the function index until {@link #patchCalls}. */
    private int[] callSites = new int[16];
    private int callSiteCount;

    /** br_table trampolines already emitted, by label depth, for the current br_table only. */
    private int[] trampolinePc = new int[16];

    public FunctionCompiler() {
        this(FOLD_LOCALS);
    }

    /** @param foldLocals whether to apply step 2 (see {@link #FOLD_LOCALS}) */
    public FunctionCompiler(boolean foldLocals) {
        this.foldLocals = foldLocals;
        java.util.Arrays.fill(trampolinePc, -1);
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
                || (op >= Op.I32_LOAD && op <= Op.I64_LOAD32_U) || op == Op.MEMORY_SIZE || op == Op.MEMORY_GROW
                || op >= Op.I32_CONST;
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
        live = true;
        emit(paramSlots);
        emit(localSlots);
        emit(0);
        ensureLabels(1);
        labelSlot[0] = 0;
        labelPc[0] = -1;
        labelChain[0] = NO_CHAIN;
        elseChain[0] = NO_CHAIN;
        return entry;
    }

    /**
     * The final end: moves the results (valueSlots slots from slot from) to slots 0.., where
     * branches to depth 0 have already put theirs, then returns.
     */
    public void endFunction(int valueSlots, int from, int frameSlots) {
        if (live) {
            moves(0, from, valueSlots);
        }
        if (live || labelChain[0] != NO_CHAIN) {
            pin(labelChain[0], size);
            labelChain[0] = NO_CHAIN;
            emit(Op.RETURN);
        }
        code[entry + 2] = frameSlots;
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

    /** COPY of a value of the given slot count, nothing when it is already in place. */
    public void copy(int dst, int src, int slots) {
        if (live) {
            moves(dst, src, slots);
        }
    }

    /** A call to a defined function; its entry pc is filled in by {@link #patchCalls}. */
    public void call(int functionIndex, int base) {
        if (live) {
            ensure(3);
            code[size++] = Op.CALL;
            if (callSiteCount == callSites.length) {
                callSites = java.util.Arrays.copyOf(callSites, callSiteCount * 2);
            }
            callSites[callSiteCount++] = size;
            code[size++] = functionIndex;
            code[size++] = base;
        }
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
        labelSlot[depth] = slot;
        labelPc[depth] = -1;
        labelChain[depth] = NO_CHAIN;
        elseChain[depth] = NO_CHAIN;
    }

    /** loop: a backward label at the current pc. */
    public void openLoop(int depth, int slot) {
        lastDst = -1;
        ensureLabels(depth + 1);
        labelSlot[depth] = slot;
        labelPc[depth] = size;
        labelChain[depth] = NO_CHAIN;
        elseChain[depth] = NO_CHAIN;
    }

    /** if: skips to the else arm (or the end) when s[cond] is zero. */
    public void openIf(int depth, int slot, int cond) {
        openBlock(depth, slot);
        if (live) {
            ensure(3);
            code[size++] = Op.BR_IF_EQZ;
            code[size++] = cond;
            elseChain[depth] = size;
            code[size++] = NO_CHAIN;
        }
    }

    /** else: the then arm (if reachable) jumps to the end; the false condition lands here. */
    public void elseArm(int depth) {
        if (live) {
            emit(Op.BR);
            target(depth);
        }
        pin(elseChain[depth], size);
        elseChain[depth] = NO_CHAIN;
    }

    /** end of a block, loop or if (not the function body). */
    public void close(int depth) {
        pin(elseChain[depth], size);
        pin(labelChain[depth], size);
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
    }

    /** br_if: as {@link #branch}, taken when s[cond] is non-zero; top excludes the condition. */
    public void branchIf(int depth, int valueSlots, int top, int cond) {
        if (!live) {
            return;
        }
        int from = top - valueSlots;
        if (valueSlots == 0 || from == labelSlot[depth]) {
            ensure(2);
            code[size++] = Op.BR_IF;
            code[size++] = cond;
            target(depth);
            return;
        }
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
    }

    /** return: results (valueSlots slots from slot from) move to slots 0.., then RETURN. */
    public void ret(int valueSlots, int from) {
        if (live) {
            moves(0, from, valueSlots);
            emit(Op.RETURN);
        }
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

    private void pin(int chain, int pc) {
        // A label merges paths: the value in a slot may come from more than the last instruction.
        lastDst = -1;
        while (chain != NO_CHAIN) {
            int next = code[chain];
            code[chain] = pc;
            chain = next;
        }
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
            labelChain = java.util.Arrays.copyOf(labelChain, len);
            elseChain = java.util.Arrays.copyOf(elseChain, len);
        }
    }
}
