package dev.weir.board.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pi4J's warnings reach stderr through a real SLF4J provider (slf4j-simple) at warning level, and
 * its info lines do not. A subprocess, because SLF4J binds its provider once per JVM.
 */
class Pi4jLoggingTest {
    /** Logs through SLF4J as Pi4J's classes do, one line per level. */
    public static void main(String[] args) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDChip");
        log.info("pi4j info line");
        log.warn("pi4j warning line");
        log.error("pi4j error line");
    }

    @Test
    void pi4jWarningsAndErrorsShowOnStderrAndItsInfoDoesNot() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Pi4jLoggingTest.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), stderr);
        assertEquals(List.of("WARN GpioDChip - pi4j warning line", "ERROR GpioDChip - pi4j error line"),
                List.of(stderr.split("\n")), stderr);
    }

    @Test
    void theProviderIsSlf4jSimpleNotTheNoOpOne() {
        assertTrue(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName().startsWith("org.slf4j.simple."),
                org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
    }
}
