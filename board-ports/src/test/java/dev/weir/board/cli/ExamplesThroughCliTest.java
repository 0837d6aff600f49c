package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example, run through the CLI entry point in-process, with exact output and exit status. */
class ExamplesThroughCliTest {

    @Test
    void helloPrintsGreetingAndExitsZero() {
        Cli.Result r = Cli.run("run", Cli.example("hello"));
        assertEquals("Hello, world!\n", r.stdout, r.toString());
        assertEquals("", r.stderr, r.toString());
        assertEquals(0, r.status, r.toString());
    }

    @Test
    void runIsOptionalBeforeAModuleName() {
        Cli.Result r = Cli.run(Cli.example("hello"));
        assertEquals("Hello, world!\n", r.stdout, r.toString());
        assertEquals(0, r.status, r.toString());
    }

    @Test
    void echoSeesArgumentsAndOnlyTheGrantedEnvironment() {
        String app = Cli.example("echo");
        Cli.Result r = Cli.run("run", "--env", "A=1", "--env=B=x=y", app, "a", "b c", "--not-an-option");
        assertEquals("argc=4\n"
                + "argv[0]=" + app + "\n"
                + "argv[1]=a\n"
                + "argv[2]=b c\n"
                + "argv[3]=--not-an-option\n"
                + "env[0]=A=1\n"
                + "env[1]=B=x=y\n", r.stdout, r.toString());
        // echo exits with its argument count, which shows proc_exit's code comes through.
        assertEquals(3, r.status, r.toString());
        assertEquals("", r.stderr, r.toString());
    }

    @Test
    void optionsEndAtTheModuleSoADoubleDashAfterItIsTheProgramsArgument() {
        String app = Cli.example("echo");
        Cli.Result r = Cli.run("run", "--", app, "--", "x");
        assertEquals("argc=3\n"
                + "argv[0]=" + app + "\n"
                + "argv[1]=--\n"
                + "argv[2]=x\n", r.stdout, r.toString());
    }

    @Test
    void wcCountsFilesOfAPreopenedDirectory(@TempDir Path dir) throws Exception {
        Cli.wcData(dir);
        Cli.Result r = Cli.run("run", "--dir", dir + "::/data:ro", Cli.example("wc"), "/data", "/data/sub/c.txt");
        assertEquals(Cli.WC_EXPECTED, r.stdout, r.toString());
        assertEquals(0, r.status, r.toString());
    }

    @Test
    void wcReportsAMissingFileAndExitsOne(@TempDir Path dir) throws Exception {
        Cli.wcData(dir);
        Cli.Result r = Cli.run("run", "--dir", dir + "::/data", Cli.example("wc"), "/data/a.txt", "/data/nope");
        assertEquals("      2       3      14 /data/a.txt\n", r.stdout, r.toString());
        assertEquals("wc: /data/nope: No such file or directory\n", r.stderr, r.toString());
        assertEquals(1, r.status, r.toString());
    }

    @Test
    void wcCannotReachFilesWithoutAGrant() {
        Cli.Result r = Cli.run("run", Cli.example("wc"), "/etc/hostname");
        assertEquals("", r.stdout, r.toString());
        assertTrue(r.stderr.startsWith("wc: /etc/hostname: "), r.toString());
        assertEquals(1, r.status, r.toString());
    }

    @Test
    void filesWritesRenamesReadsAndDeletesInAPreopenedDirectory(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run("run", "--dir", dir + "::/sandbox", Cli.example("files"));
        assertEquals(Cli.FILES_EXPECTED, r.stdout, r.toString());
        assertEquals(0, r.status, r.toString());
        try (java.util.stream.Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "the example cleans up after itself");
        }
    }

    @Test
    void filesFailsInAReadOnlyDirectory(@TempDir Path dir) {
        Cli.Result r = Cli.run("run", "--dir", dir + "::/sandbox:ro", Cli.example("files"));
        assertTrue(r.stdout.startsWith("FAILED: mkdir /sandbox/work: "), r.toString());
        assertEquals(1, r.status, r.toString());
        assertFalse(Files.exists(dir.resolve("work")));
    }

    @Test
    void clockSeesTimeAdvanceAndRandomBytesDiffer() {
        Cli.Result r = Cli.run("run", Cli.example("clock"));
        assertEquals(Cli.CLOCK_EXPECTED, r.stdout, r.toString());
        assertEquals(0, r.status, r.toString());
    }

    @Test
    void outOfBoundsReadTrapsWithANamedBacktrace() {
        Cli.Result r = Cli.run("run", Cli.example("trap"));
        assertEquals("reading past the end of memory\n", r.stdout, r.toString());
        assertEquals(ExitStatus.TRAP, r.status, r.toString());
        assertTrue(r.stderr.startsWith("weir: trap: out of bounds memory access\n"), r.toString());
        // Function names come from the name section: read_past_end is func 9, main func 8, _start func 7.
        assertTrue(r.stderr.contains("\n  at read_past_end[9]\n  at main[8]\n"), r.toString());
        assertTrue(r.stderr.contains("\n  at _start[7]\n"), r.toString());
        assertFalse(r.stderr.contains("Exception"), "no Java stack trace: " + r);
    }

    @Test
    void endlessRecursionExhaustsTheStackAndTraps() {
        Cli.Result r = Cli.run("run", "--max-stack", "5000", Cli.example("recurse"));
        assertEquals("recursing until the stack runs out\n", r.stdout, r.toString());
        assertEquals(ExitStatus.TRAP, r.status, r.toString());
        String firstLine = r.stderr.substring(0, r.stderr.indexOf('\n'));
        assertTrue(firstLine.startsWith("weir: trap: ") && firstLine.contains("exhausted"), r.toString());
        assertTrue(r.stderr.contains("\n  at descend["), r.toString());
        assertTrue(r.stderr.split("\n").length <= RunCommand.MAX_BACKTRACE_LINES + 2,
                "deep backtraces are folded: " + r);
    }
}
