package dev.weir.core.internal.jit;

import dev.weir.core.internal.compile.CompiledCode;
import dev.weir.core.module.Module;

/**
 * What the JIT tier reads of a compiled module: its declarations and its Op code, addressed by
 * function index (imports first, which have no code). Internal.
 */
public final class JitSource {
    private final Module module;
    private final CompiledCode compiled;

    public JitSource(Module module, CompiledCode compiled) {
        this.module = module;
        this.compiled = compiled;
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
}
