/**
 * The validator (internal): type-checks a decoded module (<a href="https://webassembly.github.io/spec/core/valid/index.html">spec chapter 3</a>) and drives the compiler in the same pass. Not for embedders: use {@code Wasm.parse}.
 */
package dev.weir.core.internal.validate;
