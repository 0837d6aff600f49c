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
    /** --trace-file FILE: the traces as JSON lines in FILE instead of text on stderr. */
    String traceFilePath;
    /** --vcd FILE: the granted pins' levels as a Value Change Dump. */
    String vcd;
    /** --inspect PORT: the debug page, live and read-only, on this port (0: any); -1 without it. */
    int inspectPort = -1;
    /** Opened by whichever setup needs it first; shared by GPIO and camera. */
    private TraceFile traceFile;

    static boolean isOption(String name) {
        switch (name) {
            case "--grants": case "--grant": case "--trace": case "--stimulus": case "--board": case "--camera":
            case "--trace-file": case "--vcd": case "--inspect":
                return true;
            default:
                return false;
        }
    }

    /** Whether any GPIO option was given (then the module gets weir:gpio even if it does not import it). */
    boolean any() {
        return !grantFiles.isEmpty() || !grantLines.isEmpty() || traceGpio || stimulus != null || board != null
                || vcd != null || inspectPort >= 0;
    }

    /** Whether GPIO changes are traced (--trace gpio, or --trace-file without a --trace). */
    boolean tracesGpio() {
        return traceGpio || traceFilePath != null && !traceCamera;
    }

    /** Whether delivered frames are traced (--trace camera, or --trace-file without a --trace). */
    boolean tracesCamera() {
        return traceCamera || traceFilePath != null && !traceGpio;
    }

    /** The --trace-file writer, opened on first use; null without --trace-file. Each caller closes it once. */
    synchronized TraceFile traceFile() throws CliException {
        if (traceFile == null && traceFilePath != null) {
            traceFile = TraceFile.open(traceFilePath);
        }
        return traceFile == null ? null : traceFile.retain();
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
            case "--trace-file":
                traceFilePath = value;
                break;
            case "--vcd":
                vcd = value;
                break;
            case "--inspect":
                try {
                    inspectPort = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    inspectPort = -1;
                }
                if (inspectPort < 0 || inspectPort > 65535) {
                    throw CliException.usage("--inspect " + value + ": not a port number (0 for any free port)");
                }
                break;
            default:
                throw CliException.usage("unknown option " + name);
        }
    }
}
