package dev.weir.hal.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.Memory;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantFile;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.capability.RecordingAudit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpioHostTest {
    private final MemoryDriver driver = new MemoryDriver();
    private final RecordingAudit audit = new RecordingAudit();
    private final List<String> trace = new ArrayList<>();

    private GpioHost host(String grantText) {
        List<Grant> list = new GrantFile().register("gpio", GpioGrant.PARSER).parse(grantText, "test.grants");
        Grants grants = new Grants(list).audit(audit);
        lastGrants = grants;
        return new GpioHost(driver, grants, 4, 8).trace(new GpioTrace() {
            @Override
            public synchronized void levelChanged(int bcm, int level, long nanos) {
                trace.add("gpio " + bcm + " " + level);
            }

            @Override
            public synchronized void dutyChanged(int bcm, int duty, long nanos) {
                trace.add("pwm " + bcm + " " + duty);
            }
        });
    }

    @Test
    void outputStartsAtInitialFollowsWritesAndEndsAtShutdown() {
        GpioHost host = host("gpio 17 output initial=1 shutdown=0");
        int led = host.openOutput(17, 0);
        assertTrue(led > 0);
        assertEquals(1, driver.level[17]);
        assertEquals(0, host.toggle(led));
        assertEquals(0, driver.level[17]);
        assertEquals(0, host.setState(led, 1));
        assertEquals(0, host.setState(led, 1));
        assertEquals(1, host.read(led));
        assertEquals(-GpioError.INVALID_ARGUMENT, host.setState(led, 2));
        host.close();
        assertEquals(0, driver.level[17]);
        assertEquals(Arrays.asList("gpio 17 1", "gpio 17 0", "gpio 17 1", "gpio 17 0"), trace);
        assertEquals(-GpioError.BAD_HANDLE, host.toggle(led), "closed with the host");
    }

    @Test
    void activeLowInvertsWhatTheModuleSeesNotThePin() {
        GpioHost host = host("gpio 17 output\ngpio 27 input pull=up");
        int led = host.openOutput(17, GpioHost.FLAG_ACTIVE_LOW);
        assertEquals(0, host.setState(led, 1));
        assertEquals(0, driver.level[17]);
        driver.level[27] = 1;
        int button = host.openInput(27, GpioHost.FLAG_ACTIVE_LOW);
        assertEquals(0, host.read(button));
    }

    @Test
    void requestsOutsideTheGrantsAreDeniedAndAudited() {
        GpioHost host = host("gpio 17 output\ngpio 27 input pull=up edge=falling\ngpio 18 pwm frequency=100..1000");
        assertEquals(-GpioError.PIN_NOT_ALLOWED, host.openOutput(5, 0));
        assertEquals(-GpioError.PIN_MODE_NOT_ALLOWED, host.openInput(17, 0));
        assertEquals(-GpioError.PIN_MODE_NOT_ALLOWED, host.openInput(27, GpioHost.FLAG_PULL_DOWN));
        assertEquals(-GpioError.PIN_MODE_NOT_ALLOWED, host.openInput(27, GpioHost.FLAG_EDGE_RISING));
        assertEquals(-GpioError.PIN_MODE_NOT_ALLOWED, host.openPwm(18, 5000));
        assertEquals(-GpioError.UNDEFINED_PIN, host.openOutput(40, 0));
        assertEquals(-GpioError.PIN_MODE_NOT_AVAILABLE, host.openPwm(17, 500));
        assertEquals(-GpioError.INVALID_ARGUMENT, host.openInput(27, 1 << 9));
        int pwm = host.openPwm(18, 500);
        assertTrue(pwm > 0);
        assertEquals(-GpioError.PIN_MODE_NOT_ALLOWED, host.setFrequency(pwm, 50));
        assertEquals(0, host.setFrequency(pwm, 1000));
        assertEquals(-GpioError.ALREADY_IN_USE, host.openPwm(18, 500));
        assertEquals(Arrays.asList(
                "gpio denied: output on GPIO 5: no grant names GPIO 5 (pin-not-allowed)",
                "gpio denied: input on GPIO 17: granted only as gpio 17 output initial=0 shutdown=0 (pin-mode-not-allowed)",
                "gpio denied: input on GPIO 27 pull=down: the grant fixes pull=up edge=falling (pin-mode-not-allowed)",
                "gpio denied: input on GPIO 27 edge=rising: the grant allows edge=falling (pin-mode-not-allowed)",
                "gpio denied: pwm on GPIO 18 at 5000 Hz: the grant allows 100..1000 Hz (pin-mode-not-allowed)",
                "gpio denied: output on GPIO 40: the memory board has no GPIO 40 (undefined-pin)",
                "gpio denied: pwm on GPIO 17 at 500 Hz: GPIO 17 cannot do pwm on memory (pin-mode-not-available)",
                "gpio denied: input on GPIO 27: flags 0x200 are not a valid combination (invalid-argument)",
                "gpio denied: pwm on GPIO 18 at 50 Hz: the grant allows 100..1000 Hz (pin-mode-not-allowed)",
                "gpio denied: pwm on GPIO 18 at 500 Hz: GPIO 18 is already open (already-in-use)"), audit.lines());
        assertTrue(!driver.open[5] && !driver.open[17] && !driver.open[40 % MemoryDriver.PINS]);
    }

    @Test
    void revokedGrantClosesItsHandlesToShutdownAndTheirUseFails() {
        GpioHost host = host("gpio 17 output initial=1 shutdown=0\ngpio 22 output initial=1 shutdown=1");
        int led = host.openOutput(17, 0);
        int other = host.openOutput(22, 0);
        Grants grants = lastGrants;
        Grant ledGrant = grants.forCapability("gpio").get(0);
        assertTrue(grants.revoke(ledGrant));
        assertEquals(0, driver.level[17], "shutdown level");
        assertTrue(!driver.open[17]);
        assertEquals(-GpioError.REVOKED, host.toggle(led));
        assertEquals(-GpioError.REVOKED, host.read(led));
        assertEquals(0, host.toggle(other), "the other grant still holds");
        assertEquals(-GpioError.PIN_NOT_ALLOWED, host.openOutput(17, 0), "no new opens under a revoked grant");
        assertEquals(0, host.close(led));
        assertEquals(-GpioError.BAD_HANDLE, host.close(led));
        assertEquals("gpio revoked: gpio 17 output initial=1 shutdown=0 (1 open)", audit.lines().get(0));
    }

    @Test
    void forgedStaleAndForeignHandlesAreRefused() {
        GpioHost host = host("gpio 17 output\ngpio 22 output");
        int led = host.openOutput(17, 0);
        for (int forged : new int[] {0, -1, 1, led + 1, led - 1, led + 4, led * 2, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertEquals(-GpioError.BAD_HANDLE, host.toggle(forged), "handle " + forged);
        }
        assertEquals(0, host.close(led));
        int reopened = host.openOutput(22, 0);
        assertEquals(-GpioError.BAD_HANDLE, host.toggle(led), "stale handle of a reused slot");
        GpioHost otherInstance = new GpioHost(new MemoryDriver(), new Grants().add(GpioGrant.output(22, 0, 0, "t")), 4, 8);
        assertEquals(-GpioError.BAD_HANDLE, otherInstance.toggle(reopened), "handles are per instance");
        assertEquals(0, host.toggle(reopened));
        assertEquals(driver.writes[driver.writeCount - 1], 22 * 2 + 1, "only the real handle reached the driver");
        assertTrue(audit.lines().get(0).startsWith("gpio denied: toggle on handle 0: not an open handle of this module"));
    }

    @Test
    void edgesReachTheRingFilteredByWhatTheModuleAskedFor() {
        GpioHost host = host("gpio 27 input pull=up edge=both\ngpio 22 input");
        driver.level[27] = 1;
        int button = host.openInput(27, GpioHost.FLAG_EDGE_FALLING);
        int plain = host.openInput(22, 0);
        driver.drive(27, 0);
        driver.drive(27, 1);
        driver.drive(27, 0);
        driver.drive(22, 1);
        assertEquals(2, host.pendingEdges());
        Memory memory = new Memory(1, 1);
        assertEquals(1, host.takeEdge(memory, 32, 0));
        assertEquals(button, memory.readInt(32));
        assertEquals(GpioHost.EVENT_FALLING, memory.readInt(36));
        long first = memory.readLong(40);
        assertEquals(1, host.takeEdge(memory, 32, 0));
        assertTrue(memory.readLong(40) >= first);
        assertEquals(0, host.takeEdge(memory, 32, 0));
        assertEquals(1, host.read(plain));
        assertEquals(Arrays.asList("gpio 27 0", "gpio 27 1", "gpio 27 0", "gpio 22 1"), trace);
    }

    @Test
    void aFullRingDropsNewEventsAndCountsThem() {
        GpioHost host = host("gpio 27 input edge=both");
        host.openInput(27, GpioHost.FLAG_EDGE_RISING | GpioHost.FLAG_EDGE_FALLING);
        for (int i = 0; i < 20; i++) {
            driver.drive(27, (i + 1) & 1);
        }
        assertEquals(8, host.pendingEdges());
        assertEquals(12, host.edgesLost());
    }

    @Test
    void pwmDutyIsBoundedAndSwitchesOffWhenClosed() {
        GpioHost host = host("gpio 18 pwm frequency=500");
        int pwm = host.openPwm(18, 500);
        assertEquals(0, host.setDuty(pwm, 2500));
        assertEquals(2500, driver.duty[18]);
        assertEquals(-GpioError.INVALID_ARGUMENT, host.setDuty(pwm, 10001));
        assertEquals(-GpioError.OPERATION_NOT_SUPPORTED, host.toggle(pwm));
        assertEquals(0, host.close(pwm));
        assertEquals(0, driver.duty[18]);
        assertEquals(Arrays.asList("pwm 18 2500", "pwm 18 0"), trace);
    }

    @Test
    void grantsForPinsTheBoardLacksAreNamedBeforeTheRun() {
        List<Grant> list = new GrantFile().register("gpio", GpioGrant.PARSER)
                .parse("gpio 17 output\ngpio 40 output\n", "x.grants");
        assertEquals("x.grants:2: gpio 40 output initial=0 shutdown=0: GPIO 40 does not exist on memory (GPIO 0..27;"
                + " see weir board)", GpioHost.checkGrants(driver.board(), list));
        List<Grant> pwm = new GrantFile().register("gpio", GpioGrant.PARSER).parse("gpio 4 pwm", "y.grants");
        assertEquals("y.grants:1: gpio 4 pwm frequency=1..100000: GPIO 4 has no hardware PWM on memory (PWM pins: 12,"
                + " 13, 18, 19)", GpioHost.checkGrants(driver.board(), pwm));
    }

    private Grants lastGrants;

    @Test
    void queuedEdgesTravelWithTheHandlesAndComeBeforeTheNewBoardsOwn() {
        String grants = "gpio 17 output\ngpio 27 input pull=up edge=both";
        GpioHost first = host(grants);
        driver.level[27] = 1;
        int led = first.openOutput(17, 0);
        int button = first.openInput(27, GpioHost.FLAG_EDGE_RISING | GpioHost.FLAG_EDGE_FALLING);
        driver.drive(27, 0);
        driver.drive(27, 1);
        assertEquals(2, first.pendingEdges());
        byte[] state = first.saveState();
        first.close();

        GpioHost second = host(grants);
        second.restoreState(state);
        driver.drive(27, 0);
        assertEquals(3, second.pendingEdges());
        Memory memory = new Memory(1, 1);
        int[] expected = {GpioHost.EVENT_FALLING, GpioHost.EVENT_RISING, GpioHost.EVENT_FALLING};
        for (int edge : expected) {
            assertEquals(1, second.takeEdge(memory, 32, 0));
            assertEquals(button, memory.readInt(32));
            assertEquals(edge, memory.readInt(36));
        }
        assertEquals(0, second.setState(led, 1), "the output came back under its handle");
    }
}
