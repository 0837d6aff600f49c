package dev.weir.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every workload's short size on weir and checks the native build's checksum: the same
 * gate the benchmark's setup applies, caught at test time instead of mid-run.
 */
class WeirRunnerTest {

    static Iterable<String> shortWorkloads() {
        return Workload.shortNames();
    }

    @ParameterizedTest
    @MethodSource("shortWorkloads")
    void wasmModuleReturnsTheNativeChecksum(String name) {
        Workload workload = Workload.load(name, "short");
        WasmRunner runner = WasmRunner.create("weir", workload.wasm());
        assertEquals(Integer.toUnsignedString(workload.expectedChecksum()),
                Integer.toUnsignedString(runner.run(workload.n())));
        // A second call on the same instance must not see state left by the first.
        assertEquals(Integer.toUnsignedString(workload.expectedChecksum()),
                Integer.toUnsignedString(runner.run(workload.n())));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sobel", "sobel_simd"})
    void sobelFrameMatchesTheNativeChecksum(String name) {
        // sobel has no short size; one 640x480 frame is its smallest run.
        Workload workload = Workload.load(name, "default");
        assertEquals(Integer.toUnsignedString(workload.expectedChecksum()),
                Integer.toUnsignedString(WasmRunner.create("weir", workload.wasm()).run(workload.n())));
    }
}
