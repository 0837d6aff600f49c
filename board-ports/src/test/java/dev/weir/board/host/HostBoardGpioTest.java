package dev.weir.board.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.gpio.GpioError;
import dev.weir.hal.gpio.GpioGrant;
import dev.weir.hal.gpio.GpioHost;
import dev.weir.hal.gpio.GpioTrace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The C examples on the host board, observed through Pi4J's mock I/O: what the "done means"
 * asks of the host board.
 */
class HostBoardGpioTest {
    private final HostBoard board = new HostBoard();

    @AfterEach
    void close() {
        board.close();
    }

    @Test
    void blinkyTogglesTheMockOutputInExactlyTheExpectedSequence() throws Exception {
        GuestRun run = new GuestRun(board, "blinky", GuestRun.grantsOf("blinky"), "5", "5").start();
        assertEquals(0, run.join(10_000), run.stderr());
        // initial=0, five toggles, then close drives the shutdown level 0.
        assertEquals(Arrays.asList(1, 0, 1, 0, 1, 0), board.outputHistory(17));
        assertEquals("blinky: 5 toggles of GPIO 17 every 5 ms\n", run.stdout());
        assertEquals(-1, board.outputLevel(17), "closed: released from the Pi4J registry");
    }

    @Test
    void buttonEdgesInjectedOnTheMockInputReachTheModuleAndDriveTheLed() throws Exception {
        GuestRun run = new GuestRun(board, "button", GuestRun.grantsOf("button"), "2", "10000").start();
        GuestRun.await("both pins open", 10_000, () -> run.gpio.openHandles() == 2);
        assertEquals(0, board.outputLevel(17));
        board.setInput(27, 0);
        GuestRun.await("LED on after the press", 5_000, () -> board.outputLevel(17) == 1);
        board.setInput(27, 1);
        GuestRun.await("LED off after the release", 5_000, () -> board.outputLevel(17) == 0);
        board.setInput(27, 0);
        assertEquals(0, run.join(10_000), run.stderr());
        assertEquals(Arrays.asList(1, 0, 1, 0), board.outputHistory(17), "on, off, on, shutdown");
        String out = run.stdout();
        assertTrue(out.startsWith("button: LED on GPIO 17 follows the button on GPIO 27\nbutton: pressed at "), out);
        assertTrue(out.contains("\nbutton: released at "), out);
        assertTrue(out.endsWith("button: 2 presses\n"), out);
    }

    @Test
    void aPinOutsideTheGrantsIsDeniedAndNeverTouched() throws Exception {
        Grants grants = new Grants().add(GpioGrant.output(22, 0, 0, "test"));
        GuestRun run = new GuestRun(board, "blinky", grants, "3", "1").start();
        assertEquals(1, run.join(10_000));
        assertEquals("blinky: cannot open GPIO 17 as an output: pin-not-allowed\n", run.stderr());
        assertEquals(Arrays.asList("gpio denied: output on GPIO 17: no grant names GPIO 17 (pin-not-allowed)"), run.audit.lines());
        assertEquals(-1, board.outputLevel(17));
        assertEquals(Arrays.asList(), board.outputHistory(17));
    }

    @Test
    void revokingWhileTheModuleRunsFailsItsNextUseAndDrivesTheShutdownLevel() throws Exception {
        Grant grant = GpioGrant.output(17, 0, 1, "test");
        GuestRun run = new GuestRun(board, "blinky", new Grants().add(grant), "100000", "2").start();
        GuestRun.await("a few toggles", 10_000, () -> board.outputHistory(17).size() >= 4);
        DigitalOutput mock = board.output(17);
        assertNotNull(mock);
        assertTrue(run.grants.revoke(grant));
        assertEquals(DigitalState.HIGH, mock.state(), "the shutdown level of the grant");
        assertEquals(1, run.join(10_000));
        assertTrue(run.stderr().matches("blinky: toggle \\d+ failed: revoked\n"), run.stderr());
        assertEquals(Arrays.asList("gpio revoked: gpio 17 output initial=0 shutdown=1 (1 open)"), run.audit.lines());
        assertEquals(-1, board.outputLevel(17));
    }

    @Test
    void forgedAndForeignHandlesAreRefusedWithoutReachingThePin() {
        Grants grantsA = new Grants().add(GpioGrant.output(17, 0, 0, "a"));
        Grants grantsB = new Grants().add(GpioGrant.output(22, 0, 0, "b"));
        GpioHost a = new GpioHost(board.driver(), grantsA);
        GpioHost b = new GpioHost(board.driver(), grantsB);
        int led = a.openOutput(17, 0);
        assertTrue(led > 0);
        assertEquals(-GpioError.BAD_HANDLE, b.toggle(led), "another instance's handle");
        for (int forged : new int[] {0, 1, -5, led + 1, led + GpioHost.DEFAULT_MAX_HANDLES, 0x7fffffff}) {
            assertEquals(-GpioError.BAD_HANDLE, a.toggle(forged), "forged handle " + forged);
        }
        assertEquals(0, board.outputLevel(17));
        assertEquals(Arrays.asList(), board.outputHistory(17));
        assertEquals(0, a.toggle(led));
        assertEquals(Arrays.asList(1), board.outputHistory(17));
        a.close();
        b.close();
    }

    @Test
    void fadeRampsThePwmDutyUpAndDownAndSwitchesItOff() throws Exception {
        List<Integer> duties = new ArrayList<>();
        float[] peak = new float[1];
        GuestRun run = new GuestRun(board, "fade", GuestRun.grantsOf("fade"), "1", "1");
        run.gpio.trace(new GpioTrace() {
            @Override
            public void levelChanged(int bcm, int level, long nanos) {
            }

            @Override
            public synchronized void dutyChanged(int bcm, int duty, long nanos) {
                duties.add(duty);
                peak[0] = Math.max(peak[0], board.pwmDuty(18));
            }
        });
        run.start();
        assertEquals(0, run.join(10_000), run.stderr());
        assertEquals(40, duties.size(), duties.toString());
        assertEquals(500, (int) duties.get(0));
        assertEquals(10000, (int) duties.get(19));
        assertEquals(0, (int) duties.get(39));
        assertEquals(100f, peak[0], "Pi4J's mock PWM held 100 %");
        assertEquals(-1f, board.pwmDuty(18), "closed");
    }
}
