package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each example under Node's WASI (examples/node-wasi.mjs) and under weir with the same
 * arguments, and compares stdout and exit status: an independent implementation keeps both the
 * examples and weir's WASI honest. Skipped where node is not installed.
 */
class NodeWasiComparisonTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void nodeIsInstalled() throws Exception {
        boolean found;
        try {
            found = Cli.exec(Cli.root(), Cli.list("node", "--version")).status == 0;
        } catch (java.io.IOException e) {
            found = false;
        }
        assertTrue(found, "node is not installed: the WASI comparison runs the module under node too (Debian package nodejs)");
    }

    /** Runs under both with the given weir/node-wasi options and program arguments, and compares. */
    private void compare(List<String> options, String example, String... args) throws Exception {
        List<String> node = Cli.list("node", "--no-warnings", "examples/node-wasi.mjs");
        node.addAll(options);
        node.add(Cli.example(example));
        node.addAll(java.util.Arrays.asList(args));
        Cli.Result expected = Cli.exec(Cli.root(), node);

        List<String> weir = Cli.list("run");
        weir.addAll(options);
        weir.add(Cli.example(example));
        weir.addAll(java.util.Arrays.asList(args));
        Cli.Result actual = Cli.run(weir.toArray(new String[0]));

        assertEquals(expected.stdout, actual.stdout, "stdout of " + example + "\nnode: " + expected + "\nweir: " + actual);
        assertEquals(expected.status, actual.status, "exit status of " + example + "\nnode: " + expected
                + "\nweir: " + actual);
    }

    @Test
    void hello() throws Exception {
        compare(Cli.list(), "hello");
    }

    @Test
    void echo() throws Exception {
        compare(Cli.list("--env", "GREETING=hi there", "--env", "EMPTY="), "echo", "one", "two words", "");
    }

    @Test
    void wc() throws Exception {
        Path data = Cli.wcData(Files.createDirectory(dir.resolve("data")));
        compare(Cli.list("--dir", data + "::/data"), "wc", "/data", "/data/sub", "/data/sub/c.txt", "/data/missing.txt");
    }

    @Test
    void files() throws Exception {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        // Each runner gets its own directory, so one cannot see what the other left behind.
        List<String> node = Cli.list("node", "--no-warnings", "examples/node-wasi.mjs", "--dir", first + "::/sandbox",
                Cli.example("files"));
        Cli.Result expected = Cli.exec(Cli.root(), node);
        Cli.Result actual = Cli.run("run", "--dir", second + "::/sandbox", Cli.example("files"));
        assertEquals(Cli.FILES_EXPECTED, expected.stdout, expected.toString());
        assertEquals(expected.stdout, actual.stdout, actual.toString());
        assertEquals(expected.status, actual.status, actual.toString());
    }

    @Test
    void clock() throws Exception {
        compare(Cli.list(), "clock");
    }

    @Test
    void trap() throws Exception {
        compare(Cli.list(), "trap");
    }

    @Test
    void recurse() throws Exception {
        compare(Cli.list(), "recurse");
    }
}
