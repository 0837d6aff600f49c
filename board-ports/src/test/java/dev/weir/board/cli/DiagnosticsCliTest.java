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

/** Traces for tools (--trace-file, --vcd), weir inspect --json, and the rate-limited audit. */
class DiagnosticsCliTest {
    @TempDir
    Path dir;

    /**
     * <pre>
     * (module
     *   (import "weir:gpio" "get-digital-out" (func $out (param i32 i32) (result i32)))
     *   (func (export "_start") (local $i i32)
     *     (loop $again
     *       (drop (call $out (i32.const 5) (i32.const 0)))
     *       (local.set $i (i32.add (local.get $i) (i32.const 1)))
     *       (br_if $again (i32.lt_u (local.get $i) (i32.const 100000))))))
     * </pre>
     * A module that asks 100,000 times for a pin it has no grant for.
     */
    static final String DENIED_LOOP = "0061736d01000000010a0260027f7f017f600000021d0109776569723a6770696f0f676574"
            + "2d6469676974616c2d6f7574000003020101070a01065f737461727400010a20011e01017f03404105410010001a2000410"
            + "16a2100200041a08d06490d000b0b";

    private static String file(String example, String name) {
        return Cli.root().resolve("examples").resolve(example).resolve(name).toString();
    }

    @Test
    void traceFileHasOneJsonObjectPerPinChangeAndFrame() throws Exception {
        Path trace = dir.resolve("trace.jsonl");
        Cli.Result r = Cli.run("run", "--grants", file("motion", "motion.grants"), "--trace-file", trace.toString(),
                Cli.example("motion"), "160", "120", "15", "24", "40");
        assertEquals(0, r.status, r.toString());
        assertTrue(!r.stderr.contains("gpio 17"), "traces went to the file, not stderr: " + r.stderr);
        List<String> lines = Files.readAllLines(trace);
        Pattern gpio = Pattern.compile("\\{\"event\":\"gpio\",\"ns\":\\d+,\"pin\":17,\"level\":[01]\\}");
        Pattern camera = Pattern.compile("\\{\"event\":\"camera\",\"ns\":\\d+,\"camera\":0,\"sequence\":(\\d+),"
                + "\"width\":160,\"height\":120,\"format\":\"gray8\"\\}");
        int frames = 0;
        int changes = 0;
        for (String line : lines) {
            if (gpio.matcher(line).matches()) {
                changes++;
            } else {
                Matcher m = camera.matcher(line);
                assertTrue(m.matches(), "a gpio or camera object: " + line);
                assertEquals(frames++, Integer.parseInt(m.group(1)));
            }
        }
        assertEquals(40, frames, "one line per frame delivered");
        assertTrue(changes >= 3, "opened at 0, motion on at frame 30, off at the end: " + lines);
    }

    @Test
    void vcdOfBlinkyIsReadBySigrok() throws Exception {
        Path vcd = dir.resolve("blinky.vcd");
        Cli.Result r = Cli.run("run", "--grants", file("blinky", "blinky.grants"), "--vcd", vcd.toString(),
                Cli.example("blinky"), "4", "5");
        assertEquals(0, r.status, r.toString());
        // sigrok-cli (Debian sigrok-cli, installed by make deps) is the reader PulseView is built on.
        Cli.Result show = Cli.exec(dir, Cli.list("sigrok-cli", "-I", "vcd", "-i", vcd.toString(), "--show"));
        assertEquals(0, show.status, show.toString());
        assertTrue(show.stdout.contains("- gpio17: logic"), show.stdout);
        Cli.Result csv = Cli.exec(dir, Cli.list("sigrok-cli", "-I", "vcd", "-i", vcd.toString(), "-O",
                "csv:dedup=true:header=false"));
        assertEquals(0, csv.status, csv.toString());
        List<String> levels = new ArrayList<>();
        for (String line : csv.stdout.split("\n")) {
            if (line.matches("[01]")) {
                if (levels.isEmpty() || !levels.get(levels.size() - 1).equals(line)) {
                    levels.add(line);
                }
            }
        }
        // Opened at 0, then four toggles; sigrok ends at the last change, so the last level may be cut.
        assertTrue(levels.size() >= 4 && levels.subList(0, 4).equals(List.of("0", "1", "0", "1")),
                levels + "\n" + csv.stdout + Files.readString(vcd));
    }

    @Test
    void inspectJsonDescribesTheModule() throws Exception {
        Cli.Result r = Cli.run("inspect", "--json", Cli.example("blinky"));
        assertEquals(0, r.status, r.toString());
        String j = r.stdout;
        assertTrue(j.startsWith("{\"module\":\"" + Cli.example("blinky") + "\",\"bytes\":"), j);
        assertTrue(j.contains(",\"valid\":true,\"error\":null,"), j);
        assertTrue(j.contains("{\"kind\":\"function\",\"module\":\"weir:gpio\",\"name\":\"get-digital-out\","
                + "\"type\":\"(i32, i32) -> (i32)\"}"), j);
        assertTrue(j.contains("\"capabilities\":{"), j);
        assertTrue(j.contains("\"gpio\":[\"get-digital-out\""), j);
        assertTrue(j.endsWith("}}\n"), j);
        Cli.Result bad = Cli.run("inspect", "--json", TestModules.write(dir, "bad.wasm", TestModules.INVALID).toString());
        assertEquals(ExitStatus.INVALID, bad.status, bad.toString());
        assertTrue(bad.stdout.contains("\"valid\":false,\"error\":\"type mismatch"), bad.stdout);
    }

    @Test
    void aModuleLoopingOnADeniedPinPrintsAFewLinesNotOneHundredThousand() throws Exception {
        Path app = TestModules.write(dir, "deny.wasm", DENIED_LOOP);
        Cli.Result r = Cli.run("run", "--grant", "gpio 17 output", app.toString());
        assertEquals(0, r.status, r.toString());
        String[] lines = r.stderr.split("\n");
        String denial = "weir: gpio denied: output on GPIO 5: no grant names GPIO 5 (pin-not-allowed)";
        for (int i = 0; i < StderrAudit.FIRST - 1; i++) {
            assertEquals(denial, lines[i], r.stderr);
        }
        assertEquals(denial + " (more of these are counted, not printed)", lines[StderrAudit.FIRST - 1]);
        assertTrue(lines.length <= StderrAudit.FIRST + 1 + 10, "a few count lines at most: " + lines.length);
        assertTrue(lines[lines.length - 1].matches(Pattern.quote(denial) + " \\(\\d+ more, 100000 in all\\)"),
                "the end of the run gives the total: " + lines[lines.length - 1]);
    }
}
