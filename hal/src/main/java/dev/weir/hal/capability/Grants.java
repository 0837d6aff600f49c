package dev.weir.hal.capability;

import java.util.ArrayList;
import java.util.List;

/**
 * The grants of one module instance: the static ones given at instantiation, and any the embedder
 * adds or revokes while the module runs. Interfaces ({@code GpioHost}, ...) check every open request
 * against it and register to hear of revocations, so they can close what was opened under a revoked
 * grant. Thread-safe: the embedder may revoke from any thread.
 */
public final class Grants {
    /** Told when a grant is revoked; returns how many open handles it closed because of it. */
    public interface RevocationListener {
        int revoked(Grant grant);
    }

    private final List<Grant> grants = new ArrayList<Grant>();
    private final List<RevocationListener> listeners = new ArrayList<RevocationListener>();
    private volatile AuditListener audit = AuditListener.NONE;

    public Grants() {
    }

    public Grants(List<? extends Grant> initial) {
        grants.addAll(initial);
    }

    /** Adds a grant (a dynamic grant when the module is already running). */
    public synchronized Grants add(Grant grant) {
        if (grant == null) {
            throw new NullPointerException("grant");
        }
        grants.add(grant);
        return this;
    }

    /** The grants of one capability that are in force, in the order they were added. */
    public synchronized List<Grant> forCapability(String capability) {
        List<Grant> result = new ArrayList<Grant>();
        for (int i = 0; i < grants.size(); i++) {
            if (grants.get(i).capability().equals(capability)) {
                result.add(grants.get(i));
            }
        }
        return result;
    }

    /** Every grant in force. */
    public synchronized List<Grant> all() {
        return new ArrayList<Grant>(grants);
    }

    /**
     * Withdraws a grant: later requests it would have covered are denied, handles opened under it are
     * closed (their pins go to their shutdown state) and their next use fails with a "revoked" error.
     * The audit listener hears of it. Returns false when the grant was not in force.
     */
    public boolean revoke(Grant grant) {
        RevocationListener[] toTell;
        synchronized (this) {
            if (!grants.remove(grant)) {
                return false;
            }
            grant.markRevoked();
            toTell = listeners.toArray(new RevocationListener[0]);
        }
        int closed = 0;
        for (RevocationListener l : toTell) {
            closed += l.revoked(grant);
        }
        audit.revoked(grant.capability(), grant.describe(), closed);
        return true;
    }

    public synchronized void addRevocationListener(RevocationListener listener) {
        listeners.add(listener);
    }

    public synchronized void removeRevocationListener(RevocationListener listener) {
        listeners.remove(listener);
    }

    /** Sets who hears of denials and revocations (default: {@link AuditListener#NONE}). */
    public Grants audit(AuditListener listener) {
        this.audit = listener == null ? AuditListener.NONE : listener;
        return this;
    }

    public AuditListener audit() {
        return audit;
    }
}
