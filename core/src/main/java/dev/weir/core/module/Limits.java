package dev.weir.core.module;

/** Size limits of a memory (in 64 KiB pages) or a table (in elements), spec 2.3.5. Max is -1 when absent. */
public final class Limits {
    private final long min;
    private final long max;

    public Limits(long min, long max) {
        this.min = min;
        this.max = max;
    }

    public long min() {
        return min;
    }

    /** The declared maximum, or -1 when the module declares none. */
    public long max() {
        return max;
    }

    public boolean hasMax() {
        return max >= 0;
    }

    @Override
    public String toString() {
        return hasMax() ? min + ".." + max : min + "..";
    }
}
