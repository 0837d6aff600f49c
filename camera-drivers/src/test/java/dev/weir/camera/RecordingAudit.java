package dev.weir.camera;

import dev.weir.hal.capability.AuditListener;
import java.util.ArrayList;
import java.util.List;

/** Test support: remembers every denial and revocation as one line. */
final class RecordingAudit implements AuditListener {
    final List<String> lines = new ArrayList<String>();

    @Override
    public void denied(String capability, String request, String reason) {
        lines.add(capability + " denied: " + request + ": " + reason);
    }

    @Override
    public void revoked(String capability, String grant, int openHandles) {
        lines.add(capability + " revoked: " + grant + " " + openHandles);
    }
}
