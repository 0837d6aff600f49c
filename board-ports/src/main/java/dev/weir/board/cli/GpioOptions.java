package dev.weir.board.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The GPIO options of {@code weir run}: {@code --grants FILE}, {@code --grant LINE}, {@code --trace
 * gpio}, {@code --stimulus FILE} and {@code --board NAME}, and the camera options that share the
 * grants ({@code --camera SPEC}, {@code --trace camera}). Kept apart from {@link RunOptions} so the
 * hardware wiring lives in two places ({@link GpioSetup}, {@link CameraSetup}).
 */
final class GpioOptions {
    /** Grant files in command-line order. */
    final List<String> grantFiles = new ArrayList<>();
    /** Single grants in grant-file syntax, in command-line order. */
    final List<String> grantLines = new ArrayList<>();
    boolean traceGpio;
    /** --camera SPEC, in order: camera 0, 1, ... (see {@link CameraSetup}). */
    final List<String> cameras = new ArrayList<>();
    /** --trace camera. */
    boolean traceCamera;
    /** --trace messaging. */
    boolean traceMessaging;
    String stimulus;
    /** null: detect (raspberry-pi on a Raspberry Pi, host elsewhere). */
    String board;

    static boolean isOption(String name) {
        switch (name) {
            case "--grants": case "--grant": case "--trace": case "--stimulus": case "--board": case "--camera":
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
                if ("camera".equals(value)) {
                    traceCamera = true;
                    break;
                }
                if ("messaging".equals(value)) {
                    traceMessaging = true;
                    break;
                }
                if (!"gpio".equals(value)) {
                    throw CliException.usage("--trace " + value + ": the traces are gpio, camera and messaging (--trace gpio)");
                }
                traceGpio = true;
                break;
            case "--camera":
                cameras.add(value);
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
