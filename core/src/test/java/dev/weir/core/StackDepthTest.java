package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.StoreLimits;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One call-depth limit, the store's, in both tiers and on every JVM: recursion to it ends in a
 * clean "call stack exhausted" trap with its backtrace, never a StackOverflowError, with compiled
 * frames on the Java stack of a thread of known size (StackDepthProbe). On HotSpot in this JVM,
 * and in child JVMs with -Xint and the Zero VM (`make zero-vm` installs it; this test fails
 * without it).
 */
class StackDepthTest {
    @Test
    void recursionToTheLimitTrapsCleanlyOnHotSpot() throws Exception {
        for (CompileOptions.Jit policy : new CompileOptions.Jit[] {CompileOptions.Jit.ALL, CompileOptions.Jit.OFF}) {
            for (String function : new String[] {CallsModule.DOWN, CallsModule.WIDE_DOWN}) {
                String result = StackDepthProbe.onThread(StoreLimits.DEFAULT_JAVA_STACK_BYTES, policy, function,
                        StoreLimits.DEFAULT_MAX_CALL_DEPTH);
                assertTrue(result.startsWith("ok"), function + ": " + result);
            }
        }
    }

    @Test
    void recursionToTheLimitTrapsCleanlyWithTheJvmInterpreting() throws Exception {
        probe("-Xint");
    }

    @Test
    void recursionToTheLimitTrapsCleanlyOnTheZeroVm() throws Exception {
        probe("-zero");
    }

    private static void probe(String vm) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add(vm);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StackDepthProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(readAll(process), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), vm + " (for -zero: make zero-vm installs the Zero VM):\n" + output);
        assertEquals(12, output.trim().split("\n").length, output);
    }

    private static byte[] readAll(Process process) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = process.getInputStream().read(buffer)) > 0;) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
