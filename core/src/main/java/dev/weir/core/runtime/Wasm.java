package dev.weir.core.runtime;

import dev.weir.core.compile.CompiledModule;

/**
 * The entry point: {@code Wasm.parse(bytes)} decodes, validates and compiles a module once;
 * the result is immutable and can be instantiated many times.
 * <pre>
 * CompiledModule module = Wasm.parse(bytes);
 * Instance instance = new Linker(new Store()).instantiate(module);
 * long result = instance.function("fib").call(30);
 * </pre>
 */
public final class Wasm {
    private Wasm() {
    }

    /**
     * @throws dev.weir.core.MalformedModuleException if the bytes are not a well-formed binary
     * @throws dev.weir.core.InvalidModuleException   if the module breaks a validation rule
     */
    public static CompiledModule parse(byte[] bytes) {
        return dev.weir.core.validate.ModuleValidator.validate(dev.weir.core.binary.ModuleDecoder.decode(bytes));
    }
}
