package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.weir.messaging.Mosquitto;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * weir run --checkpoint and weir resume, each in its own JVM: SIGTERM stops a run at a snapshot,
 * and another process continues it.
 */
class CheckpointCliTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private static Process weir(Path dir, Path stdout, String... args) throws IOException {
        return weirWith(dir, stdout, List.of(), args);
    }

    private static Process weirWith(Path dir, Path stdout, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.weir.board.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(stdout.toFile())
                .redirectError(dir.resolve("stderr-" + stdout.getFileName()).toFile()).start();
    }

    /** Waits until the file has at least n lines, while the process runs. */
    private static void awaitLines(Path file, int n, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.readAllLines(file).size() < n) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "fewer than " + n + " lines: " + Files.readString(file));
            Thread.sleep(10);
        }
    }

    private static int exit(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("weir did not end");
        }
        return p.exitValue();
    }

    @Test
    void aCounterStoppedBySigtermPrintsExactlyTheRestInAnotherProcess(@TempDir Path dir) throws Exception {
        String counter = Cli.example("counter");
        Path snapshot = dir.resolve("counter.snapshot");
        Path first = dir.resolve("first.txt");
        Process run = weir(dir, first, "run", "--checkpoint", snapshot.toString(), counter, "3000");
        try {
            awaitLines(first, 20, run);
            run.toHandle().destroy(); // SIGTERM
            assertEquals(ExitStatus.CHECKPOINTED, exit(run), Files.readString(dir.resolve("stderr-first.txt")));
        } finally {
            run.destroyForcibly();
        }
        assertTrue(Files.size(snapshot) > 0);
        Path second = dir.resolve("second.txt");
        Process resume = weir(dir, second, "resume", snapshot.toString(), counter, "3000");
        assertEquals(0, exit(resume), Files.readString(dir.resolve("stderr-second.txt")));

        Path whole = dir.resolve("whole.txt");
        assertEquals(0, exit(weir(dir, whole, "run", counter, "3000")));
        String firstPart = Files.readString(first);
        assertTrue(firstPart.length() > 0 && !firstPart.contains("checksum"), "stopped mid-way: " + firstPart);
        assertEquals(Files.readString(whole), firstPart + Files.readString(second));
    }

    @Test
    void aSnapshotOfCodeCompiledWithTheJitOffResumesUnderTheDefaultPolicy(@TempDir Path dir) throws Exception {
        String counter = Cli.example("counter");
        Path snapshot = dir.resolve("off.snapshot");
        Path first = dir.resolve("first.txt");
        Process run = weirWith(dir, first, List.of("-Dweir.jit=off"), "run", "--checkpoint", snapshot.toString(), counter,
                "3000");
        try {
            awaitLines(first, 20, run);
            run.toHandle().destroy();
            assertEquals(ExitStatus.CHECKPOINTED, exit(run), Files.readString(dir.resolve("stderr-first.txt")));
        } finally {
            run.destroyForcibly();
        }
        // weir resume compiles as the snapshot's code was (its pcs are offsets in that code).
        Path second = dir.resolve("second.txt");
        assertEquals(0, exit(weir(dir, second, "resume", snapshot.toString(), counter, "3000")),
                Files.readString(dir.resolve("stderr-second.txt")));
        Path whole = dir.resolve("whole.txt");
        assertEquals(0, exit(weir(dir, whole, "run", counter, "3000")));
        assertEquals(Files.readString(whole), Files.readString(first) + Files.readString(second));
    }

    @Test
    void aProgramHoldingAnOpenFileContinuesAtItsPositionUnderAnotherHostDirectory(@TempDir Path dir) throws Exception {
        String reader = Cli.example("reader");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 600; i++) {
            lines.append("line ").append(i).append(" of a file longer than stdio's buffer\n");
        }
        // The first board's directory and the second's: the same file under the same guest path.
        Path first = Files.createDirectory(dir.resolve("board-a"));
        Path second = Files.createDirectory(dir.resolve("board-b"));
        Files.writeString(first.resolve("lines.txt"), lines);
        Files.writeString(second.resolve("lines.txt"), lines);
        Path snapshot = dir.resolve("reader.snapshot");
        Path out1 = dir.resolve("out1.txt");
        Process run = weir(dir, out1, "run", "--dir", first + "::/data", "--checkpoint", snapshot.toString(), reader,
                "/data/lines.txt", "100000");
        try {
            awaitLines(out1, 40, run);
            run.toHandle().destroy();
            assertEquals(ExitStatus.CHECKPOINTED, exit(run), Files.readString(dir.resolve("stderr-out1.txt")));
        } finally {
            run.destroyForcibly();
        }

        Cli.Result refused = Cli.run("resume", snapshot.toString(), reader, "/data/lines.txt", "100000");
        assertEquals(ExitStatus.DENIED, refused.status);
        assertEquals("weir: resume " + snapshot + ": denied capability: the program holds the preopen /data, and this"
                + " run grants no directory as /data (--dir HOST::/data)\n", refused.stderr);
        assertEquals("", refused.stdout);

        Path out2 = dir.resolve("out2.txt");
        assertEquals(0, exit(weir(dir, out2, "resume", snapshot.toString(), "--dir", second + "::/data", reader,
                "/data/lines.txt", "100000")), Files.readString(dir.resolve("stderr-out2.txt")));
        Path whole = dir.resolve("whole.txt");
        assertEquals(0, exit(weir(dir, whole, "run", "--dir", first + "::/data", reader, "/data/lines.txt", "100000")));
        String part = Files.readString(out1);
        assertTrue(!part.contains("checksum"), "stopped mid-file");
        assertEquals(Files.readString(whole), part + Files.readString(out2));
    }

    @Test
    void aModuleWaitingOnAGpioEdgeResumesOnAnotherBoardAndSeesItsEdges(@TempDir Path dir) throws Exception {
        String button = Cli.example("button");
        String grants = Cli.root().resolve("examples/button/button.grants").toString();
        Path snapshot = dir.resolve("button.snapshot");
        Path out1 = dir.resolve("out1.txt");
        // No stimulus: the program opens its pins and waits for an edge that never comes.
        Process run = weir(dir, out1, "run", "--grants", grants, "--checkpoint", snapshot.toString(), button, "3", "60000");
        try {
            awaitLines(out1, 1, run);
            Thread.sleep(200);
            run.toHandle().destroy();
            assertEquals(ExitStatus.CHECKPOINTED, exit(run), Files.readString(dir.resolve("stderr-out1.txt")));
        } finally {
            run.destroyForcibly();
        }
        assertEquals("button: LED on GPIO 17 follows the button on GPIO 27\n", Files.readString(out1));

        // A board that grants the input but not the LED refuses the restore, naming the pin.
        Cli.Result refused = Cli.run("resume", snapshot.toString(), "--grant", "gpio 27 input pull=up edge=both", button,
                "3", "60000");
        assertEquals(ExitStatus.DENIED, refused.status);
        assertTrue(refused.stderr.endsWith("weir: resume " + snapshot + ": denied capability: the program holds GPIO 17"
                + " as an output, which this board does not grant (pin-not-allowed)\n"), refused.stderr);
        assertEquals("", refused.stdout);

        // The new board's button is pressed three times: the resumed wait sees the edges.
        Path out2 = dir.resolve("out2.txt");
        assertEquals(0, exit(weir(dir, out2, "resume", snapshot.toString(), "--grants", grants, "--stimulus",
                Cli.root().resolve("examples/button/button.stimulus").toString(), button, "3", "60000")),
                Files.readString(dir.resolve("stderr-out2.txt")));
        String[] lines = Files.readString(out2).split("\n");
        assertEquals(6, lines.length, Files.readString(out2));
        assertTrue(lines[0].startsWith("button: pressed at ") && lines[1].startsWith("button: released at "));
        assertEquals("button: 3 presses", lines[5]);
    }

    @Test
    void sigtermDuringALongSleepStopsAtOnceAndTheResumedRunSleepsAgain(@TempDir Path dir) throws Exception {
        String ticks = Cli.example("ticks");
        Path snapshot = dir.resolve("ticks.snapshot");
        Path out1 = dir.resolve("out1.txt");
        // One tick, then a sleep of 10 minutes: only a safe point inside poll_oneoff can stop it.
        Process run = weir(dir, out1, "run", "--checkpoint", snapshot.toString(), ticks, "2", "600000");
        try {
            awaitLines(out1, 1, run);
            run.toHandle().destroy();
            assertEquals(ExitStatus.CHECKPOINTED, exit(run), Files.readString(dir.resolve("stderr-out1.txt")));
        } finally {
            run.destroyForcibly();
        }
        assertEquals("tick 1\n", Files.readString(out1));
        // Resumed, it sleeps the whole pause again (poll_oneoff is redone), so give it a short one:
        // the sleep's length is in the restored memory, so stop this run too and look at its output.
        Path out2 = dir.resolve("out2.txt");
        Process resume = weir(dir, out2, "resume", snapshot.toString(), "--checkpoint", snapshot.toString(), ticks);
        try {
            // Long enough for the JVM to start and install its SIGTERM handler on a loaded machine
            // (before it, SIGTERM ends the JVM with 143); the run sleeps 10 minutes anyway.
            Thread.sleep(4000);
            assertTrue(resume.isAlive(), "the resumed run sleeps again");
            resume.toHandle().destroy();
            assertEquals(ExitStatus.CHECKPOINTED, exit(resume), Files.readString(dir.resolve("stderr-out2.txt")));
        } finally {
            resume.destroyForcibly();
        }
        assertEquals("", Files.readString(out2));
    }

    @Test
    void sha256ResumedFromAMidRunSnapshotInAnotherProcessPrintsTheSameResult(@TempDir Path dir) throws Exception {
        String sha256 = Cli.root().resolve("examples/bench/wasm/sha256.wasm").toString();
        Path snapshot = dir.resolve("sha.snapshot");
        Path whole = dir.resolve("whole.txt");
        assertEquals(0, exit(weir(dir, whole, "run", "--invoke", "run", "--checkpoint", snapshot.toString(),
                // A snapshot every millisecond: the run (64 KiB, millions of instructions) cannot end
                // before the first, whatever the machine's speed.
                "--checkpoint-every", "1ms", sha256, "64")), Files.readString(dir.resolve("stderr-whole.txt")));
        assertTrue(Files.exists(snapshot), "the run lasted long enough for a snapshot");
        Path resumed = dir.resolve("resumed.txt");
        assertEquals(0, exit(weir(dir, resumed, "resume", snapshot.toString(), "--invoke", "run", sha256)),
                Files.readString(dir.resolve("stderr-resumed.txt")));
        assertTrue(Files.readString(whole).matches("-?[0-9]+\n"), Files.readString(whole));
        assertEquals(Files.readString(whole), Files.readString(resumed));
    }

    @Test
    void recursiveFibStoppedBySigtermWithCompiledFramesResumesInAnotherProcessToTheSameResult(@TempDir Path dir)
            throws Exception {
        // fib(40): 331 million calls, compiled functions calling each other (the deopt policy), so
        // SIGTERM finds compiled frames on the Java stack, which hand their state to the interpreter.
        String fib = Cli.root().resolve("examples/bench/wasm/fib.wasm").toString();
        Path snapshot = dir.resolve("fib.snapshot");
        Path first = dir.resolve("first.txt");
        Process run = weir(dir, first, "run", "--invoke", "run", "--checkpoint", snapshot.toString(),
                "--checkpoint-every", "20ms", fib, "40");
        try {
            // The first periodic snapshot says the run is computing, its SIGTERM handler installed.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(snapshot)) {
                assertTrue(run.isAlive() && System.nanoTime() < deadline, "no snapshot: "
                        + Files.readString(dir.resolve("stderr-first.txt")));
                Thread.sleep(5);
            }
            run.toHandle().destroy();
            assertEquals(ExitStatus.CHECKPOINTED, exit(run), Files.readString(dir.resolve("stderr-first.txt")));
        } finally {
            run.destroyForcibly();
        }
        assertEquals("", Files.readString(first));
        Path second = dir.resolve("second.txt");
        assertEquals(0, exit(weir(dir, second, "resume", snapshot.toString(), "--invoke", "run", fib)),
                Files.readString(dir.resolve("stderr-second.txt")));
        assertEquals("102334155\n", Files.readString(second));
    }

    @Test
    void aModuleHoldingACameraResumesOnABoardWithACameraAndIsRefusedWithoutOne(@TempDir Path dir) throws Exception {
        String motion = Cli.example("motion");
        String grants = Cli.root().resolve("examples/motion/motion.grants").toString();
        Path snapshot = dir.resolve("motion.snapshot");
        Path out1 = dir.resolve("out1.txt");
        Process run = weir(dir, out1, "run", "--grants", grants, "--camera", "synthetic:frames=100000,paced",
                "--checkpoint", snapshot.toString(), motion);
        try {
            awaitLines(out1, 1, run);
            Thread.sleep(300);
            run.toHandle().destroy();
            assertEquals(ExitStatus.CHECKPOINTED, exit(run), Files.readString(dir.resolve("stderr-out1.txt")));
        } finally {
            run.destroyForcibly();
        }

        Cli.Result refused = Cli.run("resume", snapshot.toString(), "--grant", "gpio 17 output initial=0 shutdown=0", motion);
        assertEquals(ExitStatus.DENIED, refused.status);
        assertTrue(refused.stderr.endsWith("weir: resume " + snapshot + ": denied capability: the program holds camera 0"
                + " at 160x120 gray8 15 fps, which this board does not grant or have (not-allowed)\n"), refused.stderr);

        // The new board's camera has 60 frames: the resumed program reads them through its old handle.
        Path out2 = dir.resolve("out2.txt");
        assertEquals(0, exit(weir(dir, out2, "resume", snapshot.toString(), "--grants", grants, "--camera",
                "synthetic:frames=60", motion)), Files.readString(dir.resolve("stderr-out2.txt")));
        String resumed = Files.readString(out2);
        assertTrue(resumed.contains("motion: ended with the stream\n") && !resumed.contains("watching"), resumed);
    }

    @Test
    void checkpointEveryKeepsRunningAndAnyLatestSnapshotResumesToTheSameEnd(@TempDir Path dir) throws Exception {
        String counter = Cli.example("counter");
        Path snapshot = dir.resolve("every.snapshot");
        Path out = dir.resolve("out.txt");
        assertEquals(0, exit(weir(dir, out, "run", "--checkpoint", snapshot.toString(), "--checkpoint-every", "100ms",
                counter, "3000")));
        assertTrue(Files.exists(snapshot), "a snapshot was written while running");
        String all = Files.readString(out);
        Path rest = dir.resolve("rest.txt");
        assertEquals(0, exit(weir(dir, rest, "resume", snapshot.toString(), counter, "3000")));
        String resumed = Files.readString(rest);
        assertTrue(all.endsWith(resumed) && resumed.endsWith(all.substring(all.lastIndexOf("checksum"))), resumed);
    }

    @Test
    void aDamagedOrForeignSnapshotIsOneLineAndRunsNothing(@TempDir Path dir) throws Exception {
        Path snapshot = dir.resolve("bad.snapshot");
        Files.write(snapshot, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        Cli.Result truncated = Cli.run("resume", snapshot.toString(), Cli.example("counter"), "10");
        assertEquals(ExitStatus.MALFORMED, truncated.status);
        assertEquals("", truncated.stdout);
        assertTrue(truncated.stderr.startsWith("weir: resume " + snapshot + ": checkpoint is corrupt or truncated")
                && truncated.stderr.indexOf('\n') == truncated.stderr.length() - 1, truncated.stderr);

        Cli.Result missing = Cli.run("resume", dir.resolve("none").toString(), Cli.example("counter"));
        assertEquals(ExitStatus.FILE_NOT_FOUND, missing.status);
    }

    /** Publishes "n" to mail/box/n at QoS 1 for n in [from, to], each confirmed by the broker. */
    private static void publish(Mosquitto broker, int from, int to) {
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("checkpoint-test-pub").serverHost("127.0.0.1")
                .serverPort(broker.port).buildBlocking();
        client.connect();
        try {
            for (int n = from; n <= to; n++) {
                client.publishWith().topic("mail/box/" + n).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(Integer.toString(n).getBytes(StandardCharsets.US_ASCII)).send();
            }
        } finally {
            client.disconnect();
        }
    }

    @Test
    @Timeout(180)
    void aModuleReceivingQos1MessagesResumesInAnotherProcessWithNothingLost(@TempDir Path dir) throws Exception {
        String mailbox = Cli.example("mailbox");
        try (Mosquitto broker = Mosquitto.started()) {
            String link = "mail=" + broker.uri() + ",client-id=mailbox-checkpoint";
            String grant = "messaging mail subscribe=mail/# qos=1 inbox=16";
            Path snapshot = dir.resolve("mailbox.snapshot");
            Path out1 = dir.resolve("out1.txt");
            // 30 ms per message: the first 100 arrive faster than it takes them, so its inbox is full
            // at the checkpoint and the broker holds the rest unacknowledged.
            Process run = weir(dir, out1, "run", "--checkpoint", snapshot.toString(), "--link", link, "--grant", grant,
                    mailbox, "150", "30");
            try {
                awaitLines(out1, 1, run);
                publish(broker, 1, 100);
                awaitLines(out1, 11, run);
                run.toHandle().destroy();
                assertEquals(ExitStatus.CHECKPOINTED, exit(run), Files.readString(dir.resolve("stderr-out1.txt")));
            } finally {
                run.destroyForcibly();
            }
            // While no process holds the link, the broker keeps the session's messages.
            publish(broker, 101, 150);

            Cli.Result refused = Cli.run("resume", snapshot.toString(), "--link", link, "--grant",
                    "messaging mail subscribe=mail/other/# qos=1 inbox=16", mailbox, "150", "0");
            assertEquals(ExitStatus.DENIED, refused.status, refused.toString());
            assertTrue(refused.stderr.endsWith("weir: resume " + snapshot + ": denied capability: the program holds link"
                    + " mail subscribed to mail/# at qos 1, which this run's grant does not allow (permission-denied)\n"),
                    refused.stderr);

            Path out2 = dir.resolve("out2.txt");
            assertEquals(0, exit(weir(dir, out2, "resume", snapshot.toString(), "--link", link, "--grant", grant,
                    mailbox, "150", "0")), Files.readString(dir.resolve("stderr-out2.txt")));
            String first = Files.readString(out1);
            String second = Files.readString(out2);
            assertTrue(first.startsWith("mailbox: subscribed\n") && !first.contains("messages, sum"), first);
            assertTrue(second.endsWith("mailbox: 150 messages, sum " + (150 * 151 / 2) + "\n"), second);
            // Every message exactly once, numbered on from where the first process stopped.
            java.util.Set<Integer> seen = new java.util.TreeSet<>();
            int expected = 1;
            for (String line : (first + second).split("\n")) {
                String[] words = line.split(" ");
                if (words.length == 4) {
                    assertEquals(expected++, Integer.parseInt(words[1]), line);
                    assertTrue(seen.add(Integer.parseInt(words[3])), "twice: " + line);
                }
            }
            assertEquals(150, seen.size(), seen.toString());
        }
    }
}
