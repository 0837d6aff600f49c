package dev.weir.benchmarks;

import dev.weir.core.CompiledModule;
import dev.weir.core.Function;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.Wasm;

/** The workload in weir, through its public API, as an application would call it. */
final class WeirRunner implements WasmRunner {
    private final Function run;

    WeirRunner(byte[] wasm) {
        CompiledModule module = Wasm.parse(wasm);
        Instance instance = new Linker(new Store()).instantiate(module);
        run = instance.function("run");
    }

    @Override
    public int run(int n) {
        // The fixed-arity call allocates nothing; the i32 result is the low half of the slot.
        return (int) run.call(n);
    }
}
