package dev.weir.board.raspberrypi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What kind of Raspberry Pi this is and where its header GPIO lines and PWM channels are, read from
 * files under a root folder ({@code /} on a Pi; a folder of fake files in tests):
 * <ul>
 * <li>{@code proc/device-tree/model}: the model ("Raspberry Pi 5 Model B Rev 1.0");</li>
 * <li>{@code sys/class/gpio/gpiochip*}/{@code label} and {@code device}: the GPIO chip whose label
 *     starts with {@code pinctrl-} drives the header, and its {@code device} link names its
 *     {@code /dev/gpiochipN}. On a Pi 5 that is gpiochip4 before kernel 6.6.45 and gpiochip0 from it on
 *     (the RP1's lines moved); when sysfs GPIO is not there, the kernel release decides;</li>
 * <li>{@code sys/class/pwm/pwmchip*}/{@code npwm}: the PWM chip, with 4 channels on a Pi 5's RP1 and 2
 *     on the BCM2835/2711 (enabled with {@code dtoverlay=pwm-2chan}).</li>
 * </ul>
 */
public final class PiDetection {
    /** The detected facts. */
    public static final class Result {
        public final String model;
        /** 3 (also Zero 2 W), 4 (also 400, CM4), 5 (also 500, CM5), or 0 for an unsupported model. */
        public final int generation;
        /** The header's gpiochip ("gpiochip0"), detected from sysfs or the kernel release. */
        public final String gpioChip;
        /** How the chip was found, for weir board. */
        public final String gpioChipSource;
        /** The PWM chip number, -1 when PWM is not enabled. */
        public final int pwmChip;

        Result(String model, int generation, String gpioChip, String gpioChipSource, int pwmChip) {
            this.model = model;
            this.generation = generation;
            this.gpioChip = gpioChip;
            this.gpioChipSource = gpioChipSource;
            this.pwmChip = pwmChip;
        }
    }

    private final Path root;

    public PiDetection(Path root) {
        this.root = root;
    }

    /** The device tree model without its trailing NUL, or null when there is none (not a device-tree board). */
    public String model() {
        Path p = root.resolve("proc/device-tree/model");
        try {
            String s = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
            int nul = s.indexOf('\0');
            return (nul >= 0 ? s.substring(0, nul) : s).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the model names a Raspberry Pi at all (supported or not). */
    public static boolean isRaspberryPi(String model) {
        return model != null && model.startsWith("Raspberry Pi");
    }

    /** The SoC generation of a model: 3, 4 or 5, or 0 when weir does not support it (Pi 1, 2, Zero, Zero W). */
    public static int generation(String model) {
        if (!isRaspberryPi(model)) {
            return 0;
        }
        String m = model.substring("Raspberry Pi".length()).trim();
        if (m.startsWith("Compute Module ")) {
            m = m.substring("Compute Module ".length());
        }
        if (m.startsWith("Zero 2")) {
            return 3;
        }
        if (m.startsWith("5") || m.startsWith("500")) {
            return 5;
        }
        if (m.startsWith("4") || m.startsWith("400")) {
            return 4;
        }
        if (m.startsWith("3")) {
            return 3;
        }
        return 0;
    }

    /** The label of the header's GPIO controller for a generation. */
    static String expectedLabel(int generation) {
        return generation == 5 ? "pinctrl-rp1" : generation == 4 ? "pinctrl-bcm2711" : "pinctrl-bcm2835";
    }

    public Result detect() {
        String model = model();
        int generation = generation(model);
        String[] chip = gpioChip(generation);
        return new Result(model, generation, chip[0], chip[1], pwmChip(generation));
    }

    /** {chip name, how it was found}. */
    String[] gpioChip(int generation) {
        String expected = expectedLabel(generation);
        String fallbackByLabel = null;
        for (Path dir : list(root.resolve("sys/class/gpio"), "gpiochip")) {
            String label = read(dir.resolve("label"));
            if (label == null || !label.startsWith("pinctrl-")) {
                continue;
            }
            String name = deviceName(dir);
            if (name == null) {
                continue;
            }
            if (label.equals(expected)) {
                return new String[] {name, "label " + label + " in sysfs"};
            }
            if (fallbackByLabel == null) {
                fallbackByLabel = name + "\0label " + label + " in sysfs";
            }
        }
        if (fallbackByLabel != null) {
            return fallbackByLabel.split("\0");
        }
        if (generation == 5) {
            String release = read(root.resolve("proc/sys/kernel/osrelease"));
            if (release != null && kernelBefore(release, 6, 6, 45)) {
                return new String[] {"gpiochip4", "Raspberry Pi 5 with kernel " + release + " (before 6.6.45)"};
            }
            return new String[] {"gpiochip0", "Raspberry Pi 5 with kernel " + (release == null ? "unknown" : release)
                    + " (6.6.45 or later)"};
        }
        return new String[] {"gpiochip0", "the default for this model"};
    }

    /** The gpiochipN a sysfs class entry belongs to: its device link's name, or a /dev/gpiochipN match. */
    private static String deviceName(Path classDir) {
        Path device = classDir.resolve("device");
        try {
            Path real = device.toRealPath();
            String name = real.getFileName().toString();
            if (name.startsWith("gpiochip")) {
                return name;
            }
        } catch (IOException e) {
            // no device link: fall through
        }
        return null;
    }

    /** Whether a kernel release ("6.6.31+rpt-rpi-2712") is older than major.minor.patch. */
    static boolean kernelBefore(String release, int major, int minor, int patch) {
        String[] parts = release.split("[^0-9]+", 4);
        int[] v = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            try {
                v[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                v[i] = 0;
            }
        }
        if (v[0] != major) {
            return v[0] < major;
        }
        if (v[1] != minor) {
            return v[1] < minor;
        }
        return v[2] < patch;
    }

    /** The pwmchip with the channel count of this generation's PWM block, or -1. */
    int pwmChip(int generation) {
        String override = System.getProperty("weir.pwmchip");
        if (override != null) {
            try {
                return Integer.parseInt(override);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        int want = generation == 5 ? 4 : 2;
        for (Path dir : list(root.resolve("sys/class/pwm"), "pwmchip")) {
            String npwm = read(dir.resolve("npwm"));
            if (npwm != null && npwm.equals(Integer.toString(want))) {
                try {
                    return Integer.parseInt(dir.getFileName().toString().substring("pwmchip".length()));
                } catch (NumberFormatException e) {
                    // not a pwmchipN name
                }
            }
        }
        return -1;
    }

    private static List<Path> list(Path dir, String prefix) {
        List<Path> result = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path p : s) {
                result.add(p);
            }
        } catch (IOException e) {
            return result;
        }
        Collections.sort(result, (a, b) -> Integer.compare(number(a, prefix), number(b, prefix)));
        return result;
    }

    private static int number(Path p, String prefix) {
        try {
            return Integer.parseInt(p.getFileName().toString().substring(prefix.length()));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace("\0", "").trim();
        } catch (IOException e) {
            return null;
        }
    }
}
