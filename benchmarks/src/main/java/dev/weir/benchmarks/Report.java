package dev.weir.benchmarks;

import dev.weir.testsupport.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result of {@link WorkloadBenchmark} into a Markdown table: per workload the
 * times of weir, Chicory's interpreter and Chicory's compiler, each Chicory time's ratio to
 * weir's, the native time from {@code examples/bench/build.sh}, and the bytes weir and Chicory's
 * interpreter allocate per call ({@code gc.alloc.rate.norm}, present with {@code -prof gc}).
 * <pre>java -cp benchmarks.jar dev.weir.benchmarks.Report jmh-result.json [native.tsv]</pre>
 */
public final class Report {
    private Report() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: Report <jmh-result.json> [examples/bench/build/native.tsv]");
            System.exit(2);
        }
        String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        Map<String, String[]> nativeRows = new LinkedHashMap<>();
        if (args.length == 2 && Files.exists(Path.of(args[1]))) {
            nativeRows = readNative(Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8));
        }
        System.out.print(markdown(json, nativeRows));
    }

    /** One measured (workload, size) row: results keyed by runtime. */
    private static final class Row {
        final String workload;
        final String size;
        final Map<String, Map<?, ?>> byRuntime = new LinkedHashMap<>();

        Row(String workload, String size) {
            this.workload = workload;
            this.size = size;
        }
    }

    /**
     * The table for a JMH result (JSON text) and the native timings keyed by
     * {@code workload/size}, each row {@code size name n checksum ns_per_run runs}.
     */
    static String markdown(String jmhJson, Map<String, String[]> nativeRows) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Object item : (List<?>) Json.parse(jmhJson)) {
            Map<?, ?> result = (Map<?, ?>) item;
            Map<?, ?> params = (Map<?, ?>) result.get("params");
            if (params == null || params.get("workload") == null || params.get("runtime") == null) {
                continue;
            }
            String workload = (String) params.get("workload");
            String size = params.get("size") == null ? "default" : (String) params.get("size");
            rows.computeIfAbsent(workload + "/" + size, key -> new Row(workload, size))
                    .byRuntime.put((String) params.get("runtime"), result);
        }
        StringBuilder out = new StringBuilder();
        List<?> all = (List<?>) Json.parse(jmhJson);
        if (!all.isEmpty()) {
            Map<?, ?> first = (Map<?, ?>) all.get(0);
            out.append(String.format(Locale.ROOT, "JMH %s, JDK %s, JVM args %s; %s fork(s), warmup %s x %s,"
                            + " measurement %s x %s; native: gcc -O2 (examples/bench/build.sh)%n%n",
                    first.get("jmhVersion"), first.get("jdkVersion"), first.get("jvmArgs"), count(first.get("forks")),
                    count(first.get("warmupIterations")), first.get("warmupTime"),
                    count(first.get("measurementIterations")), first.get("measurementTime")));
        }
        out.append("| workload | size | n | weir (ms/op) | chicory (ms/op) | chicory / weir"
                + " | chicory-compiler (ms/op) | chicory-compiler / weir | native (ms/run)"
                + " | weir / native | weir alloc (B/op) | chicory alloc (B/op) |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows.values()) {
            String[] nativeRow = nativeRows.get(row.workload + "/" + row.size);
            double weir = score(row.byRuntime.get("weir"));
            double chicory = score(row.byRuntime.get("chicory"));
            double compiler = score(row.byRuntime.get("chicory-compiler"));
            double nativeMs = nativeRow == null ? Double.NaN : Long.parseLong(nativeRow[4]) / 1e6;
            out.append("| ").append(row.workload)
                    .append(" | ").append(row.size)
                    .append(" | ").append(nativeRow == null ? "-" : nativeRow[2])
                    .append(" | ").append(time(row.byRuntime.get("weir")))
                    .append(" | ").append(time(row.byRuntime.get("chicory")))
                    .append(" | ").append(ratio(chicory, weir))
                    .append(" | ").append(time(row.byRuntime.get("chicory-compiler")))
                    .append(" | ").append(ratio(compiler, weir))
                    .append(" | ").append(Double.isNaN(nativeMs) ? "-" : number(nativeMs))
                    .append(" | ").append(ratio(weir, nativeMs))
                    .append(" | ").append(allocation(row.byRuntime.get("weir")))
                    .append(" | ").append(allocation(row.byRuntime.get("chicory")))
                    .append(" |\n");
        }
        out.append("\nalloc is JMH's gc.alloc.rate.norm: with calls of many milliseconds, JMH's own few KB per"
                + " iteration show up as tens to hundreds of B/op, so values that small mean no allocation per call.\n");
        return out.toString();
    }

    /** Native rows keyed by {@code workload/size}; lines starting with '#' are comments. */
    static Map<String, String[]> readNative(List<String> lines) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] row = line.split("\t");
            if (row.length < 6) {
                throw new IllegalArgumentException("native timing line needs 6 tab-separated columns: " + line);
            }
            rows.put(row[1] + "/" + row[0], row);
        }
        return rows;
    }

    private static double score(Map<?, ?> result) {
        if (result == null) {
            return Double.NaN;
        }
        Map<?, ?> metric = (Map<?, ?>) result.get("primaryMetric");
        if (!"ms/op".equals(metric.get("scoreUnit"))) {
            throw new IllegalArgumentException("expected ms/op scores, found " + metric.get("scoreUnit"));
        }
        return toDouble(metric.get("score"));
    }

    private static String time(Map<?, ?> result) {
        if (result == null) {
            return "-";
        }
        Map<?, ?> metric = (Map<?, ?>) result.get("primaryMetric");
        double error = toDouble(metric.get("scoreError"));
        String score = number(score(result));
        return Double.isNaN(error) ? score : score + " ± " + number(error);
    }

    private static String allocation(Map<?, ?> result) {
        if (result == null) {
            return "-";
        }
        Map<?, ?> secondary = (Map<?, ?>) result.get("secondaryMetrics");
        Map<?, ?> metric = secondary == null ? null : (Map<?, ?>) secondary.get("gc.alloc.rate.norm");
        if (metric == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f", toDouble(metric.get("score")));
    }

    private static String ratio(double numerator, double denominator) {
        if (Double.isNaN(numerator) || Double.isNaN(denominator) || denominator == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx", numerator / denominator);
    }

    /** Three significant digits or so, without exponents: these are read by people. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.1f" : magnitude >= 1 ? "%.2f" : magnitude >= 0.01 ? "%.3f" : "%.5f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String count(Object value) {
        return value instanceof Double d ? String.valueOf(d.intValue()) : String.valueOf(value);
    }

    /** JMH writes NaN and infinities as strings. */
    private static double toDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            return Double.parseDouble(s);
        }
        return Double.NaN;
    }
}
