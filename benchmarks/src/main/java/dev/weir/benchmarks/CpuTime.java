package dev.weir.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The thread CPU time of one call of a workload's {@code run(n)} in whichever weir core jar is on
 * the class path, for {@code benchmarks/run.sh cpu}, which compares two builds of weir (say, before
 * and after a change) on the same workloads, in interleaved rounds of fresh JVMs. CPU time of the
 * calling thread leaves out the JIT's threads, the collector and whatever else shares the machine,
 * so a busy machine disturbs the comparison less than it does wall time.
 *
 * <p>It finds weir's API by name, in its current packages or in the older {@code runtime} and
 * {@code compile} packages, so that one harness runs against builds from before the API moved.
 * Run it with this class and {@link Workload} (for the module and its checksum) on the class path
 * beside the core jar, never with the shaded benchmarks jar (which holds its own core):
 * <pre>
 *   java -cp benchmarks/target/classes:core.jar dev.weir.benchmarks.CpuTime WORKLOAD [SECONDS [SIZE]]
 * </pre>
 * It prints one line: the workload, the median CPU nanoseconds per call over the measured
 * batches, and the number of batches. SECONDS (default 2) is the CPU time spent warming up and
 * again measuring; SIZE is {@code default} or {@code short} (the sizes for interpreted JVMs).
 */
public final class CpuTime {
    /** Where the measured calls' results go, so that the JIT cannot drop the calls. */
    static volatile int sink;

    private CpuTime() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: CpuTime WORKLOAD [SECONDS [SIZE]]");
            System.exit(2);
        }
        Workload workload = Workload.load(args[0], args.length > 2 ? args[2] : "default");
        long budgetNanos = (long) (Double.parseDouble(args.length > 1 ? args[1] : "2") * 1e9);
        MethodHandle run = instantiate(workload.wasm());
        int n = workload.n();
        workload.verify("weir", (int) (long) run.invokeExact(n));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // Warm-up: calls until the budget is spent, so both tiers of the JVM have compiled the loop.
        long start = threads.getCurrentThreadCpuTime();
        int calls = 0;
        while (threads.getCurrentThreadCpuTime() - start < budgetNanos) {
            workload.verify("weir", (int) (long) run.invokeExact(n));
            calls++;
        }
        // Batches of about 50 ms each, for the same budget; the median batch is the answer.
        long perCall = Math.max(1, (threads.getCurrentThreadCpuTime() - start) / Math.max(1, calls));
        int batch = (int) Math.max(1, 50_000_000L / perCall);
        long[] batches = new long[Math.max(5, (int) (budgetNanos / Math.max(1, perCall * batch)))];
        int results = 0;
        for (int b = 0; b < batches.length; b++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                results += (int) (long) run.invokeExact(n);
            }
            batches[b] = (threads.getCurrentThreadCpuTime() - t0) / batch;
        }
        sink = results;
        Arrays.sort(batches);
        System.out.println(workload.name() + "\t" + batches[batches.length / 2] + "\t" + batches.length);
    }

    /** weir's {@code run} export of the module, as a handle taking an int and returning a long. */
    private static MethodHandle instantiate(byte[] wasm) throws Throwable {
        String api = classExists("dev.weir.core.Store") ? "dev.weir.core." : "dev.weir.core.runtime.";
        Class<?> wasmClass = Class.forName(api + "Wasm");
        Class<?> storeClass = Class.forName(api + "Store");
        Class<?> linkerClass = Class.forName(api + "Linker");
        Class<?> functionClass = Class.forName(api + "Function");
        Object module = null;
        for (java.lang.reflect.Method m : wasmClass.getMethods()) {
            if (m.getName().equals("parse") && Arrays.equals(m.getParameterTypes(), new Class<?>[] {byte[].class})) {
                module = m.invoke(null, (Object) wasm);
            }
        }
        if (module == null) {
            throw new IllegalStateException(api + "Wasm has no parse(byte[])");
        }
        Object store = storeClass.getConstructor().newInstance();
        Object linker = linkerClass.getConstructor(storeClass).newInstance(store);
        Object instance = null;
        for (java.lang.reflect.Method m : linkerClass.getMethods()) {
            if (m.getName().equals("instantiate") && m.getParameterCount() == 1
                    && m.getParameterTypes()[0].isInstance(module)) {
                instance = m.invoke(linker, module);
            }
        }
        if (instance == null) {
            throw new IllegalStateException(api + "Linker has no instantiate(" + module.getClass().getName() + ")");
        }
        Object function = instance.getClass().getMethod("function", String.class).invoke(instance, "run");
        MethodHandle call = MethodHandles.publicLookup().findVirtual(functionClass, "call",
                MethodType.methodType(long.class, long.class)).bindTo(function);
        // The workloads take an i32: widen it as the benchmarks' WeirRunner does.
        return MethodHandles.explicitCastArguments(call, MethodType.methodType(long.class, int.class));
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
