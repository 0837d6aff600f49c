package dev.weir.core.module;

/**
 * The module is well-formed but breaks a validation rule (spec: assert_invalid).
 * The message names the rule, the function index (or -1 outside function bodies) and the byte offset.
 */
public final class InvalidModuleException extends WasmException {
    private static final long serialVersionUID = 1L;
    private final int functionIndex;
    private final int offset;

    public InvalidModuleException(String rule, int functionIndex, int offset) {
        super(rule + (functionIndex >= 0 ? " (function " + functionIndex + ", offset 0x" : " (offset 0x")
                + Integer.toHexString(offset) + ")");
        this.functionIndex = functionIndex;
        this.offset = offset;
    }

    /** Index in the function index space, or -1 when the error is not inside a function body. */
    public int functionIndex() {
        return functionIndex;
    }

    /** Byte offset in the module binary. */
    public int offset() {
        return offset;
    }
}
