package dev.weir.core;

import dev.weir.core.module.TrapException;
import dev.weir.core.module.TableType;

/**
 * A table of references (<a href="https://webassembly.github.io/spec/core/exec/runtime.html#table-instances">spec 4.2.7</a>). Like memory, its whole capacity is allocated up front.
 * Elements are references in slot encoding: 0 is null, anything else a store reference.
 */
public final class Table {
    private final TableType type;
    final long[] elements;
    int size;

    /** @param maxSize the size it may grow to; all of it is allocated now */
    public Table(TableType type, int initialSize, int maxSize) {
        if (initialSize < 0 || maxSize < initialSize) {
            throw new IllegalArgumentException("table of " + initialSize + ".." + maxSize + " elements");
        }
        this.type = type;
        this.elements = new long[maxSize];
        this.size = initialSize;
    }

    public TableType type() {
        return type;
    }

    public int size() {
        return size;
    }

    public int maxSize() {
        return elements.length;
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

    /** Grows by delta elements set to init; returns the old size, or -1 if it would pass the maximum. */
    public int grow(int delta, long init) {
        int old = size;
        if (delta < 0 || delta > elements.length - old) {
            return -1;
        }
        for (int i = old; i < old + delta; i++) {
            elements[i] = init;
        }
        size = old + delta;
        return old;
    }

    static TrapException outOfBounds() {
        return new TrapException(TrapException.Kind.TABLE_OUT_OF_BOUNDS);
    }
}
