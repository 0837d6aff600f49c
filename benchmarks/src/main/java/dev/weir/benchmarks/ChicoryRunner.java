package dev.weir.benchmarks;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

/**
 * The workload in Chicory, on its interpreter (chosen explicitly, so a change of Chicory's
 * default machine cannot silently turn this into a compiler benchmark).
 */
final class ChicoryRunner implements WasmRunner {
    private final ExportFunction run;
    /** Reused argument array: the varargs call would otherwise charge Chicory for our allocation. */
    private final long[] args = new long[1];

    ChicoryRunner(byte[] wasm) {
        WasmModule module = Parser.parse(wasm);
        Instance instance = Instance.builder(module).withMachineFactory(InterpreterMachine::new).build();
        run = instance.export("run");
    }

    @Override
    public int run(int n) {
        args[0] = n;
        return (int) run.apply(args)[0];
    }
}
