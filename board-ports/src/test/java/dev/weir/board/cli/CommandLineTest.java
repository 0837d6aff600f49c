package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands, options, help and one-line errors of the weir command line. */
class CommandLineTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(Cli.Result r, int status, String line) {
        assertEquals(status, r.status, r.toString());
        assertEquals("weir: " + line + "\n", r.stderr, r.toString());
    }

    @Test
    void helpListsEveryCommandOptionAndExitStatus() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.status);
        for (String word : new String[] {"run APP.wasm", "inspect APP.wasm", "validate APP.wasm", "help [COMMAND]",
            "--dir HOST[::GUEST][:ro]", "--env NAME=VALUE", "--invoke NAME", "--max-memory SIZE", "--max-stack N",
            "--fuel N", "exit status", "  64 ", "  65 ", "  66 ", "  67 ", "  68 ", "  69 ", "  70 ", "  124 ", "  134 "}) {
            assertTrue(r.stdout.contains(word), "help mentions " + word + ":\n" + r.stdout);
        }
        assertEquals(r.stdout, Cli.run("help").stdout);
    }

    @Test
    void eachCommandHasItsOwnHelp() {
        assertTrue(Cli.run("help", "run").stdout.startsWith("usage: weir run [OPTIONS] APP.wasm"));
        assertTrue(Cli.run("run", "--help").stdout.startsWith("usage: weir run [OPTIONS] APP.wasm"));
        assertTrue(Cli.run("help", "inspect").stdout.startsWith("usage: weir inspect [--json] APP.wasm"));
        assertTrue(Cli.run("validate", "-h").stdout.startsWith("usage: weir validate APP.wasm"));
        assertOneLineError(Cli.run("help", "frobnicate"), ExitStatus.USAGE,
                "no help for frobnicate: commands are run, inspect, validate, bench, board, debug, keygen, sign, verify, fleet, node, help");
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertOneLineError(Cli.run(), ExitStatus.USAGE, "no command given (try weir --help)");
        assertOneLineError(Cli.run("frobnicate"), ExitStatus.USAGE, "unknown command frobnicate (try weir --help)");
        assertOneLineError(Cli.run("run"), ExitStatus.USAGE,
                "run needs a module: weir run [OPTIONS] APP.wasm [ARGS...]");
        assertOneLineError(Cli.run("run", "--frob", "x.wasm"), ExitStatus.USAGE,
                "unknown option --frob for run (see weir help run)");
        assertOneLineError(Cli.run("run", "--dir"), ExitStatus.USAGE, "--dir needs a value (see weir help run)");
        assertOneLineError(Cli.run("run", "--max-stack", "lots", "x.wasm"), ExitStatus.USAGE,
                "--max-stack needs a positive whole number, got lots");
        assertOneLineError(Cli.run("run", "--env", "=x", "x.wasm"), ExitStatus.USAGE,
                "--env needs NAME=VALUE or NAME, got =x");
        assertOneLineError(Cli.run("inspect"), ExitStatus.USAGE,
                "inspect takes exactly one module: weir inspect APP.wasm");
    }

    @Test
    void missingFilesAreReportedAsSuch() {
        assertOneLineError(Cli.run("run", "nope.wasm"), ExitStatus.FILE_NOT_FOUND, "cannot read nope.wasm: no such file");
        assertOneLineError(Cli.run("validate", dir.toString()), ExitStatus.FILE_NOT_FOUND,
                "cannot read " + dir + ": is a directory");
        assertOneLineError(Cli.run("run", "--dir", dir.resolve("absent").toString(), Cli.example("hello")),
                ExitStatus.FILE_NOT_FOUND, "--dir " + dir.resolve("absent") + ": no such directory");
    }

    @Test
    void aDirectoryThisProcessMayNotUseIsADeniedCapability() throws Exception {
        // Permissions do not bind root, and CI runs as root: there the command runs as an unprivileged
        // user (Unprivileged), so the check is made everywhere.
        Path shared = Unprivileged.sharedDir(dir);
        Path locked = java.nio.file.Files.createDirectory(shared.resolve("locked"));
        java.nio.file.Files.setPosixFilePermissions(locked, java.util.EnumSet.noneOf(
                java.nio.file.attribute.PosixFilePermission.class));
        Cli.Result r = Unprivileged.run(shared, "run", "--dir", locked + "::/x", Cli.example("hello"));
        assertOneLineError(r, ExitStatus.DENIED, "denied capability: --dir " + locked + ": this process may not read it");

        Path readOnly = java.nio.file.Files.createDirectory(shared.resolve("readonly"));
        java.nio.file.Files.setPosixFilePermissions(readOnly,
                java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        assertOneLineError(Unprivileged.run(shared, "run", "--dir", readOnly + "::/x", Cli.example("hello")),
                ExitStatus.DENIED, "denied capability: --dir " + readOnly + ": this process may not write it"
                        + " (add :ro to grant it read-only)");
        Cli.Result ok = Unprivileged.run(shared, "run", "--dir", readOnly + "::/x:ro", Cli.example("hello"));
        assertEquals(0, ok.status, ok.toString());
    }

    @Test
    void fuelMustBePositive() {
        assertOneLineError(Cli.run("run", "--fuel", "-3", Cli.example("hello")), ExitStatus.USAGE,
                "--fuel -3 is out of range (1..9223372036854775807)");
    }

    @Test
    void validateIsSilentForAValidModule() {
        Cli.Result r = Cli.run("validate", Cli.example("hello"));
        assertEquals(0, r.status, r.toString());
        assertEquals("", r.stdout + r.stderr);
    }

    @Test
    void validateReportsAMalformedModuleWithSectionAndOffset() throws Exception {
        Path bad = TestModules.write(dir, "bad.wasm", TestModules.BAD_VERSION);
        Cli.Result r = Cli.run("validate", bad.toString());
        assertEquals(ExitStatus.MALFORMED, r.status, r.toString());
        assertTrue(r.stderr.startsWith("weir: malformed module " + bad + ": unknown binary version"), r.toString());
        assertTrue(r.stderr.contains("header section, offset 0x4"), r.toString());
        assertEquals(1, r.stderr.split("\n").length, r.toString());
    }

    @Test
    void validateReportsAnInvalidModuleWithFunctionAndOffset() throws Exception {
        Path bad = TestModules.write(dir, "invalid.wasm", TestModules.INVALID);
        Cli.Result r = Cli.run("validate", bad.toString());
        assertEquals(ExitStatus.INVALID, r.status, r.toString());
        assertTrue(r.stderr.startsWith("weir: invalid module " + bad + ": type mismatch"), r.toString());
        assertTrue(r.stderr.contains("function 0"), r.toString());
        assertEquals(1, r.stderr.split("\n").length, r.toString());
        assertEquals(ExitStatus.INVALID, Cli.run("run", bad.toString()).status);
    }

    @Test
    void runRejectsAMalformedModule() throws Exception {
        Path bad = TestModules.write(dir, "text.wasm", "68656c6c6f");
        Cli.Result r = Cli.run("run", bad.toString());
        assertEquals(ExitStatus.MALFORMED, r.status, r.toString());
        assertTrue(r.stderr.startsWith("weir: malformed module " + bad + ": magic header not detected"), r.toString());
    }

    @Test
    void missingImportIsALinkError() throws Exception {
        Path m = TestModules.write(dir, "imports.wasm", TestModules.IMPORTS_ENV_FOO);
        Cli.Result r = Cli.run("run", m.toString());
        assertEquals(ExitStatus.LINK, r.status, r.toString());
        assertEquals("weir: unknown import env.foo: weir run provides only wasi_snapshot_preview1 functions;"
                + " embed weir to supply env imports\n", r.stderr);
    }

    @Test
    void importOfAnInterfaceFunctionWithAnotherTypeNamesBothTypes() throws Exception {
        // fd_write imported with three parameters, one short, and an empty _start
        Path m = TestModules.write(dir, "mistyped.wasm", "0061736d01000000010b0260037f7f7f017f60000002230116776173695f736e617073686f745f70"
                + "726576696577310866645f7772697465000003020101070a01065f737461727400010a040102000b");
        Cli.Result r = Cli.run("run", m.toString());
        assertEquals(ExitStatus.LINK, r.status, r.toString());
        assertEquals("weir: incompatible import type for wasi_snapshot_preview1.fd_write: wasi_snapshot_preview1"
                + " provides (i32, i32, i32, i32) -> (i32), the module imports (i32, i32, i32) -> (i32)\n", r.stderr);
    }

    @Test
    void memoryBeyondMaxMemoryIsRefusedWithAHint() {
        Cli.Result r = Cli.run("run", "--max-memory", "64K", Cli.example("hello"));
        assertEquals(ExitStatus.LINK, r.status, r.toString());
        assertTrue(r.stderr.startsWith("weir: memory 0 needs 2 pages, more than the store limit of 1 page"), r.toString());
        // The hint names the size the module starts with, ready to paste (issue 3).
        assertTrue(r.stderr.endsWith(" (raise it with --max-memory 128K)\n"), r.toString());
        assertEquals(0, Cli.run("run", "--max-memory", "128K", Cli.example("hello")).status);
        assertEquals(0, Cli.run("run", "--max-memory", "2p", Cli.example("hello")).status);
    }

    @Test
    void invokeParsesArgumentsByTypeAndPrintsResults() throws Exception {
        String m = TestModules.write(dir, "exports.wasm", TestModules.EXPORTS).toString();
        Cli.Result r = Cli.run("run", "--invoke", "add", m, "40", "2");
        assertEquals("42\n", r.stdout, r.toString());
        assertEquals(0, r.status);
        assertEquals("-2\n", Cli.run("run", "--invoke", "add", m, "4294967295", "-1").stdout);
        assertEquals("16\n", Cli.run("run", "--invoke=add", m, "0x10", "0").stdout);
        assertEquals("2.5\n-9223372036854775808\n",
                Cli.run("run", "--invoke", "swap", m, "0x8000000000000000", "2.5").stdout);
        assertEquals("1.75\n", Cli.run("run", "--invoke", "half", m, "3.5").stdout);
        assertEquals("-inf\n", Cli.run("run", "--invoke", "half", m, "-inf").stdout);
        assertEquals("nan\n", Cli.run("run", "--invoke", "half", m, "nan").stdout);
    }

    @Test
    void invokeRejectsWrongArgumentsAndUnknownExports() throws Exception {
        String m = TestModules.write(dir, "exports.wasm", TestModules.EXPORTS).toString();
        assertOneLineError(Cli.run("run", "--invoke", "add", m, "1"), ExitStatus.USAGE,
                "add takes 2 arguments (i32, i32) -> (i32), got 1");
        assertOneLineError(Cli.run("run", "--invoke", "add", m, "1", "4294967296"), ExitStatus.USAGE,
                "argument 2 of add (i32): 4294967296 does not fit in i32");
        assertOneLineError(Cli.run("run", "--invoke", "half", m, "1f"), ExitStatus.USAGE,
                "argument 1 of half (f32): not a number: 1f");
        assertOneLineError(Cli.run("run", "--invoke", "mul", m), ExitStatus.USAGE,
                "module has no exported function mul (exported functions: add, swap, half, div)");
        assertOneLineError(Cli.run("run", m), ExitStatus.USAGE,
                "module has no _start export, so it is not a WASI command; call one with --invoke NAME"
                        + " (exported functions: add, swap, half, div)");
    }

    @Test
    void invokeReportsATrapWithItsBacktrace() throws Exception {
        String m = TestModules.write(dir, "exports.wasm", TestModules.EXPORTS).toString();
        Cli.Result r = Cli.run("run", "--invoke", "div", m, "1", "0");
        assertEquals(ExitStatus.TRAP, r.status, r.toString());
        assertEquals("weir: trap: integer divide by zero\n  at div[3]\n", r.stderr);
    }

    @Test
    void invokeTrapInAStrippedModuleNamesTheExport() throws Exception {
        String m = TestModules.write(dir, "stripped.wasm", TestModules.EXPORTS_STRIPPED).toString();
        Cli.Result r = Cli.run("run", "--invoke", "div", m, "1", "0");
        assertEquals(ExitStatus.TRAP, r.status, r.toString());
        assertEquals("weir: trap: integer divide by zero\n  at div[3]\n", r.stderr);
    }

    @Test
    void inspectOfAnInvalidModuleDescribesItAndExitsInvalid() throws Exception {
        Path bad = TestModules.write(dir, "invalid.wasm", TestModules.INVALID);
        Cli.Result r = Cli.run("inspect", bad.toString());
        assertEquals(ExitStatus.INVALID, r.status, r.toString());
        assertTrue(r.stdout.contains("\nvalid: no: type mismatch"), r.toString());
    }

    @Test
    void guestPathsWithAnAccessModeOrDotDotAreRefused() {
        assertOneLineError(Cli.run("run", "--dir", dir + "::/x:rw", Cli.example("hello")), ExitStatus.USAGE,
                "--dir " + dir + "::/x:rw: unknown access mode :rw (the only one is :ro; directories are writable"
                        + " without it)");
        assertOneLineError(Cli.run("run", "--dir", dir + "::/../x", Cli.example("hello")), ExitStatus.USAGE,
                "--dir " + dir + "::/../x: the guest path /../x has a .. component; name the directory the program"
                        + " will see without it");
        assertEquals(0, Cli.run("run", "--dir", dir + "::/x:ro", Cli.example("hello")).status);
    }

    @Test
    void aScriptGivenAsAModuleSaysToRunItWithWast() throws Exception {
        Path wast = java.nio.file.Files.writeString(dir.resolve("app.wast"), "(module)\n(assert_return (invoke \"f\"))\n");
        Cli.Result r = Cli.run("run", wast.toString());
        assertEquals(ExitStatus.MALFORMED, r.status, r.toString());
        assertTrue(r.stderr.contains(wast + " is a WebAssembly script, not a module: run it with weir wast " + wast), r.stderr);
        assertEquals(0, Cli.run("run", "--invoke", "f", writeWat("app.wat", "(module (func (export \"f\")))")).status);
    }

    private String writeWat(String name, String text) throws java.io.IOException {
        return java.nio.file.Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void helpCallsTheGrantsFileWhatItHolds() {
        String help = Cli.run("--help").stdout;
        assertFalse(help.contains("GPIO grants"), help);
        assertTrue(help.contains("--grants FILE            a grants file: what the module may use"), help);
    }

    @Test
    void inspectDescribesImportsExportsLimitsSectionsAndCapabilities() {
        String app = Cli.example("wc");
        Cli.Result r = Cli.run("inspect", app);
        assertEquals(0, r.status, r.toString());
        String s = r.stdout;
        assertTrue(s.startsWith("module: " + app + " ("), s);
        assertTrue(s.contains("\nvalid: yes\n"), s);
        assertTrue(s.contains("\n  function wasi_snapshot_preview1.path_open (i32, i32, i32, i32, i32, i64, i64, i32, i32)"
                + " -> (i32)\n"), s);
        assertTrue(s.contains("\n  function _start () -> () = "), s);
        assertTrue(s.contains("\n  memory memory = memory 0\n"), s);
        assertTrue(s.contains("\n  memory 0: 2 pages initial (128 KiB), no maximum\n"), s);
        assertTrue(s.contains("\n  table 0: funcref,"), s);
        assertTrue(s.contains("\n  name ("), s);
        assertTrue(s.contains("\n  producers ("), s);
        assertTrue(s.contains("\ncapabilities:\n"), s);
        assertTrue(s.contains("\n  args       args_get, args_sizes_get  [program arguments after APP.wasm]\n"), s);
        assertTrue(s.contains("\n  filesystem "), s);
        assertTrue(s.contains("path_open"), s);
        assertFalse(s.contains("\n  clock"), "wc reads no clock:\n" + s);
    }

    @Test
    void inspectGroupsClockAndRandomAndFlagsForeignImports() throws Exception {
        String s = Cli.run("inspect", Cli.example("clock")).stdout;
        assertTrue(s.contains("\n  clock      clock_res_get, clock_time_get  [always available]\n")
                || s.contains("\n  clock      clock_time_get, clock_res_get  [always available]\n"), s);
        assertTrue(s.contains("\n  random     random_get  [always available]\n"), s);
        Path m = TestModules.write(dir, "imports.wasm", TestModules.IMPORTS_ENV_FOO);
        String foreign = Cli.run("inspect", m.toString()).stdout;
        assertTrue(foreign.contains("\n  host       env.foo  [not WASI: weir run cannot provide these]\n"), foreign);
    }

}
