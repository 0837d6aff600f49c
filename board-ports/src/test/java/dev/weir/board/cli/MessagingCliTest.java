package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.messaging.Mosquitto;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * weir run's messaging options with the C examples and a real mosquitto on 127.0.0.1: two modules in
 * two runs talk through the broker; a publish outside the grant is denied with an audit line; bad
 * --link values are one-line usage errors; weir inspect shows what a module says it needs.
 */
@Timeout(120)
class MessagingCliTest {
    private static String grants(String example) {
        return Cli.root().resolve("examples/" + example + "/" + example + ".grants").toString();
    }

    @Test
    void sensorPubDrivesLedSubThroughMosquitto() throws Exception {
        try (Mosquitto broker = Mosquitto.started()) {
            final String link = "broker=" + broker.uri();
            final AtomicReference<Cli.Result> sub = new AtomicReference<>();
            Thread subscriber = new Thread(() -> sub.set(Cli.run("run", "--link", link + ",client-id=cli-sub", "--grants",
                    grants("led-sub"), "--trace", "gpio", Cli.example("led-sub"), "220", "20", "30000")));
            subscriber.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            // led-sub prints "subscribed" once the broker confirmed; its output is only seen at the end,
            // so wait for the subscription through the broker instead: publish until one arrives.
            Thread.sleep(100);
            Cli.Result pub = null;
            while (System.nanoTime() < deadline && subscriber.isAlive()) {
                pub = Cli.run("run", "--link", link + ",client-id=cli-pub", "--grants", grants("sensor-pub"),
                        "--trace", "messaging", Cli.example("sensor-pub"), "s7", "20", "20");
                assertEquals(0, pub.status, pub.toString());
                subscriber.join(3000);
            }
            subscriber.join(30_000);
            Cli.Result r = sub.get();
            assertEquals(0, r.status, r.toString());
            assertTrue(r.stdout.contains("led-sub: sensors/s7/temperature {\"sensor\":\"s7\",\"seq\":15,\"celsius\":22.0} -> LED on"),
                    r.stdout);
            assertTrue(r.stdout.contains("led-sub: 20 messages taken, 0 dropped by a full inbox"), r.stdout);
            assertTrue(r.stderr.contains("gpio 17 1 "), r.stderr);
            assertTrue(pub.stderr.contains("messaging publish broker sensors/s7/temperature 38 B qos=1 ok"), pub.stderr);
            assertTrue(pub.stderr.contains("messaging summary: broker: 20 published"), pub.stderr);
        }
    }

    @Test
    void publishOutsideTheGrantIsDeniedAndAudited() throws Exception {
        try (Mosquitto broker = Mosquitto.started()) {
            Cli.Result r = Cli.run("run", "--link", "broker=" + broker.uri(), "--grant",
                    "messaging broker publish=other/#", Cli.example("sensor-pub"), "s1", "10", "1");
            assertEquals(1, r.status, r.toString());
            assertTrue(r.stderr.contains("weir: messaging denied: publish to sensors/s1/temperature at qos 1 on link broker:"
                    + " outside the grant's publish filters [other/#] (permission-denied)"), r.stderr);
            assertTrue(r.stderr.contains("sensor-pub: publish to sensors/s1/temperature: permission-denied"), r.stderr);
        }
    }

    @Test
    void aLinkWithoutABrokerIsAnAuditedConnectionError() {
        Cli.Result r = Cli.run("run", "--grants", grants("sensor-pub"), Cli.example("sensor-pub"), "s1", "10", "1");
        assertEquals(1, r.status, r.toString());
        assertTrue(r.stderr.contains("weir: messaging denied: open link broker: the operator gave no broker for link broker"),
                r.stderr);
    }

    @Test
    void badLinkValuesAreOneLineUsageErrors() {
        Cli.Result r = Cli.run("run", "--link", "broker=http://127.0.0.1:1", Cli.example("sensor-pub"));
        assertEquals(ExitStatus.USAGE, r.status, r.toString());
        assertTrue(r.stderr.contains("--link broker=http://127.0.0.1:1: scheme 'http' is not supported"), r.stderr);
        assertEquals(1, r.stderr.trim().split("\n").length, r.stderr);
        r = Cli.run("run", "--link", "mqtt://127.0.0.1:1", Cli.example("sensor-pub"));
        assertEquals(ExitStatus.USAGE, r.status, r.toString());
        assertTrue(r.stderr.contains("expected NAME=mqtt://HOST:PORT"), r.stderr);
        r = Cli.run("run", "--trace", "mqtt", Cli.example("sensor-pub"));
        assertTrue(r.stderr.contains("the traces are gpio, camera and messaging"), r.stderr);
    }

    @Test
    void inspectShowsTheLinksAndTopicsAModuleNeeds() {
        Cli.Result r = Cli.run("inspect", Cli.example("sensor-pub"));
        assertEquals(0, r.status, r.toString());
        assertTrue(r.stdout.contains("  messaging  open-link, publish, status, close"), r.stdout);
        assertTrue(r.stdout.contains("    needs    link broker publish sensors/<id>/temperature qos 1"), r.stdout);
    }
}
