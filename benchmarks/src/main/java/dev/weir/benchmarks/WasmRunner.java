package dev.weir.benchmarks;

/**
 * One instantiated workload module in one runtime: calls its exported {@code run(n)}.
 * Implementations do their allocation at construction, so what a benchmark measures per call
 * is the runtime's own cost.
 */
public interface WasmRunner {

    /** Calls {@code run(n)} and returns its i32 result. */
    int run(int n);

    /**
     * Instantiates the module in the named runtime: {@code weir}, {@code chicory} (Chicory's
     * interpreter) or {@code chicory-compiler} (Chicory's compiler to JVM bytecode).
     */
    static WasmRunner create(String runtime, byte[] wasm) {
        switch (runtime) {
            case "weir":
                return new WeirRunner(wasm);
            case "chicory":
                return new ChicoryRunner(wasm, false);
            case "chicory-compiler":
                return new ChicoryRunner(wasm, true);
            default:
                throw new IllegalArgumentException(
                        "unknown runtime '" + runtime + "' (expected weir, chicory or chicory-compiler)");
        }
    }
}
