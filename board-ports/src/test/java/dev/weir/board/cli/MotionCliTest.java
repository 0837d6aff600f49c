package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** examples/motion on the host board's synthetic camera, and weir run's camera options. */
class MotionCliTest {
    private static final Pattern GPIO = Pattern.compile("gpio 17 ([01]) \\d+");
    private static final Pattern CAMERA = Pattern.compile("camera 0 (\\d+) 160x120 gray8 (\\d+)");

    private static String grants() {
        return Cli.root().resolve("examples/motion/motion.grants").toString();
    }

    private static List<String> ledLevels(String stderr) {
        List<String> levels = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            Matcher m = GPIO.matcher(line);
            if (m.matches()) {
                levels.add(m.group(1));
            }
        }
        return levels;
    }

    @Test
    void scriptedMotionGivesExactlyTheExpectedLedSequence() {
        // The default script moves the object in frames 30-59 and 80-99 of 120.
        Cli.Result r = Cli.run("run", "--grants", grants(), "--camera", "synthetic", "--trace", "gpio",
                Cli.example("motion"));
        assertEquals(0, r.status, r.toString());
        assertEquals("motion: watching camera 0 at 160x120, LED on GPIO 17\n"
                + "motion: started at frame 30 (video time 2000 ms), 80 pixels changed\n"
                + "motion: ended at frame 60 (video time 4000 ms)\n"
                + "motion: started at frame 80 (video time 5333 ms), 80 pixels changed\n"
                + "motion: ended at frame 100 (video time 6666 ms)\n"
                + "motion: 120 frames, 2 motion events\n", r.stdout);
        assertEquals(List.of("0", "1", "0", "1", "0"), ledLevels(r.stderr), r.stderr);
    }

    @Test
    void ownScriptMovesWhereItSays() {
        Cli.Result r = Cli.run("run", "--grants", grants(), "--camera", "synthetic:frames=20,move=5-6,move=10-10,move=15-19",
                "--trace", "gpio", Cli.example("motion"));
        assertEquals(0, r.status, r.toString());
        assertTrue(r.stdout.contains("started at frame 5 ") && r.stdout.contains("ended at frame 7 ")
                && r.stdout.contains("started at frame 10 ") && r.stdout.contains("ended at frame 11 ")
                && r.stdout.contains("started at frame 15 ") && r.stdout.contains("motion: ended with the stream"), r.stdout);
        assertEquals(List.of("0", "1", "0", "1", "0", "1", "0"), ledLevels(r.stderr), r.stderr);
    }

    @Test
    void traceCameraPrintsOneLinePerFrame() {
        Cli.Result r = Cli.run("run", "--grants", grants(), "--trace", "camera", Cli.example("motion"), "160", "120",
                "15", "24", "7");
        assertEquals(0, r.status, r.toString());
        int frames = 0;
        long last = 0;
        for (String line : r.stderr.split("\n")) {
            Matcher m = CAMERA.matcher(line);
            assertTrue(m.matches(), "only camera trace lines: " + r.stderr);
            assertEquals(frames, Integer.parseInt(m.group(1)));
            assertTrue(Long.parseLong(m.group(2)) >= last);
            last = Long.parseLong(m.group(2));
            frames++;
        }
        assertEquals(7, frames);
    }

    @Test
    void requestBeyondTheGrantIsDenied() {
        Cli.Result r = Cli.run("run", "--grant", "camera 0 max=160x120 fps=10 formats=gray8", "--grant",
                "gpio 17 output", Cli.example("motion"), "320", "240", "10");
        assertEquals(1, r.status, r.toString());
        assertEquals("weir: camera denied: camera 0 at 320x240 gray8 10 fps: 320x240 is beyond the granted"
                + " max=160x120 (mode-not-allowed)\n"
                + "motion: cannot open camera 0 at 320x240 gray8 10 fps: mode-not-allowed\n", r.stderr);
    }

    @Test
    void withoutAGrantTheCameraIsRefused() {
        Cli.Result r = Cli.run("run", "--grant", "gpio 17 output", Cli.example("motion"));
        assertEquals(1, r.status, r.toString());
        assertTrue(r.stderr.startsWith("weir: camera denied: camera 0 at 160x120 gray8 15 fps: no grant names camera 0"
                + " (not-allowed)\n"), r.stderr);
    }

    @Test
    void missingProducerIsOneLineForTheOperatorAndAnErrorForTheModule() {
        Cli.Result r = Cli.run("run", "--grants", grants(), "--camera", "rpicam:/nonexistent/rpicam-vid",
                Cli.example("motion"));
        assertEquals(1, r.status, r.toString());
        assertTrue(r.stderr.contains("weir: camera 0 (producer-missing): camera rpicam: neither rpicam-vid nor"
                + " libcamera-vid is installed"), r.stderr);
        assertTrue(r.stderr.contains("motion: cannot open camera 0 at 160x120 gray8 15 fps: producer-missing"), r.stderr);
    }

    @Test
    void badCameraSpecIsAUsageError() {
        Cli.Result r = Cli.run("run", "--grants", grants(), "--camera", "webcam", Cli.example("motion"));
        assertEquals(ExitStatus.USAGE, r.status, r.toString());
        assertEquals("weir: --camera webcam: unknown camera 'webcam' (known: synthetic, file:PATH, ffmpeg:INPUT, rpicam)\n",
                r.stderr);
    }

    @Test
    void aGrantForACameraThatDoesNotExistIsRefusedBeforeTheRun() {
        Cli.Result r = Cli.run("run", "--grants", grants(), "--grant", "camera 1", Cli.example("motion"));
        assertEquals(ExitStatus.USAGE, r.status, r.toString());
        assertEquals("weir: grant refused: --grant 'camera 1': camera 1: this run has cameras 0..0 (give each with"
                + " --camera SPEC, in order)\n", r.stderr);
        assertEquals("", r.stdout, "the module did not run");
    }

    @Test
    void aCameraFileThatDoesNotExistIsRefusedBeforeTheRun() {
        Cli.Result r = Cli.run("run", "--grants", grants(), "--camera", "file:/nonexistent/clip.y4m",
                Cli.example("motion"));
        assertEquals(ExitStatus.FILE_NOT_FOUND, r.status, r.toString());
        assertEquals("weir: --camera file:/nonexistent/clip.y4m: no such file\n", r.stderr);
        assertEquals("", r.stdout, "the module did not run");
    }
}
