package dev.weir.core.module;

/** A linear memory's size limits in 64 KiB pages, spec 2.3.6. */
public final class MemoryType {
    public static final int PAGE_SIZE = 65536;
    /** The most pages a 32-bit memory can have (4 GiB). */
    public static final long MAX_PAGES = 65536;

    private final Limits limits;

    public MemoryType(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    @Override
    public String toString() {
        return limits + " pages";
    }
}
