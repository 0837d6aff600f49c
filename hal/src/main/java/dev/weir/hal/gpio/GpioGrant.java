package dev.weir.hal.gpio;

import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantParser;
import dev.weir.hal.capability.GrantSyntaxException;

/**
 * A grant to use one GPIO pin (by BCM number) in one mode. Grant-file syntax:
 * <pre>
 * gpio PIN input  [pull=none|up|down] [edge=none|rising|falling|both]
 * gpio PIN output [initial=0|1] [shutdown=0|1]
 * gpio PIN pwm    [frequency=HZ|MIN..MAX]
 * </pre>
 * PIN is a BCM number ({@code 17}) or {@code GPIO17}. For an input the grant fixes the pull resistor
 * and says which edges the module may listen to; for an output it fixes the level the pin takes when
 * opened ({@code initial}, default 0) and when closed, revoked or the run ends ({@code shutdown},
 * default 0); for PWM it bounds the frequencies the module may choose (default 1..100000 Hz). A PWM
 * pin is always switched off (duty 0) when it closes.
 */
public final class GpioGrant extends Grant {
    public static final int INPUT = 1;
    public static final int OUTPUT = 2;
    public static final int PWM = 3;

    public static final int PULL_NONE = 0;
    public static final int PULL_UP = 1;
    public static final int PULL_DOWN = 2;

    public static final int EDGE_NONE = 0;
    public static final int EDGE_RISING = 1;
    public static final int EDGE_FALLING = 2;
    public static final int EDGE_BOTH = 3;

    public static final int DEFAULT_MIN_HZ = 1;
    public static final int DEFAULT_MAX_HZ = 100_000;

    /** The grant-file parser for {@code gpio} lines. */
    public static final GrantParser PARSER = new GrantParser() {
        @Override
        public Grant parse(String[] words, String origin) {
            return GpioGrant.parse(words, origin);
        }
    };

    private final int pin;
    private final int mode;
    private final int pull;
    private final int edges;
    private final int initial;
    private final int shutdown;
    private final int minHz;
    private final int maxHz;

    private GpioGrant(String origin, int pin, int mode, int pull, int edges, int initial, int shutdown,
            int minHz, int maxHz) {
        super(origin);
        this.pin = pin;
        this.mode = mode;
        this.pull = pull;
        this.edges = edges;
        this.initial = initial;
        this.shutdown = shutdown;
        this.minHz = minHz;
        this.maxHz = maxHz;
    }

    public static GpioGrant input(int pin, int pull, int edges, String origin) {
        checkPin(pin, origin);
        return new GpioGrant(origin, pin, INPUT, pull, edges, 0, 0, 0, 0);
    }

    public static GpioGrant output(int pin, int initial, int shutdown, String origin) {
        checkPin(pin, origin);
        return new GpioGrant(origin, pin, OUTPUT, PULL_NONE, EDGE_NONE, initial & 1, shutdown & 1, 0, 0);
    }

    public static GpioGrant pwm(int pin, int minHz, int maxHz, String origin) {
        checkPin(pin, origin);
        if (minHz < 1 || maxHz < minHz) {
            throw new GrantSyntaxException(origin, "pwm frequency range " + minHz + ".." + maxHz + " is empty");
        }
        return new GpioGrant(origin, pin, PWM, PULL_NONE, EDGE_NONE, 0, 0, minHz, maxHz);
    }

    /** Parses {@code gpio PIN MODE [key=value...]}, words[0] being "gpio". */
    public static GpioGrant parse(String[] words, String origin) {
        if (words.length < 3) {
            throw new GrantSyntaxException(origin, "a gpio grant needs a pin and a mode: gpio PIN input|output|pwm [OPTIONS]");
        }
        int pin = parsePin(words[1], origin);
        String mode = words[2];
        int pull = PULL_NONE;
        int edges = EDGE_NONE;
        int initial = 0;
        int shutdown = 0;
        int minHz = DEFAULT_MIN_HZ;
        int maxHz = DEFAULT_MAX_HZ;
        if (!"input".equals(mode) && !"output".equals(mode) && !"pwm".equals(mode)) {
            throw new GrantSyntaxException(origin, "unknown gpio mode '" + mode + "' (use input, output or pwm)");
        }
        for (int i = 3; i < words.length; i++) {
            String w = words[i];
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            String value = eq < 0 ? "" : w.substring(eq + 1);
            if (eq < 0 || value.isEmpty()) {
                throw new GrantSyntaxException(origin, "expected key=value, got '" + w + "'");
            }
            if ("input".equals(mode) && "pull".equals(key)) {
                pull = choice(origin, key, value, new String[] {"none", "up", "down"});
            } else if ("input".equals(mode) && "edge".equals(key)) {
                edges = choice(origin, key, value, new String[] {"none", "rising", "falling", "both"});
            } else if ("output".equals(mode) && "initial".equals(key)) {
                initial = choice(origin, key, value, new String[] {"0", "1"});
            } else if ("output".equals(mode) && "shutdown".equals(key)) {
                shutdown = choice(origin, key, value, new String[] {"0", "1"});
            } else if ("pwm".equals(mode) && "frequency".equals(key)) {
                int dots = value.indexOf("..");
                minHz = number(origin, key, dots < 0 ? value : value.substring(0, dots));
                maxHz = dots < 0 ? minHz : number(origin, key, value.substring(dots + 2));
            } else {
                throw new GrantSyntaxException(origin, "'" + key + "' is not an option of a gpio " + mode + " grant ("
                        + ("input".equals(mode) ? "pull, edge" : "output".equals(mode) ? "initial, shutdown" : "frequency")
                        + ")");
            }
        }
        if ("input".equals(mode)) {
            return input(pin, pull, edges, origin);
        }
        if ("output".equals(mode)) {
            return output(pin, initial, shutdown, origin);
        }
        return pwm(pin, minHz, maxHz, origin);
    }

    private static int parsePin(String word, String origin) {
        String digits = word.regionMatches(true, 0, "GPIO", 0, 4) ? word.substring(4) : word;
        int pin;
        try {
            pin = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new GrantSyntaxException(origin, "'" + word + "' is not a pin: use a BCM number such as 17 or GPIO17");
        }
        checkPin(pin, origin);
        return pin;
    }

    private static void checkPin(int pin, String origin) {
        if (pin < 0 || pin > 999) {
            throw new GrantSyntaxException(origin, "pin " + pin + " is not a BCM number (0..999)");
        }
    }

    private static int choice(String origin, String key, String value, String[] choices) {
        for (int i = 0; i < choices.length; i++) {
            if (choices[i].equals(value)) {
                return i;
            }
        }
        throw new GrantSyntaxException(origin, key + "=" + value + ": expected one of " + String.join(", ", choices));
    }

    private static int number(String origin, String key, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new GrantSyntaxException(origin, key + ": '" + value + "' is not a positive whole number of hertz");
    }

    @Override
    public String capability() {
        return "gpio";
    }

    /** BCM number. */
    public int pin() {
        return pin;
    }

    /** {@link #INPUT}, {@link #OUTPUT} or {@link #PWM}. */
    public int mode() {
        return mode;
    }

    public int pull() {
        return pull;
    }

    /** The edges the module may listen to, a mask of {@link #EDGE_RISING} and {@link #EDGE_FALLING}. */
    public int edges() {
        return edges;
    }

    public int initial() {
        return initial;
    }

    public int shutdown() {
        return shutdown;
    }

    public int minHz() {
        return minHz;
    }

    public int maxHz() {
        return maxHz;
    }

    public static String modeName(int mode) {
        return mode == INPUT ? "input" : mode == OUTPUT ? "output" : mode == PWM ? "pwm" : "mode " + mode;
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("gpio ").append(pin).append(' ').append(modeName(mode));
        if (mode == INPUT) {
            b.append(" pull=").append(new String[] {"none", "up", "down"}[pull]);
            b.append(" edge=").append(new String[] {"none", "rising", "falling", "both"}[edges]);
        } else if (mode == OUTPUT) {
            b.append(" initial=").append(initial).append(" shutdown=").append(shutdown);
        } else {
            b.append(" frequency=").append(minHz).append("..").append(maxHz);
        }
        return b.toString();
    }
}
