package dev.weir.board.gpio;

import dev.weir.hal.gpio.BoardDescriptor;
import dev.weir.hal.gpio.BoardPin;
import java.util.ArrayList;
import java.util.List;

/**
 * The 40-pin header shared by the Raspberry Pi 3, 4, 5 and Zero 2 W: which BCM GPIO sits at which
 * header position, and which have a hardware PWM channel. The host board simulates the same header, so
 * a module and its grants run unchanged on both.
 */
public final class RaspberryPiHeader {
    /** BCM number at each header position 1..40, -1 for power, ground and the ID EEPROM pins. */
    private static final int[] BCM_AT = {
        -1, -1, 2, -1, 3, -1, 4, 14, -1, 15, 17, 18, 27, -1, 22, 23, -1, 24, 10, -1,
        9, 25, 11, 8, -1, 7, -1, -1, 5, -1, 6, 12, 13, -1, 19, 16, 26, 20, -1, 21};

    private RaspberryPiHeader() {
    }

    /** The header position (1..40) of a BCM GPIO, or 0. */
    public static int headerOf(int bcm) {
        for (int i = 0; i < BCM_AT.length; i++) {
            if (BCM_AT[i] == bcm) {
                return i + 1;
            }
        }
        return 0;
    }

    /** What else a pin is commonly used for, so people see what a grant takes away. */
    static String noteOf(int bcm) {
        switch (bcm) {
            case 2: return "I2C1 SDA";
            case 3: return "I2C1 SCL";
            case 4: return "GPCLK0";
            case 14: return "UART TXD";
            case 15: return "UART RXD";
            case 10: return "SPI0 MOSI";
            case 9: return "SPI0 MISO";
            case 11: return "SPI0 SCLK";
            case 8: return "SPI0 CE0";
            case 7: return "SPI0 CE1";
            case 18: return "PCM CLK";
            default: return "";
        }
    }

    /**
     * The descriptor of a board with this header.
     *
     * @param pi5 whether PWM channels are numbered as on the Raspberry Pi 5's RP1 (GPIO 12, 13, 18, 19
     *            on channels 0..3) rather than the BCM283x/2711's two channels (12 and 18 on 0, 13 and
     *            19 on 1)
     */
    public static BoardDescriptor descriptor(String name, String model, boolean pi5, List<String> notes) {
        List<BoardPin> pins = new ArrayList<>();
        for (int position = 1; position <= 40; position++) {
            int bcm = BCM_AT[position - 1];
            if (bcm < 0) {
                continue;
            }
            int channel = pwmChannel(bcm, pi5);
            pins.add(new BoardPin(bcm, position, BoardPin.DIGITAL | (channel >= 0 ? BoardPin.PWM : 0), channel,
                    noteOf(bcm)));
        }
        return new BoardDescriptor(name, model, pins, notes);
    }

    static int pwmChannel(int bcm, boolean pi5) {
        switch (bcm) {
            case 12: return 0;
            case 13: return 1;
            case 18: return pi5 ? 2 : 0;
            case 19: return pi5 ? 3 : 1;
            default: return -1;
        }
    }
}
