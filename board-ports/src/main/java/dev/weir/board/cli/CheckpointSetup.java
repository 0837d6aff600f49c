package dev.weir.board.cli;

import dev.weir.core.Checkpoint;
import dev.weir.core.CheckpointHandler;
import dev.weir.core.Instance;
import dev.weir.core.Store;
import dev.weir.hal.checkpoint.SnapshotFile;
import dev.weir.hal.host.GrantedHost;
import dev.weir.hal.wasi.WasiPreview1;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Timer;
import java.util.TimerTask;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code weir run --checkpoint FILE} and {@code weir resume FILE}: where snapshots are written and
 * read. SIGTERM is caught with {@code sun.misc.Signal} rather than a shutdown hook: a hook runs
 * while the JVM is already exiting, on another thread, when the program may still be running and
 * other hooks are closing what it uses; the signal handler only sets the store's flag, the run
 * stops at its next safe point, writes FILE on its own thread, and weir exits normally with
 * {@link ExitStatus#CHECKPOINTED}.
 */
final class CheckpointSetup implements CheckpointHandler {
    /**
     * Wasm instructions between two looks at the checkpoint flag: about 0.1 to 1 ms of interpreted
     * code, so SIGTERM is answered promptly, and the driver's round trip costs well under 1%.
     */
    static final long SLICE = 100_000;
    /** The host section with the WASI descriptor table ({@link WasiPreview1#saveState}). */
    static final String WASI_SECTION = "wasi";
    /** The host section with the open GPIO handles ({@code GpioHost.saveState}). */
    static final String GPIO_SECTION = "gpio";
    /** The host section with the open camera handles ({@code CameraHost.saveState}). */
    static final String CAMERA_SECTION = "camera";
    /** The host section with the open messaging links, subscriptions and inboxes ({@code MessagingHost.saveState}). */
    static final String MESSAGING_SECTION = "messaging";

    private final Path file;
    private final byte[] module;
    private final String moduleName;
    private volatile boolean stopAfterNext;
    private Timer timer;
    private SignalHandler previous;
    private WasiPreview1 wasi;
    private GpioSetup gpio;
    private CameraSetup camera;
    private MessagingSetup messaging;

    private CheckpointSetup(Path file, byte[] module, String moduleName) {
        this.file = file;
        this.module = module;
        this.moduleName = moduleName;
    }

    /** Whether the module must be compiled metered: checkpoints need fuel slices. */
    static boolean needed(RunOptions options) {
        return options.checkpoint != null || options.resumeFrom != null || options.control != null;
    }

    /** An embedded run's: snapshots go to its control (no file, no SIGTERM handler). */
    private EmbeddedRun control;

    /** The setup for --checkpoint, or null without it. */
    static CheckpointSetup open(RunOptions options, byte[] module) throws CliException {
        if (options.checkpointEveryMillis > 0 && options.checkpoint == null) {
            throw CliException.usage("--checkpoint-every needs --checkpoint FILE");
        }
        if (options.control != null) {
            CheckpointSetup embedded = new CheckpointSetup(null, module, options.app);
            embedded.control = options.control;
            return embedded;
        }
        if (options.checkpoint == null) {
            return null;
        }
        Path file;
        try {
            file = Paths.get(options.checkpoint);
        } catch (java.nio.file.InvalidPathException e) {
            throw CliException.usage("--checkpoint " + options.checkpoint + ": invalid path");
        }
        return new CheckpointSetup(file, module, Paths.get(options.app).getFileName().toString());
    }

    /** Takes checkpoints of the run in store: on SIGTERM (then stops) and every --checkpoint-every. */
    void install(final Store store, long everyMillis, WasiPreview1 wasi, GpioSetup gpio, CameraSetup camera,
            MessagingSetup messaging) {
        this.wasi = wasi;
        this.messaging = messaging;
        this.gpio = gpio;
        this.camera = camera;
        store.enableCheckpoints(SLICE, this);
        if (control != null) {
            control.started(store);
            return;
        }
        previous = Signal.handle(new Signal("TERM"), new SignalHandler() {
            @Override
            public void handle(Signal signal) {
                stopAfterNext = true;
                store.requestCheckpoint();
            }
        });
        if (everyMillis > 0) {
            timer = new Timer("weir-checkpoint-every", true);
            timer.scheduleAtFixedRate(new TimerTask() {
                @Override
                public void run() {
                    store.requestCheckpoint();
                }
            }, everyMillis, everyMillis);
        }
    }

    @Override
    public boolean onCheckpoint(Checkpoint checkpoint) {
        checkpoint.setModuleName(moduleName);
        checkpoint.putHostSection(WASI_SECTION, wasi.saveState());
        if (gpio != null) {
            checkpoint.putHostSection(GPIO_SECTION, gpio.host().saveState());
        }
        if (camera != null) {
            checkpoint.putHostSection(CAMERA_SECTION, camera.host().saveState());
        }
        if (messaging != null) {
            checkpoint.putHostSection(MESSAGING_SECTION, messaging.host().saveState());
        }
        byte[] bytes = SnapshotFile.write(checkpoint, module);
        if (control != null) {
            // weir node: the snapshot goes to the agent, which publishes it for the next board. Its inbox
            // messages are acknowledged now, as for a file, so the resumed session does not get them twice.
            boolean stop = control.checkpointed(bytes);
            if (stop && messaging != null) {
                messaging.host().acknowledgeSaved();
            }
            return stop;
        }
        // Written beside FILE, then renamed over it: a reader never sees half a snapshot.
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("--checkpoint " + file + ": cannot write it (" + e + ")");
        }
        if (messaging != null) {
            // The snapshot holds the inbox's messages now: the broker need not send them again.
            messaging.host().acknowledgeSaved();
        }
        return stopAfterNext;
    }

    void close() {
        if (timer != null) {
            timer.cancel();
        }
        if (previous != null) {
            Signal.handle(new Signal("TERM"), previous);
        }
    }

    /** The snapshot of an embedded run (a migrated instance), checked against the module. */
    static Checkpoint load(RunOptions options, byte[] module) throws CliException {
        if (options.resumeBytes == null) {
            return options.resumeFrom != null ? load(options.resumeFrom, module) : null;
        }
        try {
            return SnapshotFile.read(options.resumeBytes, module);
        } catch (Checkpoint.Invalid e) {
            throw new CliException(ExitStatus.MALFORMED, "resume " + options.app + ": " + e.getMessage());
        }
    }

    /** weir resume: the snapshot read and checked against the module. */
    static Checkpoint load(String path, byte[] module) throws CliException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Paths.get(path));
        } catch (NoSuchFileException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "resume " + path + ": no such file");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "resume " + path + ": cannot read it (" + e.getMessage() + ")");
        }
        try {
            return SnapshotFile.read(bytes, module);
        } catch (Checkpoint.Invalid e) {
            throw new CliException(ExitStatus.MALFORMED, "resume " + path + ": " + e.getMessage());
        }
    }

    /** The JIT policy the snapshot's code was compiled with, or fallback when it names none weir knows. */
    static dev.weir.core.CompileOptions.Jit jitOf(Checkpoint snapshot, dev.weir.core.CompileOptions.Jit fallback) {
        String options = snapshot.compileOptions();
        if (options.startsWith("jit=") && options.indexOf(' ') > 4) {
            try {
                return dev.weir.core.CompileOptions.Jit.of(options.substring(4, options.indexOf(' ')));
            } catch (IllegalArgumentException e) {
                return fallback; // restore names the mismatch
            }
        }
        return fallback;
    }

    /** Restores the snapshot into the fresh instance; a snapshot that does not fit changes nothing. */
    static void restore(String path, Checkpoint checkpoint, Instance instance, WasiPreview1 wasi, GpioSetup gpio,
            CameraSetup camera, MessagingSetup messaging) throws CliException {
        byte[] cameraState = checkpoint.hostSection(CAMERA_SECTION);
        if (GrantedHost.holdsHandles(cameraState)) {
            if (camera == null) {
                throw new CliException(ExitStatus.DENIED, "resume " + path
                        + ": denied capability: the program holds camera handles, and this run has no camera");
            }
            try {
                camera.host().restoreState(cameraState);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitStatus.DENIED, "resume " + path + ": denied capability: " + e.getMessage());
            }
        }
        byte[] gpioState = checkpoint.hostSection(GPIO_SECTION);
        if (GrantedHost.holdsHandles(gpioState)) {
            if (gpio == null) {
                throw new CliException(ExitStatus.DENIED, "resume " + path
                        + ": denied capability: the program holds GPIO handles, and this run grants no GPIO (--grants FILE)");
            }
            try {
                gpio.host().restoreState(gpioState);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitStatus.DENIED, "resume " + path + ": denied capability: " + e.getMessage());
            }
        }
        byte[] wasiState = checkpoint.hostSection(WASI_SECTION);
        if (wasiState != null) {
            try {
                wasi.restoreState(wasiState);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitStatus.DENIED, "resume " + path + ": denied capability: " + e.getMessage());
            }
        }
        byte[] messagingState = checkpoint.hostSection(MESSAGING_SECTION);
        if (messagingState != null && messagingState.length > 8) {
            if (messaging == null) {
                throw new CliException(ExitStatus.DENIED, "resume " + path
                        + ": denied capability: the program holds messaging links, and this run grants none (--grant, --link)");
            }
            try {
                messaging.host().restoreState(messagingState);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitStatus.DENIED, "resume " + path + ": denied capability: " + e.getMessage());
            }
        }
        try {
            checkpoint.restore(instance);
        } catch (Checkpoint.Invalid e) {
            throw new CliException(ExitStatus.MALFORMED, "resume " + path + ": " + e.getMessage());
        }
    }
}
