/**
 * The decoder (internal): reads the binary format into a {@link dev.weir.core.module.Module}, one method per section (<a href="https://webassembly.github.io/spec/core/binary/index.html">spec chapter 5</a>). Not for embedders: use {@code Wasm.parse} or {@code Wasm.decode}.
 */
package dev.weir.core.internal.binary;
