package dev.weir.board.cli;

import dev.weir.core.module.LinkException;
import dev.weir.core.module.TrapException;
import dev.weir.core.Checkpoint;
import dev.weir.core.CompiledModule;
import dev.weir.core.module.Export;
import dev.weir.core.module.ExternalKind;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.Module;
import dev.weir.core.module.ValType;
import dev.weir.core.Function;
import dev.weir.core.Instance;
import dev.weir.core.JitCode;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.StoreLimits;
import dev.weir.hal.wasi.WasiExitException;
import dev.weir.hal.wasi.WasiOptions;
import dev.weir.hal.wasi.WasiPreview1;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code weir run}: instantiates a module with WASI preview1 and runs {@code _start}, or one export
 * given by {@code --invoke}. The exit status is the program's own ({@code proc_exit}, or 0 when
 * {@code _start} returns).
 */
final class RunCommand {
    /** Backtraces print at most this many frames; deep recursion would otherwise print thousands. */
    static final int MAX_BACKTRACE_LINES = 20;

    private final RunOptions options;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final PrintStream out;
    private final RunProbe probe;

    RunCommand(RunOptions options, InputStream stdin, OutputStream stdout, OutputStream stderr, PrintStream out) {
        this(options, stdin, stdout, stderr, out, RunProbe.NONE);
    }

    /** @param probe told when each phase ends, for weir bench */
    RunCommand(RunOptions options, InputStream stdin, OutputStream stdout, OutputStream stderr, PrintStream out,
            RunProbe probe) {
        this.options = options;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.out = out;
        this.probe = probe;
    }

    /**
     * Runs the module on a thread of its own, created with a stack for compiled wasm frames down
     * to the call-depth limit ({@code JitCode.FRAME_BYTES} each, given to the store as its
     * {@code javaStackBytes}) plus {@link #RESERVED_STACK}: the main thread's stack size is the
     * JVM's choice, this one's is the runtime's.
     */
    int execute() throws CliException {
        int[] status = new int[1];
        Throwable[] failure = new Throwable[1];
        Thread wasm = new Thread(null, () -> {
            try {
                status[0] = executeOnThisThread();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "weir-wasm", threadStackBytes());
        wasm.start();
        boolean interrupted = false;
        while (wasm.isAlive()) {
            try {
                wasm.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof CliException) {
            throw (CliException) failure[0];
        }
        if (failure[0] instanceof RuntimeException) {
            throw (RuntimeException) failure[0];
        }
        if (failure[0] instanceof Error) {
            throw (Error) failure[0];
        }
        return status[0];
    }

    /** Java stack of the wasm thread beyond compiled frames: host functions, the interpreter, the JVM. */
    private static final long RESERVED_STACK = 4L << 20;

    /** The stack the thread that runs the module needs (weir node starts its own). */
    long threadStackBytes() {
        return javaStackShare() + RESERVED_STACK;
    }

    private long javaStackShare() {
        int depth = options.maxStack >= 0 ? options.maxStack : StoreLimits.DEFAULT_MAX_CALL_DEPTH;
        return (long) depth * JitCode.FRAME_BYTES;
    }

    /** Runs the module on the calling thread, whose stack must be {@link #threadStackBytes()}. */
    int executeOnThisThread() throws CliException {
        byte[] bytes = options.appBytes != null ? options.appBytes : ModuleFiles.read(options.app);
        // Before anything decodes the module: its signature, its signer and its grants (--trust).
        TrustSetup trust = TrustSetup.admit(options, bytes, gpioDiagnostics());
        List<Path> hostDirs = checkPreopens();
        probe.compiling();
        // --fuel needs metered code; unmetered code, the default, runs faster.
        // --timeout needs code that checks for an interruption at calls and loops (metered code does);
        // checkpoints need metered code (its fuel slices are the safe points).
        dev.weir.core.CompileOptions compile = dev.weir.core.CompileOptions.defaults()
                .withMetering(options.fuel >= 0 || probe.metered() || CheckpointSetup.needed(options))
                .withInterruptible(options.timeoutMillis >= 0 || options.control != null);
        if (CheckpointSetup.needed(options) && compile.jit() != dev.weir.core.CompileOptions.Jit.OFF
                && compile.jit() != dev.weir.core.CompileOptions.Jit.LEAVES) {
            // Checkpoints are taken at the interpreter's safe points (fuel slices, host calls); compiled
            // functions that call hold frames on the Java stack, so a checkpointable run compiles them
            // with safe points of their own, where they hand their frames to the interpreter (deopt).
            // -Dweir.jit=leaves keeps the older way: only code that calls nothing is compiled.
            compile = compile.withJit(dev.weir.core.CompileOptions.Jit.DEOPT);
        }
        Checkpoint snapshot = CheckpointSetup.load(options, bytes);
        if (snapshot != null) {
            // The snapshot's pcs are offsets in code compiled under its JIT policy (off, leaves, deopt).
            compile = compile.withJit(CheckpointSetup.jitOf(snapshot, compile.jit()));
        }
        CompiledModule compiled = ModuleFiles.parse(options.app, bytes, compile);
        CheckpointSetup checkpoints = CheckpointSetup.open(options, bytes);
        probe.compiled(compiled);
        Module module = compiled.module();
        FuncType invokeType = options.invoke != null ? exportedFunctionType(module, options.invoke) : null;
        long[] invokeArgs = invokeType != null && snapshot == null ? parseInvokeArgs(invokeType) : null;
        if (invokeType == null) {
            exportedFunctionType(module, "_start");
        }

        StoreLimits limits = limits();
        checkFits(limits, options, Runtime.getRuntime().maxMemory());
        Store store = new Store(limits);
        applyFuel(store);
        Thread watchdog = startWatchdog(store);
        Linker linker = new Linker(store);
        WasiOptions wasiOptions = new WasiOptions();
        List<String> argv = new ArrayList<>();
        argv.add(options.app);
        if (options.invoke == null) {
            argv.addAll(options.programArgs);
        }
        wasiOptions.args(argv);
        for (int i = 0; i < options.env.size(); i += 2) {
            wasiOptions.env(options.env.get(i), options.env.get(i + 1));
        }
        for (int i = 0; i < hostDirs.size(); i++) {
            RunOptions.Preopen p = options.preopens.get(i);
            wasiOptions.preopen(hostDirs.get(i), p.guest, p.readOnly);
        }
        // As wasmtime: only a real terminal is a character device to the program (isatty).
        wasiOptions.stdin(stdin, Terminals.isTerminal(stdin));
        wasiOptions.stdout(stdout, Terminals.isTerminal(stdout));
        wasiOptions.stderr(stderr, Terminals.isTerminal(stderr));
        GpioSetup gpio = GpioSetup.open(options.gpio, module, gpioDiagnostics());
        CameraSetup camera;
        try {
            camera = CameraSetup.open(options.gpio, module, gpioDiagnostics());
        } catch (CliException | RuntimeException e) {
            if (gpio != null) {
                gpio.close();
            }
            throw e;
        }
        MessagingSetup messaging;
        try {
            messaging = MessagingSetup.open(options, module, gpioDiagnostics(), trust.svid());
        } catch (CliException | RuntimeException e) {
            if (camera != null) {
                camera.close();
            }
            if (gpio != null) {
                gpio.close();
            }
            throw e;
        }
        if (gpio != null && gpio.live() != null) {
            // weir run --inspect: the page shows frames and messages too, heard where --trace hears them.
            if (camera != null) {
                camera.inspect(gpio.live());
            }
            if (messaging != null) {
                messaging.inspect(gpio.live());
            }
        }
        WasiPreview1 wasi = new WasiPreview1(wasiOptions);
        try {
            Instance instance;
            try {
                // Each interface defines what the module imports of it, and refuses what it lacks.
                wasi.defineImports(linker, module);
                trust.defineImports(module, linker);
                if (gpio != null) {
                    gpio.defineImports(linker, module);
                }
                if (camera != null) {
                    camera.defineImports(linker, module);
                }
                if (messaging != null) {
                    messaging.defineImports(linker, module);
                }
                instance = linker.instantiate(compiled);
            } catch (LinkException e) {
                throw linkError(e, module);
            }
            probe.instantiated(store, instance);
            if (gpio != null) {
                gpio.started();
            }
            if (checkpoints != null) {
                checkpoints.install(store, options.checkpointEveryMillis, wasi, gpio, camera, messaging);
            }
            if (snapshot != null) {
                // weir resume: the snapshot's state replaces the fresh instance's, then the run goes on.
                CheckpointSetup.restore(options.resumeFrom != null ? options.resumeFrom : options.app, snapshot, instance, wasi,
                        gpio, camera, messaging);
                long[] results = snapshot.resume();
                if (invokeType != null) {
                    printResults(invokeType, results);
                }
                return ExitStatus.OK;
            }
            if (options.invoke != null && !"_initialize".equals(options.invoke) && instance.hasExport("_initialize")) {
                // A reactor must be initialized before any other export is called (WASI application ABI).
                instance.function("_initialize").call();
            }
            if (options.invoke == null) {
                instance.function("_start").call();
                return ExitStatus.OK;
            }
            long[] results = new long[Math.max(1, invokeType.resultSlots())];
            instance.function(options.invoke).call(invokeArgs, results);
            printResults(invokeType, results);
            return ExitStatus.OK;
        } catch (Checkpoint.Stopped e) {
            return ExitStatus.CHECKPOINTED;
        } catch (TrapException e) {
            if (e.kind() == TrapException.Kind.INTERRUPTED && options.timeoutMillis >= 0) {
                throw new CliException(ExitStatus.TIMEOUT, "timeout: the program ran longer than its --timeout of "
                        + duration(options.timeoutMillis) + " and was stopped");
            }
            if (e.kind() == TrapException.Kind.FUEL_EXHAUSTED && options.fuel >= 0) {
                throw new CliException(ExitStatus.FUEL, "fuel exhausted: the program needed more than its --fuel budget of "
                        + options.fuel + " wasm instructions");
            }
            throw trap(e, module, limits);
        } catch (RuntimeException e) {
            WasiExitException exit = findExit(e);
            if (exit != null) {
                return processStatus(exit.exitCode());
            }
            if (isDenied(e)) {
                throw new CliException(ExitStatus.DENIED, "denied capability: " + e.getMessage());
            }
            throw e;
        } finally {
            if (watchdog != null) {
                watchdog.interrupt();
            }
            flushQuietly(stdout);
            flushQuietly(stderr);
            if (checkpoints != null) {
                checkpoints.close();
            }
            wasi.close();
            trust.close();
            if (messaging != null) {
                messaging.close();
            }
            if (camera != null) {
                camera.close();
            }
            if (gpio != null) {
                gpio.close();
            }
        }
    }

    /** Where GPIO denials and --trace gpio lines go: stderr, flushed per line so they interleave in order. */
    private PrintStream gpioDiagnostics() {
        try {
            return new PrintStream(stderr, true, "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AssertionError("UTF-8 is always supported", e);
        }
    }

    private List<Path> checkPreopens() throws CliException {
        List<Path> dirs = new ArrayList<>();
        for (RunOptions.Preopen p : options.preopens) {
            Path host;
            try {
                host = Paths.get(p.host);
            } catch (java.nio.file.InvalidPathException e) {
                throw CliException.usage("--dir " + p.host + ": invalid path");
            }
            if (!Files.exists(host)) {
                throw new CliException(ExitStatus.FILE_NOT_FOUND, "--dir " + p.host + ": no such directory");
            }
            if (!Files.isDirectory(host)) {
                throw new CliException(ExitStatus.FILE_NOT_FOUND, "--dir " + p.host + ": not a directory");
            }
            if (!Files.isReadable(host) || !Files.isExecutable(host) || !p.readOnly && !Files.isWritable(host)) {
                // WASI programs only ever see errno values; a grant the host itself cannot honour is
                // refused up front instead, so the user learns it before the program runs.
                throw new CliException(ExitStatus.DENIED, "denied capability: --dir " + p.host
                        + ": this process may not " + (Files.isReadable(host) && Files.isExecutable(host)
                        ? "write it (add :ro to grant it read-only)" : "read it"));
            }
            dirs.add(host);
        }
        return dirs;
    }

    private StoreLimits limits() {
        StoreLimits limits = new StoreLimits().withJavaStackBytes(javaStackShare());
        if (options.maxMemoryPages >= 0) {
            limits = limits.withMaxMemoryPages(options.maxMemoryPages);
        }
        if (options.maxStack >= 0) {
            limits = limits.withMaxCallDepth(options.maxStack);
        }
        if (options.maxStackSlots >= 0) {
            limits = limits.withValueStackSlots(options.maxStackSlots);
        }
        if (options.reserveMemory) {
            limits = limits.withReserveMemory(true);
        }
        return limits;
    }

    /**
     * Refuses, before anything is allocated, limits whose up-front allocation cannot fit in half
     * of this JVM's heap (the rest is for the module, its memory and weir), naming the flag at
     * fault: the call frames (--max-stack), the value stack (--max-stack-slots), or a memory
     * reserved whole (--reserve-memory with --max-memory).
     */
    static void checkFits(StoreLimits limits, RunOptions options, long heapBytes) throws CliException {
        long budget = heapBytes / 2;
        long frames = 12L * limits.maxCallDepth();
        long slots = 8L * limits.valueStackSlots();
        long reserved = options.reserveMemory ? (long) limits.maxMemoryPages() << 16 : 0;
        if (frames + slots + reserved <= budget) {
            return;
        }
        String flag;
        String what;
        long bytes;
        if (frames >= slots && frames >= reserved) {
            flag = "--max-stack " + limits.maxCallDepth();
            what = "call frames (12 bytes each)";
            bytes = frames;
        } else if (slots >= reserved) {
            flag = "--max-stack-slots " + limits.valueStackSlots();
            what = "value stack slots (8 bytes each)";
            bytes = slots;
        } else {
            flag = "--reserve-memory with --max-memory " + limits.maxMemoryPages() + "p";
            what = "linear memory reserved up front";
            bytes = reserved;
        }
        throw CliException.usage(flag + " needs " + mib(bytes) + " of " + what + ", more than half of this JVM's heap ("
                + mib(heapBytes) + "); lower it, or raise -Xmx in JAVA_OPTS");
    }

    private static String mib(long bytes) {
        return (bytes + (1 << 20) - 1 >> 20) + " MiB";
    }

    /**
     * The process status for a guest's proc_exit code. A status is one byte on POSIX systems, so
     * codes outside 0..255 would be cut to their low byte, and 256 or 512 would read as success:
     * those become 1, and a non-zero code never becomes 0.
     */
    static int processStatus(int code) {
        return code >= 0 && code <= 255 ? code : 1;
    }

    /**
     * For --timeout: a daemon thread that interrupts the store when the time is up (the call
     * then traps "interrupted" at its next call or loop iteration), or null without --timeout.
     * Interrupted itself when the run ends first.
     */
    private Thread startWatchdog(final Store store) {
        if (options.timeoutMillis < 0) {
            return null;
        }
        final long millis = options.timeoutMillis;
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return; // the run ended in time
                }
                store.interrupt();
            }
        }, "weir-timeout");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A --timeout value as given back to the user: 5s, 1500ms. */
    static String duration(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** The one place that hands --fuel to the runtime: the module was compiled metered for it. */
    private void applyFuel(Store store) {
        if (options.fuel >= 0) {
            store.setFuel(options.fuel);
        }
    }

    private static FuncType exportedFunctionType(Module module, String name) throws CliException {
        StringBuilder available = new StringBuilder();
        for (int i = 0; i < module.exportCount(); i++) {
            Export e = module.export(i);
            if (e.kind() != ExternalKind.FUNCTION) {
                continue;
            }
            if (e.name().equals(name)) {
                return module.functionType(e.index());
            }
            available.append(available.length() == 0 ? "" : ", ").append(e.name());
        }
        String list = available.length() == 0 ? "it exports no functions" : "exported functions: " + available;
        if ("_start".equals(name)) {
            throw CliException.usage("module has no _start export, so it is not a WASI command; "
                    + "call one with --invoke NAME (" + list + ")");
        }
        throw CliException.usage("module has no exported function " + name + " (" + list + ")");
    }

    private long[] parseInvokeArgs(FuncType type) throws CliException {
        List<String> values = options.programArgs;
        if (values.size() != type.paramCount()) {
            throw CliException.usage(options.invoke + " takes " + type.paramCount() + " argument"
                    + (type.paramCount() == 1 ? "" : "s") + " " + type + ", got " + values.size());
        }
        long[] slots = new long[type.paramSlots()];
        int at = 0;
        for (int i = 0; i < values.size(); i++) {
            try {
                at = WasmValues.parse(type.param(i), values.get(i), slots, at);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("argument " + (i + 1) + " of " + options.invoke + " ("
                        + ValType.name(type.param(i)) + "): " + e.getMessage());
            }
        }
        return slots;
    }

    private void printResults(FuncType type, long[] results) {
        int at = 0;
        for (int i = 0; i < type.resultCount(); i++) {
            out.println(WasmValues.format(type.result(i), results, at));
            at += ValType.slots(type.result(i));
        }
        out.flush();
    }

    /** The runtime's message, with what the user can do about it. */
    private static CliException linkError(LinkException e, Module module) {
        String message = e.getMessage();
        switch (e.kind()) {
            case UNKNOWN_IMPORT:
                if (e.module() != null && e.module().startsWith("weir:")) {
                    return new CliException(ExitStatus.LINK, message); // the interface's table said what it lacks
                }
                String why = WasiCapabilities.isWasiModule(e.module())
                        ? "not a WASI preview1 function this weir provides"
                        : "weir run provides only " + WasiCapabilities.PREVIEW1 + " functions; embed weir to supply "
                                + e.module() + " imports";
                return new CliException(ExitStatus.LINK, message + ": " + why);
            case MEMORY_LIMIT:
                return new CliException(ExitStatus.LINK, message + " (raise it with --max-memory " + initialMemory(module) + ")");
            case INCOMPATIBLE_IMPORT:
                return new CliException(ExitStatus.LINK, message);
            default:
                return new CliException(ExitStatus.LINK, "link error: " + message);
        }
    }

    /** The largest initial memory of the module, as a --max-memory value: 32M, or 192K when not whole MiB. */
    static String initialMemory(Module module) {
        long pages = 0;
        for (int i = 0; i < module.memoryCount(); i++) {
            pages = Math.max(pages, module.memory(i).limits().min());
        }
        return pages % 16 == 0 ? pages / 16 + "M" : pages * 64 + "K";
    }

    /** As {@link #trap(TrapException, Module)}, saying for an exhausted stack which limit ran out and its flag. */
    static CliException trap(TrapException e, Module module, StoreLimits limits) {
        CliException plain = trap(e, module);
        if (TrapException.CALL_DEPTH.equals(e.exhaustedLimit())) {
            return new CliException(ExitStatus.TRAP, plain.getMessage() + ": all " + limits.maxCallDepth()
                    + " call frames in use (raise --max-stack, a count of frames)", plain.detail());
        }
        if (TrapException.VALUE_STACK.equals(e.exhaustedLimit())) {
            return new CliException(ExitStatus.TRAP, plain.getMessage() + ": all " + limits.valueStackSlots()
                    + " value stack slots in use (raise --max-stack-slots, a count of 8-byte slots)", plain.detail());
        }
        return plain;
    }

    /**
     * "trap: MESSAGE" and the wasm backtrace, innermost first, Rust names demangled, runs of one frame
     * folded; a function without a name-section name is called by its export name when it has one.
     */
    static CliException trap(TrapException e, Module module) {
        String[] frames = e.wasmBacktrace();
        for (int f = 0; f < frames.length; f++) {
            frames[f] = SymbolNames.frame(exportName(frames[f], module));
        }
        StringBuilder detail = new StringBuilder();
        int lines = 0;
        int i = 0;
        while (i < frames.length) {
            int run = 1;
            while (i + run < frames.length && frames[i + run].equals(frames[i])) {
                run++;
            }
            if (lines == MAX_BACKTRACE_LINES) {
                detail.append("  ... ").append(frames.length - i).append(" more frames\n");
                break;
            }
            detail.append("  at ").append(frames[i]).append('\n');
            lines++;
            if (run > 1) {
                detail.append("  ... ").append(run - 1).append(" more frames of ").append(frames[i]).append('\n');
                lines++;
            }
            i += run;
        }
        return new CliException(ExitStatus.TRAP, "trap: " + e.getMessage(), detail.toString());
    }

    /** func[N] as EXPORT[N] when function N is exported (stripped modules keep their export names). */
    static String exportName(String frame, Module module) {
        if (!frame.startsWith("func[") || !frame.endsWith("]")) {
            return frame;
        }
        int index;
        try {
            index = Integer.parseInt(frame.substring(5, frame.length() - 1));
        } catch (NumberFormatException e) {
            return frame;
        }
        for (int i = 0; i < module.exportCount(); i++) {
            Export export = module.export(i);
            if (export.kind() == ExternalKind.FUNCTION && export.index() == index) {
                return export.name() + "[" + index + "]";
            }
        }
        return frame;
    }

    private static WasiExitException findExit(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof WasiExitException) {
                return (WasiExitException) c;
            }
        }
        return null;
    }

    private static boolean isDenied(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SecurityException) {
                return true;
            }
        }
        return false;
    }

    private static void flushQuietly(OutputStream stream) {
        try {
            stream.flush();
        } catch (java.io.IOException ignored) {
            // The program's output is gone either way; its exit status still matters more.
        }
    }
}
