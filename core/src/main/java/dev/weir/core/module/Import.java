package dev.weir.core.module;

/**
 * One import (spec 2.5.11). Exactly one descriptor is set, according to {@link #kind()}:
 * a type index for functions, or a table, memory or global type.
 */
public final class Import {
    private final String module;
    private final String name;
    private final int kind;
    private final int typeIndex;
    private final TableType tableType;
    private final MemoryType memoryType;
    private final GlobalType globalType;

    private Import(String module, String name, int kind, int typeIndex, TableType tableType,
            MemoryType memoryType, GlobalType globalType) {
        this.module = module;
        this.name = name;
        this.kind = kind;
        this.typeIndex = typeIndex;
        this.tableType = tableType;
        this.memoryType = memoryType;
        this.globalType = globalType;
    }

    public static Import function(String module, String name, int typeIndex) {
        return new Import(module, name, ExternalKind.FUNCTION, typeIndex, null, null, null);
    }

    public static Import table(String module, String name, TableType type) {
        return new Import(module, name, ExternalKind.TABLE, -1, type, null, null);
    }

    public static Import memory(String module, String name, MemoryType type) {
        return new Import(module, name, ExternalKind.MEMORY, -1, null, type, null);
    }

    public static Import global(String module, String name, GlobalType type) {
        return new Import(module, name, ExternalKind.GLOBAL, -1, null, null, type);
    }

    public String module() {
        return module;
    }

    public String name() {
        return name;
    }

    /** One of the {@link ExternalKind} constants. */
    public int kind() {
        return kind;
    }

    /** For function imports: index into the type section. */
    public int typeIndex() {
        return typeIndex;
    }

    public TableType tableType() {
        return tableType;
    }

    public MemoryType memoryType() {
        return memoryType;
    }

    public GlobalType globalType() {
        return globalType;
    }

    @Override
    public String toString() {
        return module + "." + name + " (" + ExternalKind.name(kind) + ")";
    }
}
