package dev.weir.core.module;

/**
 * The bytes are not a well-formed WebAssembly binary (spec: assert_malformed).
 * The message names the section and the byte offset where decoding failed.
 */
public final class MalformedModuleException extends WasmException {
    private static final long serialVersionUID = 1L;
    private final String section;
    private final int offset;

    public MalformedModuleException(String message, String section, int offset) {
        super(message + " (" + section + " section, offset 0x" + Integer.toHexString(offset) + ")");
        this.section = section;
        this.offset = offset;
    }

    /** The section being decoded, such as {@code "code"}, or {@code "header"}. */
    public String section() {
        return section;
    }

    /** Byte offset in the module binary. */
    public int offset() {
        return offset;
    }
}
