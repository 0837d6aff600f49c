package dev.weir.hal.capability;

import java.util.ArrayList;
import java.util.List;

/**
 * The audit listener the tests share: keeps every report as one line, {@code "gpio denied:
 * <request>: <reason>"} or {@code "gpio revoked: <grant> (<n> open)"}, in order, from any thread.
 * In weir-hal's test jar, for the modules that build on hal.
 */
public final class RecordingAudit implements AuditListener {
    private final List<String> lines = new ArrayList<String>();

    @Override
    public synchronized void denied(String capability, String request, String reason) {
        lines.add(capability + " denied: " + request + ": " + reason);
    }

    @Override
    public synchronized void revoked(String capability, String grant, int openHandles) {
        lines.add(capability + " revoked: " + grant + " (" + openHandles + " open)");
    }

    /** The reports so far, oldest first (a copy). */
    public synchronized List<String> lines() {
        return new ArrayList<String>(lines);
    }
}
