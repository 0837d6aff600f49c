package dev.weir.fleet.node;

import dev.weir.fleet.FleetException;

/** An instance started by a {@link ModuleRunner}. Its methods are safe from any thread. */
public interface RunningModule {
    /** The life of an instance as the node reports it. */
    enum State { RUNNING, EXITED, FAILED, STOPPED }

    String instanceId();

    State state();

    /** For EXITED the exit status, for FAILED the one-line reason (a trap, a refused grant), else null. */
    String outcome();

    /** Bytes of linear memory the instance holds now (reported as load). */
    long memoryBytes();

    /**
     * Stops the instance at its next safe point and returns its snapshot (weir's checkpoint format),
     * with everything it had taken or queued; the instance is STOPPED afterwards and its links closed
     * without losing queued QoS 1 messages (they wait in the broker session for the next board).
     */
    byte[] checkpointAndStop(long timeoutMillis) throws FleetException;

    /** Stops the instance (interrupt), closes its links, and waits for its thread to end. */
    void stop();
}
