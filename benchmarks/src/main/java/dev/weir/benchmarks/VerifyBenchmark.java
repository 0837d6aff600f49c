package dev.weir.benchmarks;

import dev.weir.core.Wasm;
import dev.weir.trust.ModuleSigner;
import dev.weir.trust.ModuleVerifier;
import dev.weir.trust.SecretSigningKey;
import dev.weir.trust.SignatureException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * What checking a signature adds to loading a 1 MiB module ({@link LargeModule}, as
 * {@link ParseBenchmark}), once warm, side by side with its two yardsticks:
 * <ul>
 * <li>{@code verify}: weir's {@link ModuleVerifier} on the signed module (section framing, SHA-256 of
 *     the sections, one Ed25519 verification), what {@code weir run --trust} does before decoding;</li>
 * <li>{@code sha256}: the JDK's SHA-256 over the same bytes, the floor any verifier pays;</li>
 * <li>{@code parse}: weir's {@code Wasm.parse} of the same module (decode, validate, compile), the
 *     cost of loading it at all.</li>
 * </ul>
 * Read the result as ratios: verify / parse is the share signing adds to start-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:-UseJumpTables")
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class VerifyBenchmark {
    @Param({"verify", "sha256", "parse"})
    public String what;

    private byte[] signed;
    private byte[] unsigned;
    private ModuleVerifier verifier;

    @Setup(Level.Trial)
    public void setUp() throws SignatureException {
        unsigned = LargeModule.grow(Workload.load("sha256", "default").wasm(), ParseBenchmark.MODULE_BYTES);
        SecretSigningKey key = SecretSigningKey.generate();
        signed = new ModuleSigner(key).sign(unsigned);
        verifier = new ModuleVerifier(key.publicKey());
    }

    @Benchmark
    public Object run() throws SignatureException, NoSuchAlgorithmException {
        switch (what) {
            case "verify":
                return verifier.verify(signed);
            case "sha256":
                return MessageDigest.getInstance("SHA-256").digest(unsigned);
            default:
                return Wasm.parse(unsigned);
        }
    }
}
