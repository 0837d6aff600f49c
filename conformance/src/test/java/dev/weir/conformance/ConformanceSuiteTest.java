package dev.weir.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File selection, whole-file exclusions and the reports, on scripts that need no working runtime. */
class ConformanceSuiteTest {
    @TempDir
    Path dir;

    private ConformanceSuite suite(List<String> globs) throws IOException {
        Path suiteDir = Files.createDirectories(dir.resolve("suite"));
        // Only text-format assertions: weir's text parser decides them, whatever state the runtime is in.
        Files.writeString(suiteDir.resolve("a.wast"), "(assert_malformed (module quote \"(func (i32.bogus))\") \"unknown operator\")\n");
        Files.writeString(suiteDir.resolve("simd_b.wast"),
                "(assert_malformed (module quote \"(x)\") \"unexpected token\")\n"
                        + "(assert_malformed (module quote \"(y)\") \"unexpected token\")\n");
        Files.writeString(suiteDir.resolve("notes.txt"), "not a script");
        return new ConformanceSuite(suiteDir, dir.resolve("out"), Exclusions.parse("simd_*.wast\tno SIMD", "test"),
                globs, 60);
    }

    @Test
    void findsWastFilesSortedAndHonoursTheSelection() throws IOException {
        assertEquals(List.of("a.wast", "simd_b.wast"),
                suite(List.of()).wastFiles().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of("simd_b.wast"),
                suite(List.of("simd_*")).wastFiles().stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void namesTheMissingSuiteFolder() {
        ConformanceSuite missing = new ConformanceSuite(dir.resolve("nowhere"), dir, Exclusions.none(),
                List.of(), 60);
        IOException e = assertThrows(IOException.class, missing::wastFiles);
        assertTrue(e.getMessage().contains("-Dwasm.testsuite"), e.getMessage());
    }

    @Test
    void writesOneSummaryRowPerFileAndTheTotals() throws IOException {
        ConformanceSuite suite = suite(List.of());
        for (Path wast : suite.wastFiles()) {
            suite.run(wast);
        }
        FileResult simd = suite.results().get(1);
        assertEquals("no SIMD", simd.skipReason());
        suite.writeReports();
        assertEquals("file\tpassed\tfailed\tskipped\na.wast\t1\t0\t0\nsimd_b.wast\t0\t0\t2\n",
                Files.readString(dir.resolve("out/conformance-summary.tsv")));
        assertEquals("conformance: 1 passed, 0 failed, 2 skipped", suite.finalLine());
        assertTrue(Files.readString(dir.resolve("out/conformance-failures.txt")).contains("simd_b.wast: skipped: no SIMD"));
    }

    @Test
    void aScriptThatCannotBeParsedFailsItsFile() throws IOException {
        ConformanceSuite suite = suite(List.of());
        Path bad = Files.writeString(dir.resolve("suite/bad.wast"), "(module (func (i32.const 0))\n");
        FileResult result = suite.run(bad);
        assertEquals(1, result.failed());
        assertTrue(result.failures().get(0).reason().startsWith("cannot read or parse the script: TextFormatException: 1:1: unclosed"),
                result.failures().get(0).reason());
    }
}
