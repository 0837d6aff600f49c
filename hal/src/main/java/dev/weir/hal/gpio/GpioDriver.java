package dev.weir.hal.gpio;

/**
 * What a board port implements to give modules GPIO: the service-provider side of the GPIO interface.
 * hal never talks to hardware or to Pi4J; a port ({@code dev.weir.board.host}, {@code
 * dev.weir.board.raspberrypi}) implements this with whatever library drives its pins.
 * <p>
 * Lines are named by int ids the driver chooses; results are levels (0 or 1), 0 for success, or a
 * negated {@link GpioError}. {@link GpioHost} has checked grants and handles before any call, so a
 * driver only drives pins. The data-path calls ({@link #read}, {@link #write}, {@link #setDuty}) are
 * made while a module runs and should not allocate.
 */
public interface GpioDriver {
    /** Receives every change of level on an open input, from any thread. Must not block. */
    interface InputListener {
        /**
         * @param cookie the value given to {@link #openInput}
         * @param level the new level, 0 or 1
         * @param nanoTime when it changed, on the {@link System#nanoTime()} clock
         */
        void inputChanged(int cookie, int level, long nanoTime);
    }

    /** The board: its pins and what they can do. */
    BoardDescriptor board();

    /**
     * Opens a pin as an input with a pull resistor ({@link GpioGrant#PULL_NONE}, UP, DOWN) and reports
     * every change of its level to {@code listener}, with {@code cookie}, until it is closed.
     * Returns a line id (0 or more) or a negated {@link GpioError}.
     */
    int openInput(int bcm, int pull, InputListener listener, int cookie);

    /** Opens a pin as an output driven to {@code initial}; {@link #close(int)} drives it to {@code shutdown}. */
    int openOutput(int bcm, int initial, int shutdown);

    /** Opens the PWM channel of a pin at a frequency, with duty 0 (off). */
    int openPwm(int bcm, int frequencyHz);

    /** The level of an input or output line: 0, 1, or a negated {@link GpioError}. */
    int read(int line);

    /** Drives an output line to a level; 0 or a negated {@link GpioError}. */
    int write(int line, int level);

    /** Sets the duty cycle of a PWM line in hundredths of a percent (0..10000). */
    int setDuty(int line, int dutyHundredthsPercent);

    /** Sets the frequency of a PWM line in hertz. */
    int setFrequency(int line, int frequencyHz);

    /** Releases a line: an output goes to its shutdown level, PWM switches off, an input stops reporting. */
    void close(int line);

    /** Releases every line and the driver's own resources. */
    void shutdown();
}
