package dev.weir.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void everyWorkloadHasAModuleAndADefaultChecksum() {
        List<String> names = Workload.names();
        assertEquals(List.of("fib", "sieve", "matmul", "crc32", "sobel", "fir", "sha256", "calls", "emu", "sobel_simd",
                "matmul_simd"), names);
        for (String name : names) {
            Workload workload = Workload.load(name, "default");
            assertTrue(workload.n() > 0, name);
            // "\0asm": a wasm binary, not a Git LFS pointer or an empty file.
            assertEquals(0x00, workload.wasm()[0]);
            assertEquals('a', workload.wasm()[1]);
        }
    }

    @Test
    void benchmarkParametersListEveryWorkload() throws Exception {
        String[] declared = WorkloadBenchmark.class.getField("workload")
                .getAnnotation(org.openjdk.jmh.annotations.Param.class).value();
        assertEquals(Workload.names(), List.of(declared));
    }

    @Test
    void unknownWorkloadIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Workload.load("quicksort", "default"));
        assertTrue(e.getMessage().contains("'quicksort'"), e.getMessage());
    }

    @Test
    void wrongChecksumFailsNamingBothValues() {
        Workload fib = Workload.load("fib", "short");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fib.verify("test", -1));
        assertTrue(e.getMessage().contains("4294967295") && e.getMessage().contains("2584"), e.getMessage());
    }

    @Test
    void unknownRuntimeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> WasmRunner.create("wasmtime", new byte[0]));
    }
}
