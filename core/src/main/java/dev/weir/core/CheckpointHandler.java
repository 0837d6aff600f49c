package dev.weir.core;

/**
 * Receives the {@link Checkpoint} a store took at a safe point after {@link Store#requestCheckpoint}
 * (see {@link Store#enableCheckpoints}). Runs on the thread that runs the wasm code.
 */
public interface CheckpointHandler {
    /**
     * Called with the state as of the safe point; the handler may add host sections
     * ({@link Checkpoint#putHostSection}) and write it out.
     *
     * @return true to stop the run (the call that runs it throws {@link Checkpoint.Stopped}),
     *     false to go on running
     */
    boolean onCheckpoint(Checkpoint checkpoint);
}
