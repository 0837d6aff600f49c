package dev.weir.core.module;

/**
 * An element segment (spec 2.5.8): a vector of references, each given as a constant expression
 * (the function-index encodings are decoded into {@code ref.func} expressions).
 */
public final class ElementSegment {
    public static final int ACTIVE = 0;
    public static final int PASSIVE = 1;
    public static final int DECLARATIVE = 2;

    private final int mode;
    private final byte elementType;
    private final int tableIndex;
    private final ConstExpr offset;
    private final ConstExpr[] items;

    public ElementSegment(int mode, byte elementType, int tableIndex, ConstExpr offset, ConstExpr[] items) {
        this.mode = mode;
        this.elementType = elementType;
        this.tableIndex = tableIndex;
        this.offset = offset;
        this.items = items.clone();
    }

    /** {@link #ACTIVE}, {@link #PASSIVE} or {@link #DECLARATIVE}. */
    public int mode() {
        return mode;
    }

    public byte elementType() {
        return elementType;
    }

    /** For active segments: the table written at instantiation. */
    public int tableIndex() {
        return tableIndex;
    }

    /** For active segments: the start index in the table; null otherwise. */
    public ConstExpr offset() {
        return offset;
    }

    public int size() {
        return items.length;
    }

    public ConstExpr item(int i) {
        return items[i];
    }
}
