package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir run --timeout}: a program running too long is stopped with its own status and one line. */
class TimeoutCliTest {
    /**
     * <pre>
     * (module
     *   (func $nop)
     *   (func (export "_start") (loop br 0))
     *   (func (export "calls") (loop call $nop br 0)))
     * </pre>
     */
    static final String FOREVER = "0061736d01000000010401600000030403000000071202065f737461727400010563616c6c7300020a"
            + "160302000b070003400c000b0b0900034010000c000b0b";

    @TempDir
    Path dir;

    @Test
    void anEndlessLoopIsStoppedAtTheTimeoutWithItsOwnStatusAndOneLine() throws IOException {
        String wasm = TestModules.write(dir, "forever.wasm", FOREVER).toString();
        Cli.Result r = Cli.run("run", "--timeout", "300ms", wasm);
        assertEquals(ExitStatus.TIMEOUT, r.status, r.toString());
        assertEquals("weir: timeout: the program ran longer than its --timeout of 300ms and was stopped\n", r.stderr);
    }

    @Test
    void anEndlessLoopOfCallsIsStoppedToo() throws IOException {
        String wasm = TestModules.write(dir, "forever.wasm", FOREVER).toString();
        Cli.Result r = Cli.run("run", "--timeout", "1s", "--invoke", "calls", wasm);
        assertEquals(ExitStatus.TIMEOUT, r.status, r.toString());
        assertEquals("weir: timeout: the program ran longer than its --timeout of 1s and was stopped\n", r.stderr);
    }

    @Test
    void aProgramThatEndsInTimeIsNotDisturbed() {
        Cli.Result r = Cli.run("run", "--timeout", "1m", Cli.example("hello"));
        assertEquals(0, r.status, r.toString());
        assertEquals("Hello, world!\n", r.stdout);
    }

    @Test
    void benchReportsATimeoutAsTheOutcome() throws IOException {
        String wasm = TestModules.write(dir, "forever.wasm", FOREVER).toString();
        Cli.Result r = Cli.run("bench", "--json", "--timeout", "200ms", wasm);
        assertEquals(ExitStatus.TIMEOUT, r.status, r.toString());
        assertTrue(r.stderr.contains("\"outcome\":\"timeout\""), r.stderr);
    }

    @Test
    void durationsTakeUnits() throws CliException {
        assertEquals(5000, RunOptions.parseDuration("5s"));
        assertEquals(5000, RunOptions.parseDuration("5"));
        assertEquals(250, RunOptions.parseDuration("250ms"));
        assertEquals(120_000, RunOptions.parseDuration("2m"));
        assertEquals(3_600_000, RunOptions.parseDuration("1h"));
        assertThrows(CliException.class, () -> RunOptions.parseDuration("5x"));
        assertThrows(CliException.class, () -> RunOptions.parseDuration("0s"));
        assertThrows(CliException.class, () -> RunOptions.parseDuration("-1"));
    }
}
