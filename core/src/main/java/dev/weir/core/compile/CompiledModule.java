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
    /** Functions that start with {@link Op#JIT_ENTRY}, as JVM bytecode once hot. */
    private final JitCode[] jitFunctions;
    /** Loops behind {@link Op#JIT_LOOP}, by region number, as JVM bytecode once first entered. */
    private final JitCode[] jitLoops;
    /**
     * Per function with {@link Op#JIT_ENTRY}: how many more calls it runs interpreted before it is
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
        this.coldCalls = new int[entries.length];
        java.util.Arrays.fill(coldCalls, -1);
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
     * with {@link Op#JIT_ENTRY}, or null while it runs in the interpreter: until it is hot (see
     * {@link #HOT_CALLS}), when it is too large for C2, or when this JVM defines no classes.
     */
    public JitCode jitFunction(int definedIndex) {
        JitCode function = jitFunctions[definedIndex];
        if (function != null) {
            return function;
        }
        int cold = coldCalls[definedIndex];
        if (cold < 0) {
            boolean now = JitCompiler.POLICY == JitCompiler.ALL
                    || JitCompiler.hasLoop(code, entries[definedIndex] + Op.HEADER_SIZE, ends[definedIndex]);
            cold = now ? 0 : HOT_CALLS;
        }
        if (cold > 0) {
            coldCalls[definedIndex] = cold - 1;
            return null;
        }
        return compileFunction(definedIndex);
    }

    /**
     * The JVM bytecode of the loop whose {@link Op#JIT_LOOP} is at pc, generated on first entry,
     * or null when this JVM defines no classes.
     */
    public JitCode jitLoop(int pc) {
        JitCode loop = jitLoops[code[pc + 2]];
        return loop != null ? loop : compileLoop(pc);
    }

    private JitCode compileFunction(int definedIndex) {
        if (jitRefused) {
            return null;
        }
        try {
            JitCode function = jitLoader().function(definedIndex);
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
            JitCode loop = jitLoader().loop(entry(functionAt(pc)), pc);
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
            jitLoader = new JitLoader(this, entries.length, jitLoops.length);
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
