package dev.weir.core;

import dev.weir.core.internal.binary.ModuleDecoder;
import dev.weir.core.internal.compile.Op;
import dev.weir.core.internal.jit.JitCompiler;
import dev.weir.core.internal.validate.ModuleValidator;
import dev.weir.core.module.Module;

/**
 * Where an embedder starts: turns the bytes of a WebAssembly module (binary format,
 * <a href="https://webassembly.github.io/spec/core/binary/index.html">spec chapter 5</a>) into a
 * {@link CompiledModule} that can be instantiated with a {@link Linker}.
 */
public final class Wasm {
    private Wasm() {
    }

    /**
     * Decodes, validates and compiles a module with {@link CompileOptions#defaults()}.
     *
     * @throws dev.weir.core.module.MalformedModuleException the bytes are not a module (section and byte offset)
     * @throws dev.weir.core.module.InvalidModuleException the module breaks a validation rule (function, offset, rule)
     */
    public static CompiledModule parse(byte[] bytes) {
        return parse(bytes, CompileOptions.defaults());
    }

    /** As {@link #parse(byte[])}, with the given options. */
    public static CompiledModule parse(byte[] bytes, CompileOptions options) {
        Module module = ModuleDecoder.decode(bytes);
        return new CompiledModule(module, ModuleValidator.validate(module, options.foldLocals(), options.metered(),
                selector(options.jit()), options.interruptible()), options);
    }

    /**
     * Decodes a module without validating or compiling it, for tools that describe modules
     * (imports, exports, names) even when they would not validate.
     *
     * @throws dev.weir.core.module.MalformedModuleException the bytes are not a module (section and byte offset)
     */
    public static Module decode(byte[] bytes) {
        return ModuleDecoder.decode(bytes);
    }

    /** As {@link #parse(byte[])}, with fuel metering on whatever the defaults say. */
    public static CompiledModule parseMetered(byte[] bytes) {
        return parse(bytes, CompileOptions.defaults().withMetering(true));
    }

    /**
     * As {@link #parse(byte[])}, compiled so that {@link Store#interrupt} can stop it: every
     * function entry and loop label checks for an interruption, in both tiers. Metered code
     * ({@link #parseMetered}) is interruptible too; code from {@link #parse(byte[])} pays nothing
     * and cannot be interrupted.
     */
    public static CompiledModule parseInterruptible(byte[] bytes) {
        return parse(bytes, CompileOptions.defaults().withInterruptible(true));
    }

    /** The JIT's selector for a policy; {@link CompileOptions.Jit#LEAVES} keeps functions that call out. */
    private static dev.weir.core.internal.compile.JitSelector selector(CompileOptions.Jit jit) {
        final dev.weir.core.internal.compile.JitSelector all = JitCompiler.selector(jitPolicy(jit));
        if (jit != CompileOptions.Jit.LEAVES) {
            return all;
        }
        return new dev.weir.core.internal.compile.JitSelector() {
            @Override
            public boolean function(int[] code, int from, int to, int frameSlots) {
                return !calls(code, from, to) && all.function(code, from, to, frameSlots);
            }

            @Override
            public boolean loop(int[] code, int from, int to) {
                return !calls(code, from, to) && all.loop(code, from, to);
            }
        };
    }

    /** Whether code[from, to) calls a function (defined, imported, or through a table). */
    private static boolean calls(int[] code, int from, int to) {
        for (int pc = from; pc < to; pc += Op.length(code, pc)) {
            int op = code[pc];
            if (op == Op.CALL || op == Op.CALL_ARGS || op == Op.CALL_IMPORT || op == Op.CALL_INDIRECT) {
                return true;
            }
        }
        return false;
    }

    private static int jitPolicy(CompileOptions.Jit jit) {
        switch (jit) {
            case OFF:
                return JitCompiler.OFF;
            case ALL:
                return JitCompiler.ALL;
            default:
                return JitCompiler.LOOPS;
        }
    }
}
