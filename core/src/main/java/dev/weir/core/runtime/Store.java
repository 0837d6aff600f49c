package dev.weir.core.runtime;

/**
 * Where instances live and run (spec 4.2.3): owns the preallocated value stack and call frames
 * sized by {@link StoreLimits}, and the references that tables and ref.func values point to.
 * Not thread-safe: use one store per thread of execution.
 */
public final class Store {
    // STUB: the runtime helper owns this file; the public signatures are the contract.

    public Store() {
        this(new StoreLimits());
    }

    public Store(StoreLimits limits) {
    }

    public StoreLimits limits() {
        throw new UnsupportedOperationException("TODO");
    }
}
