/**
 * The {@code raspberry-pi} board port: Raspberry Pi 3, 4, 5 and Zero 2 W through Pi4J 2.8.0, with the
 * gpiod provider for digital I/O and linuxfs for hardware PWM. {@link dev.weir.board.raspberrypi.PiDetection}
 * reads the model, the GPIO chip and the PWM chip from the device tree and sysfs under a root folder,
 * which is the seam its tests use; only {@link dev.weir.board.raspberrypi.RaspberryPiBoard} touches Pi4J.
 */
package dev.weir.board.raspberrypi;
