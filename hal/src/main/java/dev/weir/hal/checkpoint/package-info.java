/**
 * Checkpoints as files and the host state that goes with them: {@link dev.weir.hal.checkpoint.SnapshotFile}
 * binds a core {@link dev.weir.core.Checkpoint} to its module's SHA-256 and deflates it.
 */
package dev.weir.hal.checkpoint;
