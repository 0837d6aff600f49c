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
 * {@code target/conformance-summary.tsv} and prints {@code conformance: P passed, F failed, S skipped}.
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
            System.out.println(suite.finalLine());
        }
    }
}
