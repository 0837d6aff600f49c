package dev.weir.board.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.hal.gpio.BoardDescriptor;
import org.junit.jupiter.api.Test;

class StimulusTest {
    private final BoardDescriptor header = HostBoard.simulatedHeader();

    @Test
    void readsTimesPinsAndLevelsWithComments() {
        Stimulus s = Stimulus.parse("# button\n0 27 1\n300 GPIO27 low  # press\n\n300 22 high\n", "s.txt", header);
        assertEquals(3, s.size());
    }

    @Test
    void errorsNameFileLineAndProblem() {
        assertEquals("s:1: expected MILLISECONDS PIN LEVEL, got '10 27'",
                assertThrows(IllegalArgumentException.class, () -> Stimulus.parse("10 27", "s", header)).getMessage());
        assertEquals("s:2: time 5 ms comes before the previous line's 10 ms",
                assertThrows(IllegalArgumentException.class, () -> Stimulus.parse("10 27 1\n5 27 0", "s", header))
                        .getMessage());
        assertEquals("s:1: GPIO 40 does not exist on host (see weir board)",
                assertThrows(IllegalArgumentException.class, () -> Stimulus.parse("0 40 1", "s", header)).getMessage());
        assertEquals("s:1: 'soon' is not a time in milliseconds",
                assertThrows(IllegalArgumentException.class, () -> Stimulus.parse("soon 27 1", "s", header)).getMessage());
    }

    @Test
    void drivesTheMockInputAtItsTimesAndPresetsPinsNotYetOpen() throws Exception {
        try (HostBoard board = new HostBoard()) {
            // The second step is late enough that opening the pin (Pi4J's first input, its loggers
            // included) finishes before it even on a loaded 2-core CI machine.
            Stimulus s = Stimulus.parse("0 27 0\n500 27 1\n", "s", header);
            long start = System.nanoTime();
            s.start(board, start);
            int opened = board.driver().openInput(27, 1, (cookie, level, t) -> { }, 1);
            int first = board.driver().read(opened);
            if (System.nanoTime() - start < 490_000_000L) {
                assertEquals(0, first, "set at 0 ms, before the pin was opened");
            }
            GuestRun.await("the 500 ms step", 5_000, () -> board.driver().read(opened) == 1);
            assertEquals(true, System.nanoTime() - start >= 499_000_000L);
            s.stop();
        }
    }
}
