package dev.weir.board.cli;

import dev.weir.core.CompiledModule;
import dev.weir.core.CompileOptions;
import dev.weir.core.Instance;
import dev.weir.core.Memory;
import dev.weir.core.Store;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@code weir bench}: runs a module as {@code weir run} does (same options, same exit status), with
 * fuel metering to count the wasm instructions it executes, and reports what the run cost on this
 * board: compile and instantiate time, executed instructions and their rate, wall and CPU time,
 * linear memory, Java heap and allocation, and the JVM. The report goes to stderr, as a table or
 * with {@code --json} as one JSON object, so the program's own output on stdout stays as it is.
 *
 * <p>Times are of one cold run, JIT warm-up included: what a program costs when a board starts it.
 * Metered code runs somewhat slower than {@code weir run}'s unmetered code.
 */
final class BenchCommand extends RunProbe {
    private static final double MS = 1e6;

    private final RunOptions options;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final PrintStream out;
    private final PrintStream report;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private long moduleBytes;
    private long compileStart;
    private long compileEnd;
    private long instantiateEnd;
    private long runStart;
    private long runEnd;
    private long cpuStart = -1;
    private long cpuEnd = -1;
    private long processCpuStart = -1;
    private long processCpuEnd = -1;
    private long allocatedStart = -1;
    private long allocatedEnd = -1;
    private long gcCountStart;
    private long gcCountEnd;
    private long gcMillisStart;
    private long gcMillisEnd;
    private Store store;
    private Instance instance;
    private long fuelAtStart;
    private int initialPages = -1;
    /** How the run ended: exited (with a status), trap, fuel exhausted or error; and the error line. */
    private String outcome;
    private String outcomeMessage;

    BenchCommand(RunOptions options, InputStream stdin, OutputStream stdout, OutputStream stderr, PrintStream out,
            PrintStream report) {
        this.options = options;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.out = out;
        this.report = report;
    }

    int execute() throws CliException {
        // Loads the management classes now, so that their start-up cost is in no measured phase.
        threadCpu();
        processCpu();
        threadAllocated();
        gcCount();
        heap();
        int status;
        CliException failure = null;
        try {
            status = new RunCommand(options, stdin, stdout, stderr, out, this).execute();
            outcome = "exited";
        } catch (CliException e) {
            if (store == null) {
                // Nothing ran (a bad option, module or import): the one-line error says it all.
                throw e;
            }
            // The program ran and stopped: report what it did, then the error line as weir run prints it.
            failure = e;
            status = e.exitStatus();
            outcome = status == ExitStatus.FUEL ? "fuel exhausted" : status == ExitStatus.TRAP ? "trap"
                    : status == ExitStatus.TIMEOUT ? "timeout" : "error";
            outcomeMessage = e.getMessage();
        }
        runEnd = System.nanoTime();
        allocatedEnd = threadAllocated();
        cpuEnd = threadCpu();
        processCpuEnd = processCpu();
        gcCountEnd = gcCount();
        gcMillisEnd = gcMillis();
        out.flush();
        report.print(options.json ? json(status) : table(status));
        report.flush();
        if (failure != null) {
            throw failure;
        }
        return status;
    }

    @Override
    boolean metered() {
        return true;
    }

    @Override
    void compiling() {
        compileStart = System.nanoTime();
    }

    @Override
    void compiled(CompiledModule module) {
        compileEnd = System.nanoTime();
    }

    @Override
    void instantiated(Store store, Instance instance) {
        instantiateEnd = System.nanoTime();
        this.store = store;
        this.instance = instance;
        Memory memory = instance.memory();
        initialPages = memory == null ? -1 : memory.pages();
        fuelAtStart = store.fuelConsumed();
        gcCountStart = gcCount();
        gcMillisStart = gcMillis();
        processCpuStart = processCpu();
        allocatedStart = threadAllocated();
        cpuStart = threadCpu();
        runStart = System.nanoTime();
    }

    // ---- the figures --------------------------------------------------------------------------

    private long instructions() {
        return store.fuelConsumed() - fuelAtStart;
    }

    private long instantiateInstructions() {
        return fuelAtStart;
    }

    private double runSeconds() {
        return (runEnd - runStart) / 1e9;
    }

    private double instructionsPerSecond() {
        double s = runSeconds();
        return s > 0 ? instructions() / s : 0;
    }

    private int endPages() {
        Memory memory = instance.memory();
        return memory == null ? -1 : memory.pages();
    }

    private long threadCpu() {
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    private static long processCpu() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    private long threadAllocated() {
        if (threads instanceof com.sun.management.ThreadMXBean) {
            com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) threads;
            if (t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
                return t.getThreadAllocatedBytes(Thread.currentThread().getId());
            }
        }
        return -1;
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    private static MemoryUsage heap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    }

    /** Zero, Server or Client, from the VM's name; else the name itself. */
    static String vmMode(String vmName) {
        for (String mode : new String[] {"Zero", "Server", "Client"}) {
            if (vmName.contains(mode)) {
                return mode;
            }
        }
        return vmName;
    }

    private static long delta(long start, long end) {
        return start < 0 || end < 0 ? -1 : end - start;
    }

    // ---- output -------------------------------------------------------------------------------

    private String table(int status) {
        StringBuilder sb = new StringBuilder();
        sb.append("weir bench ").append(options.app).append('\n');
        row(sb, "module", bytes(moduleBytes()) + " (" + moduleBytes() + " bytes)");
        row(sb, "decode, validate, compile", millis(compileEnd - compileStart) + " (metered)");
        row(sb, "instantiate", millis(instantiateEnd - compileEnd));
        row(sb, "run: wall time", millis(runEnd - runStart));
        row(sb, "run: CPU time (this thread)", millisOrNa(delta(cpuStart, cpuEnd)));
        row(sb, "run: CPU time (process, with JIT and GC)", millisOrNa(delta(processCpuStart, processCpuEnd)));
        row(sb, "wasm instructions executed", group(instructions())
                + (instantiateInstructions() > 0 ? " (and " + group(instantiateInstructions()) + " in instantiation)" : ""));
        row(sb, "instructions per second", rate(instructionsPerSecond()));
        int end = endPages();
        row(sb, "peak linear memory", end < 0 ? "no memory"
                : end + " pages (" + bytes(end * 65536L) + "), " + initialPages + " at start; memory never shrinks");
        row(sb, "peak call depth", group(store.peakCallDepth()) + " frames of " + group(store.limits().maxCallDepth())
                + " (--max-stack)");
        row(sb, "peak value stack", group(store.peakStackSlots()) + " slots of " + group(store.limits().valueStackSlots())
                + " (--max-stack-slots)");
        MemoryUsage heap = heap();
        row(sb, "Java heap used at the end", bytes(heap.getUsed()) + " of " + bytes(heap.getCommitted())
                + " committed" + (heap.getMax() > 0 ? ", max " + bytes(heap.getMax()) : ""));
        long allocated = delta(allocatedStart, allocatedEnd);
        row(sb, "allocated during the run", allocated < 0 ? "n/a" : bytes(allocated) + " (" + group(allocated) + " bytes)");
        row(sb, "GC during the run", (gcCountEnd - gcCountStart) + " collections, " + (gcMillisEnd - gcMillisStart) + " ms");
        CompileOptions.Jit jit = CompileOptions.defaults().jit();
        row(sb, "JIT tier (weir.jit)", jit.option()
                + (jit == CompileOptions.Jit.OFF ? ": everything interpreted" : ": loops that call nothing as JVM bytecode"));
        row(sb, "JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + " (" + vmMode(System.getProperty("java.vm.name", "")) + ", " + System.getProperty("java.vm.info", "") + ")");
        row(sb, "machine", System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors()
                + " processors, " + System.getProperty("os.name"));
        row(sb, "exit status", Integer.toString(status));
        row(sb, "outcome", outcome + (outcomeMessage != null ? ": " + outcomeMessage : ""));
        return sb.toString();
    }

    private String json(int status) {
        MemoryUsage heap = heap();
        StringBuilder sb = new StringBuilder("{");
        field(sb, "module", options.app);
        field(sb, "moduleBytes", moduleBytes());
        field(sb, "exitStatus", status);
        field(sb, "outcome", outcome);
        field(sb, "outcomeMessage", outcomeMessage);
        field(sb, "compileMs", (compileEnd - compileStart) / MS);
        field(sb, "instantiateMs", (instantiateEnd - compileEnd) / MS);
        field(sb, "runWallMs", (runEnd - runStart) / MS);
        long cpu = delta(cpuStart, cpuEnd);
        field(sb, "runCpuMs", cpu < 0 ? null : (Object) (cpu / MS));
        long processCpu = delta(processCpuStart, processCpuEnd);
        field(sb, "processCpuMs", processCpu < 0 ? null : (Object) (processCpu / MS));
        field(sb, "instructions", instructions());
        field(sb, "instantiateInstructions", instantiateInstructions());
        field(sb, "instructionsPerSecond", Math.round(instructionsPerSecond()));
        int end = endPages();
        field(sb, "memoryPagesInitial", initialPages < 0 ? null : (Object) initialPages);
        field(sb, "memoryPagesPeak", end < 0 ? null : (Object) end);
        field(sb, "memoryBytesPeak", end < 0 ? null : (Object) (end * 65536L));
        field(sb, "peakCallDepth", store.peakCallDepth());
        field(sb, "peakStackSlots", store.peakStackSlots());
        field(sb, "maxCallDepth", store.limits().maxCallDepth());
        field(sb, "valueStackSlots", store.limits().valueStackSlots());
        field(sb, "heapUsedBytes", heap.getUsed());
        field(sb, "heapCommittedBytes", heap.getCommitted());
        field(sb, "heapMaxBytes", heap.getMax());
        long allocated = delta(allocatedStart, allocatedEnd);
        field(sb, "allocatedBytes", allocated < 0 ? null : (Object) allocated);
        field(sb, "gcCount", gcCountEnd - gcCountStart);
        field(sb, "gcMs", gcMillisEnd - gcMillisStart);
        field(sb, "jit", CompileOptions.defaults().jit().option());
        sb.append("\"jvm\":{");
        field(sb, "name", System.getProperty("java.vm.name"));
        field(sb, "version", System.getProperty("java.vm.version"));
        field(sb, "vendor", System.getProperty("java.vm.vendor"));
        field(sb, "mode", vmMode(System.getProperty("java.vm.name", "")));
        field(sb, "info", System.getProperty("java.vm.info"));
        sb.setLength(sb.length() - 1);
        sb.append("},\"machine\":{");
        field(sb, "arch", System.getProperty("os.arch"));
        field(sb, "os", System.getProperty("os.name"));
        field(sb, "processors", Runtime.getRuntime().availableProcessors());
        sb.setLength(sb.length() - 1);
        sb.append("}}\n");
        return sb.toString();
    }

    private long moduleBytes() {
        if (moduleBytes == 0) {
            moduleBytes = new java.io.File(options.app).length();
        }
        return moduleBytes;
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append("  ").append(name);
        for (int i = name.length(); i < 42; i++) {
            sb.append(' ');
        }
        sb.append(value).append('\n');
    }

    private static void field(StringBuilder sb, String name, Object value) {
        sb.append('"').append(name).append("\":");
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String) {
            quote(sb, (String) value);
        } else if (value instanceof Double) {
            sb.append(String.format(Locale.ROOT, "%.3f", (Double) value));
        } else {
            sb.append(value);
        }
        sb.append(',');
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / MS);
    }

    private static String millisOrNa(long nanos) {
        return nanos < 0 ? "n/a" : millis(nanos);
    }

    private static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String rate(double perSecond) {
        if (perSecond >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G/s", perSecond / 1e9);
        }
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1f M/s", perSecond / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f /s", perSecond);
    }

    private static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        }
        if (n >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return n + " B";
    }
}
