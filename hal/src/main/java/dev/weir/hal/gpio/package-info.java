/**
 * GPIO for WebAssembly modules: the {@code weir:gpio} import functions ({@link dev.weir.hal.gpio.GpioHost}),
 * the grants that guard them ({@link dev.weir.hal.gpio.GpioGrant}), the board descriptor, and the
 * {@link dev.weir.hal.gpio.GpioDriver} service-provider interface that board ports implement. The
 * interface is written in WIT in {@code hal/wit/gpio.wit}, with its C binding in
 * {@code hal/include/weir_gpio.h}; it follows the WASI GPIO proposal (wasi:gpio, phase 1) where it fits.
 * No Pi4J here: hal stays on Java 8 with no dependencies but core.
 */
package dev.weir.hal.gpio;
