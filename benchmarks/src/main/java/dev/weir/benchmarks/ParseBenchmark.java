package dev.weir.benchmarks;

import com.dylibso.chicory.wasm.Parser;
import dev.weir.core.Wasm;
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
 * Loading a 1 MiB module once warm: weir's {@code Wasm.parse} (decode, validate, and compile to
 * the interpreter's code) against Chicory's {@code Parser.parse} (decode and validate; its
 * interpreter needs no compile step). The module is the sha256 workload's functions repeated
 * ({@link LargeModule}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:-UseJumpTables")
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ParseBenchmark {
    /** The size the issue sets its parse target at. */
    static final int MODULE_BYTES = 1 << 20;

    @Param({"weir", "chicory"})
    public String runtime;

    private byte[] module;

    @Setup(Level.Trial)
    public void setUp() {
        module = LargeModule.grow(Workload.load("sha256", "default").wasm(), MODULE_BYTES);
    }

    @Benchmark
    public Object parse() {
        return runtime.equals("weir") ? Wasm.parse(module) : Parser.parse(module);
    }
}
