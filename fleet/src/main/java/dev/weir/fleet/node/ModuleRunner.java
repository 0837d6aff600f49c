package dev.weir.fleet.node;

import dev.weir.fleet.FleetException;

/**
 * Runs the instances the node agent is assigned, on this board. The board port implements it
 * (board-ports: the same setup as {@code weir run} with the instance's grants and links).
 */
public interface ModuleRunner {
    /** What this board offers, reported in the node's status. */
    BoardCapacity capacity();

    /**
     * Starts an instance on its own thread and returns at once.
     *
     * @param wasm the module's bytes, already verified against the node's trust policy by the agent
     * @param snapshot a checkpoint of this instance to resume from (migration), or null to start fresh
     * @throws FleetException in one line, when this board cannot grant what the spec asks, or the module
     *     or snapshot is refused
     */
    RunningModule start(InstanceSpec spec, byte[] wasm, byte[] snapshot) throws FleetException;
}
