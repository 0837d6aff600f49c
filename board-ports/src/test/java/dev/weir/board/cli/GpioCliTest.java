package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** weir run's GPIO options and weir board, in-process on the host board. */
class GpioCliTest {
    private static final Pattern TRACE = Pattern.compile("gpio (\\d+) ([01]) (\\d+)");

    private static String file(String example, String name) {
        return Cli.root().resolve("examples").resolve(example).resolve(name).toString();
    }

    /** The trace lines of one pin as "level" strings, checking the format and that times never go back. */
    private static List<String> levels(String stderr, int pin) {
        List<String> levels = new ArrayList<>();
        long last = 0;
        for (String line : stderr.split("\n")) {
            Matcher m = TRACE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            long t = Long.parseLong(m.group(3));
            assertTrue(t >= last, "time goes forward: " + stderr);
            last = t;
            if (Integer.parseInt(m.group(1)) == pin) {
                levels.add(m.group(2));
            }
        }
        return levels;
    }

    @Test
    void traceGpioPrintsEveryPinChangeOfBlinky() {
        Cli.Result r = Cli.run("run", "--grants", file("blinky", "blinky.grants"), "--trace", "gpio",
                Cli.example("blinky"), "4", "5");
        assertEquals(0, r.status, r.toString());
        assertEquals("blinky: 4 toggles of GPIO 17 every 5 ms\n", r.stdout);
        for (String line : r.stderr.split("\n")) {
            assertTrue(TRACE.matcher(line).matches(), "only trace lines: " + r.stderr);
        }
        assertEquals(List.of("0", "1", "0", "1", "0"), levels(r.stderr, 17), "opened at 0, four toggles");
    }

    @Test
    void stimulusPressesTheSimulatedButtonAndTheLedFollows() {
        Cli.Result r = Cli.run("run", "--grants", file("button", "button.grants"), "--stimulus",
                file("button", "button.stimulus"), "--trace", "gpio", Cli.example("button"));
        assertEquals(0, r.status, r.toString());
        assertTrue(r.stdout.endsWith("button: 3 presses\n"), r.toString());
        // Pressed at 300, 800 and 1200 ms; the module ends at the third press, before the 1500 ms release.
        assertEquals(List.of("0", "1", "0", "1", "0"), levels(r.stderr, 27), r.stderr);
        assertEquals(List.of("0", "1", "0", "1", "0", "1", "0"), levels(r.stderr, 17), r.stderr);
    }

    @Test
    void fadeTracesPwmDutyInPercent() {
        Cli.Result r = Cli.run("run", "--grants", file("fade", "fade.grants"), "--trace", "gpio", Cli.example("fade"),
                "1", "1");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.stderr.startsWith("pwm 18 5.00 "), r.stderr);
        assertTrue(r.stderr.contains("\npwm 18 100.00 "), r.stderr);
        assertEquals(40, r.stderr.split("\n").length, r.stderr);
    }

    @Test
    void aModuleWithoutGrantsIsDeniedWithOneClearLine() {
        Cli.Result r = Cli.run("run", Cli.example("blinky"), "1", "1");
        assertEquals(1, r.status, r.toString());
        assertEquals("weir: gpio denied: output on GPIO 17: no grant names GPIO 17 (pin-not-allowed)\n"
                + "blinky: cannot open GPIO 17 as an output: pin-not-allowed\n", r.stderr);
    }

    @Test
    void singleGrantsComeFromTheCommandLine() {
        Cli.Result r = Cli.run("run", "--grant", "gpio 17 output shutdown=1", "--trace=gpio", Cli.example("blinky"),
                "1", "1");
        assertEquals(0, r.status, r.toString());
        assertEquals(List.of("0", "1"), levels(r.stderr, 17));
    }

    @Test
    void grantsTheBoardCannotHonourAreRefusedBeforeTheRun() {
        Cli.Result r = Cli.run("run", "--grant", "gpio 40 output", Cli.example("blinky"));
        assertEquals(ExitStatus.USAGE, r.status, r.toString());
        assertEquals("weir: grant refused: --grant 'gpio 40 output': gpio 40 output initial=0 shutdown=0: GPIO 40"
                + " does not exist on host (GPIO 2..27; see weir board)\n", r.stderr);
        Cli.Result pwm = Cli.run("run", "--grant", "gpio 17 pwm", Cli.example("blinky"));
        assertEquals(ExitStatus.USAGE, pwm.status);
        assertTrue(pwm.stderr.endsWith("GPIO 17 has no hardware PWM on host (PWM pins: 18, 12, 13, 19)\n"), pwm.stderr);
    }

    @Test
    void badGrantFilesAndStimulusScriptsNameFileAndLine(@TempDir Path dir) throws Exception {
        Path grants = Files.writeString(dir.resolve("bad.grants"), "# ok\ngpio 17 output\ngpio 27 input pull=sideways\n");
        Cli.Result r = Cli.run("run", "--grants", grants.toString(), Cli.example("blinky"));
        assertEquals(ExitStatus.USAGE, r.status);
        assertEquals("weir: grant: " + grants + ":3: pull=sideways: expected one of none, up, down\n", r.stderr);

        Cli.Result missing = Cli.run("run", "--grants", dir.resolve("none.grants").toString(), Cli.example("blinky"));
        assertEquals(ExitStatus.FILE_NOT_FOUND, missing.status);
        assertEquals("weir: --grants " + dir.resolve("none.grants") + ": no such file\n", missing.stderr);

        Path stimulus = Files.writeString(dir.resolve("s.txt"), "0 27 1\n10 27 2\n");
        Cli.Result s = Cli.run("run", "--grants", file("button", "button.grants"), "--stimulus", stimulus.toString(),
                Cli.example("button"));
        assertEquals(ExitStatus.USAGE, s.status);
        assertEquals("weir: stimulus: " + stimulus + ":2: level '2' is not 0 or 1\n", s.stderr);

        Cli.Result trace = Cli.run("run", "--trace", "wasm", Cli.example("blinky"));
        assertEquals(ExitStatus.USAGE, trace.status);
        assertEquals("weir: --trace wasm: the traces are gpio, camera and messaging (--trace gpio)\n", trace.stderr);

        Cli.Result board = Cli.run("run", "--board", "arduino", Cli.example("blinky"));
        assertEquals(ExitStatus.USAGE, board.status);
        assertEquals("weir: --board: unknown board 'arduino' (boards: auto, host, raspberry-pi)\n", board.stderr);
    }

    @Test
    void conflictingGrantsForOnePinAreRefusedBeforeTheRun() {
        Cli.Result r = Cli.run("run", "--grants", file("blinky", "blinky.grants"), "--grant", "gpio 17 input",
                Cli.example("blinky"), "1", "1");
        assertEquals(ExitStatus.USAGE, r.status, r.toString());
        assertEquals("weir: grant refused: GPIO 17 is granted twice, differently: " + file("blinky", "blinky.grants")
                + ":2: gpio 17 output initial=0 shutdown=0, and --grant 'gpio 17 input': gpio 17 input pull=none"
                + " edge=none (keep one grant per pin)\n", r.stderr);
        assertEquals("", r.stdout);
        Cli.Result same = Cli.run("run", "--grants", file("blinky", "blinky.grants"), "--grant",
                "gpio 17 output", Cli.example("blinky"), "1", "1");
        assertEquals(0, same.status, "the same grant twice is harmless: " + same);
    }

    @Test
    void pipedOutputStaysInterleavedWithThePinTrace(@TempDir Path dir) throws Exception {
        // As `make run | tee log`: stdout and stderr are one pipe, not a terminal.
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                "dev.weir.board.cli.Main", "run", "--grants", file("button", "button.grants"), "--stimulus",
                file("button", "button.stimulus"), "--trace", "gpio", Cli.example("button"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        String merged = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), merged);
        List<String> lines = List.of(merged.split("\n"));
        // Each press: the LED goes on (trace), then the module says so, before the next press's trace.
        int firstPress = -1;
        int lastLedOn = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (firstPress < 0 && lines.get(i).startsWith("button: pressed")) {
                firstPress = i;
            }
            if (lines.get(i).startsWith("gpio 17 1 ")) {
                lastLedOn = i;
            }
        }
        assertTrue(firstPress >= 0 && firstPress < lastLedOn, "the first press is reported before the last LED change:\n"
                + merged);
    }

    @Test
    void stoppingTheJvmMidRunStillDrivesTheShutdownLevel(@TempDir Path dir) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // One toggle a minute: the LED sits at its initial level 1 until the JVM is stopped.
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                "dev.weir.board.cli.Main", "run", "--grant", "gpio 17 output initial=1 shutdown=0", "--trace", "gpio",
                Cli.example("blinky"), "10", "60000");
        Path stderr = dir.resolve("stderr.txt");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!Files.readString(stderr).contains("\n")) {
                assertTrue(System.nanoTime() < deadline && p.isAlive(), "no trace line: " + Files.readString(stderr));
                Thread.sleep(10);
            }
            p.toHandle().destroy(); // SIGTERM, as Ctrl-C or systemd would stop it
            assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        String[] lines = Files.readString(stderr).split("\n");
        assertEquals(2, lines.length, Files.readString(stderr));
        assertTrue(lines[0].startsWith("gpio 17 1 "), "opened at the initial level: " + lines[0]);
        assertTrue(lines[1].startsWith("gpio 17 0 "), "the shutdown hook drove the shutdown level: " + lines[1]);
    }

    @Test
    void boardPrintsTheHostHeader() {
        Cli.Result r = Cli.run("board", "--board", "host");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.stdout.startsWith("board: host\nmodel: simulated Raspberry Pi header (Pi4J 2.8.0 mock platform)\n"),
                r.stdout);
        assertTrue(r.stdout.contains("\nGPIO17 pin 11  input, output"), r.stdout);
        assertTrue(r.stdout.contains("\nGPIO18 pin 12  input, output, pwm (channel 0) PCM CLK"), r.stdout);
        assertEquals(26, r.stdout.lines().filter(l -> l.startsWith("GPIO")).count());
        Cli.Result help = Cli.run("board", "--help");
        assertTrue(help.stdout.startsWith("usage: weir board [--board NAME]\n"));
        assertEquals(ExitStatus.USAGE, Cli.run("board", "--pins").status);
    }

    @Test
    void boardDetectsARaspberryPiFromTheDeviceTree(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("proc/device-tree"));
        Files.writeString(root.resolve("proc/device-tree/model"), "Raspberry Pi 4 Model B Rev 1.4\0");
        String previous = System.getProperty("weir.sysroot");
        System.setProperty("weir.sysroot", root.toString());
        try {
            Cli.Result r = Cli.run("board");
            assertEquals(0, r.status, r.toString());
            assertTrue(r.stdout.startsWith("board: raspberry-pi\nmodel: Raspberry Pi 4 Model B Rev 1.4\n"
                    + "gpio: /dev/gpiochip0 through Pi4J gpiod"), r.stdout);
            Cli.Result run = Cli.run("run", "--grants", file("button", "button.grants"), "--stimulus",
                    file("button", "button.stimulus"), Cli.example("button"));
            assertEquals(ExitStatus.USAGE, run.status);
            assertEquals("weir: --stimulus drives simulated inputs and works only on the host board (this is"
                    + " raspberry-pi; add --board host)\n", run.stderr);
            Files.writeString(root.resolve("proc/device-tree/model"), "Raspberry Pi Model B Rev 2\0");
            Cli.Result old = Cli.run("board");
            assertEquals(ExitStatus.DENIED, old.status);
            assertEquals("weir: 'Raspberry Pi Model B Rev 2' is not supported: the raspberry-pi board needs a"
                    + " Raspberry Pi 3, 4, 5 or Zero 2 W\n", old.stderr);
        } finally {
            if (previous == null) {
                System.clearProperty("weir.sysroot");
            } else {
                System.setProperty("weir.sysroot", previous);
            }
        }
    }
}
