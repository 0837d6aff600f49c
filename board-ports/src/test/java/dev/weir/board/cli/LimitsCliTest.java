package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.StoreLimits;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits and oversized input on the command line (issue 16): each refused up front with one line
 * naming the flag or limit really at fault, and guest exit codes that never turn into success.
 */
class LimitsCliTest {
    /**
     * <pre>
     * (module
     *   (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
     *   (memory (export "memory") 1)
     *   (func (export "_start") i32.const 256 call $exit)
     *   (func (export "exit") (param i32) local.get 0 call $exit)
     *   (func $wide (export "wide") (local i64 x 32) call $wide)
     *   (func $narrow (export "narrow") call $narrow)
     *   (func (export "crash") unreachable))
     * </pre>
     */
    static final String LIMITS = "0061736d0100000001080260017f0060000002240116776173695f736e617073686f745f707265766965"
            + "77310970726f635f65786974000003060501000101010503010001073206066d656d6f72790200065f737461727400010465"
            + "786974000204776964650003066e6172726f77000405637261736800050a2005070041800210000b0600200010000b060120"
            + "7e10030b040010040b0300000b";

    @TempDir
    Path dir;

    private String limits() throws IOException {
        return TestModules.write(dir, "limits.wasm", LIMITS).toString();
    }

    private static void assertOneLine(Cli.Result r) {
        assertTrue(r.stderr.endsWith("\n") && r.stderr.indexOf('\n') == r.stderr.length() - 1, r.toString());
    }

    @Test
    void procExitCodesThatAreMultiplesOf256NeverExitZero() throws IOException {
        String wasm = limits();
        assertEquals(1, Cli.run("run", wasm).status, "proc_exit(256) from _start");
        assertEquals(1, Cli.run("run", "--invoke", "exit", wasm, "512").status);
        assertEquals(1, Cli.run("run", "--invoke", "exit", wasm, "-1").status);
        assertEquals(3, Cli.run("run", "--invoke", "exit", wasm, "3").status);
        assertEquals(255, Cli.run("run", "--invoke", "exit", wasm, "255").status);
        assertEquals(0, Cli.run("run", "--invoke", "exit", wasm, "0").status);
    }

    @Test
    void aHugeMaxStackIsRefusedUpFrontNamingItself() throws IOException {
        Cli.Result r = Cli.run("run", "--max-stack", "100000000", "--invoke", "crash", limits());
        assertEquals(ExitStatus.USAGE, r.status, r.toString());
        assertTrue(r.stderr.startsWith("weir: --max-stack 100000000 is out of range (1.."), r.stderr);
        assertOneLine(r);
    }

    @Test
    void aMaxStackThatDoesNotFitTheHeapNamesTheFlagAndTheHeap() throws IOException, CliException {
        StoreLimits limits = new StoreLimits().withMaxCallDepth(9_000_000);
        RunOptions options = RunOptions.parse(new String[] {"--max-stack", "9000000", limits()}, 0);
        CliException e = org.junit.jupiter.api.Assertions.assertThrows(CliException.class,
                () -> RunCommand.checkFits(limits, options, 64L << 20));
        assertEquals("--max-stack 9000000 needs 103 MiB of call frames (12 bytes each), more than half of this JVM's"
                + " heap (64 MiB); lower it, or raise -Xmx in JAVA_OPTS", e.getMessage());
        StoreLimits slots = new StoreLimits().withValueStackSlots(100_000_000);
        CliException s = org.junit.jupiter.api.Assertions.assertThrows(CliException.class,
                () -> RunCommand.checkFits(slots, options, 256L << 20));
        assertTrue(s.getMessage().startsWith("--max-stack-slots 100000000 needs 763 MiB of value stack slots"), s.getMessage());
    }

    @Test
    void maxMemoryPastWeirsMostSaysWhatTheMostIs() throws IOException {
        Cli.Result r = Cli.run("run", "--max-memory", "4G", limits());
        assertEquals(ExitStatus.USAGE, r.status, r.toString());
        assertEquals("weir: --max-memory 4G is more than weir's most, 32767p (2097088K, just under 2 GiB: a memory is"
                + " one Java array)\n", r.stderr);
        assertEquals(0, Cli.run("run", "--max-memory", "32767p", "--invoke", "exit", limits(), "0").status);
    }

    @Test
    void aSparseFileLargerThanTheHeapCanHoldIsRefusedBeforeReading() throws IOException {
        Path sparse = dir.resolve("sparse.wasm");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        Cli.Result r = Cli.run("validate", sparse.toString());
        assertEquals(ExitStatus.FILE_NOT_FOUND, r.status, r.toString());
        assertTrue(r.stderr.contains(": 3221225472 bytes is more than the largest module this JVM can load ("), r.stderr);
        assertTrue(r.stderr.contains("raise -Xmx in JAVA_OPTS"), r.stderr);
        assertOneLine(r);
    }

    @Test
    void anEndlessDeviceIsRefusedAtItsFirstBytes() {
        // /dev/zero never ends and has no size: its first bytes are no module header.
        Cli.Result r = Cli.run("validate", "/dev/zero");
        assertEquals(ExitStatus.MALFORMED, r.status, r.toString());
        assertEquals("weir: malformed module /dev/zero: it does not start with \\0asm (not a WebAssembly binary)\n",
                r.stderr);
    }

    @Test
    void anEndlessStreamOfAModuleIsReadOnlyUpToTheLimit() throws IOException {
        // A header, then zeros without end: reading stops at the limit (small here, the heap's quarter in weir).
        java.io.InputStream endless = new java.io.SequenceInputStream(
                new java.io.ByteArrayInputStream(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}),
                new java.io.FileInputStream("/dev/zero"));
        try (java.io.InputStream in = endless) {
            CliException e = org.junit.jupiter.api.Assertions.assertThrows(CliException.class,
                    () -> ModuleFiles.readAtMost(in, "stream", 1 << 20));
            assertEquals("cannot read stream: a stream of more than 1048576 bytes is more than the largest module"
                    + " this JVM can load (1048576 bytes, a quarter of its heap; raise -Xmx in JAVA_OPTS)", e.getMessage());
        }
    }

    @Test
    void exhaustedCallFramesAndValueStackAreToldApartWithTheirFlags() throws IOException {
        String wasm = limits();
        Cli.Result frames = Cli.run("run", "--max-stack", "100", "--invoke", "narrow", wasm);
        assertEquals(ExitStatus.TRAP, frames.status, frames.toString());
        assertTrue(frames.stderr.startsWith("weir: trap: call stack exhausted: all 100 call frames in use"
                + " (raise --max-stack, a count of frames)\n"), frames.stderr);
        // 32 locals a frame: the value stack runs out long before a million frames.
        Cli.Result slots = Cli.run("run", "--max-stack", "1000000", "--invoke", "wide", wasm);
        assertEquals(ExitStatus.TRAP, slots.status, slots.toString());
        assertTrue(slots.stderr.startsWith("weir: trap: call stack exhausted: all " + StoreLimits.DEFAULT_VALUE_STACK_SLOTS
                + " value stack slots in use (raise --max-stack-slots, a count of 8-byte slots)\n"), slots.stderr);
        Cli.Result more = Cli.run("run", "--max-stack", "1000000", "--max-stack-slots", "4000000", "--invoke", "wide", wasm);
        assertTrue(more.stderr.startsWith("weir: trap: call stack exhausted: all 4000000 value stack slots"), more.stderr);
    }

    @Test
    void helpGivesTheUnitOfEachStackLimit() {
        String help = Cli.run("--help").stdout;
        assertTrue(help.contains("--max-stack N            most call frames (nested wasm calls, counted in frames)"), help);
        assertTrue(help.contains("--max-stack-slots N      size of the value stack in 8-byte slots"), help);
    }

    @Test
    void benchJsonReportsWhatRanWhenTheProgramTrapsOrRunsOutOfFuel() throws IOException {
        Cli.Result trap = Cli.run("bench", "--json", "--invoke", "crash", limits());
        assertEquals(ExitStatus.TRAP, trap.status, trap.toString());
        String[] lines = trap.stderr.split("\n");
        assertTrue(lines[0].startsWith("{") && lines[0].endsWith("}"), trap.stderr);
        assertTrue(lines[0].contains("\"outcome\":\"trap\",\"outcomeMessage\":\"trap: unreachable\""), lines[0]);
        assertTrue(lines[0].contains("\"instructions\":1,"), lines[0]);
        assertEquals("weir: trap: unreachable", lines[1]);
        Cli.Result fuel = Cli.run("bench", "--json", "--fuel", "5", Cli.example("hello"));
        assertEquals(ExitStatus.FUEL, fuel.status, fuel.toString());
        assertTrue(fuel.stderr.contains("\"outcome\":\"fuel exhausted\""), fuel.stderr);
        assertTrue(fuel.stderr.contains("\"exitStatus\":" + ExitStatus.FUEL), fuel.stderr);
        Cli.Result ok = Cli.run("bench", "--json", "--invoke", "exit", limits(), "7");
        assertTrue(ok.stderr.contains("\"exitStatus\":7,\"outcome\":\"exited\""), ok.stderr);
    }
}
