package dev.weir.board.cli;

import dev.weir.board.gpio.Boards;
import java.io.PrintStream;

/**
 * {@code weir board [--board NAME]}: prints the board weir would use (detected, or named) with its
 * GPIO pins: BCM number, header position, abilities, and what else the pin is used for.
 */
final class BoardCommand {
    private BoardCommand() {
    }

    static int execute(String[] args, PrintStream out) throws CliException {
        String board = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if ("--board".equals(a) && i + 1 < args.length) {
                board = args[++i];
            } else if (a.startsWith("--board=")) {
                board = a.substring("--board=".length());
            } else {
                throw CliException.usage("board takes only --board NAME (boards: " + String.join(", ", Boards.NAMES) + ")");
            }
        }
        try {
            out.print(Boards.describe(board, Boards.systemRoot()).format());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--board: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new CliException(ExitStatus.DENIED, e.getMessage());
        }
        return ExitStatus.OK;
    }
}
