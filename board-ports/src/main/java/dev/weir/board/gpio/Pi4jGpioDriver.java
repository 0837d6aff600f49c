package dev.weir.board.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import dev.weir.hal.gpio.BoardDescriptor;
import dev.weir.hal.gpio.BoardPin;
import dev.weir.hal.gpio.GpioDriver;
import dev.weir.hal.gpio.GpioError;
import dev.weir.hal.gpio.GpioGrant;

/**
 * A {@link GpioDriver} over a Pi4J 2.8.0 context: digital inputs and outputs and PWM from whichever
 * providers the board port chose (the mock plugin for {@code host}, gpiod and linuxfs on a Raspberry
 * Pi). Each open line is a Pi4J I/O object registered under the id {@code gpio-BCM} (PWM: {@code
 * pwm-BCM}), so tests find them in the context's registry. Pi4J failures become
 * {@link GpioError#HARDWARE_FAULT} or {@link GpioError#ALREADY_IN_USE}, never exceptions into wasm.
 * <p>
 * Pi4J creates an event object per level change (its listener API); the reads and writes weir itself
 * adds allocate nothing.
 */
public final class Pi4jGpioDriver implements GpioDriver {
    private static final int MAX_LINES = 64;

    private final Context pi4j;
    private final BoardDescriptor board;
    private final String inputProvider;
    private final String outputProvider;
    private final String pwmProvider;
    private final Object[] io = new Object[MAX_LINES];
    private final String[] ids = new String[MAX_LINES];
    private final DigitalStateChangeListener[] listeners = new DigitalStateChangeListener[MAX_LINES];
    private final int[] shutdownLevel = new int[MAX_LINES];
    private String lastFailure = "";
    private CreationHook hook;

    /**
     * Told of every Pi4J I/O the driver creates, so a simulated board can give a new input the level
     * its stimulus already set (before weir listens to it) and record what an output does.
     */
    public interface CreationHook {
        void inputCreated(DigitalInput input, int bcm, int pull);

        void outputCreated(DigitalOutput output, int bcm);
    }

    /** Sets the creation hook (the host board's). */
    public synchronized void creationHook(CreationHook h) {
        this.hook = h;
    }

    public Pi4jGpioDriver(Context pi4j, BoardDescriptor board, String inputProvider, String outputProvider,
            String pwmProvider) {
        this.pi4j = pi4j;
        this.board = board;
        this.inputProvider = inputProvider;
        this.outputProvider = outputProvider;
        this.pwmProvider = pwmProvider;
    }

    public Context context() {
        return pi4j;
    }

    /** The Pi4J message of the last failed open, for diagnostics. */
    public synchronized String lastFailure() {
        return lastFailure;
    }

    @Override
    public BoardDescriptor board() {
        return board;
    }

    private int freeLine() {
        for (int i = 0; i < MAX_LINES; i++) {
            if (io[i] == null) {
                return i;
            }
        }
        return -1;
    }

    private int failure(RuntimeException e, String id) {
        lastFailure = id + ": " + e;
        String name = e.getClass().getSimpleName();
        return name.contains("AlreadyExists") ? -GpioError.ALREADY_IN_USE : -GpioError.HARDWARE_FAULT;
    }

    @Override
    public synchronized int openInput(int bcm, int pull, InputListener listener, int cookie) {
        int l = freeLine();
        if (l < 0) {
            return -GpioError.NO_SPACE;
        }
        String id = "gpio-" + bcm;
        try {
            DigitalInput in = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).address(bcm)
                    .pull(pull == GpioGrant.PULL_UP ? PullResistance.PULL_UP
                            : pull == GpioGrant.PULL_DOWN ? PullResistance.PULL_DOWN : PullResistance.OFF)
                    .debounce(0L).provider(inputProvider).build());
            if (hook != null) {
                hook.inputCreated(in, bcm, pull);
            }
            DigitalStateChangeListener forward = new DigitalStateChangeListener() {
                @Override
                public void onDigitalStateChange(DigitalStateChangeEvent event) {
                    listener.inputChanged(cookie, event.state() == DigitalState.HIGH ? 1 : 0, System.nanoTime());
                }
            };
            in.addListener(forward);
            io[l] = in;
            ids[l] = id;
            listeners[l] = forward;
            return l;
        } catch (RuntimeException e) {
            return failure(e, id);
        }
    }

    @Override
    public synchronized int openOutput(int bcm, int initial, int shutdown) {
        int l = freeLine();
        if (l < 0) {
            return -GpioError.NO_SPACE;
        }
        String id = "gpio-" + bcm;
        try {
            DigitalOutput out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).address(bcm)
                    .initial(initial == 1 ? DigitalState.HIGH : DigitalState.LOW)
                    .shutdown(shutdown == 1 ? DigitalState.HIGH : DigitalState.LOW)
                    .provider(outputProvider).build());
            out.state(initial == 1 ? DigitalState.HIGH : DigitalState.LOW);
            if (hook != null) {
                hook.outputCreated(out, bcm);
            }
            io[l] = out;
            ids[l] = id;
            shutdownLevel[l] = shutdown;
            return l;
        } catch (RuntimeException e) {
            return failure(e, id);
        }
    }

    @Override
    public synchronized int openPwm(int bcm, int frequencyHz) {
        BoardPin p = board.pin(bcm);
        if (p == null || !p.can(BoardPin.PWM)) {
            return -GpioError.PIN_MODE_NOT_AVAILABLE;
        }
        int l = freeLine();
        if (l < 0) {
            return -GpioError.NO_SPACE;
        }
        String id = "pwm-" + bcm;
        try {
            Pwm pwm = pi4j.create(Pwm.newConfigBuilder(pi4j).id(id).address(p.pwmChannel()).pwmType(PwmType.HARDWARE)
                    .frequency(frequencyHz).dutyCycle(0).initial(0).shutdown(0).provider(pwmProvider).build(), Pwm.class);
            pwm.on(0, frequencyHz);
            io[l] = pwm;
            ids[l] = id;
            return l;
        } catch (RuntimeException e) {
            return failure(e, id);
        }
    }

    @Override
    public int read(int line) {
        Object o = line >= 0 && line < MAX_LINES ? io[line] : null;
        try {
            if (o instanceof DigitalInput) {
                return ((DigitalInput) o).state() == DigitalState.HIGH ? 1 : 0;
            }
            if (o instanceof DigitalOutput) {
                return ((DigitalOutput) o).state() == DigitalState.HIGH ? 1 : 0;
            }
        } catch (RuntimeException e) {
            return -GpioError.HARDWARE_FAULT;
        }
        return -GpioError.OPERATION_NOT_SUPPORTED;
    }

    @Override
    public int write(int line, int level) {
        Object o = line >= 0 && line < MAX_LINES ? io[line] : null;
        if (!(o instanceof DigitalOutput)) {
            return -GpioError.OPERATION_NOT_SUPPORTED;
        }
        try {
            ((DigitalOutput) o).state(level == 1 ? DigitalState.HIGH : DigitalState.LOW);
            return 0;
        } catch (RuntimeException e) {
            return -GpioError.HARDWARE_FAULT;
        }
    }

    @Override
    public int setDuty(int line, int dutyHundredthsPercent) {
        Object o = line >= 0 && line < MAX_LINES ? io[line] : null;
        if (!(o instanceof Pwm)) {
            return -GpioError.OPERATION_NOT_SUPPORTED;
        }
        try {
            Pwm pwm = (Pwm) o;
            if (dutyHundredthsPercent == 0) {
                pwm.off();
            } else {
                pwm.on(dutyHundredthsPercent / 100.0f);
            }
            return 0;
        } catch (RuntimeException e) {
            return -GpioError.HARDWARE_FAULT;
        }
    }

    @Override
    public int setFrequency(int line, int frequencyHz) {
        Object o = line >= 0 && line < MAX_LINES ? io[line] : null;
        if (!(o instanceof Pwm)) {
            return -GpioError.OPERATION_NOT_SUPPORTED;
        }
        try {
            Pwm pwm = (Pwm) o;
            if (pwm.isOn()) {
                pwm.on(pwm.dutyCycle(), frequencyHz);
            } else {
                pwm.frequency(frequencyHz);
            }
            return 0;
        } catch (RuntimeException e) {
            return -GpioError.HARDWARE_FAULT;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public synchronized void close(int line) {
        if (line < 0 || line >= MAX_LINES || io[line] == null) {
            return;
        }
        Object o = io[line];
        try {
            if (o instanceof DigitalOutput) {
                ((DigitalOutput) o).state(shutdownLevel[line] == 1 ? DigitalState.HIGH : DigitalState.LOW);
            } else if (o instanceof Pwm) {
                ((Pwm) o).off();
            } else if (o instanceof DigitalInput && listeners[line] != null) {
                ((DigitalInput) o).removeListener(listeners[line]);
            }
        } catch (RuntimeException e) {
            lastFailure = ids[line] + ": " + e;
        }
        try {
            pi4j.registry().remove(ids[line]);
        } catch (RuntimeException e) {
            lastFailure = ids[line] + ": " + e;
        }
        io[line] = null;
        ids[line] = null;
        listeners[line] = null;
    }

    @Override
    public synchronized void shutdown() {
        for (int i = 0; i < MAX_LINES; i++) {
            close(i);
        }
        try {
            pi4j.shutdown();
        } catch (RuntimeException e) {
            lastFailure = "shutdown: " + e;
        }
    }
}
