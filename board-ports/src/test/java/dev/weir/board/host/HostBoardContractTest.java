package dev.weir.board.host;

import dev.weir.board.gpio.BoardPort;
import dev.weir.board.gpio.GpioContractTest;
import java.util.List;

/** The board-port contract on the host board: inputs driven and outputs observed through Pi4J's mock. */
class HostBoardContractTest extends GpioContractTest {
    @Override
    protected BoardPort openBoard() {
        return new HostBoard();
    }

    @Override
    protected void drive(int level) {
        ((HostBoard) board).setInput(IN, level);
    }

    @Override
    protected int observeOut() {
        HostBoard host = (HostBoard) board;
        int level = host.outputLevel(OUT);
        if (level >= 0) {
            return level;
        }
        List<Integer> history = host.outputHistory(OUT);
        return history.isEmpty() ? -1 : history.get(history.size() - 1);
    }
}
