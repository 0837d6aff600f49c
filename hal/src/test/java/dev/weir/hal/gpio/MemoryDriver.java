package dev.weir.hal.gpio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A complete in-memory {@link GpioDriver} for hal's own tests: pins are array entries, writes are
 * recorded in a preallocated log, and {@link #drive} changes an input's level the way hardware would
 * (reporting it to the listener). Allocates nothing on the data path, so allocation tests measure
 * only hal.
 */
final class MemoryDriver implements GpioDriver {
    static final int PINS = 28;

    private final BoardDescriptor board;
    final int[] level = new int[PINS];
    final int[] mode = new int[PINS];
    final int[] duty = new int[PINS];
    final int[] frequency = new int[PINS];
    final int[] shutdown = new int[PINS];
    final boolean[] open = new boolean[PINS];
    private final InputListener[] listeners = new InputListener[PINS];
    private final int[] cookies = new int[PINS];
    /** Every write as pin * 2 + level, in order. */
    final int[] writes = new int[1 << 16];
    int writeCount;

    MemoryDriver() {
        List<BoardPin> pins = new ArrayList<BoardPin>();
        for (int bcm = 0; bcm < PINS; bcm++) {
            boolean pwm = bcm == 12 || bcm == 13 || bcm == 18 || bcm == 19;
            pins.add(new BoardPin(bcm, 0, BoardPin.DIGITAL | (pwm ? BoardPin.PWM : 0), pwm ? bcm % 2 : -1, ""));
        }
        board = new BoardDescriptor("memory", "test board", pins, Arrays.<String>asList());
    }

    @Override
    public BoardDescriptor board() {
        return board;
    }

    /** Changes an input's level, as a button would. */
    void drive(int bcm, int newLevel) {
        level[bcm] = newLevel;
        if (open[bcm] && listeners[bcm] != null) {
            listeners[bcm].inputChanged(cookies[bcm], newLevel, System.nanoTime());
        }
    }

    @Override
    public int openInput(int bcm, int pull, InputListener listener, int cookie) {
        if (open[bcm]) {
            return -GpioError.ALREADY_IN_USE;
        }
        open[bcm] = true;
        mode[bcm] = GpioGrant.INPUT;
        listeners[bcm] = listener;
        cookies[bcm] = cookie;
        return bcm;
    }

    @Override
    public int openOutput(int bcm, int initial, int shutdownLevel) {
        if (open[bcm]) {
            return -GpioError.ALREADY_IN_USE;
        }
        open[bcm] = true;
        mode[bcm] = GpioGrant.OUTPUT;
        level[bcm] = initial;
        shutdown[bcm] = shutdownLevel;
        return bcm;
    }

    @Override
    public int openPwm(int bcm, int frequencyHz) {
        open[bcm] = true;
        mode[bcm] = GpioGrant.PWM;
        frequency[bcm] = frequencyHz;
        duty[bcm] = 0;
        return bcm;
    }

    @Override
    public int read(int line) {
        return level[line];
    }

    @Override
    public int write(int line, int value) {
        level[line] = value;
        writes[writeCount++ & (writes.length - 1)] = line * 2 + value;
        return 0;
    }

    @Override
    public int setDuty(int line, int d) {
        duty[line] = d;
        return 0;
    }

    @Override
    public int setFrequency(int line, int hz) {
        frequency[line] = hz;
        return 0;
    }

    @Override
    public void close(int line) {
        if (mode[line] == GpioGrant.OUTPUT) {
            level[line] = shutdown[line];
        } else if (mode[line] == GpioGrant.PWM) {
            duty[line] = 0;
        }
        open[line] = false;
        listeners[line] = null;
    }

    @Override
    public void shutdown() {
        for (int i = 0; i < PINS; i++) {
            if (open[i]) {
                close(i);
            }
        }
    }
}
