package dev.weir.board.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The GPIO options of {@code weir run}: {@code --grants FILE}, {@code --grant LINE}, {@code --trace
 * gpio}, {@code --stimulus FILE} and {@code --board NAME}. Kept apart from {@link RunOptions} so the
 * GPIO wiring lives in one place ({@link GpioSetup}).
 */
final class GpioOptions {
    /** Grant files in command-line order. */
    final List<String> grantFiles = new ArrayList<>();
    /** Single grants in grant-file syntax, in command-line order. */
    final List<String> grantLines = new ArrayList<>();
    boolean traceGpio;
    String stimulus;
    /** null: detect (raspberry-pi on a Raspberry Pi, host elsewhere). */
    String board;

    static boolean isOption(String name) {
        switch (name) {
            case "--grants": case "--grant": case "--trace": case "--stimulus": case "--board":
                return true;
            default:
                return false;
        }
    }

    /** Whether any GPIO option was given (then the module gets weir:gpio even if it does not import it). */
    boolean any() {
        return !grantFiles.isEmpty() || !grantLines.isEmpty() || traceGpio || stimulus != null || board != null;
    }

    void apply(String name, String value) throws CliException {
        switch (name) {
            case "--grants":
                grantFiles.add(value);
                break;
            case "--grant":
                grantLines.add(value);
                break;
            case "--trace":
                if (!"gpio".equals(value)) {
                    throw CliException.usage("--trace " + value + ": the only trace is gpio (--trace gpio)");
                }
                traceGpio = true;
                break;
            case "--stimulus":
                stimulus = value;
                break;
            case "--board":
                board = value;
                break;
            default:
                throw CliException.usage("unknown option " + name);
        }
    }
}
