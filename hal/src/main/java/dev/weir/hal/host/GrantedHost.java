package dev.weir.hal.host;

import dev.weir.core.Linker;
import dev.weir.core.module.Module;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.capability.HandleTable;
import java.util.List;

/**
 * The part every granted interface shares (GPIO, camera, and the ones after them): one module
 * instance's handles, its grants, and what happens on a refusal, a bad handle, a revocation and
 * the end of the run. A subclass adds its table, its per-slot state, its open calls (the only
 * place a request meets the grants) and {@link #dispatch}.
 * <ul>
 * <li>{@link #deny} reports a refusal to the grants' audit listener as {@code (capability,
 * request, reason (error-name))} and returns the negated error code the module sees;
 * <li>{@link #slot} resolves a handle: the slot, the negated revoked error, or a bad-handle denial;
 * <li>{@link #closeHandle} is the interface's {@code close}: a revoked handle closes quietly;
 * <li>a revoked grant closes what was opened under it ({@link #release} per slot), and {@link
 * #close()} closes everything and stops listening to the grants.
 * </ul>
 * Module calls, revocations and {@link #close()} synchronize on this object; subclasses mark their
 * own module calls {@code synchronized} to share that lock.
 */
public abstract class GrantedHost implements HostDispatcher, AutoCloseable {
    /** The interface's table: names for messages, and what {@link #defineImports} defines. */
    protected final HostInterface functions;
    /** The capability word of the interface's grants ({@code gpio}, {@code camera}). */
    protected final String capability;
    /** The instance's grants: what open calls check, and where denials are reported. */
    protected final Grants grants;
    /** This instance's handles; per-slot state in subclasses is indexed like it. */
    protected final HandleTable table;
    private final int revokedError;
    private final int badHandleError;
    private final Grants.RevocationListener revocations;
    /** What the handle table closes on revocation and shutdown: the subclass's per-slot resources. */
    private final HandleTable.Resources resources = new HandleTable.Resources() {
        @Override
        public void close(int index) {
            release(index);
        }
    };

    /**
     * Starts listening to the grants' revocations. Until the subclass's constructor returns no
     * handle is open, so a revocation meanwhile releases nothing.
     *
     * @param revokedError the interface's positive error code for a revoked handle
     * @param badHandleError the interface's positive error code for a handle that is not open
     */
    protected GrantedHost(HostInterface functions, String capability, Grants grants, int maxHandles,
            int revokedError, int badHandleError) {
        this.functions = functions;
        this.capability = capability;
        this.grants = grants;
        this.table = new HandleTable(maxHandles);
        this.revokedError = revokedError;
        this.badHandleError = badHandleError;
        this.revocations = new Grants.RevocationListener() {
            @Override
            public int revoked(Grant grant) {
                return closeGrant(grant);
            }
        };
        grants.addRevocationListener(revocations);
    }

    /** The interface's name for an error code, as the WIT spells it ({@code pin-not-allowed}). */
    protected abstract String errorName(int error);

    /** Frees what slot {@code index} holds (stops the device, drives the shutdown level). */
    protected abstract void release(int index);

    /** Defines every function of the interface in the linker, bound to this host. */
    public void defineImports(Linker linker) {
        functions.defineAll(linker, this);
    }

    /**
     * Defines the functions {@code module} imports from this interface, bound to this host.
     *
     * @throws dev.weir.core.module.LinkException for an import the interface does not have, or with
     *     another type
     */
    public void defineImports(Linker linker, Module module) {
        functions.define(linker, module, this);
    }

    /** The grants of this interface's capability in force now, in the order they were given. */
    protected final List<Grant> grantsInForce() {
        return grants.forCapability(capability);
    }

    /** Reports a refused request to the audit listener; returns {@code -error} for the module. */
    protected final int deny(int error, String request, String reason) {
        grants.audit().denied(capability, request, reason + " (" + errorName(error) + ")");
        return -error;
    }

    /**
     * The slot of an open handle, or a negated error: revoked for a handle closed by a revocation,
     * bad-handle (reported to the audit listener) for one that is closed, stale or made up.
     *
     * @param function the id of the function that was given the handle, for the report
     */
    protected final int slot(int handle, int function) {
        int i = table.lookup(handle);
        if (i >= 0) {
            return i;
        }
        if (i == HandleTable.REVOKED) {
            return -revokedError;
        }
        return deny(badHandleError, functions.name(function) + " on handle " + handle,
                "not an open handle of this module");
    }

    /**
     * The interface's close: releases the handle's slot; a handle closed by a revocation just
     * closes. Returns 0 or a negated error.
     *
     * @param function the id of the interface's close function, for reports
     */
    protected final synchronized int closeHandle(int handle, int function) {
        if (table.closeRevoked(handle)) {
            return 0;
        }
        int i = slot(handle, function);
        if (i < 0) {
            return i;
        }
        release(i);
        table.release(i);
        return 0;
    }

    private synchronized int closeGrant(Grant grant) {
        return table.revokeGrant(grant, resources);
    }

    /** Handles open now. */
    public final synchronized int openHandles() {
        return table.openCount();
    }

    /**
     * Closes every open handle and stops listening to the grants. Subclasses that hold more (a
     * ring of events) override it and call this first.
     */
    @Override
    public synchronized void close() {
        table.closeAll(resources);
        grants.removeRevocationListener(revocations);
    }
}
