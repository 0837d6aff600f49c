package dev.weir.core.validate;

import dev.weir.core.compile.CompiledModule;
import dev.weir.core.module.Module;

/** Validates a decoded module (spec chapter 3) and compiles every function body on the way. */
public final class ModuleValidator {
    // STUB: the validator helper owns this file.
    private ModuleValidator() {
    }

    /** @throws dev.weir.core.InvalidModuleException naming the rule, function index and offset, and nothing else */
    public static CompiledModule validate(Module module) {
        throw new UnsupportedOperationException("TODO");
    }
}
