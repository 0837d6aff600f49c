package dev.weir.board.cli;

import dev.weir.core.CompiledModule;
import dev.weir.core.Instance;
import dev.weir.core.Store;

/**
 * Where {@link RunCommand} reports the end of each phase of a run (compile, instantiate) to
 * {@link BenchCommand}, which times them. The base class does nothing, for {@code weir run}.
 */
class RunProbe {
    static final RunProbe NONE = new RunProbe();

    /** Whether the module must be compiled with fuel metering, to count instructions. */
    boolean metered() {
        return false;
    }

    /** The module file has been read; decoding, validation and compilation start. */
    void compiling() {
    }

    void compiled(CompiledModule module) {
    }

    /** Instantiated (start function run, if any); the program runs next. */
    void instantiated(Store store, Instance instance) {
    }
}
