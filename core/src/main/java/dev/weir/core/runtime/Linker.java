package dev.weir.core.runtime;

import dev.weir.core.compile.CompiledModule;
import dev.weir.core.module.FuncType;

/**
 * Resolves a module's imports by module and field name, then instantiates it (spec 4.5.4).
 * Missing or mistyped imports throw {@link dev.weir.core.LinkException}; a trap while
 * initializing (segments out of bounds, start function) throws {@link dev.weir.core.TrapException}.
 */
public final class Linker {
    // STUB: the runtime helper owns this file; the public signatures are the contract.

    public Linker(Store store) {
    }

    public Store store() {
        throw new UnsupportedOperationException("TODO");
    }

    public Linker define(String module, String name, Function function) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Shorthand for {@code define(module, name, Function.host(type, implementation))}. */
    public Linker define(String module, String name, FuncType type, HostFunction implementation) {
        throw new UnsupportedOperationException("TODO");
    }

    public Linker define(String module, String name, Memory memory) {
        throw new UnsupportedOperationException("TODO");
    }

    public Linker define(String module, String name, Table table) {
        throw new UnsupportedOperationException("TODO");
    }

    public Linker define(String module, String name, Global global) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Makes every export of the instance importable under moduleName (the spec tests' "register"). */
    public Linker define(String moduleName, Instance instance) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Links, allocates (memory, tables, globals up front), initializes segments, runs the start function. */
    public Instance instantiate(CompiledModule module) {
        throw new UnsupportedOperationException("TODO");
    }
}
