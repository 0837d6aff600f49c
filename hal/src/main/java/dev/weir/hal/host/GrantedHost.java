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

    /**
     * The open handles for a checkpoint ({@code weir-host:} sections): a version, their count, then
     * per handle its value and what {@link #saveSlot} writes of its slot, then (version 2) what
     * {@link #saveEvents} writes: the interface's events not yet taken (GPIO's queued edges).
     */
    public final synchronized byte[] saveState() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        try {
            out.writeInt(STATE_VERSION);
            out.writeInt(table.openCount());
            for (int i = 0; i < table.capacity(); i++) {
                if (table.isOpen(i)) {
                    out.writeInt(table.handleOf(i));
                    saveSlot(i, out);
                }
            }
            saveEvents(out);
            out.close();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Re-opens the handles {@link #saveState} recorded, through {@link #restoreSlot}, so that this
     * board's grants and devices decide, in a host with nothing open yet: each must get its old
     * handle value back (handles are given out in order). If one cannot be opened, what was opened
     * here is closed again, and nothing of the restore remains.
     *
     * @throws IllegalArgumentException naming what this board does not grant or have, or a damaged state
     */
    public final void restoreState(byte[] state) {
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(state));
        java.util.List<Integer> opened = new java.util.ArrayList<Integer>();
        try {
            int version = in.readInt();
            if (version != 1 && version != STATE_VERSION) {
                throw new IllegalArgumentException("the snapshot's " + functions.module() + " state has an unknown version");
            }
            int count = in.readInt();
            for (int k = 0; k < count; k++) {
                int handle = in.readInt();
                int got = restoreSlot(in);
                opened.add(got);
                if (got != handle) {
                    throw new IllegalArgumentException(functions.module() + " handle " + handle
                            + " cannot be given back: this host has handles open already");
                }
            }
            if (version >= 2) {
                restoreEvents(in);
            }
        } catch (java.io.IOException e) {
            closeOpened(opened);
            throw new IllegalArgumentException("the snapshot's " + functions.module() + " state is damaged");
        } catch (RuntimeException e) {
            closeOpened(opened);
            throw e;
        }
    }

    private synchronized void closeOpened(java.util.List<Integer> opened) {
        for (int handle : opened) {
            int i = table.lookup(handle);
            if (i >= 0) {
                release(i);
                table.release(i);
            }
        }
    }

    /** The version {@link #saveState} writes; {@link #restoreState} reads it and 1 (no events). */
    public static final int STATE_VERSION = 2;

    /**
     * Whether a state that {@link #saveState} wrote holds any handle (a run without this interface
     * can restore one that holds none).
     */
    public static boolean holdsHandles(byte[] state) {
        return state != null && state.length >= 8
                && ((state[4] & 0xFF) | (state[5] & 0xFF) | (state[6] & 0xFF) | (state[7] & 0xFF)) != 0;
    }

    /** Writes the interface's events not yet taken, after the handles; the default writes nothing. */
    protected void saveEvents(java.io.DataOutputStream out) throws java.io.IOException {
    }

    /**
     * Reads what {@link #saveEvents} wrote, after every handle was opened again, and queues those
     * events ahead of any the new board delivered meanwhile.
     */
    protected void restoreEvents(java.io.DataInputStream in) throws java.io.IOException {
    }

    /**
     * Writes what re-opening slot {@code index} needs (after its handle value). An interface whose
     * handles a checkpoint carries overrides it and {@link #restoreSlot}; the default writes nothing.
     */
    protected void saveSlot(int index, java.io.DataOutputStream out) throws java.io.IOException {
    }

    /**
     * Reads what {@link #saveSlot} wrote and opens the same thing again through the interface's own
     * open call (so the grants decide), bringing it back to its state; returns the new handle.
     *
     * @throws IllegalArgumentException naming what this board does not grant or have
     */
    protected int restoreSlot(java.io.DataInputStream in) throws java.io.IOException {
        throw new IllegalArgumentException(functions.module() + " handles are not carried by checkpoints");
    }
}
