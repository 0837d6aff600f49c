package dev.weir.core.runtime;

import dev.weir.core.compile.CompiledModule;
import dev.weir.core.module.Module;

/** A module instance (spec 4.2.5): its memory, tables, globals and functions, created by a {@link Linker}. */
public final class Instance {
    // STUB: the runtime helper owns this file; the public signatures are the contract.

    public CompiledModule compiledModule() {
        throw new UnsupportedOperationException("TODO");
    }

    public Module module() {
        throw new UnsupportedOperationException("TODO");
    }

    public Store store() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The exported function of that name; throws LinkException naming it when there is none. */
    public Function function(String exportName) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The exported memory of that name; throws LinkException when there is none. */
    public Memory memory(String exportName) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The instance's memory (memory index 0, defined or imported), or null when it has none. */
    public Memory memory() {
        throw new UnsupportedOperationException("TODO");
    }

    public Global global(String exportName) {
        throw new UnsupportedOperationException("TODO");
    }

    public Table table(String exportName) {
        throw new UnsupportedOperationException("TODO");
    }

    /** True when the module exports something of that name (any kind). */
    public boolean hasExport(String exportName) {
        throw new UnsupportedOperationException("TODO");
    }
}
