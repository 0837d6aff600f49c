package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** weir run, validate and inspect read text modules; weir wast runs scripts. */
class TextFormatCliTest {
    @TempDir
    Path dir;

    private static final String ADD = ";; adds two numbers\n"
            + "(module\n"
            + "  (func $add (export \"add\") (param $a i32) (param $b i32) (result i32)\n"
            + "    (i32.add (local.get $a) (local.get $b))))\n";

    @Test
    void runsATextModule() throws IOException {
        Path wat = Files.writeString(dir.resolve("app.wat"), ADD);
        Cli.Result r = Cli.run("run", "--invoke", "add", wat.toString(), "2", "40");
        assertEquals(0, r.status, r.toString());
        assertEquals("42\n", r.stdout);
    }

    @Test
    void tellsTextFromBinaryByContentNotName() throws IOException {
        Path disguised = Files.writeString(dir.resolve("app.wasm"), ADD);
        Cli.Result r = Cli.run("validate", disguised.toString());
        assertEquals(0, r.status, r.toString());
        Cli.Result inspect = Cli.run("inspect", disguised.toString());
        assertEquals(0, inspect.status, inspect.toString());
        assertTrue(inspect.stdout.contains("function add (i32, i32) -> (i32)"), inspect.stdout);
    }

    @Test
    void malformedTextIsOneLineWithLineAndColumn() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.wat"), "(module\n  (func (i32.bogus)))\n");
        Cli.Result r = Cli.run("validate", bad.toString());
        assertEquals(ExitStatus.MALFORMED, r.status);
        assertEquals("weir: malformed module " + bad + ":2:10: unknown operator \"i32.bogus\"\n", r.stderr);
    }

    @Test
    void wastPrintsPassedAndFailedPerFileAndInTotal() throws IOException {
        Path good = Files.writeString(dir.resolve("good.wast"), ADD
                + "(assert_return (invoke \"add\" (i32.const 1) (i32.const 2)) (i32.const 3))\n"
                + "(assert_trap (module (func $f unreachable) (start $f)) \"unreachable\")\n"
                + "(assert_malformed (module quote \"(func (i32.const 0x))\") \"unknown operator\")\n"
                + "(assert_invalid (module (func (result i32))) \"type mismatch\")\n");
        Path bad = Files.writeString(dir.resolve("bad.wast"), ADD
                + "(assert_return (invoke \"add\" (i32.const 1) (i32.const 2)) (i32.const 4))\n"
                + "(assert_return (invoke \"add\" (i32.const 1) (i32.const 2)) (i32.const 3))\n");
        Cli.Result r = Cli.run("wast", good.toString(), bad.toString());
        assertEquals(1, r.status, r.toString());
        assertEquals(good + ": 4 passed, 0 failed\n" + bad + ": 1 passed, 1 failed\ntotal: 5 passed, 1 failed\n", r.stdout);
        assertEquals(bad + ":5: assert_return: result 0: expected i32 4, got 0x3\n", r.stderr);
    }

    @Test
    void wastRunsSpecSuiteScripts() {
        Path suite = Cli.root().resolveSibling("shared").resolve("wasm-testsuite");
        Cli.Result r = Cli.run("wast", "--max-memory", "1024p", suite.resolve("memory_grow.wast").toString(),
                suite.resolve("simd_lane.wast").toString(), suite.resolve("names.wast").toString());
        assertEquals(0, r.status, r.toString());
        assertTrue(r.stdout.endsWith(" 0 failed\n"), r.stdout);
    }
}
