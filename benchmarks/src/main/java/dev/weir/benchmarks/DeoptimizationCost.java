package dev.weir.benchmarks;

import dev.weir.core.CompileOptions;
import dev.weir.core.Function;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.StoreLimits;
import dev.weir.core.Wasm;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * What checkpointable runs pay for compiled code, side by side in one JVM: a workload's
 * {@code run(n)}, metered, under the JIT policies {@code loops} (no checkpoints), {@code deopt}
 * (no checkpoints, and in a checkpointable store with 100,000-instruction slices, as
 * {@code weir run --checkpoint} runs) and {@code leaves} (checkpointable, what such runs
 * compiled before deoptimization). Each variant's best thread CPU time of ROUNDS calls, the
 * first two left out, the variants interleaved:
 * <pre>
 *   java -Xss64m -cp benchmarks/target/classes:core/target/classes \
 *       dev.weir.benchmarks.DeoptimizationCost examples/bench/wasm/fib.wasm 32 12
 * </pre>
 */
public final class DeoptimizationCost {
    private DeoptimizationCost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DeoptimizationCost MODULE.wasm N ROUNDS");
            System.exit(2);
        }
        byte[] wasm = Files.readAllBytes(Paths.get(args[0]));
        long n = Long.parseLong(args[1]);
        int rounds = Integer.parseInt(args[2]);
        String[] variants = {"loops", "deopt", "deopt checkpointable", "leaves checkpointable"};
        CompileOptions.Jit[] policies = {CompileOptions.Jit.LOOPS, CompileOptions.Jit.DEOPT, CompileOptions.Jit.DEOPT,
                CompileOptions.Jit.LEAVES};
        Function[] runs = new Function[variants.length];
        for (int i = 0; i < variants.length; i++) {
            // Room on the Java stack for every compiled frame (the thread runs with -Xss64m).
            Store store = new Store(new StoreLimits().withJavaStackBytes(1 << 20));
            if (variants[i].endsWith("checkpointable")) {
                store.enableCheckpoints(100_000, checkpoint -> false);
            }
            runs[i] = new Linker(store).instantiate(
                    Wasm.parse(wasm, CompileOptions.defaults().withMetering(true).withJit(policies[i]))).function("run");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] best = new double[variants.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < variants.length; i++) {
                long start = threads.getCurrentThreadCpuTime();
                sink += runs[i].call(n);
                double ms = (threads.getCurrentThreadCpuTime() - start) / 1e6;
                if (round >= 2) {
                    best[i] = Math.min(best[i], ms);
                }
            }
        }
        for (int i = 0; i < variants.length; i++) {
            System.out.printf("%s %s: %.1f ms%n", Paths.get(args[0]).getFileName(), variants[i], best[i]);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
