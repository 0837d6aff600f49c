/**
 * The JIT tier (internal): turns Op code of loops and functions into JVM classes, one class loader per module, no reflection. Not for embedders: {@code CompileOptions.Jit} chooses what it compiles.
 */
package dev.weir.core.internal.jit;
