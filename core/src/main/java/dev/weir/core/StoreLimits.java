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
    /**
     * 256 KiB: the Java stack compiled code may assume on a thread of unknown stack size (the
     * smallest default thread stack of the JVMs weir targets is 320 KiB, 32-bit ARM).
     */
    public static final long DEFAULT_JAVA_STACK_BYTES = 256 * 1024;

    private final int maxMemoryPages;
    private final int valueStackSlots;
    private final int maxCallDepth;
    private final int maxTableElements;
    private final long javaStackBytes;

    public StoreLimits() {
        this(DEFAULT_MAX_MEMORY_PAGES, DEFAULT_VALUE_STACK_SLOTS, DEFAULT_MAX_CALL_DEPTH, DEFAULT_MAX_TABLE_ELEMENTS,
                DEFAULT_JAVA_STACK_BYTES);
    }

    private StoreLimits(int maxMemoryPages, int valueStackSlots, int maxCallDepth, int maxTableElements,
            long javaStackBytes) {
        if (maxMemoryPages < 0 || maxMemoryPages > 65536 || valueStackSlots < 16 || maxCallDepth < 1
                || maxTableElements < 0 || javaStackBytes < 0) {
            throw new IllegalArgumentException("store limits out of range");
        }
        this.maxMemoryPages = maxMemoryPages;
        this.valueStackSlots = valueStackSlots;
        this.maxCallDepth = maxCallDepth;
        this.maxTableElements = maxTableElements;
        this.javaStackBytes = javaStackBytes;
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

    /**
     * Java stack, in bytes, that the threads calling into this store's wasm leave to compiled
     * code: compiled functions call each other as JVM calls, each frame taking at most
     * {@link JitCode#FRAME_BYTES}, down to this budget; deeper calls run in the interpreter,
     * which uses no Java stack per wasm call. Either way the call-depth limit is the same. Give
     * more when wasm runs on a thread created with a known stack size (the CLI does).
     */
    public long javaStackBytes() {
        return javaStackBytes;
    }

    public StoreLimits withJavaStackBytes(long bytes) {
        return new StoreLimits(maxMemoryPages, valueStackSlots, maxCallDepth, maxTableElements, bytes);
    }

    public StoreLimits withMaxMemoryPages(int pages) {
        return new StoreLimits(pages, valueStackSlots, maxCallDepth, maxTableElements, javaStackBytes);
    }

    public StoreLimits withValueStackSlots(int slots) {
        return new StoreLimits(maxMemoryPages, slots, maxCallDepth, maxTableElements, javaStackBytes);
    }

    public StoreLimits withMaxCallDepth(int depth) {
        return new StoreLimits(maxMemoryPages, valueStackSlots, depth, maxTableElements, javaStackBytes);
    }

    public StoreLimits withMaxTableElements(int elements) {
        return new StoreLimits(maxMemoryPages, valueStackSlots, maxCallDepth, elements, javaStackBytes);
    }
}
