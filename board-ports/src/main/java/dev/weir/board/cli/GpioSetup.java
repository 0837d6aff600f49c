package dev.weir.board.cli;

import dev.weir.board.gpio.BoardPort;
import dev.weir.board.gpio.Boards;
import dev.weir.board.host.HostBoard;
import dev.weir.board.host.Stimulus;
import dev.weir.core.module.Module;
import dev.weir.core.Linker;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantFile;
import dev.weir.hal.capability.GrantSyntaxException;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.gpio.BoardDescriptor;
import dev.weir.hal.gpio.GpioGrant;
import dev.weir.hal.gpio.GpioHost;
import dev.weir.hal.gpio.GpioTrace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * GPIO for {@code weir run}: reads the grants, opens the board, checks the grants against it, and
 * links {@value GpioHost#MODULE}. Denials and revocations print one line each on stderr ({@code weir:
 * gpio denied: ...}); {@code --trace gpio} prints {@code gpio BCM LEVEL MS} for every pin change (and
 * {@code pwm BCM PERCENT MS} for PWM duty changes). Everything is checked before the module runs, so
 * a typo in a grant file is an error with its file and line, not a denial at run time. When the JVM is
 * stopped while the module runs (Ctrl-C, SIGTERM), a shutdown hook still drives every output to its
 * shutdown level, so an interrupted program does not leave a motor or heater on.
 */
final class GpioSetup implements AutoCloseable {
    private final BoardPort board;
    private final Grants grants;
    private final GpioHost host;
    private final Stimulus stimulus;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** Drives the shutdown levels when the JVM is stopped (Ctrl-C, SIGTERM) while the module runs. */
    private final Thread shutdownHook;

    /** Its counts of repeated denials print when the run ends. */
    private StderrAudit audit;
    /** --trace-file and --vcd writers, closed with the setup; may be empty. */
    private final List<AutoCloseable> traceOutputs = new ArrayList<>();

    /** The live page of weir run --inspect, or null. */
    private LiveInspection live;

    /** The live page of weir run --inspect (camera and messaging report to it too), or null. */
    LiveInspection live() {
        return live;
    }

    /** The GPIO host, whose handles a checkpoint records and a resume re-opens. */
    GpioHost host() {
        return host;
    }

    private GpioSetup(BoardPort board, Grants grants, GpioHost host, Stimulus stimulus) {
        this.board = board;
        this.grants = grants;
        this.host = host;
        this.stimulus = stimulus;
        this.shutdownHook = new Thread("weir-gpio-shutdown") {
            @Override
            public void run() {
                release();
            }
        };
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Whether the module imports anything from weir:gpio. */
    static boolean imports(Module module) {
        for (int i = 0; i < module.importCount(); i++) {
            if (GpioHost.MODULE.equals(module.importAt(i).module())) {
                return true;
            }
        }
        return false;
    }

    /** Null when the module uses no GPIO and no GPIO option was given. */
    static GpioSetup open(GpioOptions options, Module module, PrintStream err) throws CliException {
        if (!options.any() && !imports(module)) {
            return null;
        }
        List<Grant> list = readGrants(options);
        String boardName;
        try {
            boardName = Boards.resolve(options.board, Boards.systemRoot());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--board: " + e.getMessage());
        }
        if (options.stimulus != null && !HostBoard.NAME.equals(boardName)) {
            throw CliException.usage("--stimulus drives simulated inputs and works only on the host board (this is "
                    + boardName + "; add --board host)");
        }
        BoardDescriptor descriptor;
        try {
            descriptor = Boards.describe(boardName, Boards.systemRoot());
        } catch (IllegalStateException e) {
            throw new CliException(ExitStatus.DENIED, "board " + boardName + ": " + e.getMessage());
        }
        String refusal = conflict(list);
        if (refusal == null) {
            refusal = GpioHost.checkGrants(descriptor, list);
        }
        if (refusal != null) {
            throw CliException.usage("grant refused: " + refusal);
        }
        Stimulus stimulus = null;
        if (options.stimulus != null) {
            stimulus = readStimulus(options.stimulus, descriptor);
        }
        BoardPort board;
        try {
            board = Boards.open(boardName, Boards.systemRoot());
        } catch (IllegalStateException e) {
            throw new CliException(ExitStatus.DENIED, "board " + boardName + ": " + e.getMessage());
        }
        StderrAudit audit = new StderrAudit(err);
        Grants grants = new Grants(list).audit(audit);
        GpioHost host = new GpioHost(board.driver(), grants);
        List<GpioTrace> traces = new ArrayList<>();
        List<AutoCloseable> outputs = new ArrayList<>();
        LiveInspection inspection = null;
        try {
            if (options.tracesGpio()) {
                TraceFile file = options.traceFile();
                traces.add(file != null ? file : new StderrTrace(err));
                if (file != null) {
                    outputs.add(file);
                }
            }
            if (options.vcd != null) {
                VcdTrace vcd = VcdTrace.open(options.vcd, grantedPins(list));
                traces.add(vcd);
                outputs.add(vcd);
            }
            if (options.inspectPort >= 0) {
                LiveInspection live = LiveInspection.start(options.inspectPort, descriptor, list,
                        board instanceof HostBoard ? (HostBoard) board : null, err);
                traces.add(live);
                outputs.add(live);
                inspection = live;
            }
        } catch (CliException e) {
            host.close();
            board.close();
            throw e;
        }
        if (traces.size() == 1) {
            host.trace(traces.get(0));
        } else if (traces.size() > 1) {
            host.trace(new TeeTrace(traces.toArray(new GpioTrace[0])));
        }
        GpioSetup setup = new GpioSetup(board, grants, host, stimulus);
        setup.traceOutputs.addAll(outputs);
        setup.live = inspection;
        setup.audit = audit;
        return setup;
    }

    /**
     * Two different grants for one pin (output initial=0 in one file, input in another) leave it to
     * the order of the files which one a module gets; refused, naming both. Repeating the same grant
     * is harmless.
     */
    static String conflict(List<Grant> list) {
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof GpioGrant)) {
                continue;
            }
            GpioGrant a = (GpioGrant) list.get(i);
            for (int j = i + 1; j < list.size(); j++) {
                if (list.get(j) instanceof GpioGrant && ((GpioGrant) list.get(j)).pin() == a.pin()
                        && !list.get(j).describe().equals(a.describe())) {
                    Grant b = list.get(j);
                    return "GPIO " + a.pin() + " is granted twice, differently: " + a.origin() + ": " + a.describe()
                            + ", and " + b.origin() + ": " + b.describe() + " (keep one grant per pin)";
                }
            }
        }
        return null;
    }

    /** The BCM numbers the GPIO grants name, each once, in grant order (the --vcd wires). */
    static List<Integer> grantedPins(List<Grant> list) {
        List<Integer> pins = new ArrayList<>();
        for (Grant g : list) {
            if (g instanceof GpioGrant && !pins.contains(((GpioGrant) g).pin())) {
                pins.add(((GpioGrant) g).pin());
            }
        }
        return pins;
    }

    /** Every grant of the grant files and --grant lines, of every capability. */
    static List<Grant> readGrants(GpioOptions options) throws CliException {
        GrantFile parser = CameraSetup.grantFile();
        List<Grant> list = new ArrayList<>();
        try {
            for (String file : options.grantFiles) {
                list.addAll(parser.parse(readFile("--grants", file), file));
            }
            for (String line : options.grantLines) {
                Grant g = parser.parseLine(line, "--grant '" + line + "'");
                if (g == null) {
                    throw CliException.usage("--grant needs a grant, such as --grant 'gpio 17 output'");
                }
                list.add(g);
            }
        } catch (GrantSyntaxException e) {
            throw CliException.usage("grant: " + e.getMessage());
        }
        return list;
    }

    private static Stimulus readStimulus(String file, BoardDescriptor descriptor) throws CliException {
        try {
            return Stimulus.parse(readFile("--stimulus", file), file, descriptor);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("stimulus: " + e.getMessage());
        }
    }

    private static String readFile(String option, String file) throws CliException {
        try {
            return new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, option + " " + file + ": no such file");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, option + " " + file + ": cannot read it (" + e.getMessage()
                    + ")");
        }
    }

    void defineImports(Linker linker, Module module) {
        host.defineImports(linker, module);
    }

    /**
     * Call right before the module starts: starts the stimulus script, its times counted from now.
     * Not from the GPIO host's start, which comes before instantiation: on a cold or loaded JVM that
     * can take longer than a script's first step, and a press the module has not yet opened the pin
     * for would be lost (the button demo then counts 2 presses of 3).
     */
    void started() {
        if (stimulus != null && board instanceof HostBoard) {
            stimulus.start((HostBoard) board, System.nanoTime());
        }
    }

    Grants grants() {
        return grants;
    }

    /** Outputs to their shutdown levels, PWM off, the board released. */
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (stimulus != null) {
            stimulus.stop();
        }
        host.close();
        board.close();
        if (audit != null) {
            audit.summarize();
        }
        for (AutoCloseable output : traceOutputs) {
            try {
                output.close();
            } catch (Exception e) {
                // Each writer reports its own failures; closing the others matters more.
            }
        }
    }

    /** Several traces at once (--trace-file and --vcd). */
    private static final class TeeTrace implements GpioTrace {
        private final GpioTrace[] traces;

        TeeTrace(GpioTrace[] traces) {
            this.traces = traces;
        }

        @Override
        public void levelChanged(int bcm, int level, long nanos) {
            for (GpioTrace t : traces) {
                t.levelChanged(bcm, level, nanos);
            }
        }

        @Override
        public void dutyChanged(int bcm, int duty, long nanos) {
            for (GpioTrace t : traces) {
                t.dutyChanged(bcm, duty, nanos);
            }
        }
    }


    /** {@code gpio BCM LEVEL MS}, and {@code pwm BCM PERCENT MS}, on stderr. */
    private static final class StderrTrace implements GpioTrace {
        private final PrintStream err;

        StderrTrace(PrintStream err) {
            this.err = err;
        }

        @Override
        public void levelChanged(int bcm, int level, long nanos) {
            synchronized (err) {
                err.print("gpio " + bcm + " " + level + " " + nanos / 1_000_000L + "\n");
                err.flush();
            }
        }

        @Override
        public void dutyChanged(int bcm, int duty, long nanos) {
            synchronized (err) {
                err.print("pwm " + bcm + " " + duty / 100 + "." + (duty % 100 < 10 ? "0" : "") + duty % 100 + " "
                        + nanos / 1_000_000L + "\n");
                err.flush();
            }
        }
    }
}
