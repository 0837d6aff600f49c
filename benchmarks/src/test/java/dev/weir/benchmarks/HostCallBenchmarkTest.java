package dev.weir.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every pair HostCallBenchmark times sets up as JMH would and passes its own result check (two
 * runs of {@value HostCallBenchmark#CALLS} host calls); Chicory has no GPIO.
 */
class HostCallBenchmarkTest {

    @ParameterizedTest
    @CsvSource({"weir, args_sizes_get", "weir, fd_write", "weir, gpio_toggle", "chicory, args_sizes_get",
        "chicory, fd_write", "chicory-compiler, args_sizes_get", "chicory-compiler, fd_write"})
    void setupRunsTheWorkloadAndChecksItsResult(String runtime, String workload) throws Exception {
        HostCallBenchmark b = new HostCallBenchmark();
        b.runtime = runtime;
        b.workload = workload;
        b.setUp();
        b.run();
        b.tearDown();
    }

    @ParameterizedTest
    @CsvSource({"chicory", "chicory-compiler"})
    void gpioIsWeirOnly(String runtime) {
        HostCallBenchmark b = new HostCallBenchmark();
        b.runtime = runtime;
        b.workload = "gpio_toggle";
        assertEquals("Chicory has no GPIO: gpio_toggle runs on weir only",
                assertThrows(IllegalStateException.class, b::setUp).getMessage());
    }
}
