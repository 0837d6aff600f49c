package dev.weir.hal.gpio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a board offers: its name, the model it was detected as, and its GPIO pins with their BCM
 * numbers, header positions and abilities. {@code weir board} prints it; a grant for a pin the board
 * lacks, or for PWM on a pin without a PWM channel, is refused before the module runs.
 */
public final class BoardDescriptor {
    private final String name;
    private final String model;
    private final List<BoardPin> pins;
    private final BoardPin[] byBcm;
    private final List<String> notes;

    /**
     * @param name the port's name ({@code host}, {@code raspberry-pi})
     * @param model the model detected or simulated ({@code Raspberry Pi 4 Model B Rev 1.4})
     * @param pins the pins, in header order
     * @param notes lines of extra facts for {@code weir board} (gpiochip, PWM chip); may be empty
     */
    public BoardDescriptor(String name, String model, List<BoardPin> pins, List<String> notes) {
        this.name = name;
        this.model = model;
        this.pins = Collections.unmodifiableList(new ArrayList<BoardPin>(pins));
        int max = 0;
        for (BoardPin p : pins) {
            max = Math.max(max, p.bcm());
        }
        this.byBcm = new BoardPin[max + 1];
        for (BoardPin p : pins) {
            byBcm[p.bcm()] = p;
        }
        this.notes = Collections.unmodifiableList(new ArrayList<String>(notes));
    }

    public String name() {
        return name;
    }

    public String model() {
        return model;
    }

    public List<BoardPin> pins() {
        return pins;
    }

    public List<String> notes() {
        return notes;
    }

    /** The pin with this BCM number, or null when the board has none. */
    public BoardPin pin(int bcm) {
        return bcm >= 0 && bcm < byBcm.length ? byBcm[bcm] : null;
    }

    /**
     * Checks a grant against the board; returns null when the board can honour it, else why not
     * ("GPIO 40 does not exist on host (GPIO 0..27)").
     */
    public String refusal(GpioGrant grant) {
        BoardPin p = pin(grant.pin());
        if (p == null) {
            return "GPIO " + grant.pin() + " does not exist on " + name + " (" + range() + "; see weir board)";
        }
        if (grant.mode() == GpioGrant.PWM && !p.can(BoardPin.PWM)) {
            return "GPIO " + grant.pin() + " has no hardware PWM on " + name + " (PWM pins: " + pwmPins() + ")";
        }
        if (!p.can(BoardPin.DIGITAL) && grant.mode() != GpioGrant.PWM) {
            return "GPIO " + grant.pin() + " is not a digital pin on " + name;
        }
        return null;
    }

    private String range() {
        int min = Integer.MAX_VALUE;
        int max = -1;
        for (BoardPin p : pins) {
            min = Math.min(min, p.bcm());
            max = Math.max(max, p.bcm());
        }
        return max < 0 ? "it has no GPIO pins" : "GPIO " + min + ".." + max;
    }

    private String pwmPins() {
        StringBuilder b = new StringBuilder();
        for (BoardPin p : pins) {
            if (p.can(BoardPin.PWM)) {
                b.append(b.length() == 0 ? "" : ", ").append(p.bcm());
            }
        }
        return b.length() == 0 ? "none" : b.toString();
    }

    /** The table {@code weir board} prints. */
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append("board: ").append(name).append('\n');
        b.append("model: ").append(model).append('\n');
        for (String n : notes) {
            b.append(n).append('\n');
        }
        b.append('\n');
        b.append(String.format("%-6s %-7s %-22s %s%n", "BCM", "header", "abilities", "also"));
        for (BoardPin p : pins) {
            String abilities = "input, output" + (p.can(BoardPin.PWM) ? ", pwm (channel " + p.pwmChannel() + ")" : "");
            b.append(String.format("%-6s %-7s %-22s %s%n", "GPIO" + p.bcm(), p.header() > 0 ? "pin " + p.header() : "-",
                    abilities, p.note()));
        }
        return b.toString();
    }
}
