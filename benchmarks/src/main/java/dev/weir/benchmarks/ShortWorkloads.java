package dev.weir.benchmarks;

/** Prints the workloads that have a short size, comma-separated, for {@code run.sh zero}'s {@code -p workload=}. */
public final class ShortWorkloads {
    private ShortWorkloads() {
    }

    public static void main(String[] args) {
        System.out.println(String.join(",", Workload.shortNames()));
    }
}
