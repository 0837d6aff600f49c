package dev.weir.core;

import static dev.weir.core.internal.validate.TestBinary.FUNCREF;
import static dev.weir.core.internal.validate.TestBinary.I32;
import static dev.weir.core.internal.validate.TestBinary.params;

import dev.weir.core.CompiledModule;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.ValType;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.internal.validate.TestBinary;

/**
 * A module whose functions call in every way compiled code can: itself (recursion to the depth
 * limit), through a table, a host function, another instance, and a callee that grows memory.
 * Function 0 is the import env.twice (i32) -> i32.
 */
final class CallsModule {
    /** (i32 n) -> i32: n + 1 frames deep, returns n. */
    static final String DOWN = "down";
    /** () -> (): recurses until the call stack is exhausted. */
    static final String FOREVER = "forever";
    static final String FIB = "fib";
    /** (i32 a, i32 b) -> i32: a / b, signed; traps on b == 0. */
    static final String DIVIDE = "divide";
    /** (i32 a, i32 b, i32 i) -> i32: table[i](a, b) with divide's type. */
    static final String VIA_TABLE = "viaTable";
    /** () -> i32: calls a function that grows memory by a page, then loads from the new page. */
    static final String GROW_THEN_LOAD = "growThenLoad";
    /** (i32 x) -> i32: env.twice(x) + 1. */
    static final String CALLS_IMPORT = "callsImport";
    /** (i32 x) -> i32: divide(100, x) + 1, for a backtrace two compiled frames deep. */
    static final String NESTED = "nested";
    /** As down, with 120 i64 locals: frames near JitCode.MAX_CALLING_SLOTS, the largest compiled. */
    static final String WIDE_DOWN = "wideDown";
    /** (i32 n) -> i32: n + 1 frames of itself, then nested(0), which traps n + 3 frames deep. */
    static final String DOWN_THEN_TRAP = "downThenTrap";
    /**
     * As down, through call_indirect (table element 2), with 56 i64 locals: the largest frames
     * whose indirect calls go through a dispatch method, a JVM frame more per call.
     */
    static final String WIDE_DOWN_INDIRECT = "wideDownIndirect";
    /** As growThenLoad, the memory.grow two calls away. */
    static final String GROW_FURTHER_THEN_LOAD = "growFurtherThenLoad";

    private CallsModule() {
    }

    static byte[] bytes() {
        return new TestBinary()
                .type(params(I32), I32) // 0
                .type(params()) // 1
                .type(params(I32, I32), I32) // 2
                .type(params(I32, I32, I32), I32) // 3
                .type(params(), I32) // 4
                .importFunction("env", "twice", 0)
                // 1 down: if n == 0 then 0 else down(n - 1) + 1
                .function(0, params(), 0x20, 0, 0x45, 0x04, 0x7F, 0x41, 0, 0x05, 0x20, 0, 0x41, 1, 0x6B, 0x10, 1,
                        0x41, 1, 0x6A, 0x0B)
                // 2 forever
                .function(1, params(), 0x10, 2)
                // 3 fib: if n < 2 then n else fib(n - 1) + fib(n - 2)
                .function(0, params(), 0x20, 0, 0x41, 2, 0x48, 0x04, 0x7F, 0x20, 0, 0x05, 0x20, 0, 0x41, 1, 0x6B,
                        0x10, 3, 0x20, 0, 0x41, 2, 0x6B, 0x10, 3, 0x6A, 0x0B)
                // 4 divide
                .function(2, params(), 0x20, 0, 0x20, 1, 0x6D)
                // 5 viaTable: call_indirect (type 2) table 0
                .function(3, params(), 0x20, 0, 0x20, 1, 0x20, 2, 0x11, 2, 0x00)
                // 6 grow: memory.grow by n pages
                .function(0, params(), 0x20, 0, 0x40, 0x00)
                // 7 growThenLoad: grow(1); i32.load at 65536
                .function(4, params(), 0x41, 1, 0x10, 6, 0x1A, 0x41, 0x80, 0x80, 0x04, 0x28, 0x02, 0x00)
                // 8 callsImport: twice(x) + 1
                .function(0, params(), 0x20, 0, 0x10, 0, 0x41, 1, 0x6A)
                // 9 nested: divide(100, x) + 1
                .function(0, params(), 0x41, 0xE4, 0x00, 0x20, 0, 0x10, 4, 0x41, 1, 0x6A)
                // 10 wideDown
                .function(0, wideLocals(120), 0x20, 0, 0x45, 0x04, 0x7F, 0x41, 0, 0x05, 0x20, 0, 0x41, 1, 0x6B,
                        0x10, 10, 0x41, 1, 0x6A, 0x0B)
                // 11 downThenTrap: if n == 0 then nested(0) else downThenTrap(n - 1) + 1
                .function(0, params(), 0x20, 0, 0x45, 0x04, 0x7F, 0x41, 0, 0x10, 9, 0x05, 0x20, 0, 0x41, 1, 0x6B,
                        0x10, 11, 0x41, 1, 0x6A, 0x0B)
                // 12 growVia: grow(n)
                .function(0, params(), 0x20, 0, 0x10, 6)
                // 13 growFurtherThenLoad: growVia(1); i32.load at 65536
                .function(4, params(), 0x41, 1, 0x10, 12, 0x1A, 0x41, 0x80, 0x80, 0x04, 0x28, 0x02, 0x00)
                // 14 wideDownIndirect: if n == 0 then 0 else table[2](n - 1) + 1
                .function(0, wideLocals(56), 0x20, 0, 0x45, 0x04, 0x7F, 0x41, 0, 0x05, 0x20, 0, 0x41, 1, 0x6B,
                        0x41, 2, 0x11, 0, 0x00, 0x41, 1, 0x6A, 0x0B)
                .table(FUNCREF, 3)
                .memory(1, 4)
                .export(DOWN, 0, 1)
                .export(FOREVER, 0, 2)
                .export(FIB, 0, 3)
                .export(DIVIDE, 0, 4)
                .export(VIA_TABLE, 0, 5)
                .export(GROW_THEN_LOAD, 0, 7)
                .export(CALLS_IMPORT, 0, 8)
                .export(NESTED, 0, 9)
                .export(WIDE_DOWN, 0, 10)
                .export(DOWN_THEN_TRAP, 0, 11)
                .export(GROW_FURTHER_THEN_LOAD, 0, 13)
                .export(WIDE_DOWN_INDIRECT, 0, 14)
                .export("table", 1, 0)
                .export("memory", 2, 0)
                .activeElements(4, 3, 14)
                .bytes();
    }

    private static int[] wideLocals(int n) {
        int[] locals = new int[n];
        java.util.Arrays.fill(locals, TestBinary.I64);
        return locals;
    }

    static CompiledModule compile(CompileOptions.Jit policy, boolean metered) {
        return Wasm.parse(bytes(), CompileOptions.defaults().withJit(policy).withMetering(metered));
    }

    /** An instance in store whose env.twice is a host function. */
    static Instance instantiate(CompiledModule module, Store store) {
        return new Linker(store)
                .define("env", "twice", new FuncType(new byte[] {ValType.I32}, new byte[] {ValType.I32}),
                        (caller, stack, base) -> stack[base] = 2 * (int) stack[base])
                .instantiate(module);
    }
}
