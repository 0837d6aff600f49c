package dev.weir.core.module;

/** A table's element type (funcref or externref) and size limits, spec 2.3.7. */
public final class TableType {
    private final byte elementType;
    private final Limits limits;

    public TableType(byte elementType, Limits limits) {
        this.elementType = elementType;
        this.limits = limits;
    }

    public byte elementType() {
        return elementType;
    }

    public Limits limits() {
        return limits;
    }

    @Override
    public String toString() {
        return ValType.name(elementType) + " " + limits;
    }
}
