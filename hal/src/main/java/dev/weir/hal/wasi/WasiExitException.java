package dev.weir.hal.wasi;

/**
 * Thrown by {@code proc_exit}: the module asked to terminate with an exit code. It unwinds the
 * wasm call that is running; the embedder catches it and uses {@link #exitCode()} (0 is success).
 * Carries no stack trace, since it is control flow, not an error.
 */
public final class WasiExitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public WasiExitException(int exitCode) {
        super("wasi proc_exit(" + exitCode + ")", null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
