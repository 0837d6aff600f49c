package dev.weir.board.gpio;

import dev.weir.board.host.HostBoard;
import dev.weir.board.raspberrypi.PiDetection;
import dev.weir.board.raspberrypi.RaspberryPiBoard;
import dev.weir.hal.gpio.BoardDescriptor;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Chooses the board port: {@code host}, {@code raspberry-pi}, or {@code auto} (the default), which
 * picks raspberry-pi when {@code /proc/device-tree/model} names a Raspberry Pi and host otherwise.
 */
public final class Boards {
    public static final String AUTO = "auto";
    public static final String[] NAMES = {AUTO, HostBoard.NAME, RaspberryPiBoard.NAME};

    private Boards() {
    }

    /** The system root the detection reads ("/"; tests point elsewhere). */
    public static Path systemRoot() {
        String r = System.getProperty("weir.sysroot");
        return Paths.get(r == null ? "/" : r);
    }

    /** The concrete board name for a request; throws IllegalArgumentException for an unknown name. */
    public static String resolve(String requested, Path root) {
        String name = requested == null ? AUTO : requested;
        switch (name) {
            case HostBoard.NAME:
            case RaspberryPiBoard.NAME:
                return name;
            case AUTO:
                return PiDetection.isRaspberryPi(new PiDetection(root).model()) ? RaspberryPiBoard.NAME : HostBoard.NAME;
            default:
                throw new IllegalArgumentException("unknown board '" + name + "' (boards: " + String.join(", ", NAMES) + ")");
        }
    }

    /** The descriptor of a board without opening its hardware (for weir board). */
    public static BoardDescriptor describe(String requested, Path root) {
        String name = resolve(requested, root);
        if (HostBoard.NAME.equals(name)) {
            return HostBoard.simulatedHeader();
        }
        return RaspberryPiBoard.descriptor(new PiDetection(root).detect());
    }

    /** Opens a board; IllegalStateException says what is wrong (unsupported model, permissions). */
    public static BoardPort open(String requested, Path root) {
        String name = resolve(requested, root);
        if (HostBoard.NAME.equals(name)) {
            return new HostBoard();
        }
        return RaspberryPiBoard.open(root);
    }
}
