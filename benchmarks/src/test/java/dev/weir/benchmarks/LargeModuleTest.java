package dev.weir.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.CompiledModule;
import dev.weir.core.Wasm;
import org.junit.jupiter.api.Test;

class LargeModuleTest {

    @Test
    void growsAModuleThatStillValidatesAndRuns() {
        Workload sha = Workload.load("sha256", "short");
        byte[] large = LargeModule.grow(sha.wasm(), ParseBenchmark.MODULE_BYTES);
        assertTrue(large.length >= ParseBenchmark.MODULE_BYTES, "size " + large.length);
        assertTrue(large.length < 2 * ParseBenchmark.MODULE_BYTES, "size " + large.length);
        CompiledModule small = Wasm.parse(sha.wasm());
        CompiledModule big = Wasm.parse(large);
        int defined = small.module().functionCount() - small.module().importedFunctionCount();
        assertEquals(0, (big.module().functionCount() - big.module().importedFunctionCount()) % defined);
        assertTrue(big.module().functionCount() > 100 * defined);
        // The original exports still compute the native build's checksum.
        sha.verify("weir", WasmRunner.create("weir", large).run(sha.n()));
    }
}
