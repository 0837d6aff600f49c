package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.TrapException;
import dev.weir.core.CompiledModule;
import dev.weir.core.internal.jit.JitLoader;
import dev.weir.core.Function;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.StoreLimits;
import dev.weir.core.Table;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Compiled code that calls (JitCompiler, JitCode's call helpers) against the interpreter: the
 * same results, traps, backtraces and fuel; memory.grow in a callee; call_indirect with its type
 * check on a table changed at run time; host functions and other instances; no allocation per
 * call; and the interpreter when the JVM refuses to define classes. The depth limit is
 * StackDepthTest's.
 */
class CompiledCallsTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static Instance instance(CompileOptions.Jit policy) {
        return CallsModule.instantiate(CallsModule.compile(policy, false), new Store());
    }

    private static TrapException trap(Function f, long... args) {
        return assertThrows(TrapException.class, () -> {
            if (args.length == 1) {
                f.call(args[0]);
            } else if (args.length == 2) {
                f.call(args[0], args[1]);
            } else {
                f.call(args[0], args[1], args[2]);
            }
        });
    }

    @Test
    void recursionThroughTheTwinAndLoopsThatCallComputeWhatTheInterpreterComputes() throws Exception {
        // clang's fib: a loop whose br_if tests a compare made before k -= 2, around a call of
        // itself, so the compiled code has a twin of body() and the loop's br_if branches over a
        // GOTO back to its head; emu: an interpreter loop calling a function per opcode.
        String[] workloads = {"fib", "emu"};
        int[] sizes = {18, 2};
        for (int w = 0; w < workloads.length; w++) {
            String workload = workloads[w];
            byte[] wasm = java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("../examples/bench/wasm/" + workload + ".wasm"));
            Function jit = new Linker(new Store()).instantiate(Wasm.parse(wasm, CompileOptions.defaults()
                    .withJit(CompileOptions.Jit.ALL))).function("run");
            Function interpreter = new Linker(new Store()).instantiate(Wasm.parse(wasm, CompileOptions.defaults()
                    .withJit(CompileOptions.Jit.OFF))).function("run");
            // Often enough for C2 to compile the bodies (and, for fib, both copies).
            for (int round = 0; round < 30; round++) {
                for (int n = 0; n <= sizes[w]; n++) {
                    assertEquals(interpreter.call(n), jit.call(n), workload + "(" + n + ")");
                }
            }
        }
    }

    @Test
    void compiledCallsComputeWhatTheInterpreterComputes() {
        Instance jit = instance(CompileOptions.Jit.ALL);
        Instance interpreter = instance(CompileOptions.Jit.OFF);
        for (Instance in : new Instance[] {jit, interpreter}) {
            assertEquals(6765, (int) in.function(CallsModule.FIB).call(20));
            assertEquals(500, (int) in.function(CallsModule.DOWN).call(500));
            assertEquals(7, (int) in.function(CallsModule.VIA_TABLE).call(15, 2, 0));
            assertEquals(43, (int) in.function(CallsModule.CALLS_IMPORT).call(21));
            assertEquals(21, (int) in.function(CallsModule.NESTED).call(5));
        }
        assertTrue(jit.compiledModule().jitFunction(2) != null, "fib is compiled");
    }

    @Test
    void aCalleeThatGrowsMemoryLetsTheCompiledCallerUseTheNewPage() {
        for (CompileOptions.Jit policy : new CompileOptions.Jit[] {CompileOptions.Jit.ALL, CompileOptions.Jit.OFF}) {
            Instance in = instance(policy);
            assertEquals(0, (int) in.function(CallsModule.GROW_THEN_LOAD).call());
            assertEquals(2, in.memory().pages());
            // Through a caller that does not grow memory itself (JitSource.mayGrowMemory).
            Instance further = instance(policy);
            assertEquals(0, (int) further.function(CallsModule.GROW_FURTHER_THEN_LOAD).call());
            assertEquals(2, further.memory().pages());
        }
    }

    @Test
    void trapsAndBacktracesAreTheInterpretersThroughCompiledFrames() {
        Instance jit = instance(CompileOptions.Jit.ALL);
        Instance interpreter = instance(CompileOptions.Jit.OFF);
        // Warm, so that the frames are compiled ones.
        for (int i = 0; i < 100; i++) {
            jit.function(CallsModule.NESTED).call(1);
        }
        TrapException compiled = trap(jit.function(CallsModule.NESTED), 0);
        TrapException interpreted = trap(interpreter.function(CallsModule.NESTED), 0);
        assertEquals("integer divide by zero", compiled.getMessage());
        assertEquals(interpreted.getMessage(), compiled.getMessage());
        assertArrayEquals(interpreted.wasmBacktrace(), compiled.wasmBacktrace());
        assertEquals(2, compiled.wasmBacktrace().length);

        for (Instance in : new Instance[] {jit, interpreter}) {
            assertEquals("indirect call type mismatch", trap(in.function(CallsModule.VIA_TABLE), 1, 2, 1).getMessage());
            assertEquals("undefined element", trap(in.function(CallsModule.VIA_TABLE), 1, 2, 7).getMessage());
        }
        assertArrayEquals(trap(interpreter.function(CallsModule.VIA_TABLE), 1, 0, 0).wasmBacktrace(),
                trap(jit.function(CallsModule.VIA_TABLE), 1, 0, 0).wasmBacktrace());
        // The store is usable after a trap in compiled frames.
        assertEquals(6765, (int) jit.function(CallsModule.FIB).call(20));
    }

    @Test
    void deepBacktracesAndPeakDepthAreTheInterpretersThoughDirectCallsSkipFrameRecords() {
        Instance jit = instance(CompileOptions.Jit.ALL);
        Instance interpreter = instance(CompileOptions.Jit.OFF);
        // Deep warm calls first: direct calls below that depth then write no frame records, so
        // the trap's backtrace comes from the records its unwinding writes.
        for (int i = 0; i < 200; i++) {
            jit.function(CallsModule.DOWN).call(40);
            jit.function(CallsModule.NESTED).call(1);
        }
        interpreter.function(CallsModule.DOWN).call(40);
        assertEquals(interpreter.store().peakCallDepth(), jit.store().peakCallDepth());
        for (int n : new int[] {0, 1, 7, 30}) {
            TrapException compiled = trap(jit.function(CallsModule.DOWN_THEN_TRAP), n);
            TrapException interpreted = trap(interpreter.function(CallsModule.DOWN_THEN_TRAP), n);
            assertEquals(n + 3, compiled.wasmBacktrace().length);
            assertArrayEquals(interpreted.wasmBacktrace(), compiled.wasmBacktrace());
        }
        assertEquals(interpreter.store().peakCallDepth(), jit.store().peakCallDepth());
    }

    @Test
    void callIndirectSeesTheTableAsChangedAtRunTime() {
        for (CompileOptions.Jit policy : new CompileOptions.Jit[] {CompileOptions.Jit.ALL, CompileOptions.Jit.OFF}) {
            Instance in = instance(policy);
            Function viaTable = in.function(CallsModule.VIA_TABLE);
            assertEquals(7, (int) viaTable.call(15, 2, 0));
            Table table = in.table("table");
            long divide = table.get(0);
            table.set(0, table.get(1));
            table.set(1, divide);
            assertEquals("indirect call type mismatch", trap(viaTable, 15, 2, 0).getMessage());
            assertEquals(7, (int) viaTable.call(15, 2, 1));
        }
    }

    @Test
    void callIndirectToAnotherInstancesFunctionOfTheSameTypeTakesTheHelper() {
        // The compiled caller's switch covers its own instance's functions only: a table element
        // naming another instance's divide (same module, same type) goes through callIndirect.
        for (CompileOptions.Jit policy : new CompileOptions.Jit[] {CompileOptions.Jit.ALL, CompileOptions.Jit.OFF}) {
            Store store = new Store();
            Instance first = CallsModule.instantiate(CallsModule.compile(policy, false), store);
            Instance second = CallsModule.instantiate(CallsModule.compile(policy, false), store);
            first.table("table").set(1, second.table("table").get(0));
            Function viaTable = first.function(CallsModule.VIA_TABLE);
            for (int i = 0; i < 100; i++) {
                assertEquals(7, (int) viaTable.call(15, 2, 0));
                assertEquals(5, (int) viaTable.call(15, 3, 1));
            }
            assertEquals("integer divide by zero", trap(viaTable, 15, 0, 1).getMessage());
            assertEquals("integer divide by zero", trap(viaTable, 15, 0, 0).getMessage());
            assertEquals(7, (int) viaTable.call(15, 2, 1));
        }
    }

    @Test
    void compiledCodeCallsAnotherInstancesFunction() {
        Store store = new Store();
        Instance first = CallsModule.instantiate(CallsModule.compile(CompileOptions.Jit.ALL, false), store);
        // The second instance's env.twice is the first instance's fib.
        Instance second = new Linker(store).define("env", "twice", first.function(CallsModule.FIB))
                .instantiate(CallsModule.compile(CompileOptions.Jit.ALL, false));
        for (int i = 0; i < 100; i++) {
            assertEquals(56, (int) second.function(CallsModule.CALLS_IMPORT).call(10));
        }
    }

    @Test
    void fuelIsExactThroughCompiledCalls() {
        Store jitStore = new Store();
        Store interpreterStore = new Store();
        Instance jit = CallsModule.instantiate(CallsModule.compile(CompileOptions.Jit.ALL, true), jitStore);
        Instance interpreter = CallsModule.instantiate(CallsModule.compile(CompileOptions.Jit.OFF, true), interpreterStore);
        jit.function(CallsModule.FIB).call(15);
        interpreter.function(CallsModule.FIB).call(15);
        assertEquals(interpreterStore.fuelConsumed(), jitStore.fuelConsumed());
        assertTrue(jitStore.fuelConsumed() > 10_000);

        jitStore.setFuel(5_000);
        interpreterStore.setFuel(5_000);
        TrapException compiled = trap(jit.function(CallsModule.FIB), 15);
        TrapException interpreted = trap(interpreter.function(CallsModule.FIB), 15);
        assertTrue(compiled.isExhaustion());
        assertEquals(interpreterStore.fuelRemaining(), jitStore.fuelRemaining());
        assertArrayEquals(interpreted.wasmBacktrace(), compiled.wasmBacktrace());
    }

    @Test
    void warmCompiledCallsAllocateNothing() {
        Instance jit = instance(CompileOptions.Jit.ALL);
        Function fib = jit.function(CallsModule.FIB);
        Function viaTable = jit.function(CallsModule.VIA_TABLE);
        Function callsImport = jit.function(CallsModule.CALLS_IMPORT);
        long id = Thread.currentThread().getId();
        long least = Long.MAX_VALUE;
        long checksum = 0;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 2_000; i++) {
                checksum += fib.call(12) + viaTable.call(9, 3, 0) + callsImport.call(i);
            }
            long before = THREADS.getThreadAllocatedBytes(id);
            for (int i = 0; i < 2_000; i++) {
                checksum += fib.call(12) + viaTable.call(9, 3, 0) + callsImport.call(i);
            }
            least = Math.min(least, THREADS.getThreadAllocatedBytes(id) - before);
        }
        assertTrue(checksum != 0);
        assertEquals(0, least, "bytes allocated by 2,000 warm calls of fib(12), call_indirect and a host call");
    }

    @Test
    void aJvmThatRefusesToDefineClassesRunsTheModuleInTheInterpreterWithOneLineOfNotice() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        JitLoader.refuseForTesting(true);
        try {
            System.setErr(new PrintStream(captured, true));
            CompiledModule module = CallsModule.compile(CompileOptions.Jit.ALL, false);
            Instance in = CallsModule.instantiate(module, new Store());
            assertEquals(6765, (int) in.function(CallsModule.FIB).call(20));
            assertEquals(7, (int) in.function(CallsModule.VIA_TABLE).call(15, 2, 0));
            assertEquals(0, (int) in.function(CallsModule.GROW_THEN_LOAD).call());
            assertTrue(module.jitRefused());
            assertFalse(module.jitFunction(2) != null);
        } finally {
            JitLoader.refuseForTesting(false);
            System.setErr(err);
        }
        String notice = captured.toString();
        assertEquals(1, notice.split("\n").length, notice);
        assertTrue(notice.startsWith("weir: this JVM does not define classes at run time"), notice);
    }

    @Test
    void deepRecursionPastTheJavaStacksShareRunsInTheInterpreterAndTrapsAtTheStoresLimit() {
        Store store = new Store(new StoreLimits().withMaxCallDepth(3_000).withJavaStackBytes(64 * 1024));
        Instance in = CallsModule.instantiate(CallsModule.compile(CompileOptions.Jit.ALL, false), store);
        assertEquals(2_999, (int) in.function(CallsModule.DOWN).call(2_999));
        TrapException trap = trap(in.function(CallsModule.DOWN), 3_000);
        assertTrue(trap.isExhaustion());
        assertEquals("call stack exhausted", trap.getMessage());
        assertEquals(3_000, trap.wasmBacktrace().length);
    }

    @Test
    void theValueStacksEndTrapsAtTheSameDepthInBothTiers() {
        // A value stack that runs out long before the depth limit and the Java stack's share.
        // Compiled frames enter without checking their frame (JitCode.fastLimit) until near its
        // end, where the slow path checks exactly, as the interpreter does. Deep recursion with
        // small frames first, so that the store's fast depth is past where the wide frames run
        // out: their check must not trust it.
        int deepest = -1;
        for (int slots : new int[] {300, 1_000, 5_000}) {
            int[][] reached = new int[2][3];
            TrapException[][] traps = new TrapException[2][3];
            CompileOptions.Jit[] policies = {CompileOptions.Jit.ALL, CompileOptions.Jit.OFF};
            for (int t = 0; t < 2; t++) {
                Store store = new Store(new StoreLimits().withValueStackSlots(slots).withMaxCallDepth(100_000)
                        .withJavaStackBytes(8 * 1024 * 1024));
                Instance in = CallsModule.instantiate(CallsModule.compile(policies[t], false), store);
                // And frames that call through call_indirect's dispatch method.
                String[] functions = {CallsModule.DOWN, CallsModule.WIDE_DOWN, CallsModule.WIDE_DOWN_INDIRECT};
                for (int f = 0; f < functions.length; f++) {
                    Function down = in.function(functions[f]);
                    // Warm, so that the frames are compiled ones.
                    for (int i = 0; i < 100; i++) {
                        down.call(1);
                    }
                    int n = 0;
                    while (traps[t][f] == null) {
                        try {
                            assertEquals(n, (int) down.call(n));
                            n++;
                        } catch (TrapException e) {
                            traps[t][f] = e;
                        }
                    }
                    reached[t][f] = n;
                }
            }
            for (int f = 0; f < 3; f++) {
                assertEquals(reached[1][f], reached[0][f], "first depth that traps, " + slots + " slots, " + f);
                assertEquals("call stack exhausted", traps[0][f].getMessage());
                assertEquals(traps[1][f].wasmBacktrace().length, traps[0][f].wasmBacktrace().length);
            }
            assertTrue(reached[0][0] > 2 * reached[0][1], "wide frames run out sooner");
            assertTrue(reached[0][1] > deepest, "a larger value stack takes deeper recursion");
            deepest = reached[0][1];
        }
    }
}
