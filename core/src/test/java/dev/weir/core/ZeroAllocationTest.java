package dev.weir.core;

import static dev.weir.core.ModuleBuilder.I32;
import static dev.weir.core.ModuleBuilder.params;
import static dev.weir.core.ModuleBuilder.type;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.core.internal.compile.Op;
import dev.weir.core.module.FuncType;
import dev.weir.testsupport.Allocations;
import org.junit.jupiter.api.Test;

/**
 * Running wasm allocates nothing: HotSpot's per-thread allocated-bytes counter must not move
 * across many warm calls of a recursive function, a memory-heavy loop and host calls.
 */
class ZeroAllocationTest {
    private static final int CALLS = 10_000;
    private static final FuncType I32_TO_I32 = type(params(I32), I32);

    @Test
    void recursiveCallsAllocateNothing() {
        ModuleBuilder mb = InterpreterTest.fibModule();
        final Function fib = mb.instantiate().function("fib");
        assertEquals(55, (int) fib.call(10));
        assertEquals(0, Allocations.leastBytes(() -> {
            long sum = 0;
            for (int i = 0; i < CALLS; i++) {
                sum += fib.call(8);
            }
            return sum;
        }));
    }

    @Test
    void memoryLoopsAllocateNothing() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.memory(1, 1);
        // work(n): for i < n: mem[4i] = 3i; then for i < n: acc += mem[4i]; returns acc.
        mb.function("work", I32_TO_I32, 1, 5, 6,
                Op.I32_LT_U, 4, 1, 0,        // 3: first loop
                Op.BR_IF_EQZ, 4, 38,         // 7
                Op.I32_CONST, 5, 2,          // 10
                Op.I32_SHL, 4, 1, 5,         // 13: address = i << 2
                Op.I32_ADD, 3, 1, 1,         // 17
                Op.I32_ADD, 3, 3, 1,         // 21: value = 3i
                Op.I32_STORE, 4, 3, 0,       // 25
                Op.I32_CONST, 5, 1,          // 29
                Op.I32_ADD, 1, 1, 5,         // 32
                Op.BR, 3,                    // 36
                Op.I32_CONST, 1, 0,          // 38: second loop
                Op.I32_LT_U, 4, 1, 0,        // 41
                Op.BR_IF_EQZ, 4, 72,         // 45
                Op.I32_CONST, 5, 2,          // 48
                Op.I32_SHL, 4, 1, 5,         // 51
                Op.I32_LOAD, 3, 4, 0,        // 55
                Op.I32_ADD, 2, 2, 3,         // 59
                Op.I32_CONST, 5, 1,          // 63
                Op.I32_ADD, 1, 1, 5,         // 66
                Op.BR, 41,                   // 70
                Op.COPY, 0, 2,               // 72
                Op.RETURN);
        final Function work = mb.instantiate().function("work");
        assertEquals(3 * 999 * 1000 / 2, (int) work.call(1000));
        assertEquals(0, Allocations.leastBytes(() -> {
            long total = 0;
            for (int i = 0; i < CALLS; i++) {
                total += work.call(20);
            }
            return total;
        }));
    }

    @Test
    void hostCallsAllocateNothing() {
        ModuleBuilder mb = new ModuleBuilder();
        int host = mb.importFunction("env", "twice", I32_TO_I32);
        mb.function("f", I32_TO_I32, 1, 0, 1, Op.CALL_IMPORT, host, 0, Op.RETURN);
        Linker linker = new Linker(ModuleBuilder.smallStore());
        linker.define("env", "twice", I32_TO_I32, (caller, stack, base) -> stack[base] = 2 * (int) stack[base]);
        final Function f = linker.instantiate(mb.build()).function("f");
        assertEquals(14, (int) f.call(7));
        final long[] args = new long[1];
        final long[] results = new long[1];
        assertEquals(0, Allocations.leastBytes(() -> {
            long total = 0;
            for (int i = 0; i < CALLS; i++) {
                total += f.call(i);
                args[0] = i;
                f.call(args, results);
                total += results[0];
            }
            return total;
        }));
    }

    /**
     * Compiled vector code (the SIMD benchmark programs: v128 loads, stores, shuffles, lane
     * stores, i32x4 and f32x4 arithmetic) allocates nothing either: its v128 values are pairs of
     * JVM longs.
     */
    @Test
    void compiledVectorCodeAllocatesNothing() throws java.io.IOException {
        String[][] cases = {{"matmul_simd", "20", "2220517125"}, {"sobel_simd", "1", "1588229359"}};
        for (String[] c : cases) {
            byte[] wasm = java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("../examples/bench/wasm/" + c[0] + ".wasm"));
            final Function run = new Linker(new Store()).instantiate(Wasm.parse(wasm)).function("run");
            final long n = Long.parseLong(c[1]);
            assertEquals(Long.parseLong(c[2]), run.call(n) & 0xFFFFFFFFL, c[0]);
            assertEquals(0, Allocations.leastBytes(() -> {
                long sum = 0;
                for (int i = 0; i < 4; i++) {
                    sum += run.call(n);
                }
                return sum;
            }), c[0]);
        }
    }
}
