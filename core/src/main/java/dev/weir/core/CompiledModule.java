package dev.weir.core;

import dev.weir.core.internal.compile.CompiledCode;
import dev.weir.core.internal.jit.JitCompiler;
import dev.weir.core.internal.jit.JitLoader;
import dev.weir.core.internal.jit.JitSource;
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
    /**
     * Per function with {@code Op.JIT_ENTRY}: how many more calls it runs interpreted before it is
     * compiled; 0 once decided (compiled, or interpreted for good), -1 until first called.
     */
    private final int[] coldCalls;
    /** Set when this JVM refused to define a class: the interpreter runs everything from then on. */
    private volatile boolean jitRefused;
    private JitLoader jitLoader;

    /**
     * Calls a function without a loop runs in the interpreter before it is compiled, so that
     * code that runs once (start-up, initialization) costs no class generation: system property
     * {@code weir.jit.hotCalls}. Functions with a loop are compiled on their first call, and
     * under {@code weir.jit=all} every function is.
     */
    private static final int HOT_CALLS = Integer.getInteger("weir.jit.hotCalls", 64).intValue();

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
        this.coldCalls = new int[entries.length];
        java.util.Arrays.fill(coldCalls, -1);
    }

    /**
     * The JVM bytecode of the defined function (index among the defined ones) whose code starts
     * with {@code Op.JIT_ENTRY}, or null while it runs in the interpreter: until it is hot (see
     * {@link #HOT_CALLS}), when it is too large for C2, or when this JVM defines no classes.
     */
    JitCode jitFunction(int definedIndex) {
        JitCode function = jitFunctions[definedIndex];
        if (function != null) {
            return function;
        }
        int cold = coldCalls[definedIndex];
        if (cold < 0) {
            boolean now = options.jit() == CompileOptions.Jit.ALL
                    || JitCompiler.hasLoop(code, entries[definedIndex] + dev.weir.core.internal.compile.Op.HEADER_SIZE,
                            ends[definedIndex]);
            cold = now ? 0 : HOT_CALLS;
        }
        if (cold > 0) {
            coldCalls[definedIndex] = cold - 1;
            return null;
        }
        return compileFunction(definedIndex);
    }

    /** Loops and functions marked to run as JVM bytecode (for tests of the JIT policies). */
    int jitMarked() {
        int n = jitLoops.length;
        for (int entry : entries) {
            if (code[entry + dev.weir.core.internal.compile.Op.HEADER_SIZE] == dev.weir.core.internal.compile.Op.JIT_ENTRY) {
                n++;
            }
        }
        return n;
    }

    /**
     * The JVM bytecode of the loop whose {@code Op.JIT_LOOP} is at pc, generated on first entry,
     * or null when this JVM defines no classes.
     */
    JitCode jitLoop(int pc) {
        JitCode loop = jitLoops[code[pc + 2]];
        return loop != null ? loop : compileLoop(pc);
    }

    private JitCode compileFunction(int definedIndex) {
        if (jitRefused) {
            return null;
        }
        try {
            JitCode function = (JitCode) jitLoader().function(definedIndex);
            coldCalls[definedIndex] = 0;
            jitFunctions[definedIndex] = function;
            return function;
        } catch (RuntimeException e) {
            refused(e);
        } catch (LinkageError e) {
            refused(e);
        }
        return null;
    }

    private JitCode compileLoop(int pc) {
        if (jitRefused) {
            return null;
        }
        try {
            JitCode loop = (JitCode) jitLoader().loop(entry(functionAt(pc)), pc);
            jitLoops[code[pc + 2]] = loop;
            return loop;
        } catch (RuntimeException e) {
            refused(e);
        } catch (LinkageError e) {
            refused(e);
        }
        return null;
    }

    /**
     * The JVM would not define a generated class (Android, a native image, a locked-down JVM):
     * the module runs in the interpreter from now on, said once, in one line.
     */
    private synchronized void refused(Throwable reason) {
        if (!jitRefused) {
            jitRefused = true;
            System.err.println("weir: this JVM does not define classes at run time (" + reason
                    + "); the module runs in the interpreter");
        }
    }

    /** Whether this module stopped compiling because the JVM refused to define its classes. */
    public boolean jitRefused() {
        return jitRefused;
    }

    /** The module's class loader for generated code, made when the first is needed. */
    private synchronized JitLoader jitLoader() {
        if (jitLoader == null) {
            jitLoader = new JitLoader(new JitSource(module, compiled, options.jit() == CompileOptions.Jit.DEOPT), entries.length, jitLoops.length);
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
