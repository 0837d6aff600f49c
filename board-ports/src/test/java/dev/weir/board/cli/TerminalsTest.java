package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3: weir run told every program that its standard streams were terminals, so C programs
 * line-buffered redirected output and matched neither wasmtime nor a native run.
 */
class TerminalsTest {
    @TempDir
    Path dir;

    @Test
    void readsTheTerminalFromTheProcFdLink() throws Exception {
        Path fds = Files.createDirectory(dir.resolve("fd"));
        Files.createSymbolicLink(fds.resolve("0"), Paths.get("/dev/null"));
        Files.createSymbolicLink(fds.resolve("1"), Paths.get("/dev/pts/4"));
        Files.createSymbolicLink(fds.resolve("2"), Paths.get("pipe:[1234]"));
        assertFalse(Terminals.isTerminal(0, fds), "/dev/null is a character device but no terminal");
        assertTrue(Terminals.isTerminal(1, fds));
        assertFalse(Terminals.isTerminal(2, fds));
    }

    @Test
    void namesTerminalDevices() {
        assertTrue(Terminals.isTerminalDevice("/dev/tty1"));
        assertTrue(Terminals.isTerminalDevice("/dev/ttyAMA0")); // a Raspberry Pi's serial console
        assertTrue(Terminals.isTerminalDevice("/dev/console"));
        assertFalse(Terminals.isTerminalDevice("/home/pi/out.txt"));
        assertFalse(Terminals.isTerminalDevice("socket:[99]"));
    }

    @Test
    void streamsOtherThanTheProcessOwnAreNeverTerminals() throws Exception {
        assertFalse(Terminals.isTerminal(new ByteArrayOutputStream()));
        try (FileOutputStream file = new FileOutputStream(dir.resolve("out.txt").toFile())) {
            assertFalse(Terminals.isTerminal(file));
        }
    }

    @Test
    void programSeesCapturedStreamsAsNoTerminals() throws Exception {
        Path wasm = Paths.get(TerminalsTest.class.getResource("/issue3/isatty.wasm").toURI());
        Cli.Result r = Cli.run("run", wasm.toString(), "3");
        assertEquals("isatty 0 0 0\nline 1\nline 2\nline 3\n", r.stdout, r.toString());
        assertEquals(0, r.status, r.toString());
    }
}
