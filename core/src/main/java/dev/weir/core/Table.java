package dev.weir.core;

import dev.weir.core.module.TrapException;
import dev.weir.core.module.TableType;

/**
 * A table of references (<a href="https://webassembly.github.io/spec/core/exec/runtime.html#table-instances">spec 4.2.7</a>). It holds what it has been grown to, and grows its array
 * geometrically up to its maximum, so a table declared large but used small costs little.
 * Elements are references in slot encoding: 0 is null, anything else a store reference.
 * Readers take {@link #elements} afresh at each use: growing may replace the array.
 */
public final class Table {
    private final TableType type;
    long[] elements;
    int size;
    private final int maxSize;
    /** The store's totals this table's growth counts against; null for a table made by a host. */
    StoreUsage usage;

    /** @param maxSize the size it may grow to */
    public Table(TableType type, int initialSize, int maxSize) {
        if (initialSize < 0 || maxSize < initialSize) {
            throw new IllegalArgumentException("table of " + initialSize + ".." + maxSize + " elements");
        }
        this.type = type;
        this.elements = new long[initialSize];
        this.size = initialSize;
        this.maxSize = maxSize;
    }

    public TableType type() {
        return type;
    }

    public int size() {
        return size;
    }

    public int maxSize() {
        return maxSize;
    }

    public long get(int index) {
        if (index < 0 || index >= size) {
            throw outOfBounds();
        }
        return elements[index];
    }

    public void set(int index, long reference) {
        if (index < 0 || index >= size) {
            throw outOfBounds();
        }
        elements[index] = reference;
    }

    /**
     * Grows by delta elements set to init; returns the old size, or -1 (and changes nothing) if it
     * would pass the maximum, the store's total of table elements, or the JVM's heap.
     */
    public int grow(int delta, long init) {
        int old = size;
        if (delta < 0 || delta > maxSize - old) {
            return -1;
        }
        int newSize = old + delta;
        if (newSize > elements.length) {
            // Geometric growth: a table grown one element at a time is not quadratic.
            int capacity = (int) Math.min(maxSize, Math.max(newSize, 2L * elements.length));
            if (usage != null && !usage.growTableElements(capacity - elements.length)) {
                capacity = newSize;
                if (!usage.growTableElements(capacity - elements.length)) {
                    return -1;
                }
            }
            long[] grown;
            try {
                grown = new long[capacity];
            } catch (OutOfMemoryError e) {
                if (usage != null) {
                    usage.growTableElements(elements.length - capacity);
                }
                return -1;
            }
            System.arraycopy(elements, 0, grown, 0, old);
            elements = grown;
        }
        for (int i = old; i < newSize; i++) {
            elements[i] = init;
        }
        size = newSize;
        return old;
    }

    /** Allocates the whole capacity now, so that growing never allocates (StoreLimits.reserveMemory). */
    void reserve() {
        long[] all = new long[maxSize];
        System.arraycopy(elements, 0, all, 0, size);
        elements = all;
    }

    static TrapException outOfBounds() {
        return new TrapException(TrapException.Kind.TABLE_OUT_OF_BOUNDS);
    }
}
