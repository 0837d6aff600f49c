package dev.weir.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark workload at one size: the wasm module built from {@code examples/bench/<name>.c},
 * the argument {@code n} its exported {@code run(n)} is called with, and the checksum the native
 * build returned for that n. The module, {@code workloads.tsv} and {@code expected.tsv} are
 * resources under {@code bench/} (copied from {@code examples/bench} by the build).
 *
 * @param name             the workload's name, e.g. {@code sobel}
 * @param size             {@code default}, or {@code short} for interpreted JVMs
 * @param n                the argument of {@code run}
 * @param expectedChecksum what {@code run(n)} must return, as an unsigned 32-bit value in an int
 * @param wasm             the module's bytes
 */
public record Workload(String name, String size, int n, int expectedChecksum, byte[] wasm) {

    static final String RESOURCE_ROOT = "/bench/";

    /** Loads the named workload at the given size; fails naming what is missing. */
    public static Workload load(String name, String size) {
        for (String[] row : table("expected.tsv", 4)) {
            if (row[0].equals(name) && row[1].equals(size)) {
                int n = Integer.parseInt(row[2]);
                int checksum = (int) Long.parseLong(row[3]);
                return new Workload(name, size, n, checksum, resource("wasm/" + name + ".wasm"));
            }
        }
        throw new IllegalArgumentException("no expected checksum for workload '" + name + "' at size '" + size
                + "' in " + RESOURCE_ROOT + "expected.tsv (run examples/bench/build.sh, then rebuild the benchmarks)");
    }

    /** The workload names in {@code workloads.tsv} order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String[] row : table("workloads.tsv", 3)) {
            names.add(row[0]);
        }
        return names;
    }

    /** The names of workloads that have a {@code short} size (the set run on interpreted JVMs). */
    public static List<String> shortNames() {
        List<String> names = new ArrayList<>();
        for (String[] row : table("workloads.tsv", 3)) {
            if (!row[2].equals("-")) {
                names.add(row[0]);
            }
        }
        return names;
    }

    /**
     * Whether the module uses fixed-width SIMD (v128): the {@code <base>_simd} workloads are
     * {@code <base>.c} built with {@code -msimd128}. Neither Chicory 1.6.1's interpreter nor its
     * compiler has SIMD, so only weir runs them.
     */
    public static boolean isSimd(String name) {
        return name.endsWith("_simd");
    }

    /** Throws unless {@code actual} is this workload's checksum. */
    public void verify(String runtime, int actual) {
        if (actual != expectedChecksum) {
            throw new IllegalStateException(runtime + ": " + name + ".run(" + n + ") returned "
                    + Integer.toUnsignedString(actual) + ", the native build returned "
                    + Integer.toUnsignedString(expectedChecksum));
        }
    }

    private static List<String[]> table(String file, int columns) {
        String text = new String(resource(file), StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] row = line.strip().split("\t");
            if (row.length != columns) {
                throw new IllegalStateException(RESOURCE_ROOT + file + ":" + lineNumber + ": expected " + columns
                        + " tab-separated columns, found " + row.length);
            }
            rows.add(row);
        }
        return rows;
    }

    private static byte[] resource(String path) {
        try (InputStream in = Workload.class.getResourceAsStream(RESOURCE_ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE_ROOT + path
                        + " (built from examples/bench by examples/bench/build.sh)");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE_ROOT + path, e);
        }
    }
}
