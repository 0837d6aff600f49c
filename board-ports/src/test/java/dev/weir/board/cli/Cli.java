package dev.weir.board.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test support: runs weir in-process or as a subprocess, and finds the repository and examples. */
final class Cli {
    private Cli() {
    }

    /** What a command printed and how it exited. */
    static final class Result {
        final int status;
        final String stdout;
        final String stderr;

        Result(int status, String stdout, String stderr) {
            this.status = status;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public String toString() {
            return "status " + status + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Calls {@link Main#run} as main would, with empty stdin and captured stdout and stderr. */
    static Result run(String... args) {
        return runWithInput("", args);
    }

    static Result runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int status = Main.run(args, in, out, err);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command line as a subprocess in dir, with extra environment variables (name, value, ...). */
    static Result exec(Path dir, List<String> command, String... env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Path out = Files.createTempFile("weir-out", ".txt");
        Path err = Files.createTempFile("weir-err", ".txt");
        try {
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static List<String> list(String... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /** The repository root: the nearest ancestor of the working directory holding examples/ and bin/weir. */
    static Path root() {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bin/weir")) && Files.isDirectory(p.resolve("examples"))) {
                return p;
            }
        }
        throw new AssertionError("no repository root above " + dir);
    }

    /** Absolute path of a committed example, examples/NAME/NAME.wasm. */
    static String example(String name) {
        Path p = root().resolve("examples").resolve(name).resolve(name + ".wasm");
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("missing example " + p + " (examples/build.sh builds it)");
        }
        return p.toString();
    }

    /** The files the wc tests count: a.txt, b.txt and sub/c.txt (wc skips subdirectories, so tests name it). */
    static Path wcData(Path dir) throws IOException {
        Files.write(dir.resolve("a.txt"), "one two\nthree\n".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("b.txt"), "four five six\n\nseven".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub/c.txt"), "x\n".getBytes(StandardCharsets.UTF_8));
        return dir;
    }

    static final String WC_EXPECTED = ""
            + "      2       3      14 /data/a.txt\n"
            + "      2       4      20 /data/b.txt\n"
            + "      1       1       2 /data/sub/c.txt\n"
            + "      5       8      36 total\n";

    static final String FILES_EXPECTED = ""
            + "created directory work\n"
            + "wrote 23 bytes to work/first.txt\n"
            + "renamed work/first.txt to work/second.txt\n"
            + "work/first.txt is gone\n"
            + "work/second.txt has 23 bytes\n"
            + "read back 23 bytes, same content\n"
            + "word at offset 5: was\n"
            + "deleted work/second.txt\n"
            + "removed directory work\n";

    static final String CLOCK_EXPECTED = ""
            + "monotonic resolution reported: yes\n"
            + "monotonic clock advances: yes\n"
            + "realtime is after 2020: yes\n"
            + "random bytes differ: yes\n";
}
