package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Rust guests: the weir crate (guests/rust/weir) and the examples built on it, run by weir as
 * the C ones are, and built from source with Debian's rustc (installed by make deps) so the crate
 * cannot rot.
 */
class RustGuestTest {
    private static String file(String example, String name) {
        return Cli.root().resolve("examples").resolve(example).resolve(name).toString();
    }

    private static List<String> ledLevels(String stderr) {
        List<String> levels = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.matches("gpio 17 [01] \\d+")) {
                levels.add(line.substring(8, 9));
            }
        }
        return levels;
    }

    @Test
    void rustBlinkyTogglesTheLedThroughTheCrate() {
        Cli.Result r = Cli.run("run", "--grants", file("blinky", "blinky.grants"), "--trace", "gpio",
                Cli.example("rust-blinky"), "4", "5");
        assertEquals(0, r.status, r.toString());
        assertEquals("rust-blinky: 4 toggles of GPIO 17 every 5 ms\n", r.stdout);
        // Opened at 0, four toggles, then dropped: the shutdown level 0 again.
        assertEquals(List.of("0", "1", "0", "1", "0"), ledLevels(r.stderr), r.stderr);
    }

    @Test
    void rustBlinkyWithoutAGrantGetsTheErrorAsAValue() {
        Cli.Result r = Cli.run("run", Cli.example("rust-blinky"), "1", "1");
        assertEquals(1, r.status, r.toString());
        assertTrue(r.stderr.endsWith("rust-blinky: cannot open GPIO 17 as an output: pin-not-allowed\n"), r.stderr);
    }

    @Test
    void rustCameraSeesTheSyntheticMotionAsTheCExampleDoes() {
        Cli.Result r = Cli.run("run", "--grants", file("motion", "motion.grants"), "--trace", "gpio",
                Cli.example("rust-camera"));
        assertEquals(0, r.status, r.toString());
        assertEquals("rust-camera: watching camera 0 at 160x120, LED on GPIO 17\n"
                + "rust-camera: motion from frame 30 (video time 2000 ms), 80 pixels changed\n"
                + "rust-camera: still from frame 60 (video time 4000 ms)\n"
                + "rust-camera: motion from frame 80 (video time 5333 ms), 80 pixels changed\n"
                + "rust-camera: still from frame 100 (video time 6666 ms)\n"
                + "rust-camera: 120 frames, 2 motion events\n", r.stdout);
        assertEquals(List.of("0", "1", "0", "1", "0"), ledLevels(r.stderr), r.stderr);
    }

    @Test
    void theCrateAndExamplesBuildWithDebiansRustc(@TempDir Path out) throws Exception {
        Cli.Result r = Cli.exec(Cli.root(), Cli.list(Cli.root().resolve("guests/rust/build.sh").toString()),
                "WASM_OUT", out.toString());
        assertEquals(0, r.status, r.toString());
        for (String name : new String[] {"rust-blinky", "rust-camera"}) {
            Path built = out.resolve(name + ".wasm");
            assertTrue(Files.size(built) > 0, r.toString());
            Cli.Result check = Cli.run("validate", built.toString());
            assertEquals(0, check.status, check.toString());
            Cli.Result inspect = Cli.run("inspect", built.toString());
            assertTrue(inspect.stdout.contains("weir:gpio."), inspect.stdout);
        }
    }
}
