/**
 * The embedding API: everything a Java program needs to run WebAssembly modules. Start with
 * {@link dev.weir.core.Wasm#parse(byte[])} (or {@link dev.weir.core.Wasm#parse(byte[], dev.weir.core.CompileOptions)}),
 * give imports to a {@link dev.weir.core.Linker} over a {@link dev.weir.core.Store} sized by
 * {@link dev.weir.core.StoreLimits}, instantiate, and call exported {@link dev.weir.core.Function}s;
 * host code reaches the module's {@link dev.weir.core.Memory}, {@link dev.weir.core.Table}s and
 * {@link dev.weir.core.Global}s. Types, the module's declarations and the exceptions (with kinds)
 * are in {@link dev.weir.core.module}.
 *
 * <p>The interpreter loop ({@code Interpreter}, package-private) lives here too, beside the
 * objects it runs on, so that their fields stay package-private rather than public.
 * {@link dev.weir.core.JitCode} is public only because generated classes, in their own class
 * loader, must extend it; it is not for embedders. Everything in {@code dev.weir.core.internal}
 * is the engine and may change without notice.
 *
 * @see <a href="https://webassembly.github.io/spec/core/appendix/embedding.html">WebAssembly spec, appendix A.1: embedding</a>
 */
package dev.weir.core;
