/**
 * What a module is and what can go wrong with it: value and function types
 * ({@link dev.weir.core.module.ValType}, {@link dev.weir.core.module.FuncType}), the decoded module's
 * declarations ({@link dev.weir.core.module.Module}: imports, exports, types, custom sections, names),
 * and the exceptions, one per kind of the spec suite's assertions
 * ({@link dev.weir.core.module.MalformedModuleException}, {@link dev.weir.core.module.InvalidModuleException},
 * {@link dev.weir.core.module.LinkException}, {@link dev.weir.core.module.TrapException}), each with a kind
 * where callers need to tell cases apart. It is the bottom layer of core: the engine and the API
 * both use it, and it uses neither.
 *
 * @see <a href="https://webassembly.github.io/spec/core/syntax/modules.html">WebAssembly spec 2.5: modules</a>
 */
package dev.weir.core.module;
