package dev.weir.core.compile;

import dev.weir.core.module.Module;

/**
 * A validated module with every function body compiled to {@link Op} code. Immutable and
 * shareable: instantiate it as often as needed, in any store.
 */
public final class CompiledModule {
    private final Module module;
    private final int[] code;
    private final int[] entries;
    private final boolean metered;

    /**
     * @param code    all defined functions' code, see {@link Op}
     * @param entries entry pc (of the function header) per defined function
     */
    public CompiledModule(Module module, int[] code, int[] entries) {
        this(module, code, entries, false);
    }

    /** @param metered whether the code charges fuel ({@link Op#FUEL}) */
    public CompiledModule(Module module, int[] code, int[] entries, boolean metered) {
        this.module = module;
        this.code = code;
        this.entries = entries;
        this.metered = metered;
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
