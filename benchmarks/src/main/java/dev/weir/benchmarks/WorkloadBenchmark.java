package dev.weir.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * weir and Chicory (its interpreter, and its compiler to JVM bytecode) side by side on the same
 * wasm workloads, in one JMH run: one call of the workload's exported {@code run(n)} per
 * operation. The instance is created once per trial (so the compiler's translation is not
 * timed); every {@code run} regenerates its input, so each call does the same work.
 * The checksum is verified against the native build's in setup, so a runtime that computes a
 * wrong answer fails instead of posting a time.
 * <p>
 * The defaults here are the "full" settings; {@code benchmarks/run.sh} overrides them per mode.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class WorkloadBenchmark {

    @Param({"weir", "chicory", "chicory-compiler"})
    public String runtime;

    @Param({"fib", "sieve", "matmul", "crc32", "sobel", "fir", "sha256", "calls", "emu", "sobel_simd", "matmul_simd"})
    public String workload;

    /** {@code default}, or {@code short} for interpreted JVMs (see examples/bench/workloads.tsv). */
    @Param({"default"})
    public String size;

    private WasmRunner runner;
    private int n;

    /**
     * When set (run.sh zero sets it to {@code Zero}), setup fails unless the forked JVM's
     * {@code java.vm.name} contains it: a launcher that ignored {@code -zero} would otherwise
     * post HotSpot numbers as interpreted-JVM ones.
     */
    static final String EXPECTED_VM_PROPERTY = "weir.bench.expectVm";

    @Setup(Level.Trial)
    public void setUp() {
        String expectedVm = System.getProperty(EXPECTED_VM_PROPERTY);
        String vm = System.getProperty("java.vm.name");
        if (expectedVm != null && !vm.contains(expectedVm)) {
            throw new IllegalStateException("expected a " + expectedVm + " VM, running on " + vm);
        }
        if (!runtime.equals("weir") && Workload.isSimd(workload)) {
            // Neither Chicory machine has SIMD in 1.6.1. JMH reports this pair as failed and goes
            // on; the report shows "-" for it.
            throw new IllegalStateException(
                    "Chicory has no SIMD (" + runtime + "): " + workload + " runs on weir only");
        }
        Workload w = Workload.load(workload, size);
        runner = WasmRunner.create(runtime, w.wasm());
        n = w.n();
        // Twice: the second call proves the module resets its state between runs.
        w.verify(runtime, runner.run(n));
        w.verify(runtime, runner.run(n));
    }

    @Benchmark
    public int run() {
        return runner.run(n);
    }
}
