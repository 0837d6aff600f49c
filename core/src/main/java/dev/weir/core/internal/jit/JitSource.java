package dev.weir.core.internal.jit;

import dev.weir.core.internal.compile.CompiledCode;
import dev.weir.core.internal.compile.Op;
import dev.weir.core.module.Module;

/**
 * What the JIT tier reads of a compiled module: its declarations and its Op code, addressed by
 * function index (imports first, which have no code). Internal.
 */
public final class JitSource {
    private final Module module;
    private final CompiledCode compiled;
    /** By defined index: whether the function may grow the memory; made on first use. */
    private boolean[] mayGrow;
    /** Whether compiled functions get safe points that deoptimize them (the {@code deopt} policy). */
    private final boolean deoptimizable;

    public JitSource(Module module, CompiledCode compiled) {
        this(module, compiled, false);
    }

    public JitSource(Module module, CompiledCode compiled, boolean deoptimizable) {
        this.module = module;
        this.compiled = compiled;
        this.deoptimizable = deoptimizable;
    }

    /**
     * Whether compiled functions reach safe points: a fuel slice's end or a host call, with a
     * checkpoint asked for, hands their frames to the interpreter (JitCode.DEOPT).
     */
    public boolean deoptimizable() {
        return deoptimizable;
    }

    public Module module() {
        return module;
    }

    /** The code of all defined functions; shared, never modified. */
    public int[] codeUnsafe() {
        return compiled.code;
    }

    /** The pc of a defined function's header, by function index. */
    public int entry(int functionIndex) {
        return compiled.entries[functionIndex - module.importedFunctionCount()];
    }

    /** The pc after a defined function's last instruction, by function index. */
    public int end(int functionIndex) {
        return compiled.ends[functionIndex - module.importedFunctionCount()];
    }

    /** The function (by function index) whose code contains pc, or -1. */
    public int functionAt(int pc) {
        int defined = compiled.definedFunctionAt(pc);
        return defined < 0 ? -1 : defined + module.importedFunctionCount();
    }

    /**
     * Whether the defined function (by function index) may grow the memory before it returns:
     * it has memory.grow, calls a host or another instance's function (an import) or calls
     * through a table, or calls a defined function that may. After a call of one that can't,
     * compiled code keeps the memory's array and size it has instead of reading them again.
     */
    public synchronized boolean mayGrowMemory(int functionIndex) {
        if (mayGrow == null) {
            mayGrow = growingFunctions();
        }
        return mayGrow[functionIndex - module.importedFunctionCount()];
    }

    /**
     * The functions that may grow memory: those that do it or leave the module themselves, then
     * their callers, transitively, along reversed call edges (linear in the code's size).
     */
    private boolean[] growingFunctions() {
        int[] code = compiled.code;
        int n = compiled.entries.length;
        boolean[] grows = new boolean[n];
        // Direct calls as (caller, callee) pairs, then as callers by callee (CSR).
        int[] pairs = new int[16];
        int count = 0;
        for (int d = 0; d < n; d++) {
            for (int pc = compiled.entries[d] + Op.HEADER_SIZE; pc < compiled.ends[d]; pc += Op.length(code, pc)) {
                int op = code[pc];
                if (op == Op.MEMORY_GROW || op == Op.CALL_IMPORT || op == Op.CALL_INDIRECT) {
                    grows[d] = true;
                } else if (op == Op.CALL || op == Op.CALL_ARGS) {
                    if (count + 2 > pairs.length) {
                        pairs = java.util.Arrays.copyOf(pairs, 2 * pairs.length);
                    }
                    pairs[count++] = d;
                    pairs[count++] = compiled.definedFunctionAt(code[pc + 1]);
                }
            }
        }
        int[] start = new int[n + 1];
        for (int i = 1; i < count; i += 2) {
            start[pairs[i] + 1]++;
        }
        for (int d = 0; d < n; d++) {
            start[d + 1] += start[d];
        }
        int[] callers = new int[count / 2];
        int[] fill = java.util.Arrays.copyOf(start, n);
        for (int i = 0; i < count; i += 2) {
            callers[fill[pairs[i + 1]]++] = pairs[i];
        }
        int[] work = new int[n];
        int top = 0;
        for (int d = 0; d < n; d++) {
            if (grows[d]) {
                work[top++] = d;
            }
        }
        while (top > 0) {
            int callee = work[--top];
            for (int i = start[callee]; i < start[callee + 1]; i++) {
                int caller = callers[i];
                if (!grows[caller]) {
                    grows[caller] = true;
                    work[top++] = caller;
                }
            }
        }
        return grows;
    }
}
