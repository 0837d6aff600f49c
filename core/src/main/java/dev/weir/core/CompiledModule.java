package dev.weir.core;

import dev.weir.core.internal.compile.CompiledCode;
import dev.weir.core.internal.jit.JitCompiler;
import dev.weir.core.internal.jit.JitLoader;
import dev.weir.core.module.Module;

/**
 * A decoded, validated and compiled module, made by {@link Wasm#parse}. Immutable and shareable:
 * instantiate it with a {@link Linker} as often as needed, in any store, from any thread.
 * {@link #module()} describes what it declares (imports, exports, types, custom sections).
 */
public final class CompiledModule {
    private final Module module;
    private final int[] code;
    private final int[] entries;
    private final int[] ends;
    private final boolean metered;
    /** Functions that start with {@code Op.JIT_ENTRY}, as JVM bytecode once first called. */
    private final JitCode[] jitFunctions;
    /** Loops behind {@code Op.JIT_LOOP}, by region number, as JVM bytecode once first entered. */
    private final JitCode[] jitLoops;
    private JitLoader jitLoader;

    private final CompiledCode compiled;
    private final CompileOptions options;

    CompiledModule(Module module, CompiledCode compiled, CompileOptions options) {
        this.module = module;
        this.code = compiled.code;
        this.entries = compiled.entries;
        this.ends = compiled.ends;
        this.metered = compiled.metered;
        this.compiled = compiled;
        this.options = options;
        this.jitFunctions = new JitCode[entries.length];
        this.jitLoops = new JitCode[compiled.jitLoops];
    }

    /**
     * The JVM bytecode of the defined function (index among the defined ones) whose code starts
     * with {@code Op.JIT_ENTRY}, generated and loaded on its first call.
     */
    JitCode jitFunction(int definedIndex) {
        JitCode function = jitFunctions[definedIndex];
        return function != null ? function : compileFunction(definedIndex);
    }

    /** The JVM bytecode of the loop whose {@code Op.JIT_LOOP} is at pc, generated on first entry. */
    JitCode jitLoop(int pc) {
        JitCode loop = jitLoops[code[pc + 2]];
        return loop != null ? loop : compileLoop(pc);
    }

    private synchronized JitCode compileFunction(int definedIndex) {
        if (jitFunctions[definedIndex] == null) {
            jitFunctions[definedIndex] = (JitCode) JitCompiler.compileFunction(jitLoader(), code, entries[definedIndex],
                    ends[definedIndex], "F" + definedIndex);
        }
        return jitFunctions[definedIndex];
    }

    private synchronized JitCode compileLoop(int pc) {
        int region = code[pc + 2];
        if (jitLoops[region] == null) {
            jitLoops[region] = (JitCode) JitCompiler.compileLoop(jitLoader(), code, entry(functionAt(pc)), pc, "L" + region);
        }
        return jitLoops[region];
    }

    /** The module's class loader for generated code, made when the first is needed. */
    private synchronized JitLoader jitLoader() {
        if (jitLoader == null) {
            jitLoader = new JitLoader();
        }
        return jitLoader;
    }

    /** Whether the code counts executed wasm instructions against the store's fuel. */
    public boolean metered() {
        return metered;
    }

    /** The options it was compiled with. */
    public CompileOptions options() {
        return options;
    }

    /** What the module declares: types, imports, exports, custom sections, names. */
    public Module module() {
        return module;
    }

    /** The compiled code; shared, never modify it. */
    int[] code() {
        return code;
    }

    /** Entry pc of a defined function, by function index (imports come first and have none). */
    int entry(int functionIndex) {
        return entries[functionIndex - module.importedFunctionCount()];
    }

    /** The pc after the last instruction of a defined function, by function index. */
    int end(int functionIndex) {
        return ends[functionIndex - module.importedFunctionCount()];
    }

    /**
     * The function whose code contains pc, as an index in the function index space, or -1:
     * for backtraces, so frames need not record it.
     */
    int functionAt(int pc) {
        int defined = compiled.definedFunctionAt(pc);
        return defined < 0 ? -1 : defined + module.importedFunctionCount();
    }
}
