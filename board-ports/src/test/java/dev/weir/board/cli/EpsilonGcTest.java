package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.testsupport.Json;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zero-allocation proof of issue 4: examples/epsilon (over 10^9 wasm instructions, about 79
 * million wasm calls) runs to completion through bin/weir on a JVM whose collector never frees
 * anything (Epsilon GC) in a 64 MiB heap, and the heap it ends with is the same as after a run of
 * a hundredth of the work. Measured here: about 3.5 s for the full run on HotSpot.
 */
class EpsilonGcTest {
    static final String EPSILON = "-XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xmx64m";
    private static final String CLASSPATH = System.getProperty("java.class.path");
    /** What examples/epsilon prints for its default 400 rounds. */
    private static final String OUTPUT = "epsilon: 400 rounds, checksum 993544496\n";

    @TempDir
    Path dir;

    /** bin/weir run examples/epsilon under Epsilon GC, with the heap summary the JVM logs at exit. */
    private Cli.Result runUnderEpsilon(String... args) throws Exception {
        java.util.List<String> command = Cli.list(Cli.root().resolve("bin/weir").toString(), "run",
                Cli.example("epsilon"));
        command.addAll(java.util.Arrays.asList(args));
        return Cli.exec(dir, command, "WEIR_CLASSPATH", CLASSPATH, "JAVA_OPTS", EPSILON + " -Xlog:gc:stderr");
    }

    /** Kilobytes of heap used, from Epsilon's last "Heap: ... NK (P%) used" log line. */
    private static long heapUsedKb(Cli.Result r) {
        Matcher m = Pattern.compile("Heap: .* (\\d+)K \\([0-9.]+%\\) used").matcher(r.stderr);
        long used = -1;
        while (m.find()) {
            used = Long.parseLong(m.group(1));
        }
        assertTrue(used > 0, "Epsilon's heap summary in " + r);
        return used;
    }

    @Test
    void aBillionInstructionsRunToCompletionWithoutAnyGarbageCollector() throws Exception {
        Cli.Result full = runUnderEpsilon();
        assertEquals(OUTPUT, full.stdout, full.toString());
        assertEquals(0, full.status, full.toString());

        Cli.Result small = runUnderEpsilon("4");
        assertEquals(0, small.status, small.toString());
        long growth = heapUsedKb(full) - heapUsedKb(small);
        assertTrue(growth < 1024, "100 times the work may not take more heap (start-up and JIT aside): "
                + growth + " KiB more\n" + full + "\n" + small);
    }

    @Test
    void theWorkloadExecutesMoreThanABillionWasmInstructions() {
        Cli.Result r = Cli.run("bench", "--json", Cli.example("epsilon"));
        assertEquals(0, r.status, r.toString());
        assertEquals(OUTPUT, r.stdout);
        long instructions = (Long) ((Map<?, ?>) Json.parse(r.stderr)).get("instructions");
        assertTrue(instructions > 1_000_000_000L, instructions + " instructions");
    }
}
