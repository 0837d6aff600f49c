package dev.weir.hal.capability;

/**
 * A fixed-size table of handles for one module instance. A handle is a positive i32 that packs a slot
 * index with the slot's generation: {@code handle = generation * capacity + index}. Closing or
 * revoking a slot bumps its generation, so a stale handle, a closed one, a revoked one, or a number
 * the module made up resolves to nothing: {@link #lookup(int)} returns {@link #BAD_HANDLE} or
 * {@link #REVOKED}, never another slot. Tables are per instance, so one module's handles mean nothing
 * in another's. Each open slot records the grant that allowed it, so revoking a grant closes exactly
 * the handles it opened ({@link #revokeGrant}). Sized once; lookups allocate nothing. Not thread-safe:
 * the owner synchronizes.
 */
public final class HandleTable {
    /** {@link #lookup} result for a handle that was never issued, is closed, or is stale. */
    public static final int BAD_HANDLE = -1;
    /** {@link #lookup} result for a handle whose grant was revoked, until the module closes it. */
    public static final int REVOKED = -2;

    /** What the table's owner holds for a slot (a GPIO line, a camera), closed when the table closes the slot. */
    public interface Resources {
        void close(int index);
    }

    private static final byte FREE = 0;
    private static final byte OPEN = 1;
    private static final byte REVOKED_STATE = 2;

    private final int capacity;
    private final int maxGeneration;
    private final int[] generation;
    private final byte[] state;
    /** The handle a revoked slot had, so its next use says "revoked" rather than "bad handle". */
    private final int[] revokedHandle;
    /** The grant each open slot was opened under. */
    private final Grant[] grantOf;
    private int open;

    /** @param capacity the most handles open at once (1..65536) */
    public HandleTable(int capacity) {
        this(capacity, Integer.MAX_VALUE / Math.max(1, capacity) - 1);
    }

    /** With a smaller generation limit, so tests can watch generations wrap. */
    HandleTable(int capacity, int maxGeneration) {
        if (capacity < 1 || capacity > 65536) {
            throw new IllegalArgumentException("handle table capacity " + capacity + " is not in 1..65536");
        }
        this.capacity = capacity;
        this.maxGeneration = maxGeneration;
        this.generation = new int[capacity];
        this.state = new byte[capacity];
        this.revokedHandle = new int[capacity];
        this.grantOf = new Grant[capacity];
        for (int i = 0; i < capacity; i++) {
            generation[i] = 1;
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Handles open now. */
    public int openCount() {
        return open;
    }

    /** Takes a free slot; returns its handle, or -1 when all slots are in use. */
    public int allocate() {
        for (int i = 0; i < capacity; i++) {
            if (state[i] == FREE) {
                state[i] = OPEN;
                open++;
                return generation[i] * capacity + i;
            }
        }
        return -1;
    }

    /** The slot index of an open handle, or {@link #BAD_HANDLE} or {@link #REVOKED}. */
    public int lookup(int handle) {
        if (handle <= 0) {
            return BAD_HANDLE;
        }
        int index = handle % capacity;
        int gen = handle / capacity;
        byte s = state[index];
        if (s == OPEN && generation[index] == gen) {
            return index;
        }
        if (s == REVOKED_STATE && revokedHandle[index] == handle) {
            return REVOKED;
        }
        return BAD_HANDLE;
    }

    /** The handle that slot {@code index} has while open. */
    public int handleOf(int index) {
        return generation[index] * capacity + index;
    }

    public boolean isOpen(int index) {
        return state[index] == OPEN;
    }

    /** Records that the open slot {@code index} was opened under grant g. */
    public void setGrant(int index, Grant g) {
        grantOf[index] = g;
    }

    /** The grant the open slot {@code index} was opened under. */
    public Grant grantOf(int index) {
        return grantOf[index];
    }

    /**
     * Revocation of g: closes the resource of every open slot opened under g, then revokes the slot
     * ({@link #revoke}). Returns how many it closed.
     */
    public int revokeGrant(Grant g, Resources resources) {
        int closed = 0;
        for (int i = 0; i < capacity; i++) {
            if (state[i] == OPEN && grantOf[i] == g) {
                resources.close(i);
                revoke(i);
                closed++;
            }
        }
        return closed;
    }

    /** The owner shuts down: closes the resource of every open slot and frees the slot. */
    public void closeAll(Resources resources) {
        for (int i = 0; i < capacity; i++) {
            if (state[i] == OPEN) {
                resources.close(i);
                release(i);
            }
        }
    }

    /** Closes an open slot: its handle becomes stale and the slot free. */
    public void release(int index) {
        if (state[index] == OPEN) {
            open--;
        }
        state[index] = FREE;
        grantOf[index] = null;
        nextGeneration(index);
    }

    /**
     * Revokes an open slot: every use of its handle fails with {@link #REVOKED} until the module closes
     * it ({@link #closeRevoked}); the slot is not reused before that, so the module learns of the
     * revocation rather than reaching a new pin with an old number.
     */
    public void revoke(int index) {
        if (state[index] != OPEN) {
            return;
        }
        open--;
        revokedHandle[index] = handleOf(index);
        state[index] = REVOKED_STATE;
        grantOf[index] = null;
        nextGeneration(index);
    }

    /** Frees the slot of a revoked handle when the module closes it; false if it is not a revoked handle. */
    public boolean closeRevoked(int handle) {
        if (handle <= 0) {
            return false;
        }
        int index = handle % capacity;
        if (state[index] == REVOKED_STATE && revokedHandle[index] == handle) {
            state[index] = FREE;
            revokedHandle[index] = 0;
            return true;
        }
        return false;
    }

    private void nextGeneration(int index) {
        generation[index] = generation[index] >= maxGeneration ? 1 : generation[index] + 1;
    }
}
