package dev.weir.conformance;

import dev.weir.testsupport.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.MalformedModuleException;
import dev.weir.core.module.TrapException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/** The runner's bookkeeping, with scripts that need no working runtime. */
class ScriptRunnerTest {
    @TempDir
    Path dir;

    private FileResult run(String commands, Exclusions exclusions) {
        FileResult result = new FileResult("t.wast");
        new ScriptRunner(dir, "t.wast", exclusions, result).run(Json.parse("{\"commands\": [" + commands + "]}"));
        return result;
    }

    @Test
    void decidesTextFormatModuleAssertionsWithWeirsTextParser() throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("t.0.wat"), "(module (func (i32.bogus)))");
        FileResult result = run("{\"type\": \"assert_malformed\", \"line\": 3, \"filename\": \"t.0.wat\", "
                + "\"text\": \"unknown operator\", \"module_type\": \"text\"}", Exclusions.none());
        assertEquals(1, result.passed());
        assertEquals(0, result.failed());
        assertEquals(0, result.skipped());
    }

    @Test
    void skipsExcludedLines() {
        FileResult result = run("{\"type\": \"assert_return\", \"line\": 9, \"action\": {\"type\": \"invoke\", "
                + "\"field\": \"f\", \"args\": []}, \"expected\": []}", Exclusions.parse("t.wast:9\tbecause", "test"));
        assertEquals(1, result.skipped());
        assertEquals(0, result.failed());
    }

    @Test
    void aModuleThatFailsToLoadFailsTheAssertionsThatNeedItAndTheRunGoesOn() {
        FileResult result = run("{\"type\": \"module\", \"line\": 1, \"filename\": \"t.0.wasm\"},"
                + "{\"type\": \"assert_return\", \"line\": 5, \"action\": {\"type\": \"invoke\", \"field\": \"f\", "
                + "\"args\": [{\"type\": \"i32\", \"value\": \"1\"}]}, \"expected\": [{\"type\": \"i32\", \"value\": \"1\"}]},"
                + "{\"type\": \"assert_trap\", \"line\": 6, \"action\": {\"type\": \"invoke\", \"field\": \"f\", "
                + "\"args\": []}, \"text\": \"unreachable\", \"expected\": []},"
                + "{\"type\": \"assert_malformed\", \"line\": 7, \"filename\": \"t.1.wat\", \"text\": \"x\", "
                + "\"module_type\": \"text\"}", Exclusions.none());
        List<FileResult.Failure> failures = result.failures();
        assertEquals(4, result.failed(), failures.toString());
        assertEquals(0, result.skipped());
        assertEquals(1, failures.get(0).line());
        assertTrue(failures.get(0).reason().startsWith("module: unexpected NoSuchFileException"), failures.get(0).reason());
        assertEquals(5, failures.get(1).line());
        assertTrue(failures.get(1).reason().startsWith("assert_return: no current module: the module at line 1 failed to load"),
                failures.get(1).reason());
        assertEquals(6, failures.get(2).line());
        assertFalse(failures.get(2).reason().contains("\n"));
    }

    @Test
    void namedModulesThatWereNeverDefinedAreReported() {
        FileResult result = run("{\"type\": \"register\", \"line\": 2, \"name\": \"$M\", \"as\": \"M\"}", Exclusions.none());
        assertEquals(1, result.failed());
        assertEquals("register: no module named $M", result.failures().get(0).reason());
    }

    @Test
    void unknownCommandsFail() {
        FileResult result = run("{\"type\": \"assert_something_new\", \"line\": 4}", Exclusions.none());
        assertEquals(1, result.failed());
        assertEquals("assert_something_new: unknown command type \"assert_something_new\"", result.failures().get(0).reason());
    }

    @Test
    void countsAssertionsButNotModulesOrActions() {
        Object script = Json.parse("{\"commands\": [{\"type\": \"module\"}, {\"type\": \"assert_return\"}, "
                + "{\"type\": \"action\"}, {\"type\": \"assert_invalid\"}, {\"type\": \"register\"}]}");
        assertEquals(2, ScriptRunner.countAssertions(script));
    }

    @Test
    void describesJavaErrorsWithTheirOriginAndWasmErrorsWithout() {
        NullPointerException npe = new NullPointerException("boom\n  second line");
        npe.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 1),
            new StackTraceElement("dev.weir.core.exec.Interpreter", "run", "Interpreter.java", 99)});
        assertEquals("NullPointerException: boom second line at dev.weir.core.exec.Interpreter.run(Interpreter.java:99)",
                ScriptRunner.describe(npe));
        assertEquals("TrapException: integer divide by zero",
                ScriptRunner.describe(new TrapException("integer divide by zero")));
    }

    @Test
    void anInvalidModuleMayBeRejectedAsMalformedOnlyForAMissingDataCountSection() {
        assertTrue(ScriptRunner.isMissingDataCount(InvalidModuleException.class,
                new MalformedModuleException("data count section required", "code", 0x21)));
        assertFalse(ScriptRunner.isMissingDataCount(InvalidModuleException.class,
                new MalformedModuleException("unexpected end", "code", 0x21)));
        assertFalse(ScriptRunner.isMissingDataCount(MalformedModuleException.class,
                new MalformedModuleException("data count section required", "code", 0x21)));
    }
}
