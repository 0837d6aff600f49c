package dev.weir.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The WebAssembly spec test suite, one test per {@code .wast} file: it fails when any assertion
 * in the file failed, lists the first failures with their lines, and is skipped when the file is
 * excluded (see {@code exclusions.tsv}). Afterwards it writes
 * {@code target/conformance-summary.tsv} and prints {@code conformance: P passed, F failed, S skipped}
 * (naming the JIT policy, {@code weir.jit}, when set).
 */
class SpecSuiteTest {
    private static final int FAILURES_SHOWN = 20;
    private static ConformanceSuite suite;

    @TestFactory
    Stream<DynamicTest> specTestSuite() throws IOException {
        suite = ConformanceSuite.fromSystemProperties();
        return suite.wastFiles().stream().map(wast -> DynamicTest.dynamicTest(
                wast.getFileName().toString(), wast.toUri(), () -> {
                    FileResult result = suite.run(wast);
                    if (result.skipReason() != null) {
                        Assumptions.abort(result.skipReason());
                    }
                    if (result.failed() > 0) {
                        fail(result.report(FAILURES_SHOWN));
                    }
                }));
    }

    @AfterAll
    static void writeSummary() {
        if (suite != null) {
            suite.writeReports();
            // Which tier ran it: the pom runs the suite without and with the JIT (weir.jit).
            String jit = System.getProperty("weir.jit");
            System.out.println(jit == null ? suite.finalLine()
                    : suite.finalLine().replace("conformance:", "conformance (weir.jit=" + jit + "):"));
        }
    }
}
