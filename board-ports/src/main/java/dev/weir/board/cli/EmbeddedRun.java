package dev.weir.board.cli;

import dev.weir.core.Instance;
import dev.weir.core.Memory;
import dev.weir.core.Store;
import dev.weir.fleet.FleetException;
import dev.weir.fleet.node.RunningModule;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One module run inside a long-lived process ({@code weir node}): the same setup and run as {@code weir
 * run} ({@link RunCommand} with {@link RunOptions} built by the caller, the module's bytes in memory),
 * on a thread of its own, with checkpoints going to memory instead of a file and a stop that any
 * thread may ask for. The program's stdout and stderr lines go to the process's, each prefixed with
 * {@code [INSTANCE]}.
 */
final class EmbeddedRun implements RunningModule {
    private final String instanceId;
    private final RunCommand command;
    private final Thread thread;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile State state = State.RUNNING;
    private volatile String outcome;
    private volatile Store store;
    private volatile Instance instance;
    private volatile boolean stopRequested;
    private volatile boolean checkpointRequested;
    private volatile byte[] snapshot;
    private final CountDownLatch snapshotTaken = new CountDownLatch(1);

    /** Prepares the run; options.app names it, options.appBytes holds the module. {@link #start()} runs it. */
    EmbeddedRun(String instanceId, RunOptions options, PrintStream out, PrintStream err) {
        this.instanceId = instanceId;
        options.control = this;
        OutputStream stdout = new LinePrefix("[" + instanceId + "] ", out);
        OutputStream stderr = new LinePrefix("[" + instanceId + "] ", err);
        this.command = new RunCommand(options, new java.io.ByteArrayInputStream(new byte[0]), stdout, stderr, out,
                new RunProbe() {
                    @Override
                    void instantiated(Store s, Instance i) {
                        instance = i;
                    }
                });
        this.thread = new Thread(null, this::run, "weir-instance-" + instanceId, command.threadStackBytes());
        thread.setDaemon(true);
    }

    EmbeddedRun start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            int status = command.executeOnThisThread();
            if (status == ExitStatus.CHECKPOINTED) {
                state = State.STOPPED;
            } else {
                outcome = Integer.toString(status);
                state = stopRequested ? State.STOPPED : State.EXITED;
            }
        } catch (CliException e) {
            outcome = e.getMessage();
            state = stopRequested ? State.STOPPED : State.FAILED;
        } catch (Throwable t) {
            outcome = t.toString();
            state = stopRequested ? State.STOPPED : State.FAILED;
        } finally {
            snapshotTaken.countDown();
            ended.countDown();
        }
    }

    /** Called on the run's thread when its checkpoints are installed: the store to interrupt or checkpoint. */
    void started(Store s) {
        store = s;
        if (checkpointRequested) {
            s.requestCheckpoint();
        }
        if (stopRequested) {
            s.interrupt();
        }
    }

    /** Called on the run's thread with a snapshot taken at a safe point; true stops the run there. */
    boolean checkpointed(byte[] bytes) {
        if (!checkpointRequested) {
            return false;
        }
        snapshot = bytes;
        snapshotTaken.countDown();
        return true;
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public String outcome() {
        return outcome;
    }

    @Override
    public long memoryBytes() {
        Instance i = instance;
        if (i == null) {
            return 0;
        }
        try {
            Memory m = i.memory();
            return m == null ? 0 : m.size();
        } catch (RuntimeException e) {
            return 0; // a module without a memory
        }
    }

    @Override
    public byte[] checkpointAndStop(long timeoutMillis) throws FleetException {
        checkpointRequested = true;
        Store s = store;
        if (s != null) {
            s.requestCheckpoint();
        }
        try {
            if (!snapshotTaken.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new FleetException(instanceId + ": no safe point within " + timeoutMillis + " ms, no checkpoint taken");
            }
            ended.await(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException(instanceId + ": interrupted while waiting for its checkpoint");
        }
        byte[] bytes = snapshot;
        if (bytes == null) {
            throw new FleetException(instanceId + ": ended (" + state + (outcome == null ? "" : ", " + outcome)
                    + ") before a checkpoint was taken");
        }
        return bytes;
    }

    @Override
    public void stop() {
        stopRequested = true;
        Store s = store;
        if (s != null) {
            s.interrupt();
        }
        thread.interrupt();
        try {
            ended.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the run to end; true when it did within the time. */
    boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Writes whole lines, each prefixed, to a shared stream (instances' lines do not interleave mid-line). */
    private static final class LinePrefix extends OutputStream {
        private final String prefix;
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LinePrefix(String prefix, PrintStream target) {
            this.prefix = prefix;
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public synchronized void flush() {
            // Partial lines wait for their newline; the target is flushed per line.
        }

        private void emit() {
            String text = new String(line.toByteArray(), StandardCharsets.UTF_8);
            line.reset();
            synchronized (target) {
                target.print(prefix + text + "\n");
                target.flush();
            }
        }
    }
}
