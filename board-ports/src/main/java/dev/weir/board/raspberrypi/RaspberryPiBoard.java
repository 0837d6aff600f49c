package dev.weir.board.raspberrypi;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import dev.weir.board.gpio.BoardPort;
import dev.weir.board.gpio.Pi4jGpioDriver;
import dev.weir.board.gpio.RaspberryPiHeader;
import dev.weir.hal.gpio.BoardDescriptor;
import dev.weir.hal.gpio.BoardPin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code raspberry-pi} board: Pi4J 2.8.0 with the gpiod provider (libgpiod through
 * /dev/gpiochipN, no root needed, works on every supported model including the Pi 5) for digital
 * I/O, and linuxfs (/sys/class/pwm) for hardware PWM.
 */
public final class RaspberryPiBoard implements BoardPort {
    public static final String NAME = "raspberry-pi";

    private final BoardDescriptor descriptor;
    private final Pi4jGpioDriver driver;

    private RaspberryPiBoard(BoardDescriptor descriptor, Pi4jGpioDriver driver) {
        this.descriptor = descriptor;
        this.driver = driver;
    }

    /**
     * The board as detected under {@code root}; throws IllegalStateException with what to do when the
     * model is not supported.
     */
    public static BoardDescriptor descriptor(PiDetection.Result r) {
        if (r.generation == 0) {
            throw new IllegalStateException(r.model == null
                    ? "no Raspberry Pi found (no /proc/device-tree/model); use --board host to simulate one"
                    : "'" + r.model + "' is not supported: the raspberry-pi board needs a Raspberry Pi 3, 4, 5 or Zero 2 W");
        }
        List<String> notes = new ArrayList<>();
        notes.add("gpio: /dev/" + r.gpioChip + " through Pi4J gpiod (" + r.gpioChipSource + ")");
        notes.add(r.pwmChip >= 0 ? "pwm: /sys/class/pwm/pwmchip" + r.pwmChip + " through Pi4J linuxfs"
                : "pwm: not enabled (add dtoverlay=pwm-2chan to config.txt and reboot)");
        BoardDescriptor full = RaspberryPiHeader.descriptor(NAME, r.model, r.generation == 5, notes);
        if (r.pwmChip >= 0) {
            return full;
        }
        List<BoardPin> digitalOnly = new ArrayList<>();
        for (BoardPin p : full.pins()) {
            digitalOnly.add(new BoardPin(p.bcm(), p.header(), BoardPin.DIGITAL, -1, p.note()));
        }
        return new BoardDescriptor(NAME, r.model, digitalOnly, notes);
    }

    /**
     * Opens the board's GPIO: checks that this process may use the chip device (the usual failure:
     * not in the gpio group), then creates the Pi4J context with the gpiod and linuxfs providers.
     */
    public static RaspberryPiBoard open(Path root) {
        PiDetection.Result r = new PiDetection(root).detect();
        BoardDescriptor d = descriptor(r);
        Path device = root.resolve("dev").resolve(r.gpioChip);
        if (!Files.exists(device)) {
            throw new IllegalStateException("/dev/" + r.gpioChip + " does not exist: is the gpiod character device"
                    + " enabled in this kernel?");
        }
        if (!Files.isReadable(device) || !Files.isWritable(device)) {
            throw new IllegalStateException("no permission to use /dev/" + r.gpioChip
                    + ": add your user to the gpio group (sudo usermod -aG gpio $USER, then log in again)");
        }
        Context pi4j = Pi4J.newContextBuilder().noAutoDetect()
                .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                .add(LinuxFsPwmProvider.newInstance("/sys/class/pwm", Math.max(0, r.pwmChip)))
                .build();
        return new RaspberryPiBoard(d, new Pi4jGpioDriver(pi4j, d, GpioDDigitalInputProvider.ID,
                GpioDDigitalOutputProvider.ID, LinuxFsPwmProvider.ID));
    }

    @Override
    public BoardDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Pi4jGpioDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.shutdown();
    }
}
