package dev.weir.hal.gpio;

import dev.weir.hal.capability.AuditListener;
import java.util.ArrayList;
import java.util.List;

/** Keeps every audit report as one line, for assertions. */
final class RecordingAudit implements AuditListener {
    final List<String> lines = new ArrayList<String>();

    @Override
    public synchronized void denied(String capability, String request, String reason) {
        lines.add("denied " + capability + ": " + request + ": " + reason);
    }

    @Override
    public synchronized void revoked(String capability, String grant, int openHandles) {
        lines.add("revoked " + capability + ": " + grant + " (" + openHandles + " open)");
    }
}
