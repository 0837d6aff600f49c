package dev.weir.core.internal.validate;

import dev.weir.core.internal.compile.CompiledCode;
import dev.weir.core.module.Module;

/** A module with its compiled code, addressed by function index, as the compiler's tests read it. */
final class Compiled {
    final Module module;
    final CompiledCode compiled;

    Compiled(Module module, CompiledCode compiled) {
        this.module = module;
        this.compiled = compiled;
    }

    Module module() {
        return module;
    }

    int[] code() {
        return compiled.code;
    }

    int entry(int functionIndex) {
        return compiled.entries[functionIndex - module.importedFunctionCount()];
    }

    int end(int functionIndex) {
        return compiled.ends[functionIndex - module.importedFunctionCount()];
    }

    int functionAt(int pc) {
        int defined = compiled.definedFunctionAt(pc);
        return defined < 0 ? -1 : defined + module.importedFunctionCount();
    }

    static Compiled of(Module module, boolean foldLocals, boolean metered, CompileJit jit) {
        return new Compiled(module, ModuleValidator.validate(module, foldLocals, metered, jit.selector()));
    }

    /** The JIT policies, as the compiler's tests choose them. */
    enum CompileJit {
        OFF, ALL;

        dev.weir.core.internal.compile.JitSelector selector() {
            return this == OFF ? null : dev.weir.core.internal.jit.JitCompiler.selector(dev.weir.core.internal.jit.JitCompiler.ALL);
        }
    }
}
