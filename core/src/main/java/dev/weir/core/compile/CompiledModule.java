package dev.weir.core.compile;

import dev.weir.core.jit.JitCompiler;
import dev.weir.core.jit.JitLoader;
import dev.weir.core.module.Module;
import dev.weir.core.runtime.JitCode;

/**
 * A validated module with every function body compiled to {@link Op} code. Immutable and
 * shareable: instantiate it as often as needed, in any store.
 */
public final class CompiledModule {
    private final Module module;
    private final int[] code;
    private final int[] entries;
    private final int[] ends;
    private final boolean metered;
    /** Functions that start with {@link Op#JIT_ENTRY}, as JVM bytecode once first called. */
    private final JitCode[] jitFunctions;
    /** Loops behind {@link Op#JIT_LOOP}, by region number, as JVM bytecode once first entered. */
    private final JitCode[] jitLoops;
    private JitLoader jitLoader;

    /**
     * @param code    all defined functions' code, see {@link Op}, one after another
     * @param entries entry pc (of the function header) per defined function
     */
    public CompiledModule(Module module, int[] code, int[] entries) {
        this(module, code, entries, nextEntries(entries, code.length), false, 0);
    }

    /**
     * @param ends     per defined function, the pc after its last instruction
     * @param metered  whether the code charges fuel ({@link Op#FUEL})
     * @param jitLoops how many {@link Op#JIT_LOOP} regions the code has
     */
    public CompiledModule(Module module, int[] code, int[] entries, int[] ends, boolean metered, int jitLoops) {
        this.module = module;
        this.code = code;
        this.entries = entries;
        this.ends = ends;
        this.metered = metered;
        this.jitFunctions = new JitCode[entries.length];
        this.jitLoops = new JitCode[jitLoops];
    }

    private static int[] nextEntries(int[] entries, int codeLength) {
        int[] ends = new int[entries.length];
        for (int i = 0; i < entries.length; i++) {
            ends[i] = i + 1 < entries.length ? entries[i + 1] : codeLength;
        }
        return ends;
    }

    /**
     * The JVM bytecode of the defined function (index among the defined ones) whose code starts
     * with {@link Op#JIT_ENTRY}, generated and loaded on its first call.
     */
    public JitCode jitFunction(int definedIndex) {
        JitCode function = jitFunctions[definedIndex];
        return function != null ? function : compileFunction(definedIndex);
    }

    /** The JVM bytecode of the loop whose {@link Op#JIT_LOOP} is at pc, generated on first entry. */
    public JitCode jitLoop(int pc) {
        JitCode loop = jitLoops[code[pc + 2]];
        return loop != null ? loop : compileLoop(pc);
    }

    private synchronized JitCode compileFunction(int definedIndex) {
        if (jitFunctions[definedIndex] == null) {
            jitFunctions[definedIndex] = JitCompiler.compileFunction(jitLoader(), code, entries[definedIndex],
                    ends[definedIndex], "F" + definedIndex);
        }
        return jitFunctions[definedIndex];
    }

    private synchronized JitCode compileLoop(int pc) {
        int region = code[pc + 2];
        if (jitLoops[region] == null) {
            jitLoops[region] = JitCompiler.compileLoop(jitLoader(), code, entry(functionAt(pc)), pc, "L" + region);
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

    public Module module() {
        return module;
    }

    /** The compiled code; shared, never modify it. */
    public int[] codeUnsafe() {
        return code;
    }

    /** Entry pc of a defined function, by function index (imports come first and have none). */
    public int entry(int functionIndex) {
        return entries[functionIndex - module.importedFunctionCount()];
    }

    /** The pc after the last instruction of a defined function, by function index. */
    public int end(int functionIndex) {
        return ends[functionIndex - module.importedFunctionCount()];
    }

    /**
     * The function whose code contains pc, as an index in the function index space, or -1:
     * for backtraces, so frames need not record it.
     */
    public int functionAt(int pc) {
        int lo = 0;
        int hi = entries.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (entries[mid] <= pc) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? -1 : found + module.importedFunctionCount();
    }
}
