package dev.weir.core.module;

/** One export: a name and an index into the function, table, memory or global index space (spec 2.5.10). */
public final class Export {
    private final String name;
    private final int kind;
    private final int index;

    public Export(String name, int kind, int index) {
        this.name = name;
        this.kind = kind;
        this.index = index;
    }

    public String name() {
        return name;
    }

    /** One of the {@link ExternalKind} constants. */
    public int kind() {
        return kind;
    }

    public int index() {
        return index;
    }

    @Override
    public String toString() {
        return name + " (" + ExternalKind.name(kind) + " " + index + ")";
    }
}
