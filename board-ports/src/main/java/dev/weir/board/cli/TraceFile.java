package dev.weir.board.cli;

import dev.weir.hal.camera.PixelFormat;
import dev.weir.hal.gpio.GpioTrace;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * {@code weir run --trace-file FILE}: the traces as JSON lines, one object per event, for tools
 * rather than eyes. Every object has {@code "event"} (gpio, pwm or camera), {@code "ns"} (nanoseconds
 * since the run started: GPIO's clock; for camera, since the camera opened) and the event's fields:
 *
 * <pre>
 * {"event":"gpio","ns":301234567,"pin":17,"level":1}
 * {"event":"pwm","ns":1200000,"pin":18,"duty":50.00}
 * {"event":"camera","ns":66666666,"camera":0,"sequence":2,"width":160,"height":120,"format":"gray8"}
 * </pre>
 *
 * Each line is flushed as it is written, so the file is complete up to the last event even when the
 * run is stopped; shared by the GPIO and camera setups, closed by whichever closes last.
 */
final class TraceFile implements GpioTrace, AutoCloseable {
    private final Writer out;
    private final String path;
    private boolean failed;
    private boolean closed;
    /** Setups using this file (GPIO, camera); the last one to close it closes it. */
    private int users;

    private TraceFile(Writer out, String path) {
        this.out = out;
        this.path = path;
    }

    static TraceFile open(String path) throws CliException {
        try {
            return new TraceFile(new BufferedWriter(Files.newBufferedWriter(Paths.get(path), StandardCharsets.UTF_8)), path);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "--trace-file " + path + ": cannot write it ("
                    + e.getMessage() + ")");
        }
    }

    @Override
    public void levelChanged(int bcm, int level, long nanos) {
        write("{\"event\":\"gpio\",\"ns\":" + nanos + ",\"pin\":" + bcm + ",\"level\":" + level + "}\n");
    }

    @Override
    public void dutyChanged(int bcm, int duty, long nanos) {
        write("{\"event\":\"pwm\",\"ns\":" + nanos + ",\"pin\":" + bcm + ",\"duty\":" + duty / 100 + "."
                + (duty % 100 < 10 ? "0" : "") + duty % 100 + "}\n");
    }

    void frameDelivered(int camera, long sequence, int width, int height, int format, long nanos) {
        write("{\"event\":\"camera\",\"ns\":" + nanos + ",\"camera\":" + camera + ",\"sequence\":" + sequence
                + ",\"width\":" + width + ",\"height\":" + height + ",\"format\":\"" + PixelFormat.name(format) + "\"}\n");
    }

    private synchronized void write(String line) {
        if (failed || closed) {
            return;
        }
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            // A full disk must not stop the firmware; the trace says once that it stopped.
            failed = true;
            System.err.print("weir: --trace-file " + path + ": " + e.getMessage() + "; tracing stopped\n");
        }
    }

    /** One more setup writes here; each calls {@link #close} once. */
    synchronized TraceFile retain() {
        users++;
        return this;
    }

    @Override
    public synchronized void close() {
        if (closed || --users > 0) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            System.err.print("weir: --trace-file " + path + ": " + e.getMessage() + "\n");
        }
    }
}
