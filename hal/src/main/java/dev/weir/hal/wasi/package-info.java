/**
 * WASI snapshot preview1 for weir: the {@code wasi_snapshot_preview1} host functions that
 * wasi-libc and Rust's wasm32-wasip1 programs import, behind an explicit capability model.
 * <p>
 * Start from {@link dev.weir.hal.wasi.WasiOptions} (what the module is granted: arguments,
 * environment variables, preopened directories, standard streams) and
 * {@link dev.weir.hal.wasi.WasiPreview1} (the functions, defined into a
 * {@link dev.weir.core.Linker}).
 *
 * @see <a href="https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md">WASI preview1</a>
 */
package dev.weir.hal.wasi;
