package dev.weir.board.host;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import dev.weir.board.gpio.BoardPort;
import dev.weir.board.gpio.Pi4jGpioDriver;
import dev.weir.board.gpio.RaspberryPiHeader;
import dev.weir.hal.gpio.BoardDescriptor;
import dev.weir.hal.gpio.GpioGrant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated board: a Raspberry Pi 40-pin header whose pins are Pi4J mock I/O. Inputs are driven
 * with {@link #setInput} (by tests or a {@link Stimulus} script); outputs and PWM are read back with
 * {@link #outputLevel} and {@link #pwmDuty}. A level set on an input before the module opens it is the
 * level the module reads when it does.
 */
public final class HostBoard implements BoardPort {
    public static final String NAME = "host";
    public static final String MODEL = "simulated Raspberry Pi header (Pi4J 2.8.0 mock platform)";

    private final Context pi4j;
    private final Pi4jGpioDriver driver;
    /** The level each input should have (set by stimulus before or after the module opens it). */
    private final int[] inputLevel = new int[64];
    private final Map<Integer, List<Integer>> outputHistory = new HashMap<>();

    {
        Arrays.fill(inputLevel, -1);
    }

    public HostBoard() {
        pi4j = Pi4J.newContextBuilder().noAutoDetect()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(),
                        MockPwmProvider.newInstance())
                .build();
        driver = new Pi4jGpioDriver(pi4j, simulatedHeader(), MockDigitalInputProvider.ID, MockDigitalOutputProvider.ID,
                MockPwmProvider.ID);
        driver.creationHook(new Pi4jGpioDriver.CreationHook() {
            @Override
            public void outputCreated(DigitalOutput output, int bcm) {
                record(output, bcm);
            }

            @Override
            public void inputCreated(DigitalInput input, int bcm, int pull) {
                int level;
                synchronized (inputLevel) {
                    // An undriven pin reads what its pull resistor gives it.
                    level = bcm < inputLevel.length && inputLevel[bcm] >= 0 ? inputLevel[bcm]
                            : pull == GpioGrant.PULL_UP ? 1 : 0;
                }
                ((MockDigitalInput) input).mockState(level == 1 ? DigitalState.HIGH : DigitalState.LOW);
            }
        });
    }

    private void record(DigitalOutput output, int bcm) {
        final List<Integer> h = history(bcm);
        output.addListener(new DigitalStateChangeListener() {
            @Override
            public void onDigitalStateChange(DigitalStateChangeEvent event) {
                synchronized (h) {
                    h.add(event.state() == DigitalState.HIGH ? 1 : 0);
                }
            }
        });
    }

    private List<Integer> history(int bcm) {
        synchronized (outputHistory) {
            List<Integer> h = outputHistory.get(bcm);
            if (h == null) {
                h = new ArrayList<>();
                outputHistory.put(bcm, h);
            }
            return h;
        }
    }

    /**
     * Every level change of an output pin as Pi4J's mock output reported it, in order, since the
     * board was created (the initial level at opening is not a change).
     */
    public List<Integer> outputHistory(int bcm) {
        List<Integer> h = history(bcm);
        synchronized (h) {
            return new ArrayList<>(h);
        }
    }

    /** The host board's pins: those of a Raspberry Pi 4 header (PWM on GPIO 12, 13, 18, 19). */
    public static BoardDescriptor simulatedHeader() {
        return RaspberryPiHeader.descriptor(NAME, MODEL, false, Collections.singletonList(
                "inputs: driven by --stimulus FILE (lines: MILLISECONDS PIN LEVEL); outputs: shown by --trace gpio"));
    }

    @Override
    public Pi4jGpioDriver driver() {
        return driver;
    }

    @Override
    public BoardDescriptor descriptor() {
        return driver.board();
    }

    public Context context() {
        return pi4j;
    }

    /**
     * Drives a simulated input to a level, as a button or sensor would. When the module has the pin
     * open, Pi4J's mock input fires its listeners, so the change reaches the module's edge ring.
     * Returns false when the pin is open as an output (nothing to drive).
     */
    public boolean setInput(int bcm, int level) {
        synchronized (inputLevel) {
            if (bcm >= 0 && bcm < inputLevel.length) {
                inputLevel[bcm] = level;
            }
        }
        IO<?, ?, ?> io = find("gpio-" + bcm);
        if (io instanceof MockDigitalInput) {
            ((MockDigitalInput) io).mockState(level == 1 ? DigitalState.HIGH : DigitalState.LOW);
            return true;
        }
        return !(io instanceof DigitalOutput);
    }

    /** The level of an output as the mock output holds it: 0, 1, or -1 when the pin is not an open output. */
    public int outputLevel(int bcm) {
        IO<?, ?, ?> io = find("gpio-" + bcm);
        if (io instanceof DigitalOutput) {
            return ((DigitalOutput) io).state() == DigitalState.HIGH ? 1 : 0;
        }
        return -1;
    }

    /** The Pi4J mock output of a pin while it is open, for tests that keep it past closing. */
    public DigitalOutput output(int bcm) {
        IO<?, ?, ?> io = find("gpio-" + bcm);
        return io instanceof DigitalOutput ? (DigitalOutput) io : null;
    }

    /** The duty cycle of an open PWM pin in percent, or -1. */
    public float pwmDuty(int bcm) {
        IO<?, ?, ?> io = find("pwm-" + bcm);
        if (io instanceof Pwm) {
            Pwm p = (Pwm) io;
            return p.isOn() ? p.getDutyCycle() : 0f;
        }
        return -1f;
    }

    private IO<?, ?, ?> find(String id) {
        try {
            return pi4j.registry().exists(id) ? pi4j.registry().get(id) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Releases every line and shuts the Pi4J context down. */
    @Override
    public void close() {
        driver.shutdown();
    }
}
