package dev.weir.hal.host;

import dev.weir.core.Instance;

/**
 * The one method behind every function of a host interface: it switches on the function's id (its
 * row in the {@link HostInterface} table) and reads arguments from and writes results to the raw
 * value stack, as core's {@link dev.weir.core.HostFunction} does. Implementations allocate nothing
 * per call: the id is an int, the arguments are slots.
 */
public interface HostDispatcher {
    /**
     * Runs function {@code id} with its arguments at {@code stack[base..]}, leaving its results at
     * {@code stack[base..]}.
     *
     * @param caller the calling instance (its memory is where pointers point)
     */
    void dispatch(int id, Instance caller, long[] stack, int base);
}
