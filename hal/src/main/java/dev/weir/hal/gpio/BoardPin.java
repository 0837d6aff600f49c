package dev.weir.hal.gpio;

/** One GPIO pin of a board: its BCM number, where it is on the header, and what it can do. */
public final class BoardPin {
    /** The pin works as a digital input and output. */
    public static final int DIGITAL = 1;
    /** The pin has a hardware PWM channel. */
    public static final int PWM = 2;

    private final int bcm;
    private final int header;
    private final int abilities;
    private final int pwmChannel;
    private final String note;

    /**
     * @param bcm the BCM (SoC) GPIO number, which grants and modules use
     * @param header the physical header position (1..40 on a Raspberry Pi), 0 if none
     * @param abilities a mask of {@link #DIGITAL} and {@link #PWM}
     * @param pwmChannel the PWM channel behind the pin, -1 if none
     * @param note other functions of the pin, for people ("I2C1 SDA"); may be empty
     */
    public BoardPin(int bcm, int header, int abilities, int pwmChannel, String note) {
        this.bcm = bcm;
        this.header = header;
        this.abilities = abilities;
        this.pwmChannel = pwmChannel;
        this.note = note;
    }

    public int bcm() {
        return bcm;
    }

    public int header() {
        return header;
    }

    public boolean can(int ability) {
        return (abilities & ability) == ability;
    }

    public int abilities() {
        return abilities;
    }

    public int pwmChannel() {
        return pwmChannel;
    }

    public String note() {
        return note;
    }
}
