package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Makefile's targets print, as a new user reads it in a terminal, a pipe or a CI log. */
class MakefileTest {
    /** Runs make in the repository with an extra makefile (on stdin) after the real one. */
    private static Cli.Result make(String extra, String... targets) throws Exception {
        Path script = java.nio.file.Files.createTempFile("weir-make", ".mk");
        try {
            java.nio.file.Files.writeString(script, extra);
            List<String> command = Cli.list("make", "-s", "--no-print-directory", "-f", "Makefile", "-f",
                    script.toString());
            command.addAll(List.of(targets));
            return Cli.exec(Cli.root(), command);
        } finally {
            java.nio.file.Files.deleteIfExists(script);
        }
    }

    @Test
    void mavenAsTheMakefileRunsItWritesNoColourCodes() throws Exception {
        // The same Maven command line and environment as make build and make test, on the parent pom only.
        Cli.Result r = make("weir-test-mvn:\n\t$(MVNW) -N validate\n", "weir-test-mvn");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.stdout.contains("BUILD SUCCESS"), r.toString());
        assertFalse((r.stdout + r.stderr).contains("\u001b"), "no escape codes: " + r.stdout.replace("\u001b", "ESC"));
    }

    @Test
    void theFirstMakeRunSaysItIsBuilding() throws Exception {
        Cli.Result r = Cli.exec(Cli.root(), Cli.list("make", "-n", "--no-print-directory", "run", "OUT=target"));
        assertEquals(0, r.status, r.toString());
        assertTrue(r.stdout.contains("building weir (board-ports/target/weir.jar, about half a minute the first time)"),
                r.stdout);
    }
}
