package dev.weir.board.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.Memory;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.gpio.GpioError;
import dev.weir.hal.gpio.GpioGrant;
import dev.weir.hal.gpio.GpioHost;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every board port must do, run against each: the host board here in CI
 * ({@code HostBoardContractTest}), a real Raspberry Pi under the {@code hardware} tag
 * ({@code RaspberryPiContractTest}). An input pin ({@link #IN}) is driven by the port's own means:
 * Pi4J's mock on the host board, a jumper wire from {@link #DRIVER} on a Pi.
 */
public abstract class GpioContractTest {
    /** The input the tests listen to (header pin 13). */
    public static final int IN = 27;
    /** The output the tests drive (header pin 11). */
    public static final int OUT = 17;
    /** On a Pi, wired to IN so the test can make edges (header pin 15). */
    public static final int DRIVER = 22;

    protected BoardPort board;

    protected abstract BoardPort openBoard();

    /** Makes IN read {@code level}. */
    protected abstract void drive(int level) throws Exception;

    /** The level OUT is driven to, as the port sees it from outside weir's host (-1 when released). */
    protected abstract int observeOut();

    @BeforeEach
    void open() {
        board = openBoard();
    }

    @AfterEach
    void close() {
        board.close();
    }

    private static void await(String what, java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }

    @Test
    void outputsStartAtTheirInitialLevelAndFollowWrites() throws Exception {
        GpioHost host = new GpioHost(board.driver(), new Grants().add(GpioGrant.output(OUT, 1, 0, "contract")));
        int h = host.openOutput(OUT, 0);
        assertTrue(h > 0, "opened: " + h);
        assertEquals(1, observeOut());
        assertEquals(0, host.setState(h, 0));
        assertEquals(0, observeOut());
        assertEquals(0, host.toggle(h));
        assertEquals(1, observeOut());
        assertEquals(1, host.read(h));
        host.close();
    }

    @Test
    void inputEdgesArriveInOrderThroughTheRing() throws Exception {
        drive(0);
        GpioHost host = new GpioHost(board.driver(), new Grants().add(GpioGrant.input(IN, GpioGrant.PULL_DOWN,
                GpioGrant.EDGE_BOTH, "contract")));
        int h = host.openInput(IN, GpioHost.FLAG_EDGE_RISING | GpioHost.FLAG_EDGE_FALLING);
        assertTrue(h > 0, "opened: " + h);
        assertEquals(0, host.read(h));
        drive(1);
        await("rising edge", () -> host.pendingEdges() >= 1);
        drive(0);
        await("falling edge", () -> host.pendingEdges() >= 2);
        Memory memory = new Memory(1, 1);
        List<Integer> edges = new ArrayList<>();
        while (edges.size() < 2) {
            assertEquals(1, host.takeEdge(memory, 0, 1000));
            assertEquals(h, memory.readInt(0));
            edges.add(memory.readInt(4));
        }
        assertEquals(List.of(GpioHost.EVENT_RISING, GpioHost.EVENT_FALLING), edges);
        host.close();
    }

    @Test
    void revocationDrivesTheShutdownLevelAndFailsTheHandle() throws Exception {
        Grant grant = GpioGrant.output(OUT, 1, 0, "contract");
        Grants grants = new Grants().add(grant);
        GpioHost host = new GpioHost(board.driver(), grants);
        int h = host.openOutput(OUT, 0);
        assertEquals(1, observeOut());
        grants.revoke(grant);
        assertEquals(-GpioError.REVOKED, host.toggle(h));
        assertEquals(0, host.close(h));
        assertTrue(observeOut() <= 0, "shutdown level 0, or released");
        host.close();
    }
}
