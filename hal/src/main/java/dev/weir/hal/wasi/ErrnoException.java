package dev.weir.hal.wasi;

/**
 * A WASI function failed with a preview1 errno. Used inside this package to leave deep helpers
 * (path resolution, rights checks); the dispatcher turns it into the function's return value, so
 * it never reaches the module or the embedder. Created only on failure, without a stack trace.
 */
final class ErrnoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int errno;

    ErrnoException(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }

    @Override
    public String getMessage() {
        return "wasi errno " + errno;
    }
}
