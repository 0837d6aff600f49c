package dev.weir.core;

import dev.weir.core.module.TrapException;
import dev.weir.core.Instance;
import dev.weir.core.JitCode;
import dev.weir.core.Store;
import dev.weir.core.StoreLimits;

/**
 * Recursion to the store's call-depth limit (the default, 10,000) in both tiers, on a thread
 * created with a known stack size: with the default share of Java stack for compiled frames, and
 * with a share for every frame (StoreLimits.javaStackBytes = limit x JitCode.FRAME_BYTES), where
 * all 10,000 frames are compiled ones on the Java stack. Exits 0 and prints one line per case
 * if every case ends in the value or a clean "call stack exhausted" trap; StackDepthTest runs it
 * on HotSpot, -Xint and the Zero VM.
 */
public final class StackDepthProbe {
    /** Java stack left for the JVM, the test and the interpreter's frames, above the share. */
    private static final long RESERVE = 1024 * 1024;

    private StackDepthProbe() {
    }

    public static void main(String[] args) throws Throwable {
        int depth = StoreLimits.DEFAULT_MAX_CALL_DEPTH;
        long[] shares = {StoreLimits.DEFAULT_JAVA_STACK_BYTES, (long) depth * JitCode.FRAME_BYTES};
        for (long share : shares) {
            for (CompileOptions.Jit policy : new CompileOptions.Jit[] {CompileOptions.Jit.ALL, CompileOptions.Jit.OFF}) {
                for (String function : new String[] {CallsModule.DOWN, CallsModule.WIDE_DOWN,
                        CallsModule.WIDE_DOWN_INDIRECT}) {
                    String result = onThread(share, policy, function, depth);
                    System.out.println(policy.option() + " " + function + " share " + share + ": "
                            + result);
                    if (!result.startsWith("ok")) {
                        System.exit(1);
                    }
                }
            }
        }
    }

    /** Runs the case on a new thread whose stack is the share plus the reserve. */
    static String onThread(long share, CompileOptions.Jit policy, String function, int depth) throws InterruptedException {
        String[] result = new String[1];
        Thread thread = new Thread(null, () -> result[0] = run(share, policy, function, depth), "wasm",
                share + RESERVE);
        thread.start();
        thread.join();
        return result[0];
    }

    private static String run(long share, CompileOptions.Jit policy, String function, int depth) {
        try {
            // wideDown needs 124 slots a frame: more value stack than the default.
            Store store = new Store(new StoreLimits().withJavaStackBytes(share).withValueStackSlots(1 << 21));
            Instance in = CallsModule.instantiate(CallsModule.compile(policy, false), store);
            // Warm up so that C2 (where there is one) has compiled the code, then to the limit.
            for (int i = 0; i < 200; i++) {
                in.function(function).call(50);
            }
            long value = in.function(function).call(depth - 1);
            if (value != depth - 1) {
                return "wrong result " + value;
            }
            try {
                in.function(function).call(depth);
                return "no trap at depth " + (depth + 1);
            } catch (TrapException trap) {
                if (!trap.isExhaustion() || trap.wasmBacktrace().length != depth) {
                    return "wrong trap " + trap + " with " + trap.wasmBacktrace().length + " frames";
                }
            }
            try {
                in.function(CallsModule.FOREVER).call();
                return "forever returned";
            } catch (TrapException trap) {
                if (!"call stack exhausted".equals(trap.getMessage())) {
                    return "wrong trap " + trap;
                }
            }
            return "ok, " + depth + " frames, then call stack exhausted";
        } catch (StackOverflowError e) {
            return "StackOverflowError";
        } catch (Throwable e) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            return "failed: " + trace;
        }
    }
}
