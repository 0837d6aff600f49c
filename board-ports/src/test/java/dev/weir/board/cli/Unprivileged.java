package dev.weir.board.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support: runs weir as a user that file permissions apply to. As an ordinary user that is the
 * test's own process; as root (CI), a subprocess through util-linux's {@code setpriv} as the user
 * {@code nobody}, on a copy of the test class path that nobody can read (the originals sit under
 * root's home).
 */
final class Unprivileged {
    private Unprivileged() {
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A directory under dir that the unprivileged user can reach (a @TempDir is root's alone). */
    static Path sharedDir(Path dir) throws IOException {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        for (Path p = shared; p != null && p.startsWith(dir); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return shared;
    }

    /** weir with these arguments, in shared (from {@link #sharedDir}), as an unprivileged user. */
    static Cli.Result run(Path shared, String... args) throws IOException, InterruptedException {
        if (!isRoot()) {
            return Cli.run(args);
        }
        Path classes = Files.createDirectories(shared.resolve("classpath"));
        StringBuilder classpath = new StringBuilder();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path source = Path.of(entry);
            Path copy = classes.resolve(n++ + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                copyTree(source, copy);
            } else if (Files.isRegularFile(source)) {
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            } else {
                continue;
            }
            classpath.append(classpath.length() == 0 ? "" : java.io.File.pathSeparator).append(copy);
        }
        Path app = shared.resolve("app");
        Files.createDirectories(app);
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
                "--clear-groups", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath.toString(), "dev.weir.board.cli.Main"));
        for (String a : args) {
            // Modules under the repository may be unreadable to nobody: run a world-readable copy.
            if (a.endsWith(".wasm") && Files.isRegularFile(Path.of(a))) {
                Path copy = app.resolve(Path.of(a).getFileName());
                Files.copy(Path.of(a), copy, StandardCopyOption.REPLACE_EXISTING);
                a = copy.toString();
            }
            command.add(a);
        }
        makeReadable(shared);
        return Cli.exec(shared, command);
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (var paths = Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void makeReadable(Path shared) throws IOException {
        try (var paths = Files.walk(shared)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (p.startsWith(shared.resolve("classpath")) || p.startsWith(shared.resolve("app")) || p.equals(shared)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                            Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }
}
