package dev.weir.board.raspberrypi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.board.gpio.Boards;
import dev.weir.hal.gpio.BoardDescriptor;
import dev.weir.hal.gpio.BoardPin;
import dev.weir.hal.gpio.GpioGrant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raspberry-pi port against fake device-tree and sysfs files (the seam: a root folder), since this
 * machine has no gpiod and no Raspberry Pi.
 */
class PiDetectionTest {
    @TempDir
    Path root;

    private void model(String model) throws IOException {
        Files.createDirectories(root.resolve("proc/device-tree"));
        Files.writeString(root.resolve("proc/device-tree/model"), model + "\0");
    }

    private void kernel(String release) throws IOException {
        Files.createDirectories(root.resolve("proc/sys/kernel"));
        Files.writeString(root.resolve("proc/sys/kernel/osrelease"), release + "\n");
    }

    /** A sysfs GPIO class entry gpiochipBASE with a label, whose device link names /dev/gpiochipN. */
    private void sysfsChip(int base, String label, int n) throws IOException {
        Path device = Files.createDirectories(root.resolve("sys/devices/platform/soc/chip" + base + "/gpiochip" + n));
        Path entry = Files.createDirectories(root.resolve("sys/class/gpio/gpiochip" + base));
        Files.writeString(entry.resolve("label"), label + "\n");
        Files.createSymbolicLink(entry.resolve("device"), device);
    }

    private void pwmChip(int n, int channels) throws IOException {
        Path dir = Files.createDirectories(root.resolve("sys/class/pwm/pwmchip" + n));
        Files.writeString(dir.resolve("npwm"), channels + "\n");
    }

    @Test
    void generationsOfEverySupportedModelAndRefusalOfOthers() {
        assertEquals(5, PiDetection.generation("Raspberry Pi 5 Model B Rev 1.0"));
        assertEquals(5, PiDetection.generation("Raspberry Pi 500 Rev 1.0"));
        assertEquals(5, PiDetection.generation("Raspberry Pi Compute Module 5 Rev 1.0"));
        assertEquals(4, PiDetection.generation("Raspberry Pi 4 Model B Rev 1.4"));
        assertEquals(4, PiDetection.generation("Raspberry Pi 400 Rev 1.0"));
        assertEquals(4, PiDetection.generation("Raspberry Pi Compute Module 4 Rev 1.0"));
        assertEquals(3, PiDetection.generation("Raspberry Pi 3 Model B Plus Rev 1.3"));
        assertEquals(3, PiDetection.generation("Raspberry Pi Zero 2 W Rev 1.0"));
        assertEquals(0, PiDetection.generation("Raspberry Pi Zero W Rev 1.1"));
        assertEquals(0, PiDetection.generation("Raspberry Pi 2 Model B Rev 1.1"));
        assertEquals(0, PiDetection.generation("Pine64 RockPro64 v2.1"));
        assertEquals(0, PiDetection.generation(null));
    }

    @Test
    void pi5WithAnOldKernelHasItsHeaderOnGpiochip4() throws IOException {
        model("Raspberry Pi 5 Model B Rev 1.0");
        sysfsChip(512, "gpio-brcmstb@107d508500", 0);
        sysfsChip(544, "gpio-brcmstb@107d508500", 1);
        sysfsChip(571, "pinctrl-rp1", 4);
        PiDetection.Result r = new PiDetection(root).detect();
        assertEquals(5, r.generation);
        assertEquals("gpiochip4", r.gpioChip);
        assertEquals("label pinctrl-rp1 in sysfs", r.gpioChipSource);
    }

    @Test
    void pi5WithKernel6645OrLaterHasItsHeaderOnGpiochip0() throws IOException {
        model("Raspberry Pi 5 Model B Rev 1.0");
        sysfsChip(571, "pinctrl-rp1", 0);
        sysfsChip(625, "gpio-brcmstb@107d508500", 10);
        assertEquals("gpiochip0", new PiDetection(root).detect().gpioChip);
    }

    @Test
    void withoutSysfsGpioThePi5KernelReleaseDecides() throws IOException {
        model("Raspberry Pi 5 Model B Rev 1.0");
        kernel("6.6.31+rpt-rpi-2712");
        PiDetection.Result old = new PiDetection(root).detect();
        assertEquals("gpiochip4", old.gpioChip);
        assertEquals("Raspberry Pi 5 with kernel 6.6.31+rpt-rpi-2712 (before 6.6.45)", old.gpioChipSource);
        kernel("6.6.51+rpt-rpi-2712");
        assertEquals("gpiochip0", new PiDetection(root).detect().gpioChip);
        kernel("6.12.25+rpt-rpi-2712");
        assertEquals("gpiochip0", new PiDetection(root).detect().gpioChip);
        assertTrue(PiDetection.kernelBefore("5.15.84-v8+", 6, 6, 45));
        assertTrue(!PiDetection.kernelBefore("6.6.45", 6, 6, 45));
    }

    @Test
    void pi4UsesTheBcm2711ChipAndTwoChannelPwm() throws IOException {
        model("Raspberry Pi 4 Model B Rev 1.4");
        sysfsChip(504, "raspberrypi-exp-gpio", 1);
        sysfsChip(512, "pinctrl-bcm2711", 0);
        pwmChip(0, 2);
        PiDetection.Result r = new PiDetection(root).detect();
        assertEquals("gpiochip0", r.gpioChip);
        assertEquals(0, r.pwmChip);
        BoardDescriptor d = RaspberryPiBoard.descriptor(r);
        assertEquals("raspberry-pi", d.name());
        assertEquals("Raspberry Pi 4 Model B Rev 1.4", d.model());
        assertEquals(0, d.pin(18).pwmChannel());
        assertEquals(1, d.pin(19).pwmChannel());
        assertEquals(12, d.pin(18).header());
        assertEquals("[gpio: /dev/gpiochip0 through Pi4J gpiod (label pinctrl-bcm2711 in sysfs),"
                + " pwm: /sys/class/pwm/pwmchip0 through Pi4J linuxfs]", d.notes().toString());
    }

    @Test
    void pi5PwmHasFourChannelsOnTheRp1Chip() throws IOException {
        model("Raspberry Pi 5 Model B Rev 1.0");
        kernel("6.6.51+rpt-rpi-2712");
        pwmChip(0, 2);
        pwmChip(2, 4);
        PiDetection.Result r = new PiDetection(root).detect();
        assertEquals(2, r.pwmChip);
        BoardDescriptor d = RaspberryPiBoard.descriptor(r);
        assertEquals(2, d.pin(18).pwmChannel());
        assertEquals(3, d.pin(19).pwmChannel());
        assertEquals(0, d.pin(12).pwmChannel());
    }

    @Test
    void withoutAPwmChipPwmGrantsAreRefusedWithWhatToDo() throws IOException {
        model("Raspberry Pi Zero 2 W Rev 1.0");
        PiDetection.Result r = new PiDetection(root).detect();
        assertEquals(-1, r.pwmChip);
        BoardDescriptor d = RaspberryPiBoard.descriptor(r);
        assertTrue(!d.pin(18).can(BoardPin.PWM));
        assertEquals("GPIO 18 has no hardware PWM on raspberry-pi (PWM pins: none)",
                d.refusal(GpioGrant.pwm(18, 100, 1000, "t")));
        assertEquals("pwm: not enabled (add dtoverlay=pwm-2chan to config.txt and reboot)", d.notes().get(1));
    }

    @Test
    void unsupportedOrMissingModelsGetAnErrorThatSaysWhatToDo() throws IOException {
        assertNull(new PiDetection(root).model());
        assertEquals("no Raspberry Pi found (no /proc/device-tree/model); use --board host to simulate one",
                assertThrows(IllegalStateException.class,
                        () -> RaspberryPiBoard.descriptor(new PiDetection(root).detect())).getMessage());
        model("Raspberry Pi Model B Rev 2");
        assertEquals("'Raspberry Pi Model B Rev 2' is not supported: the raspberry-pi board needs a Raspberry Pi 3,"
                + " 4, 5 or Zero 2 W", assertThrows(IllegalStateException.class,
                        () -> RaspberryPiBoard.descriptor(new PiDetection(root).detect())).getMessage());
    }

    @Test
    void openingChecksTheChipDeviceBeforePi4jTouchesIt() throws IOException {
        model("Raspberry Pi 4 Model B Rev 1.4");
        assertEquals("/dev/gpiochip0 does not exist: is the gpiod character device enabled in this kernel?",
                assertThrows(IllegalStateException.class, () -> RaspberryPiBoard.open(root)).getMessage());
    }

    @Test
    void autoPicksRaspberryPiOnlyWhenTheDeviceTreeNamesOne() throws IOException {
        assertEquals("host", Boards.resolve(null, root));
        assertEquals("host", Boards.resolve("auto", root));
        model("Raspberry Pi 3 Model B Rev 1.2");
        assertEquals("raspberry-pi", Boards.resolve(null, root));
        assertEquals("host", Boards.resolve("host", root));
        assertEquals("unknown board 'pico' (boards: auto, host, raspberry-pi)",
                assertThrows(IllegalArgumentException.class, () -> Boards.resolve("pico", root)).getMessage());
    }
}
