package dev.weir.board.cli;

import dev.weir.hal.capability.AuditListener;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The audit on stderr, one line per denial or revocation, for every capability (GPIO, camera), rate
 * limited so that a module looping on a denied pin cannot fill a board's SD card through the
 * journal: the first {@value #FIRST} occurrences of each distinct denial print in full; after that
 * they are counted, with one line at most every {@value #PERIOD_SECONDS} s saying how many there were,
 * and one at the end of the run ({@link #summarize}) for the rest. At most {@value #MAX_KINDS} distinct
 * denials are told apart; beyond that they are counted together, so the bookkeeping is bounded too.
 * Revocations are made by the host, not the module, and always print.
 */
final class StderrAudit implements AuditListener {
    /** Occurrences of one denial printed in full. */
    static final int FIRST = 5;
    /** Seconds between count lines for one denial. */
    static final int PERIOD_SECONDS = 10;
    /** Distinct denials counted apart. */
    static final int MAX_KINDS = 64;
    private static final String OTHERS = "other denials";

    private final PrintStream err;
    private final Map<String, Count> counts = new HashMap<>();

    /** How often one denial happened, and how many of those are not printed yet. */
    private static final class Count {
        long total;
        long unreported;
        long lastLineNanos;
    }

    StderrAudit(PrintStream err) {
        this.err = err;
    }

    @Override
    public void denied(String capability, String request, String reason) {
        String line = "weir: " + capability + " denied: " + request + ": " + reason;
        synchronized (err) {
            String key = line;
            Count c = counts.get(line);
            if (c == null && counts.size() >= MAX_KINDS) {
                key = OTHERS;
                c = counts.get(OTHERS);
            }
            if (c == null) {
                c = new Count();
                counts.put(key, c);
            }
            c.total++;
            long now = System.nanoTime();
            if (c.total <= FIRST && key != OTHERS) {
                err.print(line + (c.total == FIRST ? " (more of these are counted, not printed)\n" : "\n"));
                c.lastLineNanos = now;
            } else {
                c.unreported++;
                if (now - c.lastLineNanos >= PERIOD_SECONDS * 1_000_000_000L) {
                    report(key, c);
                    c.lastLineNanos = now;
                }
            }
            err.flush();
        }
    }

    private void report(String key, Count c) {
        err.print((key == OTHERS ? "weir: " + OTHERS : key) + " (" + c.unreported + " more, " + c.total + " in all)\n");
        c.unreported = 0;
    }

    /** Prints the counts not yet printed; call at the end of the run. */
    void summarize() {
        synchronized (err) {
            for (Map.Entry<String, Count> e : counts.entrySet()) {
                if (e.getValue().unreported > 0) {
                    report(e.getKey(), e.getValue());
                }
            }
            err.flush();
        }
    }

    @Override
    public void revoked(String capability, String grant, int openHandles) {
        synchronized (err) {
            err.print("weir: " + capability + " revoked: " + grant + " (" + openHandles + " open handle"
                    + (openHandles == 1 ? "" : "s") + " closed)\n");
            err.flush();
        }
    }
}
