package dev.weir.core.module;

/** Kinds of imports and exports, as their binary encodings (spec 5.5.5). */
public final class ExternalKind {
    public static final int FUNCTION = 0;
    public static final int TABLE = 1;
    public static final int MEMORY = 2;
    public static final int GLOBAL = 3;

    private ExternalKind() {
    }

    public static String name(int kind) {
        switch (kind) {
            case FUNCTION: return "function";
            case TABLE: return "table";
            case MEMORY: return "memory";
            case GLOBAL: return "global";
            default: return "kind(" + kind + ")";
        }
    }
}
