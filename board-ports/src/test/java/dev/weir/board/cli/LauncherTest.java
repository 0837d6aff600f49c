package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/weir as a user runs it: a subprocess, from another working directory, through a symlink. The
 * jar is built after the tests run, so these use WEIR_CLASSPATH to point the launcher at the classes
 * under test; everything else (path resolution, JVM options, exit status) is the real script.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private static final String CLASSPATH = System.getProperty("java.class.path");

    @Test
    void runsHelloFromAnyDirectoryThroughASymlink() throws Exception {
        Path link = dir.resolve("weir-link");
        Files.createSymbolicLink(link, Cli.root().resolve("bin/weir"));
        Cli.Result r = Cli.exec(dir, Cli.list(link.toString(), "run", Cli.example("hello")),
                "WEIR_CLASSPATH", CLASSPATH);
        assertEquals("Hello, world!\n", r.stdout, r.toString());
        assertEquals("", r.stderr, r.toString());
        assertEquals(0, r.status, r.toString());
    }

    @Test
    void passesTheProgramsExitStatusAndJavaOpts() throws Exception {
        // An option the JVM rejects proves JAVA_OPTS reaches it.
        Cli.Result bad = Cli.exec(dir, Cli.list(Cli.root().resolve("bin/weir").toString(), "--version"),
                "WEIR_CLASSPATH", CLASSPATH, "JAVA_OPTS", "-XX:+NoSuchWeirOption");
        assertTrue(bad.status != 0 && bad.stderr.contains("NoSuchWeirOption"), bad.toString());

        Cli.Result r = Cli.exec(dir, Cli.list(Cli.root().resolve("bin/weir").toString(), "run", Cli.example("echo"),
                "a", "b"), "WEIR_CLASSPATH", CLASSPATH, "JAVA_OPTS", "-Xmx64m");
        assertEquals(2, r.status, r.toString());
        assertTrue(r.stdout.startsWith("argc=3\n"), r.toString());
    }

    @Test
    void turnsJumpTablesOffOnlyWhereTheJvmVariantTakesTheOption() throws Exception {
        assertTrue(jvmArgs("-server KNOWN\n-zero KNOWN\n", "").contains("-XX:-UseJumpTables"));
        assertFalse(jvmArgs("-zero KNOWN\n-server KNOWN\n", "").contains("-XX:-UseJumpTables"),
                "the default variant is Zero");
        assertFalse(jvmArgs("-server KNOWN\n-zero KNOWN\n", "-zero").contains("-XX:-UseJumpTables"),
                "JAVA_OPTS picks Zero");
        assertTrue(jvmArgs("-zero KNOWN\n-server KNOWN\n", "-server").contains("-XX:-UseJumpTables"),
                "JAVA_OPTS picks the server VM");
    }

    @Test
    void startsWithASmallHeapUnlessJavaOptsSizesIt() throws Exception {
        assertTrue(jvmArgs("-server KNOWN\n", "").contains("-Xms8m"));
        assertFalse(jvmArgs("-server KNOWN\n", "-Xmx6m").contains("-Xms8m"),
                "a maximum under 8 MiB must not meet -Xms8m");
        assertFalse(jvmArgs("-server KNOWN\n", "-XX:InitialHeapSize=4m").contains("-Xms8m"));
        // And a real JVM starts with a maximum heap under 8 MiB.
        Cli.Result r = Cli.exec(dir, Cli.list(Cli.root().resolve("bin/weir").toString(), "run", Cli.example("hello")),
                "WEIR_CLASSPATH", CLASSPATH, "JAVA_OPTS", "-Xmx6m");
        assertEquals("Hello, world!\n", r.stdout, r.toString());
    }

    /** The arguments bin/weir gives a fake JVM whose lib/jvm.cfg is cfg, with JAVA_OPTS opts. */
    private String jvmArgs(String cfg, String opts) throws Exception {
        Path home = Files.createTempDirectory(dir, "jdk");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.write(home.resolve("lib/jvm.cfg"), cfg.getBytes("UTF-8"));
        Path java = home.resolve("bin/java");
        Files.write(java, "#!/bin/sh\necho \"$@\"\n".getBytes("UTF-8"));
        assertTrue(java.toFile().setExecutable(true));
        Cli.Result r = Cli.exec(dir, Cli.list(Cli.root().resolve("bin/weir").toString(), "--version"),
                "WEIR_CLASSPATH", CLASSPATH, "JAVA_HOME", home.toString(), "JAVA_OPTS", opts);
        assertEquals(0, r.status, r.toString());
        return r.stdout;
    }

    @Test
    void reportsATrapOnStderrWithItsExitStatus() throws Exception {
        Cli.Result r = Cli.exec(dir, Cli.list(Cli.root().resolve("bin/weir").toString(), "run", Cli.example("trap")),
                "WEIR_CLASSPATH", CLASSPATH);
        assertEquals(ExitStatus.TRAP, r.status, r.toString());
        assertEquals("reading past the end of memory\n", r.stdout);
        assertTrue(r.stderr.startsWith("weir: trap: out of bounds memory access\n  at read_past_end[9]\n"), r.toString());
    }

    @Test
    void saysToBuildWhenTheJarIsMissing() throws Exception {
        Path fakeRoot = dir.resolve("checkout");
        Files.createDirectories(fakeRoot.resolve("bin"));
        Files.copy(Cli.root().resolve("bin/weir"), fakeRoot.resolve("bin/weir"));
        Cli.Result r = Cli.exec(dir, Cli.list("bash", fakeRoot.resolve("bin/weir").toString(), "--help"));
        assertEquals(70, r.status, r.toString());
        assertEquals("weir: " + fakeRoot.resolve("board-ports/target/weir.jar") + " is missing: run `make build` in "
                + fakeRoot + " first\n", r.stderr);
    }
}
