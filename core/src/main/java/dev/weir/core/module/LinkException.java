package dev.weir.core.module;

/**
 * A module could not be linked or instantiated against what was defined for it (the spec
 * suite's {@code assert_unlinkable}), or an export was asked for that the instance does not
 * have. {@link #kind()} says which, and {@link #module()} and {@link #name()} name the import
 * or export, so that no caller needs to read the message.
 */
public final class LinkException extends WasmException {
    private static final long serialVersionUID = 1L;

    /** What failed. */
    public enum Kind {
        /** Nothing was defined for an import. */
        UNKNOWN_IMPORT,
        /** What was defined for an import has another type or kind (function, table, memory, global). */
        INCOMPATIBLE_IMPORT,
        /** The instance has no export of that name. */
        UNKNOWN_EXPORT,
        /** The export exists but is of another kind than asked for. */
        INCOMPATIBLE_EXPORT,
        /** A memory's initial size exceeds the store's memory limit ({@code StoreLimits}). */
        MEMORY_LIMIT,
        /** A table's initial size exceeds the store's table limit ({@code StoreLimits}). */
        TABLE_LIMIT,
        /** Anything else (for example a failure of a host's own linking code). */
        OTHER
    }

    private final Kind kind;
    private final String module;
    private final String name;

    /**
     * @param module the import's module name, or null when it is not about an import
     * @param name   the import's or export's name, or null
     */
    public LinkException(Kind kind, String module, String name, String message) {
        super(message);
        if (kind == null) {
            throw new IllegalArgumentException("link failure kind must not be null");
        }
        this.kind = kind;
        this.module = module;
        this.name = name;
    }

    /** A failure of kind {@link Kind#OTHER}. */
    public LinkException(String message) {
        this(Kind.OTHER, null, null, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The module name of the import at fault, or null. */
    public String module() {
        return module;
    }

    /** The name of the import or export at fault, or null. */
    public String name() {
        return name;
    }
}
