package dev.weir.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * What running one {@code .wast} file gave: assertion counts and the failures with their script
 * lines. Thread-safe, because a file that runs past its time limit is read while its worker
 * thread is still going.
 */
public final class FileResult {
    /** One failed command: the line in the {@code .wast} file and a one-line reason. */
    public record Failure(int line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    private final String file;
    private int passed;
    private int failed;
    private int skipped;
    private String skipReason;
    private boolean sealed;
    private final List<Failure> failures = new ArrayList<>();

    public FileResult(String file) {
        this.file = file;
    }

    /** The {@code .wast} file name, such as {@code i32.wast}. */
    public String file() {
        return file;
    }

    public synchronized void pass() {
        if (!sealed) {
            passed++;
        }
    }

    public synchronized void skip() {
        if (!sealed) {
            skipped++;
        }
    }

    public synchronized void fail(int line, String reason) {
        if (!sealed) {
            failed++;
            failures.add(new Failure(line, reason));
        }
    }

    /**
     * Fails with a last reason and ignores every later update: for a file that ran out of time,
     * whose abandoned worker thread may still be counting.
     */
    public synchronized void failAndSeal(int line, String reason) {
        fail(line, reason);
        sealed = true;
    }

    /** Marks the whole file as skipped, counting its assertions as skipped. */
    public synchronized void skipFile(String reason, int assertions) {
        skipReason = reason;
        skipped += assertions;
    }

    public synchronized int passed() {
        return passed;
    }

    public synchronized int failed() {
        return failed;
    }

    public synchronized int skipped() {
        return skipped;
    }

    /** Why the whole file was skipped, or null when it ran. */
    public synchronized String skipReason() {
        return skipReason;
    }

    public synchronized List<Failure> failures() {
        return new ArrayList<>(failures);
    }

    /**
     * The failures for a test report: one per line, the first max of them, then how many more.
     */
    public synchronized String report(int max) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(failed).append(" failed, ").append(passed).append(" passed, ")
                .append(skipped).append(" skipped");
        for (int i = 0; i < failures.size() && i < max; i++) {
            sb.append("\n  ").append(failures.get(i));
        }
        if (failures.size() > max) {
            sb.append("\n  ... and ").append(failures.size() - max).append(" more");
        }
        return sb.toString();
    }
}
