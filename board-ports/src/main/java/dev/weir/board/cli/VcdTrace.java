package dev.weir.board.cli;

import dev.weir.hal.gpio.GpioTrace;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/**
 * {@code weir run --vcd FILE}: the levels of the granted GPIO pins as a Value Change Dump (IEEE 1364,
 * section 18), which PulseView, GTKWave and sigrok-cli open. One 1-bit wire per granted pin, named
 * {@code gpioBCM}, in microseconds since the run started; a PWM pin is a wire that is 1 while its duty
 * is above 0 (the waveform itself is made by the hardware and not seen here). Pins start as x
 * (unknown) until the module opens them. Changes are written as they happen and flushed, so the file
 * is readable up to the last change even when the run is stopped.
 */
final class VcdTrace implements GpioTrace, AutoCloseable {
    private final Writer out;
    private final String path;
    private final int[] pins;
    private long lastMicros = -1;
    private boolean failed;
    private boolean closed;

    private VcdTrace(Writer out, String path, int[] pins) {
        this.out = out;
        this.path = path;
        this.pins = pins;
    }

    /** @param pins the BCM numbers of the granted pins, each once */
    static VcdTrace open(String path, List<Integer> pins) throws CliException {
        int[] list = new int[pins.size()];
        for (int i = 0; i < list.length; i++) {
            list[i] = pins.get(i);
        }
        try {
            VcdTrace vcd = new VcdTrace(new BufferedWriter(Files.newBufferedWriter(Paths.get(path),
                    StandardCharsets.US_ASCII)), path, list);
            vcd.header();
            return vcd;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "--vcd " + path + ": cannot write it (" + e.getMessage() + ")");
        }
    }

    private void header() throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("$date ").append(java.time.Instant.now()).append(" $end\n");
        b.append("$version weir ").append(Main.VERSION).append(" $end\n");
        b.append("$comment GPIO levels by BCM number; time since the run started $end\n");
        b.append("$timescale 1 us $end\n");
        b.append("$scope module weir $end\n");
        for (int i = 0; i < pins.length; i++) {
            b.append("$var wire 1 ").append(id(i)).append(" gpio").append(pins[i]).append(" $end\n");
        }
        b.append("$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n");
        for (int i = 0; i < pins.length; i++) {
            b.append('x').append(id(i)).append('\n');
        }
        b.append("$end\n");
        out.write(b.toString());
        out.flush();
        lastMicros = 0;
    }

    /** VCD identifiers: printable ASCII from '!', one or two characters. */
    private static String id(int index) {
        return index < 94 ? String.valueOf((char) ('!' + index))
                : String.valueOf((char) ('!' + index / 94 - 1)) + (char) ('!' + index % 94);
    }

    @Override
    public void levelChanged(int bcm, int level, long nanos) {
        change(bcm, level, nanos);
    }

    @Override
    public void dutyChanged(int bcm, int duty, long nanos) {
        change(bcm, duty > 0 ? 1 : 0, nanos);
    }

    private synchronized void change(int bcm, int level, long nanos) {
        if (failed || closed) {
            return;
        }
        int index = -1;
        for (int i = 0; i < pins.length; i++) {
            if (pins[i] == bcm) {
                index = i;
            }
        }
        if (index < 0) {
            return;
        }
        // Edges seen on the driver's thread can arrive a little out of order; VCD times must not go back.
        long micros = Math.max(lastMicros, nanos / 1000);
        try {
            if (micros != lastMicros) {
                out.write("#" + micros + "\n");
                lastMicros = micros;
            }
            out.write(level + id(index) + "\n");
            out.flush();
        } catch (IOException e) {
            failed = true;
            System.err.print("weir: --vcd " + path + ": " + e.getMessage() + "; tracing stopped\n");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            System.err.print("weir: --vcd " + path + ": " + e.getMessage() + "\n");
        }
    }
}
