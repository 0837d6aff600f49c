package dev.weir.hal.gpio;

/**
 * Hears of every change of a pin's level, driven by the module (outputs, including the initial and
 * shutdown levels) or seen on an input; {@code weir run --trace gpio} prints them. Called on the thread
 * where the change happened, possibly the driver's event thread; must be thread-safe and quick.
 */
public interface GpioTrace {
    /**
     * @param bcm the pin
     * @param level 0 or 1
     * @param nanosSinceStart time since the {@link GpioHost} started
     */
    void levelChanged(int bcm, int level, long nanosSinceStart);

    /** A PWM pin's duty cycle changed, in hundredths of a percent (0..10000). */
    void dutyChanged(int bcm, int dutyHundredthsPercent, long nanosSinceStart);
}
