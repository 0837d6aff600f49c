package dev.weir.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every workload's short size on Chicory's interpreter and on its compiler: proves the
 * committed wasm modules compute what the native build computed, independently of weir, and
 * that both Chicory machines the benchmark times compute it too.
 */
class ChicoryRunnerTest {

    /** The scalar ones: Chicory 1.6.1 has no SIMD on either machine ({@link Workload#isSimd}). */
    static Iterable<Arguments> shortWorkloads() {
        List<Arguments> cases = new ArrayList<>();
        for (String runtime : List.of("chicory", "chicory-compiler")) {
            for (String name : Workload.shortNames()) {
                if (!Workload.isSimd(name)) {
                    cases.add(Arguments.of(runtime, name));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("shortWorkloads")
    void wasmModuleReturnsTheNativeChecksum(String runtime, String name) {
        Workload workload = Workload.load(name, "short");
        WasmRunner runner = WasmRunner.create(runtime, workload.wasm());
        assertEquals(Integer.toUnsignedString(workload.expectedChecksum()),
                Integer.toUnsignedString(runner.run(workload.n())));
        // A second call on the same instance must not see state left by the first.
        assertEquals(Integer.toUnsignedString(workload.expectedChecksum()),
                Integer.toUnsignedString(runner.run(workload.n())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "chicory-compiler"})
    void sobelFrameMatchesTheNativeChecksum(String runtime) {
        // sobel has no short size; one 640x480 frame is its smallest run.
        Workload workload = Workload.load("sobel", "default");
        assertEquals(Integer.toUnsignedString(workload.expectedChecksum()),
                Integer.toUnsignedString(WasmRunner.create(runtime, workload.wasm()).run(workload.n())));
    }
}
