package dev.weir.core;

import dev.weir.core.module.LinkException;

/**
 * What the instances of one store hold, counted against the store-wide totals of its
 * {@link StoreLimits}: tables, table elements (of tables and element segments), globals,
 * functions and passive data bytes. The linker charges a module's needs before it allocates
 * anything, so a module that would pass a total is refused whole; tables charge their growth.
 */
final class StoreUsage {
    private final StoreLimits limits;
    int tables;
    long tableElements;
    int globals;
    int functions;
    long dataBytes;

    StoreUsage(StoreLimits limits) {
        this.limits = limits;
    }

    /** Charges an instance's needs, or throws naming the first total it would pass and changes nothing. */
    void charge(int newTables, long newElements, int newGlobals, int newFunctions, long newDataBytes) {
        check("tables", tables, newTables, limits.maxTables(), "withMaxTables");
        check("table elements", tableElements, newElements, limits.maxTotalTableElements(), "withMaxTotalTableElements");
        check("globals", globals, newGlobals, limits.maxGlobals(), "withMaxGlobals");
        check("functions", functions, newFunctions, limits.maxFunctions(), "withMaxFunctions");
        check("bytes of passive data", dataBytes, newDataBytes, limits.maxDataBytes(), "withMaxDataBytes");
        tables += newTables;
        tableElements += newElements;
        globals += newGlobals;
        functions += newFunctions;
        dataBytes += newDataBytes;
    }

    /** Whether delta more table elements fit the store's total; charges them if so. */
    boolean growTableElements(long delta) {
        if (tableElements + delta > limits.maxTotalTableElements()) {
            return false;
        }
        tableElements += delta;
        return true;
    }

    private static void check(String what, long used, long more, int limit, String setter) {
        if (more > 0 && used + more > limit) {
            throw new LinkException("module needs " + more + " " + what + ", the store holds " + used
                    + " of its limit of " + limit + " (StoreLimits." + setter + ")");
        }
    }
}
