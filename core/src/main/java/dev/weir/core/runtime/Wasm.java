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
 * {@link #parseMetered} compiles the same module with fuel metering: it then counts every wasm
 * instruction it executes and stops when the store's fuel runs out ({@link Store#setFuel},
 * {@link Store#fuelConsumed}). Metering is chosen at compile time so that unmetered code, the
 * default, pays nothing for it.
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

    /**
     * As {@link #parse}, compiled with fuel metering: each straight-line segment of code starts
     * with one {@code Op.FUEL} charging its wasm instructions, so {@link Store#fuelConsumed} is
     * the exact count of wasm instructions executed (a segment cut short by a trap or an exit in
     * a call counts whole) and {@link Store#setFuel} bounds it.
     */
    public static CompiledModule parseMetered(byte[] bytes) {
        return dev.weir.core.validate.ModuleValidator.validate(dev.weir.core.binary.ModuleDecoder.decode(bytes),
                dev.weir.core.compile.FunctionCompiler.FOLD_LOCALS, true);
    }

    /**
     * As {@link #parse}, compiled so that {@link Store#interrupt} can stop it: every function
     * entry and loop label checks for an interruption, in both tiers (interpreter and JVM
     * bytecode), at about the cost of an empty fuel check there. Metered code
     * ({@link #parseMetered}) is interruptible too; code from {@link #parse} pays nothing and
     * cannot be interrupted.
     */
    public static CompiledModule parseInterruptible(byte[] bytes) {
        return dev.weir.core.validate.ModuleValidator.validate(dev.weir.core.binary.ModuleDecoder.decode(bytes),
                dev.weir.core.compile.FunctionCompiler.FOLD_LOCALS, false, dev.weir.core.jit.JitCompiler.POLICY, true);
    }
}
