package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.testsupport.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir run --fuel N} and {@code weir bench}: budgets, exact instruction counts, both report formats. */
class FuelAndBenchTest {
    /**
     * <pre>
     * (module
     *   (memory (export "memory") 1 4)
     *   (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
     *     block $done
     *       loop $next
     *         local.get $i local.get $n i32.ge_u br_if $done
     *         local.get $acc local.get $i i32.add local.set $acc
     *         local.get $i i32.const 1 i32.add local.set $i
     *         br $next
     *       end
     *     end
     *     local.get $acc)
     *   (func (export "grow") (param i32) (result i32) local.get 0 memory.grow))
     * </pre>
     * sum(n) executes 13n + 8 wasm instructions (see core's FuelMeteringTest), grow 3.
     */
    static final String SUM = "0061736d0100000001060160017f017f0303020000050401010104071703066d656d6f727902000373756d0000"
            + "0467726f7700010a2c022301027f02400340200120004f0d01200220016a2102200141016a21010c000b0b20020b0600200040000b";

    @TempDir
    Path dir;

    private String sum() throws IOException {
        return TestModules.write(dir, "sum.wasm", SUM).toString();
    }

    /** The bench report's JSON object: figures at the top, the JVM and the machine in objects of their own. */
    private static Map<?, ?> report(String json) {
        return (Map<?, ?>) Json.parse(json);
    }

    private static long benchedInstructions(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status, r.toString());
        return (Long) report(r.stderr).get("instructions");
    }

    @Test
    void fuelThatSufficesLetsTheProgramFinish() {
        Cli.Result r = Cli.run("run", "--fuel", "1000000", Cli.example("hello"));
        assertEquals(0, r.status, r.toString());
        assertEquals("Hello, world!\n", r.stdout);
        assertEquals("", r.stderr);
    }

    @Test
    void runningOutOfFuelPrintsOneLineAndExits124() {
        Cli.Result r = Cli.run("run", "--fuel", "10", Cli.example("hello"));
        assertEquals(ExitStatus.FUEL, r.status, r.toString());
        assertEquals("", r.stdout);
        assertEquals("weir: fuel exhausted: the program needed more than its --fuel budget of 10 wasm instructions\n",
                r.stderr);
    }

    @Test
    void theBudgetIsExactForAnInvokedExport() throws IOException {
        String sum = sum();
        // sum(100) executes 13 * 100 + 8 = 1308 instructions.
        Cli.Result enough = Cli.run("run", "--fuel", "1308", "--invoke", "sum", sum, "100");
        assertEquals(0, enough.status, enough.toString());
        assertEquals("4950\n", enough.stdout);
        Cli.Result short1 = Cli.run("run", "--fuel", "1307", "--invoke", "sum", sum, "100");
        assertEquals(ExitStatus.FUEL, short1.status, short1.toString());
        assertEquals("", short1.stdout);
    }

    @Test
    void benchCountsExactlyTheInstructionsThatFuelAllows() {
        String hello = Cli.example("hello");
        long n = benchedInstructions("bench", "--json", hello);
        assertTrue(n > 100, "hello runs some hundreds of instructions: " + n);
        assertEquals(0, Cli.run("run", "--fuel", Long.toString(n), hello).status);
        assertEquals(ExitStatus.FUEL, Cli.run("run", "--fuel", Long.toString(n - 1), hello).status);
    }

    @Test
    void benchCountsHandCheckedFunctions() throws IOException {
        String sum = sum();
        assertEquals(8, benchedInstructions("bench", "--json", "--invoke", "sum", sum, "0"));
        assertEquals(13 * 1000 + 8, benchedInstructions("bench", "--json", "--invoke", "sum", sum, "1000"));
        assertEquals(3, benchedInstructions("bench", "--json", "--invoke", "grow", sum, "2"));
    }

    @Test
    void benchJsonReportsEveryFigure() throws IOException {
        Cli.Result r = Cli.run("bench", "--json", "--invoke", "grow", sum(), "2");
        assertEquals(0, r.status, r.toString());
        assertEquals("1\n", r.stdout, "the program's own output stays on stdout");
        String json = r.stderr;
        assertTrue(json.startsWith("{") && json.endsWith("}\n") && json.indexOf('\n') == json.length() - 1, json);
        Map<?, ?> report = report(json);
        assertEquals(1L, report.get("memoryPagesInitial"));
        assertEquals(3L, report.get("memoryPagesPeak"));
        assertEquals(3L * 65536, report.get("memoryBytesPeak"));
        assertEquals(0L, report.get("exitStatus"));
        Map<?, ?> jvm = (Map<?, ?>) report.get("jvm");
        Map<?, ?> machine = (Map<?, ?>) report.get("machine");
        for (String key : new String[] {"compileMs", "instantiateMs", "runWallMs", "runCpuMs", "instructionsPerSecond",
            "heapUsedBytes", "heapMaxBytes", "allocatedBytes", "gcCount"}) {
            assertTrue(((Number) report.get(key)).doubleValue() >= 0, key + " in " + json);
        }
        assertTrue(((Number) machine.get("processors")).intValue() > 0, json);
        assertEquals(System.getProperty("java.vm.name"), jvm.get("name"));
        assertEquals(BenchCommand.vmMode(System.getProperty("java.vm.name")), jvm.get("mode"));
        assertEquals("loops", report.get("jit"));
    }

    @Test
    void benchTableNamesEveryFigureAndPassesTheExitStatusThrough() {
        Cli.Result r = Cli.run("bench", Cli.example("hello"));
        assertEquals(0, r.status, r.toString());
        assertEquals("Hello, world!\n", r.stdout);
        for (String row : new String[] {"decode, validate, compile", "instantiate", "run: wall time",
            "run: CPU time (this thread)", "wasm instructions executed", "instructions per second",
            "peak linear memory", "Java heap used at the end", "allocated during the run", "JIT tier (weir.jit)", "JVM",
            "exit status"}) {
            assertTrue(r.stderr.contains("\n  " + row + " "), row + " in\n" + r.stderr);
        }
        assertTrue(r.stderr.contains(System.getProperty("java.vm.name")), r.stderr);
    }

    @Test
    void benchReportsAProgramThatExitsWithAnErrorStatusAndPassesTheStatusOn() {
        Cli.Result run = Cli.run("run", Cli.example("echo"), "a", "b");
        Cli.Result bench = Cli.run("bench", "--json", Cli.example("echo"), "a", "b");
        assertTrue(run.status != 0, run.toString());
        assertEquals(run.status, bench.status, bench.toString());
        assertEquals(run.stdout, bench.stdout);
        assertEquals((long) run.status, report(bench.stderr).get("exitStatus"));
    }

    @Test
    void benchWithTooLittleFuelFailsLikeRun() {
        Cli.Result r = Cli.run("bench", "--fuel", "5", Cli.example("hello"));
        assertEquals(ExitStatus.FUEL, r.status, r.toString());
        // The report of what ran comes first, then the line weir run prints.
        assertTrue(r.stderr.contains("  outcome                                   fuel exhausted: "), r.stderr);
        assertTrue(r.stderr.endsWith("\nweir: fuel exhausted: the program needed more than its --fuel budget of 5 wasm"
                + " instructions\n"), r.stderr);
    }

    @Test
    void jsonIsABenchOptionOnly() {
        Cli.Result r = Cli.run("run", "--json", Cli.example("hello"));
        assertEquals(ExitStatus.USAGE, r.status);
        assertEquals("weir: unknown option --json for run (see weir help run)\n", r.stderr);
        Cli.Result b = Cli.run("bench", "--jsn", Cli.example("hello"));
        assertEquals("weir: unknown option --jsn for bench (see weir help bench)\n", b.stderr);
        assertEquals("weir: bench needs a module: weir bench [OPTIONS] APP.wasm [ARGS...]\n",
                Cli.run("bench", "--json").stderr);
    }

    @Test
    void benchHasItsOwnHelp() {
        assertTrue(Cli.run("help", "bench").stdout.startsWith("usage: weir bench [OPTIONS] APP.wasm"));
        assertEquals(Cli.run("help", "bench").stdout, Cli.run("bench", "--help").stdout);
        assertTrue(Cli.run("--help").stdout.contains("bench APP.wasm"));
    }

    @Test
    void vmModeNamesZeroServerAndClient() {
        assertEquals("Zero", BenchCommand.vmMode("OpenJDK 64-Bit Zero VM"));
        assertEquals("Server", BenchCommand.vmMode("OpenJDK 64-Bit Server VM"));
        assertEquals("Client", BenchCommand.vmMode("Java HotSpot(TM) Client VM"));
        assertEquals("Some VM", BenchCommand.vmMode("Some VM"));
    }
}
