package dev.weir.benchmarks;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.weir.core.Function;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.Wasm;
import dev.weir.hal.capability.GrantFile;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.gpio.BoardDescriptor;
import dev.weir.hal.gpio.BoardPin;
import dev.weir.hal.gpio.GpioDriver;
import dev.weir.hal.gpio.GpioGrant;
import dev.weir.hal.gpio.GpioHost;
import dev.weir.hal.wasi.WasiOptions;
import dev.weir.hal.wasi.WasiPreview1;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Host calls: the cost of crossing from wasm into a host interface and back, in nanoseconds per
 * call. Each operation is one call of the module's {@code run(n)}, a loop of {@value #CALLS}
 * host calls (src/main/resources/hostcalls/*.wat):
 * <ul>
 * <li>{@code args_sizes_get}: the most trivial WASI call (two i32 stores into memory);
 * <li>{@code fd_write}: a 16-byte WASI write to stdout, which goes to a stream that drops it, so
 * what is timed is the runtime's side of a write (iovec reading, dispatch), not an OS's;
 * <li>{@code gpio_toggle}: weir:gpio toggle on an output of a driver that does nothing (weir only:
 * Chicory has no GPIO).
 * </ul>
 * weir runs them through hal's host-interface mechanism, Chicory (interpreter and compiler)
 * through its own WASI. The result is checked in setup, so a runtime that skips calls fails.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class HostCallBenchmark {
    /** Host calls per operation. */
    static final int CALLS = 100_000;

    @Param({"weir", "chicory", "chicory-compiler"})
    public String runtime;

    @Param({"args_sizes_get", "fd_write", "gpio_toggle"})
    public String workload;

    private WasmRunner runner;
    private AutoCloseable host;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] wasm = load(workload);
        if (workload.equals("gpio_toggle")) {
            if (!runtime.equals("weir")) {
                // JMH reports the pair as failed and goes on.
                throw new IllegalStateException("Chicory has no GPIO: gpio_toggle runs on weir only");
            }
            runner = weirGpio(wasm);
        } else if (runtime.equals("weir")) {
            runner = weirWasi(wasm);
        } else {
            runner = chicoryWasi(wasm, runtime.equals("chicory-compiler"));
        }
        int expected = workload.equals("args_sizes_get") ? CALLS : workload.equals("fd_write") ? 16 * CALLS : 0;
        for (int i = 0; i < 2; i++) {
            int got = runner.run(CALLS);
            if (got != expected) {
                throw new IllegalStateException(runtime + " " + workload + ": run gave " + got + ", expected " + expected);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int run() {
        return runner.run(CALLS);
    }

    static byte[] load(String workload) {
        String name = "/hostcalls/" + workload + ".wasm";
        try (InputStream in = HostCallBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no host-call workload " + workload + " (" + name + ")");
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            for (int r; (r = in.read(chunk)) > 0;) {
                bytes.write(chunk, 0, r);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WasmRunner weirWasi(byte[] wasm) {
        WasiPreview1 wasi = new WasiPreview1(new WasiOptions()
                .args(Collections.singletonList("bench")).stdout(new Sink()));
        host = wasi;
        Linker linker = new Linker(new Store());
        wasi.defineImports(linker);
        Function run = linker.instantiate(Wasm.parse(wasm)).function("run");
        return n -> (int) run.call(n);
    }

    private WasmRunner weirGpio(byte[] wasm) {
        Grants grants = new Grants(new GrantFile().register("gpio", GpioGrant.PARSER)
                .parse("gpio 17 output\n", "bench.grants"));
        GpioHost gpio = new GpioHost(new NullDriver(), grants);
        host = gpio;
        Linker linker = new Linker(new Store());
        gpio.defineImports(linker);
        Instance instance = linker.instantiate(Wasm.parse(wasm));
        long handle = instance.function("open").call();
        if ((int) handle <= 0) {
            throw new IllegalStateException("gpio_toggle: opening GPIO 17 gave " + (int) handle);
        }
        Function run = instance.function("run");
        return n -> (int) run.call(n);
    }

    private WasmRunner chicoryWasi(byte[] wasm, boolean compiled) {
        com.dylibso.chicory.wasi.WasiPreview1 wasi = com.dylibso.chicory.wasi.WasiPreview1.builder()
                .withOptions(com.dylibso.chicory.wasi.WasiOptions.builder()
                        .withArguments(Collections.singletonList("bench")).withStdout(new Sink()).build())
                .build();
        host = wasi;
        WasmModule module = Parser.parse(wasm);
        java.util.function.Function<com.dylibso.chicory.runtime.Instance, Machine> machine = compiled
                ? MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.FAIL).compile()
                : InterpreterMachine::new;
        ExportFunction run = com.dylibso.chicory.runtime.Instance.builder(module)
                .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                .withMachineFactory(machine).build().export("run");
        long[] args = new long[1];
        return n -> {
            args[0] = n;
            return (int) run.apply(args)[0];
        };
    }

    /** Where the programs' output goes: nowhere, so the stream costs both runtimes the same. */
    static final class Sink extends OutputStream {
        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    /** A board with one pin, GPIO 17, whose driver does nothing. */
    static final class NullDriver implements GpioDriver {
        private final BoardDescriptor board = new BoardDescriptor("bench", "benchmark board",
                Collections.singletonList(new BoardPin(17, 11, BoardPin.DIGITAL, -1, "")),
                Collections.<String>emptyList());

        @Override
        public BoardDescriptor board() {
            return board;
        }

        @Override
        public int openInput(int bcm, int pull, InputListener listener, int cookie) {
            return bcm;
        }

        @Override
        public int openOutput(int bcm, int initial, int shutdown) {
            return bcm;
        }

        @Override
        public int openPwm(int bcm, int frequencyHz) {
            return bcm;
        }

        @Override
        public int read(int line) {
            return 0;
        }

        @Override
        public int write(int line, int level) {
            return 0;
        }

        @Override
        public int setDuty(int line, int dutyHundredthsPercent) {
            return 0;
        }

        @Override
        public int setFrequency(int line, int frequencyHz) {
            return 0;
        }

        @Override
        public void close(int line) {
        }

        @Override
        public void shutdown() {
        }
    }
}
