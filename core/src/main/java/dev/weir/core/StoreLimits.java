package dev.weir.core;

/**
 * Fixed limits for a {@link Store} (the embedder's choice the spec allows,
 * <a href="https://webassembly.github.io/spec/core/appendix/implementation.html">appendix A.1</a>): the value stack and call frames are allocated up front from
 * these, memories and tables grow on demand up to them, and running past one traps (or, for
 * {@code memory.grow} and {@code table.grow}, fails with -1) instead of taking more. Instantiating
 * a module that needs more than the store's totals allow fails with a {@code LinkException} naming
 * the limit. Immutable; the {@code with} methods return a copy.
 */
public final class StoreLimits {
    /** 256 pages = 16 MiB: the most linear memory per memory. */
    public static final int DEFAULT_MAX_MEMORY_PAGES = 256;
    /**
     * 16 Ki slots = 128 KiB of value stack, allocated with the store. Measured with weir bench
     * (peak value stack): C hello world uses 34 slots, a Rust hello world with a HashMap, sorting
     * and 25-deep recursion 126, the C benchmark workloads at most 42; deep recursion needs more
     * (raise it with withValueStackSlots, weir run --max-stack-slots).
     */
    public static final int DEFAULT_VALUE_STACK_SLOTS = 1 << 14;
    /**
     * 2,048 frames (24 KiB of frame records). Measured peaks: C hello world 9, Rust hello world
     * 32, the C benchmark workloads at most 11 (withMaxCallDepth, weir run --max-stack).
     */
    public static final int DEFAULT_MAX_CALL_DEPTH = 2048;
    public static final int DEFAULT_MAX_TABLE_ELEMENTS = 1 << 16;
    /** Tables of all instances in the store. */
    public static final int DEFAULT_MAX_TABLES = 1024;
    /** 1 Mi references = 8 MiB: elements of all tables and element segments in the store. */
    public static final int DEFAULT_MAX_TOTAL_TABLE_ELEMENTS = 1 << 20;
    /** Globals of all instances in the store. */
    public static final int DEFAULT_MAX_GLOBALS = 1 << 16;
    /** Functions of all instances in the store (defined ones and host functions imported). */
    public static final int DEFAULT_MAX_FUNCTIONS = 1 << 18;
    /** 64 MiB: bytes of passive data segments that instances keep for {@code memory.init}. */
    public static final int DEFAULT_MAX_DATA_BYTES = 64 << 20;

    private int maxMemoryPages = DEFAULT_MAX_MEMORY_PAGES;
    private int valueStackSlots = DEFAULT_VALUE_STACK_SLOTS;
    private int maxCallDepth = DEFAULT_MAX_CALL_DEPTH;
    private int maxTableElements = DEFAULT_MAX_TABLE_ELEMENTS;
    private int maxTables = DEFAULT_MAX_TABLES;
    private int maxTotalTableElements = DEFAULT_MAX_TOTAL_TABLE_ELEMENTS;
    private int maxGlobals = DEFAULT_MAX_GLOBALS;
    private int maxFunctions = DEFAULT_MAX_FUNCTIONS;
    private int maxDataBytes = DEFAULT_MAX_DATA_BYTES;
    private boolean reserveMemory;
    private long javaStackBytes = DEFAULT_JAVA_STACK_BYTES;

    /**
     * 256 KiB: the Java stack compiled code may assume on a thread of unknown stack size (the
     * smallest default thread stack of the JVMs weir targets is 320 KiB, 32-bit ARM).
     */
    public static final long DEFAULT_JAVA_STACK_BYTES = 256 * 1024;

    public StoreLimits() {
    }

    private StoreLimits copy() {
        StoreLimits c = new StoreLimits();
        c.maxMemoryPages = maxMemoryPages;
        c.valueStackSlots = valueStackSlots;
        c.maxCallDepth = maxCallDepth;
        c.maxTableElements = maxTableElements;
        c.maxTables = maxTables;
        c.maxTotalTableElements = maxTotalTableElements;
        c.maxGlobals = maxGlobals;
        c.maxFunctions = maxFunctions;
        c.maxDataBytes = maxDataBytes;
        c.reserveMemory = reserveMemory;
        c.javaStackBytes = javaStackBytes;
        return c;
    }

    private static int check(String what, int value, int least, int most) {
        if (value < least || value > most) {
            throw new IllegalArgumentException(what + " " + value + " out of range (" + least + ".." + most + ")");
        }
        return value;
    }

    /** Most 64 KiB pages a memory may reach; memories declaring no smaller maximum may grow to this. */
    public int maxMemoryPages() {
        return maxMemoryPages;
    }

    /** Size of the value stack in 64-bit slots (locals and operands of all active frames). */
    public int valueStackSlots() {
        return valueStackSlots;
    }

    /** Most nested wasm calls (frames) before "call stack exhausted". */
    public int maxCallDepth() {
        return maxCallDepth;
    }

    /** Most elements a table may reach; tables declaring no smaller maximum may grow to this. */
    public int maxTableElements() {
        return maxTableElements;
    }

    /** Most tables in the store, over all its instances. */
    public int maxTables() {
        return maxTables;
    }

    /** Most references held by all tables and element segments of the store together. */
    public int maxTotalTableElements() {
        return maxTotalTableElements;
    }

    /** Most globals in the store, over all its instances. */
    public int maxGlobals() {
        return maxGlobals;
    }

    /** Most functions in the store, over all its instances. */
    public int maxFunctions() {
        return maxFunctions;
    }

    /** Most bytes of passive data segments instances of the store keep. */
    public int maxDataBytes() {
        return maxDataBytes;
    }

    /**
     * Whether memories allocate their maximum (capped by {@link #maxMemoryPages}) when created,
     * so that {@code memory.grow} never allocates; by default a memory holds what it has been
     * grown to and grows its array geometrically.
     */
    public boolean reserveMemory() {
        return reserveMemory;
    }

    public StoreLimits withMaxMemoryPages(int pages) {
        StoreLimits c = copy();
        c.maxMemoryPages = check("max memory pages", pages, 0, 65536);
        return c;
    }

    public StoreLimits withValueStackSlots(int slots) {
        StoreLimits c = copy();
        c.valueStackSlots = check("value stack slots", slots, 16, Integer.MAX_VALUE - 8);
        return c;
    }

    public StoreLimits withMaxCallDepth(int depth) {
        StoreLimits c = copy();
        c.maxCallDepth = check("max call depth", depth, 1, Integer.MAX_VALUE - 8);
        return c;
    }

    public StoreLimits withMaxTableElements(int elements) {
        StoreLimits c = copy();
        c.maxTableElements = check("max table elements", elements, 0, Integer.MAX_VALUE - 8);
        return c;
    }

    public StoreLimits withMaxTables(int tables) {
        StoreLimits c = copy();
        c.maxTables = check("max tables", tables, 0, Integer.MAX_VALUE);
        return c;
    }

    public StoreLimits withMaxTotalTableElements(int elements) {
        StoreLimits c = copy();
        c.maxTotalTableElements = check("max total table elements", elements, 0, Integer.MAX_VALUE);
        return c;
    }

    public StoreLimits withMaxGlobals(int globals) {
        StoreLimits c = copy();
        c.maxGlobals = check("max globals", globals, 0, Integer.MAX_VALUE);
        return c;
    }

    public StoreLimits withMaxFunctions(int functions) {
        StoreLimits c = copy();
        c.maxFunctions = check("max functions", functions, 0, Integer.MAX_VALUE);
        return c;
    }

    public StoreLimits withMaxDataBytes(int bytes) {
        StoreLimits c = copy();
        c.maxDataBytes = check("max data bytes", bytes, 0, Integer.MAX_VALUE);
        return c;
    }

    /** See {@link #reserveMemory()}. */
    public StoreLimits withReserveMemory(boolean reserve) {
        StoreLimits c = copy();
        c.reserveMemory = reserve;
        return c;
    }

    /**
     * Bytes the store allocates when created for these limits: the value stack (8 bytes a slot)
     * and, per frame, a return pc and an instance reference (counted as 8 bytes). Tools check it
     * against the heap before creating a store.
     */
    public long storeBytes() {
        return 8L * valueStackSlots + 12L * maxCallDepth;
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
        if (bytes < 0) {
            throw new IllegalArgumentException("Java stack bytes " + bytes + " out of range (0 or more)");
        }
        StoreLimits c = copy();
        c.javaStackBytes = bytes;
        return c;
    }
}
