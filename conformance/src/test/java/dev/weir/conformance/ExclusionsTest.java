package dev.weir.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExclusionsTest {

    @Test
    void matchesFileGlobsAndSingleLines() {
        Exclusions exclusions = Exclusions.parse("# comment\n\nsimd_*.wast\tno SIMD yet\nfloat_?.wast\tone char\n"
                + "i32.wast:42\tknown bug #7\n", "test");
        assertEquals("no SIMD yet", exclusions.fileReason("simd_lane.wast"));
        assertEquals("one char", exclusions.fileReason("float_x.wast"));
        assertNull(exclusions.fileReason("float_xy.wast"));
        assertNull(exclusions.fileReason("i32.wast"), "a line exclusion does not exclude the file");
        assertEquals("known bug #7", exclusions.lineReason("i32.wast", 42));
        assertNull(exclusions.lineReason("i32.wast", 43));
    }

    @Test
    void treatsGlobMetacharactersOtherThanStarAndQuestionMarkLiterally() {
        Exclusions exclusions = Exclusions.parse("a.b+c.wast\treason", "test");
        assertEquals("reason", exclusions.fileReason("a.b+c.wast"));
        assertNull(exclusions.fileReason("axbbc.wast"));
    }

    @Test
    void requiresAReasonForEveryExclusion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Exclusions.parse("ok.wast\tfine\nbare.wast\n", "exclusions.tsv"));
        assertTrue(e.getMessage().startsWith("exclusions.tsv:2:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Exclusions.parse("x.wast\t   \n", "t"));
    }

    @Test
    void aMissingFileMeansNoExclusions(@TempDir Path dir) throws IOException {
        assertNull(Exclusions.load(dir.resolve("absent.tsv")).fileReason("simd_lane.wast"));
    }

    @Test
    void theProjectExclusionsSkipNoWholeFile() throws IOException {
        // Issue 7 (SIMD) removed the last file-wide exclusion, simd_*.wast.
        Exclusions exclusions = Exclusions.load(Path.of(System.getProperty("weir.exclusions", "exclusions.tsv")));
        for (String file : new String[] {"simd_f32x4_arith.wast", "simd_lane.wast", "i32.wast", "f64.wast",
                "memory.wast", "binary.wast", "linking.wast"}) {
            assertNull(exclusions.fileReason(file), file);
        }
    }
}
