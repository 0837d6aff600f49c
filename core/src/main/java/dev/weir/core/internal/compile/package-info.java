/**
 * The compiler and the instruction set (internal): {@link dev.weir.core.internal.compile.Op}, weir's register-style internal code with precomputed branches, and the compiler that emits it while the validator walks each body. Not for embedders.
 */
package dev.weir.core.internal.compile;
