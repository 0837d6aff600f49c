package dev.weir.board.host;

import dev.weir.hal.gpio.BoardDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * A stimulus script for the host board: simulated button presses and sensor levels over time, so a
 * module's inputs can be exercised without hardware ({@code weir run --stimulus FILE}).
 * <pre>
 * # MILLISECONDS PIN LEVEL
 * 0    27 1      # released (pulled up)
 * 300  27 0      # pressed
 * 500  27 1
 * </pre>
 * Times count from the start of the run and must not decrease; PIN is a BCM number (or GPIO27);
 * LEVEL is 0 or 1 (or low, high). {@code #} starts a comment. A level set before the module opens the
 * pin is what it reads when it does.
 */
public final class Stimulus {
    private final long[] atMillis;
    private final int[] pin;
    private final int[] level;
    private volatile Thread thread;

    private Stimulus(long[] atMillis, int[] pin, int[] level) {
        this.atMillis = atMillis;
        this.pin = pin;
        this.level = level;
    }

    /** Parses a script; IllegalArgumentException names the file, line and problem. */
    public static Stimulus parse(String text, String name, BoardDescriptor board) {
        List<long[]> steps = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        long last = 0;
        for (int i = 0; i < lines.length; i++) {
            String origin = name + ":" + (i + 1);
            String line = lines[i];
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] w = content.split("[ \t]+");
            if (w.length != 3) {
                throw new IllegalArgumentException(origin + ": expected MILLISECONDS PIN LEVEL, got '" + content + "'");
            }
            long at;
            try {
                at = Long.parseLong(w[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(origin + ": '" + w[0] + "' is not a time in milliseconds");
            }
            if (at < last) {
                throw new IllegalArgumentException(origin + ": time " + at + " ms comes before the previous line's "
                        + last + " ms");
            }
            if (at < 0) {
                throw new IllegalArgumentException(origin + ": time " + at + " ms is negative");
            }
            last = at;
            String pinWord = w[1].regionMatches(true, 0, "GPIO", 0, 4) ? w[1].substring(4) : w[1];
            int p;
            try {
                p = Integer.parseInt(pinWord);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(origin + ": '" + w[1] + "' is not a pin (a BCM number such as 27)");
            }
            if (board.pin(p) == null) {
                throw new IllegalArgumentException(origin + ": GPIO " + p + " does not exist on " + board.name()
                        + " (see weir board)");
            }
            int l;
            switch (w[2]) {
                case "0": case "low": l = 0; break;
                case "1": case "high": l = 1; break;
                default:
                    throw new IllegalArgumentException(origin + ": level '" + w[2] + "' is not 0 or 1");
            }
            steps.add(new long[] {at, p, l});
        }
        long[] t = new long[steps.size()];
        int[] pins = new int[steps.size()];
        int[] levels = new int[steps.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = steps.get(i)[0];
            pins[i] = (int) steps.get(i)[1];
            levels[i] = (int) steps.get(i)[2];
        }
        return new Stimulus(t, pins, levels);
    }

    public int size() {
        return atMillis.length;
    }

    /** Applies the steps due at time 0 at once, then starts a daemon thread for the rest. */
    public void start(final HostBoard board, final long startNanos) {
        int first = 0;
        while (first < atMillis.length && atMillis[first] == 0) {
            board.setInput(pin[first], level[first]);
            first++;
        }
        final int from = first;
        Thread t = new Thread("weir-stimulus") {
            @Override
            public void run() {
                for (int i = from; i < atMillis.length; i++) {
                    long wait = startNanos + atMillis[i] * 1_000_000L - System.nanoTime();
                    try {
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    board.setInput(pin[i], level[i]);
                }
            }
        };
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops applying steps (the run ended). */
    public void stop() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
