package dev.weir.benchmarks;

import dev.weir.text.Wat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 1 MiB text module to binary once warm ({@code Wat.toBinary}: tokens, the three passes of the
 * module writer, the name section), beside {@link ParseBenchmark}, which loads a 1 MiB binary.
 * The text is {@link LargeText}. The target: well under a second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:-UseJumpTables")
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class TextParseBenchmark {
    /** The size the issue sets its text-parse target at, in characters (all ASCII, so bytes). */
    static final int TEXT_CHARS = 1 << 20;

    private String text;

    @Setup(Level.Trial)
    public void setUp() {
        text = LargeText.generate(TEXT_CHARS);
    }

    @Benchmark
    public byte[] watToBinary() {
        return Wat.toBinary(text);
    }
}
