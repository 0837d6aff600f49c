/**
 * What the board ports share: the {@link dev.weir.board.gpio.BoardPort} contract, the Raspberry Pi
 * header layout, board selection ({@code --board}, or detection from the device tree), and the
 * {@link dev.weir.hal.gpio.GpioDriver} over Pi4J that both ports use with different providers.
 */
package dev.weir.board.gpio;
