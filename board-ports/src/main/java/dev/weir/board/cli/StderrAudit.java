package dev.weir.board.cli;

import dev.weir.hal.capability.AuditListener;

import java.io.PrintStream;

/** One line on stderr per denial or revocation, for every capability (GPIO, camera). */
final class StderrAudit implements AuditListener {
    private final PrintStream err;

    StderrAudit(PrintStream err) {
        this.err = err;
    }

    @Override
    public void denied(String capability, String request, String reason) {
        synchronized (err) {
            err.print("weir: " + capability + " denied: " + request + ": " + reason + "\n");
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
