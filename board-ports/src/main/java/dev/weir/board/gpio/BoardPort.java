package dev.weir.board.gpio;

import dev.weir.hal.gpio.BoardDescriptor;
import dev.weir.hal.gpio.GpioDriver;

/**
 * A board port: what maps hal's GPIO interface to a board's drivers. {@code host} simulates a
 * Raspberry Pi header with Pi4J's mock platform; {@code raspberry-pi} drives real pins with Pi4J's
 * gpiod and linuxfs providers. Closing the port drives every open output to its shutdown level.
 */
public interface BoardPort extends AutoCloseable {
    BoardDescriptor descriptor();

    GpioDriver driver();

    @Override
    void close();
}
