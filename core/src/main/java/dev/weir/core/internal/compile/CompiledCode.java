package dev.weir.core.internal.compile;

/**
 * What the validator produces for a module: every defined function's {@link Op} code, one after
 * another, and where each starts and ends. Internal: the public {@code CompiledModule} wraps it.
 */
public final class CompiledCode {
    /** All defined functions' code; shared, never modified after compilation. */
    public final int[] code;
    /** Per defined function, the pc of its header. */
    public final int[] entries;
    /** Per defined function, the pc after its last instruction. */
    public final int[] ends;
    /** Whether the code charges fuel ({@link Op#FUEL}). */
    public final boolean metered;
    /** How many {@link Op#JIT_LOOP} regions the code has. */
    public final int jitLoops;

    public CompiledCode(int[] code, int[] entries, int[] ends, boolean metered, int jitLoops) {
        this.code = code;
        this.entries = entries;
        this.ends = ends;
        this.metered = metered;
        this.jitLoops = jitLoops;
    }

    /** Code of consecutive functions whose ends are the next one's entry (the last ends at the array's end). */
    public static CompiledCode ofEntries(int[] code, int[] entries) {
        int[] ends = new int[entries.length];
        for (int i = 0; i < entries.length; i++) {
            ends[i] = i + 1 < entries.length ? entries[i + 1] : code.length;
        }
        return new CompiledCode(code, entries, ends, false, 0);
    }

    /** The defined function (index among the defined ones) whose code contains pc, or -1. */
    public int definedFunctionAt(int pc) {
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
        return found;
    }
}
