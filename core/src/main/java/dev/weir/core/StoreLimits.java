package dev.weir.core;

/**
 * Fixed limits for a {@link Store} (the embedder's choice the spec allows,
 * <a href="https://webassembly.github.io/spec/core/appendix/implementation.html">appendix A.1</a>): everything execution needs is allocated up front from these,
 * and running past one traps instead of growing anything. Immutable; the {@code with} methods
 * return a copy.
 */
public final class StoreLimits {
    /** 256 pages = 16 MiB of linear memory per memory, allocated when the memory is created. */
    public static final int DEFAULT_MAX_MEMORY_PAGES = 256;
    /** 1 Mi slots = 8 MiB of value stack. */
    public static final int DEFAULT_VALUE_STACK_SLOTS = 1 << 20;
    public static final int DEFAULT_MAX_CALL_DEPTH = 10_000;
    public static final int DEFAULT_MAX_TABLE_ELEMENTS = 1 << 16;

    private final int maxMemoryPages;
    private final int valueStackSlots;
    private final int maxCallDepth;
    private final int maxTableElements;

    public StoreLimits() {
        this(DEFAULT_MAX_MEMORY_PAGES, DEFAULT_VALUE_STACK_SLOTS, DEFAULT_MAX_CALL_DEPTH, DEFAULT_MAX_TABLE_ELEMENTS);
    }

    private StoreLimits(int maxMemoryPages, int valueStackSlots, int maxCallDepth, int maxTableElements) {
        if (maxMemoryPages < 0 || maxMemoryPages > 65536 || valueStackSlots < 16 || maxCallDepth < 1
                || maxTableElements < 0) {
            throw new IllegalArgumentException("store limits out of range");
        }
        this.maxMemoryPages = maxMemoryPages;
        this.valueStackSlots = valueStackSlots;
        this.maxCallDepth = maxCallDepth;
        this.maxTableElements = maxTableElements;
    }

    /** Most 64 KiB pages a memory may reach; memories declaring no smaller maximum are allocated this size. */
    public int maxMemoryPages() {
        return maxMemoryPages;
    }

    /** Size of the value stack in 64-bit slots (locals and operands of all active frames). */
    public int valueStackSlots() {
        return valueStackSlots;
    }

    /** Most nested wasm calls before "call stack exhausted". */
    public int maxCallDepth() {
        return maxCallDepth;
    }

    /** Most elements a table may reach; tables declaring no smaller maximum are allocated this size. */
    public int maxTableElements() {
        return maxTableElements;
    }

    public StoreLimits withMaxMemoryPages(int pages) {
        return new StoreLimits(pages, valueStackSlots, maxCallDepth, maxTableElements);
    }

    public StoreLimits withValueStackSlots(int slots) {
        return new StoreLimits(maxMemoryPages, slots, maxCallDepth, maxTableElements);
    }

    public StoreLimits withMaxCallDepth(int depth) {
        return new StoreLimits(maxMemoryPages, valueStackSlots, depth, maxTableElements);
    }

    public StoreLimits withMaxTableElements(int elements) {
        return new StoreLimits(maxMemoryPages, valueStackSlots, maxCallDepth, elements);
    }
}
