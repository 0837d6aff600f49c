package dev.weir.core.module;

/** Base of every error weir reports about a module or its execution. Unchecked, so the hot path declares nothing. */
public abstract class WasmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected WasmException(String message) {
        super(message);
    }

    protected WasmException(String message, boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
    }
}
