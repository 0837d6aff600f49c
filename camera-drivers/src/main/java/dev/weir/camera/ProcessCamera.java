package dev.weir.camera;

import dev.weir.hal.camera.CameraDevice;
import dev.weir.hal.camera.CameraError;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A camera whose frames come from another program's standard output as raw, tightly packed frames
 * (ffmpeg, rpicam-vid). A reader thread reads each frame straight into the module's memory array:
 * the module's thread hands it the region, then waits at most the timeout, so a stalled producer
 * costs one timeout, never a hang. The producer is ended (and waited for) on {@link #stop()}, on a
 * timeout and on any failure, so no process outlives its camera.
 * <p>
 * Steady state allocates nothing: the hand-over is a monitor with wait/notify, and reads go from the
 * pipe into the given array.
 */
public abstract class ProcessCamera implements CameraDevice {
    /** Default time for the first frame (the producer starts up, a camera warms up). */
    public static final long DEFAULT_START_TIMEOUT_MILLIS = 10_000;
    /** Default time for every later frame. */
    public static final long DEFAULT_FRAME_TIMEOUT_MILLIS = 3_000;

    private static final int IDLE = 0;
    private static final int REQUESTED = 1;
    private static final int DONE = 2;
    private static final int STDERR_TAIL = 600;

    private final long startTimeoutNanos;
    private final long frameTimeoutNanos;
    private final Object lock = new Object();

    private Process process;
    private InputStream out;
    private Thread reader;
    private Thread errorDrain;
    private final StringBuilder stderrTail = new StringBuilder();
    private byte[] scratch;
    private int skipBytes;

    // The hand-over, guarded by lock.
    private int state;
    private byte[] dest;
    private int destOffset;
    private int destLength;
    private int result;
    private boolean stopping;

    private long startNanos;
    private long frameTime;
    private long delivered;
    /** Sticky error (positive) after a failure. */
    private int broken;
    private String failure;
    private String running;
    /** The producer's exit status after {@link #endProcess}, or -1 when it had to be stopped. */
    private int exitStatus = -1;

    protected ProcessCamera(long startTimeoutMillis, long frameTimeoutMillis) {
        this.startTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(startTimeoutMillis);
        this.frameTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(frameTimeoutMillis);
    }

    /** The programs to try, in order (the first one found on the PATH runs). */
    protected abstract String[] programs();

    /**
     * The arguments after the program name for this geometry, or null when the producer cannot deliver
     * this pixel format (then {@link #unsupported} says why).
     */
    protected abstract List<String> arguments(int width, int height, int format, int fps);

    /** Why {@link #arguments} returned null. */
    protected abstract String unsupported(int format);

    /** What to say when none of {@link #programs()} is installed (which package to install). */
    protected abstract String missing();

    /** Bytes the producer sends after each frame that the module did not ask for (chroma of gray8). */
    protected int trailingBytes(int width, int height, int format) {
        return 0;
    }

    /** The command line of the running producer, for messages and tests; null before start. */
    public String commandLine() {
        return running;
    }

    @Override
    public int start(int width, int height, int format, int fps) {
        stop();
        broken = 0;
        failure = null;
        delivered = 0;
        List<String> args = arguments(width, height, format, fps);
        if (args == null) {
            return fail(CameraError.FORMAT_NOT_SUPPORTED, "camera " + describe() + ": " + unsupported(format));
        }
        skipBytes = trailingBytes(width, height, format);
        scratch = skipBytes > 0 ? new byte[skipBytes] : null;
        IOException last = null;
        for (String program : programs()) {
            List<String> command = new ArrayList<String>();
            command.add(program);
            command.addAll(args);
            try {
                ProcessBuilder pb = new ProcessBuilder(command);
                process = pb.start();
                // The producer reads nothing from us: an ended stdin keeps ffmpeg from waiting for keys.
                process.getOutputStream().close();
                running = String.join(" ", command);
                break;
            } catch (IOException e) {
                last = e;
            }
        }
        if (process == null) {
            return fail(CameraError.PRODUCER_MISSING, "camera " + describe() + ": " + missing()
                    + (last != null && last.getMessage() != null ? " (" + last.getMessage() + ")" : ""));
        }
        out = process.getInputStream();
        synchronized (lock) {
            state = IDLE;
            stopping = false;
        }
        synchronized (stderrTail) {
            stderrTail.setLength(0);
        }
        final InputStream err = process.getErrorStream();
        errorDrain = new Thread("weir-camera-stderr") {
            @Override
            public void run() {
                drain(err);
            }
        };
        errorDrain.setDaemon(true);
        errorDrain.start();
        reader = new Thread("weir-camera-reader") {
            @Override
            public void run() {
                readLoop();
            }
        };
        reader.setDaemon(true);
        reader.start();
        startNanos = System.nanoTime();
        return 0;
    }

    private int fail(int error, String message) {
        broken = error;
        failure = message;
        return -error;
    }

    @Override
    public int readFrame(byte[] array, int offset, int length) {
        if (broken != 0) {
            return -broken;
        }
        if (process == null) {
            return fail(CameraError.IO_ERROR, "camera " + describe() + ": not started");
        }
        int r;
        synchronized (lock) {
            dest = array;
            destOffset = offset;
            destLength = length;
            state = REQUESTED;
            lock.notifyAll();
            long deadline = System.nanoTime() + (delivered == 0 ? startTimeoutNanos : frameTimeoutNanos);
            while (state != DONE) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(left / 1_000_000L + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (state != DONE) {
                // The reader keeps the region until the process is gone: end it before returning.
                stopping = true;
                dest = null;
                r = -CameraError.TIMEOUT;
            } else {
                state = IDLE;
                dest = null;
                r = result;
            }
        }
        if (r < 0) {
            int error = -r;
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(delivered == 0 ? startTimeoutNanos : frameTimeoutNanos);
            String status = endProcess();
            if (error == CameraError.END_OF_STREAM && exitStatus > 0) {
                error = CameraError.IO_ERROR; // not a clean end: the producer failed
            }
            String what;
            if (error == CameraError.TIMEOUT) {
                what = "no frame within " + waitedMillis + " ms (the producer stalled; it was stopped)";
            } else if (error == CameraError.END_OF_STREAM) {
                what = "the producer ended the stream" + status;
            } else if (error == CameraError.IO_ERROR && exitStatus > 0) {
                what = "the producer failed" + status;
            } else if (error == CameraError.SHORT_FRAME) {
                what = "the producer stopped in the middle of a frame" + status;
            } else {
                what = "reading from the producer failed" + status;
            }
            String tail = stderrTail();
            return fail(error, "camera " + describe() + ": " + what + " after " + delivered + " frame"
                    + (delivered == 1 ? "" : "s") + (tail.isEmpty() ? "" : "; it said: " + tail));
        }
        delivered++;
        frameTime = System.nanoTime() - startNanos;
        return 0;
    }

    /** The reader thread: one frame per request, straight into the requested region. */
    private void readLoop() {
        InputStream in = out;
        while (true) {
            byte[] d;
            int off;
            int len;
            synchronized (lock) {
                while (state != REQUESTED && !stopping) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopping) {
                    return;
                }
                d = dest;
                off = destOffset;
                len = destLength;
            }
            int r = fill(in, d, off, len);
            if (r == 0 && skipBytes > 0) {
                r = fill(in, scratch, 0, skipBytes);
                if (r == -CameraError.END_OF_STREAM) {
                    r = -CameraError.SHORT_FRAME;
                }
            }
            synchronized (lock) {
                result = r;
                state = DONE;
                lock.notifyAll();
            }
            if (r < 0) {
                return;
            }
        }
    }

    /** Reads exactly len bytes: 0, or END_OF_STREAM (nothing read), SHORT_FRAME (some) or IO_ERROR. */
    private int fill(InputStream in, byte[] d, int off, int len) {
        int got = 0;
        try {
            while (got < len) {
                int n = in.read(d, off + got, len - got);
                if (n < 0) {
                    return got == 0 ? -CameraError.END_OF_STREAM : -CameraError.SHORT_FRAME;
                }
                got += n;
            }
            return 0;
        } catch (IOException e) {
            return got == 0 ? -CameraError.END_OF_STREAM : -CameraError.SHORT_FRAME;
        }
    }

    private void drain(InputStream err) {
        byte[] buf = new byte[512];
        try {
            for (int n; (n = err.read(buf)) > 0; ) {
                String s = new String(buf, 0, n, "UTF-8");
                synchronized (stderrTail) {
                    stderrTail.append(s);
                    if (stderrTail.length() > STDERR_TAIL) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // The producer is gone.
        }
    }

    private String stderrTail() {
        Thread d = errorDrain;
        if (d != null) {
            try {
                // The producer has ended, so its stderr is at its end too: the drain stops as soon as
                // it runs. A loaded machine may take that long to schedule it.
                d.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (stderrTail) {
            return stderrTail.toString().trim().replaceAll("\\s*\n\\s*", " | ");
        }
    }

    /** Ends the producer and waits for it; returns " (exit status N)" or " (killed)" for messages. */
    private String endProcess() {
        Process p = process;
        if (p == null) {
            return "";
        }
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        String status;
        exitStatus = -1;
        try {
            if (p.waitFor(200, TimeUnit.MILLISECONDS)) {
                exitStatus = p.exitValue();
                status = " (exit status " + exitStatus + ")";
                // The producer has ended: let the drain read what it said to its end before the
                // streams close under it (closing first lost its last words on a loaded machine).
                Thread d = errorDrain;
                if (d != null) {
                    d.join(2000);
                }
            } else {
                p.destroy();
                if (!p.waitFor(1, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
                status = " (stopped)";
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            status = " (stopped)";
        }
        closeQuietly(p);
        Thread r = reader;
        if (r != null) {
            try {
                r.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process = null;
        reader = null;
        return status;
    }

    private static void closeQuietly(Process p) {
        try {
            p.getInputStream().close();
        } catch (IOException e) {
            // already closed
        }
        try {
            p.getErrorStream().close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** The reader thread's id, for allocation tests; -1 when not running. */
    long readerThreadId() {
        Thread r = reader;
        return r == null ? -1 : r.getId();
    }

    /** The running producer, for tests (null when none). */
    Process process() {
        return process;
    }

    @Override
    public long frameTimeNanos() {
        return frameTime;
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        endProcess();
    }
}
