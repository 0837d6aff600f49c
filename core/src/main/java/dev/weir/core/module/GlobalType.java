package dev.weir.core.module;

/** A global's value type and mutability, spec 2.3.8. */
public final class GlobalType {
    private final byte valType;
    private final boolean mutable;

    public GlobalType(byte valType, boolean mutable) {
        this.valType = valType;
        this.mutable = mutable;
    }

    public byte valType() {
        return valType;
    }

    public boolean isMutable() {
        return mutable;
    }

    @Override
    public String toString() {
        return mutable ? "mut " + ValType.name(valType) : ValType.name(valType);
    }
}
