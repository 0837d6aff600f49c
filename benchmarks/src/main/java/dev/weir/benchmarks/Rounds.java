package dev.weir.benchmarks;

import java.util.Arrays;

/**
 * Workloads in interleaved rounds, weir and a peer in one JVM: each round times a batch of calls
 * on each runtime in turn, in the thread's CPU time, and the table shows each runtime's best and
 * median round. On a shared, loaded machine JMH's few wall-clock iterations swing by 2-5x; CPU
 * time leaves out the time the thread waits for a core, the best of many interleaved rounds is
 * what the code can do, and interleaving exposes both runtimes to the same load.
 * Usage: Rounds [workloads, comma-separated] [peer runtime] [rounds] [milliseconds per batch].
 * The peer {@code scalar} is weir running the scalar build of each {@code <base>_simd} workload
 * ({@code <base>}), for the target that a SIMD build is never slower than its scalar build.
 */
public final class Rounds {
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private Rounds() {
    }

    public static void main(String[] args) {
        String[] workloads = (args.length > 0 ? args[0] : "fib,calls,emu,sha256").split(",");
        String peer = args.length > 1 ? args[1] : "chicory-compiler";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        long batchNanos = (args.length > 3 ? Long.parseLong(args[3]) : 300) * 1_000_000L;
        String[] runtimes = {"weir", peer};
        System.out.println("| workload | n | weir best (ms) | weir median | " + peer + " best (ms) | " + peer
                + " median | " + peer + " / weir (best) | (median) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String name : workloads) {
            Workload w = Workload.load(name, "default");
            boolean scalar = peer.equals("scalar");
            if (scalar && !name.endsWith("_simd")) {
                throw new IllegalArgumentException("the peer scalar needs <base>_simd workloads, not " + name);
            }
            // Each runtime's workload: the scalar peer is weir on the build without _simd.
            Workload[] ws = {w, scalar ? Workload.load(name.substring(0, name.length() - 5), "default") : w};
            WasmRunner[] runners = new WasmRunner[runtimes.length];
            int[] calls = new int[runtimes.length];
            for (int r = 0; r < runtimes.length; r++) {
                runners[r] = WasmRunner.create(scalar ? "weir" : runtimes[r], ws[r].wasm());
                ws[r].verify(runtimes[r], runners[r].run(ws[r].n()));
                // Warm up for a few batches' time, and size the batch from it.
                long start = System.nanoTime();
                int k = 0;
                while (System.nanoTime() - start < 3 * batchNanos) {
                    runners[r].run(ws[r].n());
                    k++;
                }
                calls[r] = Math.max(1, k / 3);
            }
            double[][] ms = new double[runtimes.length][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int r = 0; r < runtimes.length; r++) {
                    long start = THREADS.getCurrentThreadCpuTime();
                    for (int i = 0; i < calls[r]; i++) {
                        runners[r].run(ws[r].n());
                    }
                    ms[r][round] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / calls[r];
                }
            }
            for (double[] m : ms) {
                Arrays.sort(m);
            }
            double weirBest = ms[0][0];
            double weirMedian = ms[0][rounds / 2];
            double peerBest = ms[1][0];
            double peerMedian = ms[1][rounds / 2];
            System.out.printf("| %s | %d | %.3f | %.3f | %.3f | %.3f | %.2fx | %.2fx |%n", name, w.n(), weirBest,
                    weirMedian, peerBest, peerMedian, peerBest / weirBest, peerMedian / weirMedian);
        }
    }
}
