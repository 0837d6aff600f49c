package dev.weir.board.cli;

import dev.weir.board.gpio.Boards;
import dev.weir.board.host.HostBoard;
import dev.weir.camera.Cameras;
import dev.weir.camera.SyntheticCamera;
import dev.weir.core.module.Module;
import dev.weir.core.Linker;
import dev.weir.hal.camera.CameraDevice;
import dev.weir.hal.camera.CameraError;
import dev.weir.hal.camera.CameraGrant;
import dev.weir.hal.camera.CameraHost;
import dev.weir.hal.camera.CameraListener;
import dev.weir.hal.camera.PixelFormat;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantFile;
import dev.weir.hal.capability.GrantSyntaxException;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.gpio.GpioGrant;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Cameras for {@code weir run}: makes the cameras given with {@code --camera SPEC} (camera 0, 1, ...
 * in order; on the host board a module that imports {@value CameraHost#MODULE} and names no camera
 * gets the synthetic camera as camera 0), reads the camera grants from the same grant files and
 * {@code --grant} lines as GPIO, and links {@value CameraHost#MODULE}. Denials print {@code weir:
 * camera denied: ...}, producer failures {@code weir: camera N: ...}, and {@code --trace camera}
 * prints {@code camera ID SEQUENCE WIDTHxHEIGHT FORMAT MS} for every frame delivered, on stderr.
 * Every producer process is stopped when the run ends, also when the JVM is stopped.
 */
final class CameraSetup implements AutoCloseable {
    private final CameraHost host;
    private final Thread shutdownHook;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** --trace-file, when frames go there; closed with the setup (closing twice is harmless). */
    private TraceFile traceFile;
    /** Its counts of repeated denials print when the run ends. */
    private StderrAudit audit;
    /** Where failures (and, with --trace camera, frames) go; and whether frames are traced. */
    private CameraListener stderrListener;
    private boolean traceFrames;

    /** The camera host, whose handles a checkpoint records and a resume re-opens. */
    CameraHost host() {
        return host;
    }

    private CameraSetup(CameraHost host) {
        this.host = host;
        this.shutdownHook = new Thread("weir-camera-shutdown") {
            @Override
            public void run() {
                release();
            }
        };
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Whether the module imports anything from weir:camera. */
    static boolean imports(Module module) {
        for (int i = 0; i < module.importCount(); i++) {
            if (CameraHost.MODULE.equals(module.importAt(i).module())) {
                return true;
            }
        }
        return false;
    }

    /** Null when the module uses no camera and no camera option was given. */
    static CameraSetup open(GpioOptions options, Module module, PrintStream err) throws CliException {
        if (options.cameras.isEmpty() && !options.traceCamera && !imports(module)) {
            return null;
        }
        List<Grant> list = readGrants(options);
        List<CameraDevice> devices = new ArrayList<>();
        for (String spec : options.cameras) {
            if (spec.startsWith("file:") && spec.length() > 5 && !Files.isRegularFile(Paths.get(spec.substring(5)))) {
                // Found now rather than at the module's first capture, where it would only be an error code.
                throw new CliException(ExitStatus.FILE_NOT_FOUND, "--camera " + spec + ": no such file");
            }
            try {
                devices.add(Cameras.parse(spec));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--camera " + spec + ": " + e.getMessage());
            }
        }
        if (devices.isEmpty() && isHostBoard(options)) {
            devices.add(new SyntheticCamera());
        }
        for (Grant g : list) {
            int id = ((CameraGrant) g).camera();
            if (id >= devices.size()) {
                throw CliException.usage("grant refused: " + g.origin() + ": camera " + id + ": this run has "
                        + (devices.isEmpty() ? "no camera" : "cameras 0.." + (devices.size() - 1))
                        + " (give each with --camera SPEC, in order)");
            }
        }
        StderrAudit audit = new StderrAudit(err);
        Grants grants = new Grants(list).audit(audit);
        TraceFile file = options.tracesCamera() ? options.traceFile() : null;
        StderrListener listener = new StderrListener(err, file);
        CameraHost host = new CameraHost(devices.toArray(new CameraDevice[0]), grants)
                .listener(listener, options.tracesCamera());
        CameraSetup setup = new CameraSetup(host);
        setup.stderrListener = listener;
        setup.traceFrames = options.tracesCamera();
        setup.traceFile = file;
        setup.audit = audit;
        return setup;
    }

    private static boolean isHostBoard(GpioOptions options) {
        try {
            return HostBoard.NAME.equals(Boards.resolve(options.board, Boards.systemRoot()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The camera grants of the grant files and --grant lines (GpioSetup reads the gpio ones). */
    /** The camera grants of the grant files and --grant lines (GpioSetup reads them all). */
    private static List<Grant> readGrants(GpioOptions options) throws CliException {
        List<Grant> cameras = new ArrayList<>();
        for (Grant g : GpioSetup.readGrants(options)) {
            if (g instanceof CameraGrant) {
                cameras.add(g);
            }
        }
        return cameras;
    }

    /** A grant-file reader that knows every capability weir run offers. */
    static GrantFile grantFile() {
        return new GrantFile().register("gpio", GpioGrant.PARSER).register("camera", CameraGrant.PARSER)
                .register("identity", dev.weir.hal.identity.IdentityGrant.PARSER)
                .register("messaging", dev.weir.hal.messaging.MessagingGrant.PARSER)
                .register("inspect", InspectGrant.PARSER);
    }

    private static String readFile(String file) throws CliException {
        try {
            return new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "--grants " + file + ": no such file");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "--grants " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /**
     * weir run --inspect: every frame also goes to the live page (as --trace camera would print it,
     * with a preview while a page is connected); failures and --trace camera lines still go to stderr.
     */
    void inspect(final LiveInspection live) {
        final CameraListener err = stderrListener;
        final boolean traced = traceFrames;
        host.listener(new CameraListener() {
            @Override
            public void frameDelivered(int camera, long sequence, int width, int height, int format, long nanos) {
                frameDelivered(camera, sequence, width, height, format, null, 0, nanos);
            }

            @Override
            public void frameDelivered(int camera, long sequence, int width, int height, int format, byte[] memory,
                    int offset, long nanos) {
                if (traced) {
                    err.frameDelivered(camera, sequence, width, height, format, nanos);
                }
                if (memory != null) {
                    live.frameDelivered(camera, sequence, width, height, format, memory, offset, nanos);
                } else {
                    live.frameDelivered(camera, sequence, width, height, format, nanos);
                }
            }

            @Override
            public void failed(int camera, int error, String message) {
                err.failed(camera, error, message);
            }
        }, true);
    }

    void defineImports(Linker linker, Module module) {
        host.defineImports(linker, module);
    }

    /** Stops every camera (and its producer process). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook does the same.
        }
        release();
    }

    private void release() {
        if (closed.compareAndSet(false, true)) {
            host.close();
            if (audit != null) {
                audit.summarize();
            }
            if (traceFile != null) {
                traceFile.close();
            }
        }
    }


    /** {@code camera ID SEQUENCE WIDTHxHEIGHT FORMAT MS} per frame, and one line per failure. */
    private static final class StderrListener implements CameraListener {
        private final PrintStream err;
        /** Where frames are traced instead of err (--trace-file); null for err. */
        private final TraceFile file;

        StderrListener(PrintStream err, TraceFile file) {
            this.err = err;
            this.file = file;
        }

        @Override
        public void frameDelivered(int camera, long sequence, int width, int height, int format, long nanos) {
            if (file != null) {
                file.frameDelivered(camera, sequence, width, height, format, nanos);
                return;
            }
            synchronized (err) {
                err.print("camera " + camera + " " + sequence + " " + width + "x" + height + " " + PixelFormat.name(format)
                        + " " + nanos / 1_000_000L + "\n");
                err.flush();
            }
        }

        @Override
        public void failed(int camera, int error, String message) {
            if (error == CameraError.END_OF_STREAM && message != null && message.startsWith("camera synthetic")) {
                return; // the scripted end of the synthetic camera is how its demo ends, not a failure
            }
            synchronized (err) {
                err.print("weir: camera " + camera + " (" + CameraError.name(error) + "): " + message + "\n");
                err.flush();
            }
        }
    }
}
