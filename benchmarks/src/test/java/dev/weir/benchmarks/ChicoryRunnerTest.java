package dev.weir.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every workload's short size on Chicory's interpreter: proves the committed wasm modules
 * compute what the native build computed, independently of weir.
 */
class ChicoryRunnerTest {

    /** The scalar ones: Chicory 1.6.1's interpreter has no SIMD ({@link Workload#isSimd}). */
    static Iterable<String> shortWorkloads() {
        List<String> names = new ArrayList<>();
        for (String name : Workload.shortNames()) {
            if (!Workload.isSimd(name)) {
                names.add(name);
            }
        }
        return names;
    }

    @ParameterizedTest
    @MethodSource("shortWorkloads")
    void wasmModuleReturnsTheNativeChecksum(String name) {
        Workload workload = Workload.load(name, "short");
        WasmRunner runner = WasmRunner.create("chicory", workload.wasm());
        assertEquals(Integer.toUnsignedString(workload.expectedChecksum()),
                Integer.toUnsignedString(runner.run(workload.n())));
        // A second call on the same instance must not see state left by the first.
        assertEquals(Integer.toUnsignedString(workload.expectedChecksum()),
                Integer.toUnsignedString(runner.run(workload.n())));
    }

    @Test
    void sobelFrameMatchesTheNativeChecksum() {
        // sobel has no short size; one 640x480 frame is its smallest run.
        Workload workload = Workload.load("sobel", "default");
        assertEquals(Integer.toUnsignedString(workload.expectedChecksum()),
                Integer.toUnsignedString(WasmRunner.create("chicory", workload.wasm()).run(workload.n())));
    }
}
