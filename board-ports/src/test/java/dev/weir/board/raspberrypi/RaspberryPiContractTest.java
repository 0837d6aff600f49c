package dev.weir.board.raspberrypi;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import dev.weir.board.gpio.BoardPort;
import dev.weir.board.gpio.GpioContractTest;
import dev.weir.hal.gpio.GpioDriver;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/**
 * The board-port contract on a real Raspberry Pi (3, 4, 5 or Zero 2 W), tagged {@code hardware} and
 * excluded from the default build. Wiring: a jumper from GPIO 22 (header pin 15) to GPIO 27 (header
 * pin 13); GPIO 17 (pin 11) may carry an LED. Run on the Pi with
 * {@code mvn -pl board-ports -am test -Dweir.excludedGroups=none -Dgroups=hardware}.
 */
@Tag("hardware")
class RaspberryPiContractTest extends GpioContractTest {
    private int driverLine = -1;

    @Override
    protected BoardPort openBoard() {
        return RaspberryPiBoard.open(Paths.get("/"));
    }

    @Override
    protected void drive(int level) throws Exception {
        GpioDriver d = board.driver();
        if (driverLine < 0) {
            driverLine = d.openOutput(DRIVER, level, 0);
            if (driverLine < 0) {
                throw new AssertionError("cannot open GPIO " + DRIVER + " to drive the jumper: " + driverLine);
            }
        } else {
            d.write(driverLine, level);
        }
        Thread.sleep(5);
    }

    @Override
    protected int observeOut() {
        try {
            Object io = ((RaspberryPiBoard) board).driver().context().registry().get("gpio-" + OUT);
            return ((DigitalOutput) io).state() == DigitalState.HIGH ? 1 : 0;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @AfterEach
    void releaseDriver() {
        driverLine = -1;
    }
}
