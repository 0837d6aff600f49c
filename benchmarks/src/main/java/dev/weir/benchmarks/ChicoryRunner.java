package dev.weir.benchmarks;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * The workload in Chicory, on its interpreter or its compiler (wasm to JVM bytecode when the
 * instance is built). The machine is always chosen explicitly, so a change of Chicory's default
 * cannot silently swap one for the other.
 */
final class ChicoryRunner implements WasmRunner {
    private final ExportFunction run;
    /** Reused argument array: the varargs call would otherwise charge Chicory for our allocation. */
    private final long[] args = new long[1];

    /** @param compiled Chicory's compiler when true, its interpreter when false */
    ChicoryRunner(byte[] wasm, boolean compiled) {
        WasmModule module = Parser.parse(wasm);
        // FAIL, not the default WARN: a function the compiler gives up on would otherwise run on
        // the interpreter, and the compiler's column would time a mix of the two.
        Function<Instance, Machine> machine = compiled
                ? MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.FAIL).compile()
                : InterpreterMachine::new;
        Instance instance = Instance.builder(module).withMachineFactory(machine).build();
        run = instance.export("run");
    }

    @Override
    public int run(int n) {
        args[0] = n;
        return (int) run.apply(args)[0];
    }
}
