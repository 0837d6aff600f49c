package dev.weir.core.module;

/** A custom section: its name and where its payload lies in the module binary. */
public final class CustomSection {
    private final String name;
    private final int offset;
    private final int length;

    public CustomSection(String name, int offset, int length) {
        this.name = name;
        this.offset = offset;
        this.length = length;
    }

    public String name() {
        return name;
    }

    /** Offset of the payload (after the name) in {@link Module#bytes()}. */
    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }
}
