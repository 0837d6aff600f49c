package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.board.debug.DebugServer;
import dev.weir.messaging.Mosquitto;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * weir debug with a real browser: Debian's headless chromium opens the page, which runs the same
 * .wasm in the browser's engine. Screenshots go to board-ports/target/debug-screenshots.
 */
class DebugPageTest {
    private static Chromium chromium;

    @BeforeAll
    static void startChromium() throws Exception {
        chromium = new Chromium();
    }

    @AfterAll
    static void stopChromium() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static DebugServer serve(String... args) throws CliException {
        String[] all = new String[args.length + 1];
        all[0] = "debug";
        System.arraycopy(args, 0, all, 1, args.length);
        return DebugCommand.start(all, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static String example(String name) {
        return Cli.root().resolve("examples").resolve(name).toString();
    }

    private static Path screenshot(String name) {
        return Cli.root().resolve("board-ports/target/debug-screenshots/" + name + ".png");
    }

    /** The (pin, level) pairs of `gpio PIN LEVEL MS` lines, in order: what both timelines must agree on. */
    private static List<String> levels(String trace) {
        List<String> out = new ArrayList<>();
        for (String line : trace.split("\n")) {
            String[] w = line.trim().split(" ");
            if (w.length == 4 && w[0].equals("gpio")) {
                out.add(w[1] + "=" + w[2]);
            }
        }
        return out;
    }

    /** The `camera ...` lines of a --trace timeline without their last word (the milliseconds). */
    private static List<String> cameraLines(String trace) {
        List<String> out = new ArrayList<>();
        for (String line : trace.split("\n")) {
            if (line.startsWith("camera ") && line.split(" ").length == 6) {
                out.add(line.substring(0, line.lastIndexOf(' ')));
            }
        }
        return out;
    }

    @Test
    void blinkyTogglesTheLedOnThePageAsWeirRunTracesIt() throws Exception {
        Cli.Result board = Cli.run("run", "--grants", example("blinky/blinky.grants"), "--trace", "gpio",
                example("blinky/blinky.wasm"), "6", "40");
        assertEquals(0, board.status, board.toString());
        try (DebugServer server = serve("--grants", example("blinky/blinky.grants"), example("blinky/blinky.wasm"), "6", "40")) {
            chromium.navigate(server.uri());
            chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(60));
            String timeline = chromium.eval("document.getElementById('timeline').textContent");
            assertEquals(levels(board.stderr), levels(timeline), "page:\n" + timeline + "board:\n" + board.stderr);
            assertTrue(levels(timeline).size() >= 6, timeline);
            assertEquals("0", chromium.eval("document.getElementById('status').dataset.status"));
            assertEquals("0", chromium.eval("document.querySelector('.pin[data-pin=\"17\"]').dataset.level"));
            assertTrue(chromium.eval("document.getElementById('stdout').textContent").contains("blinky: 6 toggles"));
            chromium.screenshot(screenshot("blinky"));
        }
    }

    @Test
    void pressingTheButtonOnThePageDrivesTheLed() throws Exception {
        // button ends at its third press; the LED follows the button until then.
        try (DebugServer server = serve("--grants", example("button/button.grants"), example("button/button.wasm"), "3", "20000")) {
            chromium.navigate(server.uri());
            chromium.await("document.getElementById('stdout').textContent.includes('follows the button')", Duration.ofSeconds(60));
            String led = "document.querySelector('.pin[data-pin=\"17\"]').dataset.level";
            assertEquals("0", chromium.eval(led));
            for (int press = 0; press < 2; press++) {
                chromium.mouse(".pin[data-pin=\"27\"]", true);
                chromium.await(led + " === '1'", Duration.ofSeconds(20));
                if (press == 0) {
                    chromium.screenshot(screenshot("button-pressed"));
                }
                chromium.mouse(".pin[data-pin=\"27\"]", false);
                chromium.await(led + " === '0'", Duration.ofSeconds(20));
            }
            chromium.mouse(".pin[data-pin=\"27\"]", true);
            chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(30));
            chromium.mouse(".pin[data-pin=\"27\"]", false);
            assertTrue(chromium.eval("document.getElementById('stdout').textContent").contains("button: 3 presses"));
            String timeline = chromium.eval("document.getElementById('timeline').textContent");
            assertEquals(List.of("17=0", "27=0", "17=1", "27=1", "17=0", "27=0", "17=1", "27=1", "17=0", "27=0", "17=1",
                    "17=0"), levels(timeline).subList(0, 12), timeline);
        }
    }

    @Test
    void aDeniedPinShowsTheDenial() throws Exception {
        try (DebugServer server = serve("--grant", "gpio 18 output", example("blinky/blinky.wasm"), "2", "10")) {
            chromium.navigate(server.uri());
            chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(60));
            assertEquals("1", chromium.eval("document.getElementById('status').dataset.status"));
            assertEquals("true", chromium.eval("document.querySelector('.pin[data-pin=\"17\"]').dataset.denied"));
            String audit = chromium.eval("document.getElementById('audit').textContent");
            assertTrue(audit.contains("denied gpio: output on GPIO 17: no grant names GPIO 17 (pin-not-allowed)"), audit);
            assertTrue(chromium.eval("document.getElementById('stderr').textContent").contains("pin-not-allowed"));
            chromium.screenshot(screenshot("denied"));
        }
    }

    @Test
    void theMotionExampleSeesTheSyntheticCameraMoveAsOnTheBoard() throws Exception {
        Cli.Result board = Cli.run("run", "--grants", example("motion/motion.grants"), "--trace", "gpio", "--trace", "camera",
                example("motion/motion.wasm"));
        assertEquals(0, board.status, board.toString());
        try (DebugServer server = serve("--grants", example("motion/motion.grants"), example("motion/motion.wasm"))) {
            chromium.navigate(server.uri());
            chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(90));
            String timeline = chromium.eval("document.getElementById('timeline').textContent");
            assertEquals(levels(board.stderr), levels(timeline), "page:\n" + timeline + "board:\n" + board.stderr);
            assertTrue(levels(timeline).contains("17=1"), timeline);
            // Each frame, as --trace camera prints it: `camera ID N WxH FORMAT` (then the time, which differs).
            assertEquals(cameraLines(board.stderr), cameraLines(timeline), "page:\n" + timeline + "board:\n" + board.stderr);
            assertEquals(120, cameraLines(timeline).size(), timeline);
            assertEquals("camera 0 0 160x120 gray8", cameraLines(timeline).get(0));
            assertEquals("0", chromium.eval("document.getElementById('status').dataset.status"));
            assertEquals(board.stdout, chromium.eval("document.getElementById('stdout').textContent"));
            chromium.screenshot(screenshot("motion"));
        }
    }

    @Test
    void aPublisherTalksToThePagesLoopbackBrokerUnderItsGrant() throws Exception {
        try (DebugServer server = serve("--grants", example("sensor-pub/sensor-pub.grants"),
                example("sensor-pub/sensor-pub.wasm"), "s7", "20", "5")) {
            chromium.navigate(server.uri());
            chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(60));
            assertEquals("0", chromium.eval("document.getElementById('status').dataset.status"));
            String timeline = chromium.eval("document.getElementById('timeline').textContent");
            int messages = 0;
            for (String line : timeline.split("\n")) {
                if (line.startsWith("messaging publish broker sensors/s7/temperature ")) {
                    messages++;
                }
            }
            assertEquals(5, messages, timeline);
        }
        // Without a grant for its link, the module is refused the link, and the page says so.
        try (DebugServer server = serve(example("sensor-pub/sensor-pub.wasm"), "s7", "20", "1")) {
            chromium.navigate(server.uri());
            chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(60));
            String audit = chromium.eval("document.getElementById('audit').textContent");
            assertTrue(audit.contains("denied messaging: link broker: no grant names link broker (permission-denied)"), audit);
        }
    }

    /**
     * The messaging lines of a --trace timeline without their last word (the milliseconds, which differ
     * between runs) and without a link's address (the page's loopback, the board's broker).
     */
    private static List<String> messagingLines(String trace) {
        List<String> out = new ArrayList<>();
        for (String line : trace.split("\n")) {
            if (line.startsWith("messaging publish ") || line.startsWith("messaging receive ")) {
                out.add(line.substring(0, line.lastIndexOf(' ')));
            } else if (line.startsWith("messaging link ")) {
                String[] w = line.split(" ");
                out.add(w[0] + " " + w[1] + " " + w[2] + " " + w[3]);
            }
        }
        return out;
    }

    @Test
    void thePagesMessagingTimelineIsTheOneWeirRunTracesWithARealBroker() throws Exception {
        Cli.Result board;
        try (Mosquitto broker = Mosquitto.started()) {
            board = Cli.run("run", "--grants", example("sensor-pub/sensor-pub.grants"), "--link", "broker=" + broker.uri(),
                    "--trace", "messaging", example("sensor-pub/sensor-pub.wasm"), "s7", "60", "5");
        }
        assertEquals(0, board.status, board.toString());
        try (DebugServer server = serve("--grants", example("sensor-pub/sensor-pub.grants"),
                example("sensor-pub/sensor-pub.wasm"), "s7", "60", "5")) {
            chromium.navigate(server.uri());
            chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(60));
            String timeline = chromium.eval("document.getElementById('timeline').textContent");
            List<String> expected = messagingLines(board.stderr);
            assertEquals(7, expected.size(), board.stderr); // link open, 5 publishes, link closed
            assertEquals("messaging publish broker sensors/s7/temperature 38 B qos=1 ok", expected.get(1), board.stderr);
            assertEquals(expected, messagingLines(timeline), "page:\n" + timeline + "board:\n" + board.stderr);
            assertEquals("5", chromium.eval("document.getElementById('messages').dataset.count"));
            assertEquals("{\"sensor\":\"s7\",\"seq\":4,\"celsius\":19.8}",
                    chromium.eval("document.querySelector('#messages tbody tr:last-child .payload').textContent"));
        }
    }

    /** Runs mosquitto_sub or mosquitto_pub (Debian package mosquitto-clients) to its end. */
    private static Cli.Result mosquitto(String[] command, String... more) throws Exception {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(more));
        Process p = new ProcessBuilder(all).start();
        byte[] err = p.getErrorStream().readAllBytes();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), all.toString());
        return new Cli.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void messagingGoesThroughARealMosquittoOverWebSockets() throws Exception {
        try (Mosquitto broker = Mosquitto.startedWithWebSockets()) {
            String link = "broker=" + broker.webSocketUri();
            // What the page publishes reaches mosquitto_sub: subscribed first at QoS 1 in a kept session
            // (-c -E: it exits once subscribed), so the broker keeps the messages until it comes back.
            String[] sub = {"mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(broker.port), "-i", "debug-page-test",
                "-c", "-q", "1", "-t", "sensors/+/temperature"};
            assertEquals(0, mosquitto(sub, "-E").status);
            try (DebugServer server = serve("--link", link, "--grants", example("sensor-pub/sensor-pub.grants"),
                    example("sensor-pub/sensor-pub.wasm"), "s7", "20", "5")) {
                chromium.navigate(server.uri());
                chromium.await("document.getElementById('status').dataset.state === 'exited'"
                        + " && document.body.dataset.published === '5'", Duration.ofSeconds(60));
                assertEquals("0", chromium.eval("document.getElementById('status').dataset.status"));
                String audit = chromium.eval("document.getElementById('audit').textContent");
                assertTrue(audit.contains("messaging: link broker connected to " + broker.webSocketUri()), audit);
            }
            Cli.Result got = mosquitto(sub, "-C", "5", "-W", "30");
            assertEquals(0, got.status, got.toString());
            String received = got.stdout;
            for (int seq = 0; seq < 5; seq++) {
                assertTrue(received.toString().contains("{\"sensor\":\"s7\",\"seq\":" + seq + ","), received.toString());
            }
            // What mosquitto_pub publishes reaches the module on the page, which drives its LED.
            try (DebugServer server = serve("--link", link, "--grants", example("led-sub/led-sub.grants"),
                    example("led-sub/led-sub.wasm"), "220", "2", "30000")) {
                chromium.navigate(server.uri());
                chromium.await("document.body.dataset.subscriptions === '1'", Duration.ofSeconds(60));
                for (String payload : new String[] {"{\"celsius\":25.5}", "{\"celsius\":19.0}"}) {
                    Cli.Result pub = mosquitto(new String[] {"mosquitto_pub", "-h", "127.0.0.1", "-p",
                        String.valueOf(broker.port), "-q", "1", "-t", "sensors/s1/temperature", "-m", payload});
                    assertEquals(0, pub.status, pub.toString());
                }
                chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(60));
                String stdout = chromium.eval("document.getElementById('stdout').textContent");
                assertTrue(stdout.contains("led-sub: sensors/s1/temperature {\"celsius\":25.5} -> LED on"), stdout);
                assertTrue(stdout.contains("led-sub: 2 messages taken, 0 dropped by a full inbox"), stdout);
                String timeline = chromium.eval("document.getElementById('timeline').textContent");
                assertTrue(levels(timeline).contains("17=1"), timeline);
                assertTrue(timeline.contains("messaging receive broker sensors/s1/temperature 16 B qos=1 "), timeline);
                assertEquals("receive", chromium.eval("document.querySelector('#messages tbody tr').dataset.dir"));
                assertEquals("{\"celsius\":25.5}", chromium.eval("document.querySelector('#messages tbody tr .payload').textContent"));
                chromium.screenshot(screenshot("mqtt"));
            }
        }
        // The page reaches a broker over WebSockets only: mqtt:// is a one-line usage error.
        try {
            serve("--link", "broker=mqtt://127.0.0.1:1883", example("led-sub/led-sub.wasm"));
            throw new AssertionError("mqtt:// accepted");
        } catch (CliException e) {
            assertEquals(ExitStatus.USAGE, e.exitStatus());
            assertTrue(e.getMessage().contains("give ws://HOST:PORT"), e.getMessage());
        }
    }

    /**
     * A 6 s, 10 fps, 160x120 WebM (VP8, which Debian's chromium plays) made by the real ffmpeg: a
     * white square still on gray for 3 s, then moving right 3 pixels a frame.
     */
    private static Path movingSquareVideo() throws Exception {
        Path dir = Cli.root().resolve("board-ports/target/debug-video");
        java.nio.file.Files.createDirectories(dir);
        Path video = dir.resolve("square.webm");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:s=160x120:r=10:d=6",
                "-f", "lavfi", "-i", "color=c=white:s=24x24:r=10:d=6", "-filter_complex",
                "[0][1]overlay=x='if(lt(t,3),20,20+(t-3)*30)':y=48:eval=frame:shortest=1", "-c:v", "libvpx", "-b:v", "400k",
                "-g", "10", "-pix_fmt", "yuv420p", video.toString()).redirectErrorStream(true).start();
        String log = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ffmpeg.waitFor(), "ffmpeg (Debian package ffmpeg, make deps): " + log);
        return video;
    }

    @Test
    void theMotionExampleSeesAVideoFileMoveServedOrPickedOnThePage() throws Exception {
        Path video = movingSquareVideo();
        String served;
        try (DebugServer server = serve("--grants", example("motion/motion.grants"), "--video", video.toString(),
                example("motion/motion.wasm"), "160", "120", "10")) {
            chromium.navigate(server.uri());
            chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(90));
            assertEquals("0", chromium.eval("document.getElementById('status').dataset.status"));
            served = chromium.eval("document.getElementById('stdout').textContent");
            assertTrue(served.contains("motion: started at frame 31 (video time 3100 ms)"), served);
            assertTrue(served.contains("motion: ended with the stream\nmotion: 60 frames, 1 motion events"), served);
            assertTrue(levels(chromium.eval("document.getElementById('timeline').textContent")).contains("17=1"));
            String audit = chromium.eval("document.getElementById('audit').textContent");
            assertFalse(audit.contains("did not present"), audit);
            chromium.screenshot(screenshot("video"));
        }
        // The same file picked by the user on the page: the same frames, the same motion.
        try (DebugServer server = serve("--grants", example("motion/motion.grants"), "--camera", "pick",
                example("motion/motion.wasm"), "160", "120", "10")) {
            chromium.navigate(server.uri());
            chromium.await("document.getElementById('frame-info').textContent === 'choose a video file for the camera'",
                    Duration.ofSeconds(30));
            chromium.chooseFile("#video-file", video);
            chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(90));
            assertEquals(served, chromium.eval("document.getElementById('stdout').textContent"));
        }
    }

    @Test
    void theMotionExampleSeesTheWebcamMove() throws Exception {
        // chromium's fake capture device (--use-fake-device-for-media-stream) shows a moving pattern.
        try (DebugServer server = serve("--grants", example("motion/motion.grants"), "--camera", "webcam",
                example("motion/motion.wasm"), "160", "120", "10", "24", "30")) {
            chromium.navigate(server.uri());
            chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(90));
            assertEquals("0", chromium.eval("document.getElementById('status').dataset.status"));
            String stdout = chromium.eval("document.getElementById('stdout').textContent");
            assertTrue(stdout.contains("motion: started at frame "), stdout);
            assertTrue(stdout.contains("motion: 30 frames"), stdout);
            assertEquals("30", chromium.eval("document.getElementById('frame-info').dataset.frames"));
            chromium.screenshot(screenshot("webcam"));
        }
        try {
            serve("--grants", example("motion/motion.grants"), "--video", "clip.avi", example("motion/motion.wasm"));
            throw new AssertionError("an .avi accepted");
        } catch (CliException e) {
            assertEquals(ExitStatus.USAGE, e.exitStatus());
            assertTrue(e.getMessage().contains("--video clip.avi: not a video the browser plays"), e.getMessage());
        }
    }

    /** A `weir run ... --inspect 0 ...` in a thread: its stderr so far, its status when done, its page. */
    private static final class LiveRun {
        final StringBuffer err = new StringBuffer();
        final int[] status = {-1};
        final Thread thread;
        final java.net.URI page;

        LiveRun(String... args) throws Exception {
            java.io.OutputStream errStream = new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    err.append((char) b);
                }
            };
            thread = new Thread(() -> status[0] = Main.run(args, new java.io.ByteArrayInputStream(new byte[0]),
                    new ByteArrayOutputStream(), errStream));
            thread.start();
            long end = System.nanoTime() + 30_000_000_000L;
            java.util.regex.Matcher url;
            while (!(url = java.util.regex.Pattern.compile("inspect the run at (http://\\S+)").matcher(err)).find()) {
                assertTrue(System.nanoTime() < end && thread.isAlive(), "no inspect URL: " + err);
                Thread.sleep(20);
            }
            page = java.net.URI.create(url.group(1));
        }

        int end() throws InterruptedException {
            thread.join(30_000);
            return status[0];
        }
    }

    @Test
    void inspectShowsARunOnTheBoardLiveAndReadOnly() throws Exception {
        LiveRun run = new LiveRun("run", "--grants", example("blinky/blinky.grants"), "--trace", "gpio", "--inspect", "0",
                example("blinky/blinky.wasm"), "12", "150");
        chromium.navigate(run.page);
        chromium.await("document.body.dataset.live === 'true'", Duration.ofSeconds(30));
        chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(60));
        assertEquals(0, run.end(), run.err.toString());
        String timeline = chromium.eval("document.getElementById('timeline').textContent");
        StringBuilder trace = new StringBuilder();
        for (String line : run.err.toString().split("\n")) {
            if (line.startsWith("gpio ")) {
                trace.append(line).append('\n');
            }
        }
        assertEquals(trace.toString(), timeline, "the page's timeline is the run's --trace gpio, line for line");
        assertTrue(levels(timeline).size() >= 12, timeline);
        chromium.screenshot(screenshot("inspect"));
    }

    @Test
    void inspectShowsTheFramesAndMessagesOfTheRunAsItsTraceDoes() throws Exception {
        try (Mosquitto broker = Mosquitto.started()) {
            // motion on the paced synthetic camera (120 frames at 30 fps: 4 s), publishing each start
            // and end of motion through a real broker.
            LiveRun run = new LiveRun("run", "--grants", example("motion/motion.grants"), "--camera", "synthetic:paced",
                    "--env", "MOTION_LINK=broker", "--link", "broker=" + broker.uri(), "--trace", "camera", "--trace",
                    "messaging", "--trace", "gpio", "--inspect", "0", example("motion/motion.wasm"), "160", "120", "30");
            chromium.navigate(run.page);
            chromium.await("document.body.dataset.live === 'true'", Duration.ofSeconds(30));
            chromium.await("Number(document.getElementById('frame').dataset.previews || 0) >= 2", Duration.ofSeconds(30));
            chromium.screenshot(screenshot("inspect-camera"));
            chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(60));
            assertEquals(0, run.end(), run.err.toString());
            StringBuilder trace = new StringBuilder();
            int frames = 0;
            int published = 0;
            for (String line : run.err.toString().split("\n")) {
                if (line.startsWith("camera ") || line.startsWith("gpio ")
                        || line.startsWith("messaging ") && !line.startsWith("messaging summary")) {
                    trace.append(line).append('\n');
                    frames += line.startsWith("camera ") ? 1 : 0;
                    published += line.startsWith("messaging publish ") ? 1 : 0;
                }
            }
            String timeline = chromium.eval("document.getElementById('timeline').textContent");
            assertEquals(trace.toString(), timeline, "the page's timeline is the run's --trace gpio, camera and messaging, line for line");
            assertEquals(120, frames, trace.toString());
            assertEquals(4, published, trace.toString()); // motion starts and ends twice in the default script
            assertEquals("120", chromium.eval("document.getElementById('frame-info').dataset.frames"));
            // The preview: 160x120 gray8 subsampled to 80x60, the test pattern's bright square in it.
            assertEquals("80", chromium.eval("String(document.getElementById('frame').width)"));
            assertEquals("true", chromium.eval("String(Array.from(document.getElementById('frame').getContext('2d')"
                    + ".getImageData(0, 0, 80, 60).data).some((v, i) => i % 4 === 0 && v >= 200))"));
            assertEquals("4", chromium.eval("document.getElementById('messages').dataset.count"));
            assertEquals("motion/camera0/events", chromium.eval("document.querySelector('#messages tbody tr').dataset.topic"));
            assertTrue(chromium.eval("document.querySelector('#messages tbody tr .payload').textContent")
                    .startsWith("{\"event\":\"start\",\"frame\":30,"), timeline);
        }
    }

    @Test
    void inspectShowsTheMessagesTheRunTakes() throws Exception {
        try (Mosquitto broker = Mosquitto.started()) {
            String[] pub = {"mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(broker.port), "-q", "1", "-t",
                "sensors/s1/temperature", "-m"};
            // Retained, so led-sub gets it whenever it subscribes; the second comes once the page shows the first.
            assertEquals(0, mosquitto(pub, "{\"celsius\":25.5}", "-r").status);
            LiveRun run = new LiveRun("run", "--grants", example("led-sub/led-sub.grants"), "--link", "broker=" + broker.uri(),
                    "--trace", "messaging", "--trace", "gpio", "--inspect", "0", example("led-sub/led-sub.wasm"), "220", "2",
                    "30000");
            chromium.navigate(run.page);
            chromium.await("document.getElementById('messages').dataset.count === '1'", Duration.ofSeconds(30));
            assertEquals(0, mosquitto(pub, "{\"celsius\":19.0}").status);
            chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(30));
            assertEquals(0, run.end(), run.err.toString());
            StringBuilder trace = new StringBuilder();
            for (String line : run.err.toString().split("\n")) {
                if (line.startsWith("gpio ") || line.startsWith("messaging ") && !line.startsWith("messaging summary")) {
                    trace.append(line).append('\n');
                }
            }
            String timeline = chromium.eval("document.getElementById('timeline').textContent");
            assertEquals(trace.toString(), timeline, "the page's timeline is the run's --trace gpio and messaging, line for line");
            assertTrue(timeline.contains("messaging receive broker sensors/s1/temperature 16 B qos=1 "), timeline);
            assertEquals("2", chromium.eval("document.getElementById('messages').dataset.count"));
            assertEquals("receive", chromium.eval("document.querySelector('#messages tbody tr').dataset.dir"));
            assertEquals("{\"celsius\":19.0}", chromium.eval("document.querySelector('#messages tbody tr:last-child .payload').textContent"));
            assertTrue(levels(timeline).contains("17=1"), timeline);
            chromium.screenshot(screenshot("inspect-messages"));
        }
    }

    @Test
    void inspectWithAnInjectGrantLetsThePagePressTheButtonOfTheRun() throws Exception {
        LiveRun run = new LiveRun("run", "--grants", example("button/button.grants"), "--grant", "inspect inject=27",
                "--trace", "gpio", "--inspect", "0", example("button/button.wasm"), "2", "30000");
        chromium.navigate(run.page);
        chromium.await("document.querySelector('.pin[data-pin=\"27\"]').dataset.inject === 'true'", Duration.ofSeconds(30));
        String led = "document.querySelector('.pin[data-pin=\"17\"]').dataset.level";
        chromium.await(led + " === '0'", Duration.ofSeconds(30));
        chromium.mouse(".pin[data-pin=\"27\"]", true);
        chromium.await(led + " === '1'", Duration.ofSeconds(20));
        chromium.screenshot(screenshot("inspect-inject"));
        chromium.mouse(".pin[data-pin=\"27\"]", false);
        chromium.await(led + " === '0'", Duration.ofSeconds(20));
        // Another web page the user has open cannot press it: its requests carry its own Origin.
        java.net.http.HttpResponse<String> foreign = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(run.page.resolve("inject?pin=27&level=0"))
                        .header("Origin", "http://example.com").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertEquals("0", chromium.eval(led));
        chromium.mouse(".pin[data-pin=\"27\"]", true);
        chromium.await("document.getElementById('status').dataset.state === 'exited'", Duration.ofSeconds(30));
        chromium.mouse(".pin[data-pin=\"27\"]", false);
        assertEquals(0, run.end(), run.err.toString());
        assertTrue(run.err.toString().contains("gpio 27 0 "), run.err.toString());
        assertTrue(run.err.toString().contains("weir: inspect denied: inject GPIO 27 level 0: the request came from"
                + " http://example.com, not from the page"), run.err.toString());
    }

    @Test
    void inspectWithoutAnInjectGrantRefusesInjection() throws Exception {
        LiveRun run = new LiveRun("run", "--grants", example("button/button.grants"), "--inspect", "0",
                example("button/button.wasm"), "1", "4000");
        chromium.navigate(run.page);
        chromium.await("document.body.dataset.live === 'true'", Duration.ofSeconds(30));
        assertEquals("none", chromium.eval("document.querySelector('.pin[data-pin=\"27\"]').style.pointerEvents"));
        chromium.eval("fetch('inject?pin=27&level=0', {method: 'POST'}).then((r) => { document.body.dataset.injected = r.status; })");
        chromium.await("document.body.dataset.injected === '403'", Duration.ofSeconds(20));
        assertEquals(0, run.end(), "no press came, so button ends idle: " + run.err);
        assertTrue(run.err.toString().contains("weir: inspect denied: inject GPIO 27 level 0: no inspect inject= grant names GPIO 27"),
                run.err.toString());
        // A grant naming a pin that is not a granted input is an error before the run.
        Cli.Result bad = Cli.run("run", "--grants", example("button/button.grants"), "--grant", "inspect inject=17",
                "--inspect", "0", example("button/button.wasm"));
        assertEquals(ExitStatus.USAGE, bad.status, bad.toString());
        assertTrue(bad.stderr.contains("GPIO 17 is not granted as an input"), bad.stderr);
    }
}
