package dev.weir.core.module;

/** An import could not be satisfied: missing, or of the wrong kind or type (spec: assert_unlinkable). */
public final class LinkException extends WasmException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }
}
