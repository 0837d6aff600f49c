package dev.weir.conformance;

import dev.weir.testsupport.Json;
import dev.weir.core.StoreLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the WebAssembly spec test suite: finds the {@code .wast} files, parses each with weir's
 * own text module ({@link WastCommands}), runs it with a {@link ScriptRunner} on a worker thread under a time limit,
 * and writes {@code conformance-summary.tsv} (one row of assertion counts per file) and
 * {@code conformance-failures.txt} (every failure with its line).
 * <p>
 * Configuration, as system properties (the conformance pom sets the first three):
 * {@code wasm.testsuite} the folder of {@code .wast} files; {@code weir.conformance.out} where
 * converted scripts and reports go; {@code weir.exclusions} the exclusions file;
 * {@code wasm.files} a comma-separated list of file
 * globs to run only some files (such as {@code i32.wast,memory*}); {@code wasm.fileTimeoutSeconds}
 * the time limit per file.
 */
public final class ConformanceSuite {
    /**
     * The Java stack for script threads. Generous, so a runtime that recurses on the Java stack
     * for host-to-wasm calls still reaches its own call-depth limit before a StackOverflowError.
     */
    private static final long WORKER_STACK_BYTES = 16L << 20;

    /**
     * Scripts that grow a memory past the default limit of {@link StoreLimits#DEFAULT_MAX_MEMORY_PAGES}
     * pages (memory_grow.wast reaches 804 pages, call.wast and call_indirect.wast 307) get stores
     * allowing this many. Not every script gets it, because a memory without a declared maximum
     * is allocated at the limit and a store keeps its memories alive: align.wast alone creates
     * 25 of them, 1.6 GiB at this limit.
     */
    static final int LARGE_MEMORY_PAGES = 1024;
    private static final List<String> LARGE_MEMORY_SCRIPTS = List.of("memory_grow.wast", "call.wast", "call_indirect.wast");

    private final Path suiteDir;
    private final Path outDir;
    private final Exclusions exclusions;
    private final List<String> fileGlobs;
    private final long timeoutMillis;
    private final List<FileResult> results = new ArrayList<>();

    public ConformanceSuite(Path suiteDir, Path outDir, Exclusions exclusions, List<String> fileGlobs,
            long timeoutSeconds) {
        this.suiteDir = suiteDir;
        this.outDir = outDir;
        this.exclusions = exclusions;
        this.fileGlobs = fileGlobs;
        this.timeoutMillis = timeoutSeconds * 1000;
    }

    /** A suite configured from the system properties described above. */
    public static ConformanceSuite fromSystemProperties() throws IOException {
        Path suite = Paths.get(System.getProperty("wasm.testsuite", "../../shared/wasm-testsuite"));
        Path out = Paths.get(System.getProperty("weir.conformance.out", "target"));
        Exclusions exclusions = Exclusions.load(Paths.get(System.getProperty("weir.exclusions", "exclusions.tsv")));
        String files = System.getProperty("wasm.files", "").strip();
        List<String> globs = files.isEmpty() ? List.of()
                : Stream.of(files.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        long timeout = Long.parseLong(System.getProperty("wasm.fileTimeoutSeconds", "120"));
        return new ConformanceSuite(suite, out, exclusions, globs, timeout);
    }

    /** The {@code .wast} files to run, sorted by name. */
    public List<Path> wastFiles() throws IOException {
        if (!Files.isDirectory(suiteDir)) {
            throw new IOException("spec test suite not found at " + suiteDir.toAbsolutePath().normalize()
                    + ": put the WebAssembly testsuite there (shared/wasm-testsuite beside the checkout) or set -Dwasm.testsuite=DIR");
        }
        Exclusions selection = fileGlobs.isEmpty() ? null
                : Exclusions.parse(fileGlobs.stream().map(g -> g + "\tselected").collect(Collectors.joining("\n")), "wasm.files");
        try (Stream<Path> files = Files.list(suiteDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".wast"))
                    .filter(p -> selection == null || selection.fileReason(p.getFileName().toString()) != null)
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Parses and runs one file, records its result for the reports, and returns it. */
    public FileResult run(Path wast) {
        String name = wast.getFileName().toString();
        FileResult result = new FileResult(name);
        synchronized (results) {
            results.add(result);
        }
        Object script;
        try {
            script = WastCommands.of(new String(Files.readAllBytes(wast), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            result.fail(0, "cannot read or parse the script: " + ScriptRunner.describe(e));
            return result;
        }
        String skipReason = exclusions.fileReason(name);
        if (skipReason != null) {
            result.skipFile(skipReason, ScriptRunner.countAssertions(script));
            return result;
        }
        runWithTimeLimit(wast, script, result);
        return result;
    }

    private void runWithTimeLimit(Path wast, Object script, FileResult result) {
        String name = wast.getFileName().toString();
        Path scriptDir = wast.getParent();
        ScriptRunner runner = new ScriptRunner(scriptDir, name, exclusions, result, storeLimits(name));
        Throwable[] crash = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                runner.run(script);
            } catch (Throwable t) {
                crash[0] = t;
            }
        }, "wast " + name, WORKER_STACK_BYTES);
        // A runaway script cannot be stopped safely; as a daemon it at least cannot keep the JVM alive.
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            result.failAndSeal(runner.currentLine(), "timed out after " + timeoutMillis / 1000
                    + " s (the rest of the file did not run; raise -Dwasm.fileTimeoutSeconds if it is just slow)");
        } else if (crash[0] != null) {
            result.fail(runner.currentLine(), "the script could not be run: " + ScriptRunner.describe(crash[0]));
        }
    }

    /** The limits of the store a script runs in. */
    static StoreLimits storeLimits(String wastName) {
        StoreLimits limits = new StoreLimits();
        return LARGE_MEMORY_SCRIPTS.contains(wastName) ? limits.withMaxMemoryPages(LARGE_MEMORY_PAGES) : limits;
    }

    /** The results so far, in the order the files ran. */
    public List<FileResult> results() {
        synchronized (results) {
            return new ArrayList<>(results);
        }
    }

    /** {@code conformance: P passed, F failed, S skipped} over all files run so far. */
    public String finalLine() {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (FileResult r : results()) {
            passed += r.passed();
            failed += r.failed();
            skipped += r.skipped();
        }
        return "conformance: " + passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }

    /** The summary table: a header and one row per file, sorted by file name. */
    public String summary() {
        StringBuilder sb = new StringBuilder("file\tpassed\tfailed\tskipped\n");
        results().stream()
                .sorted((a, b) -> a.file().compareTo(b.file()))
                .forEach(r -> sb.append(r.file()).append('\t').append(r.passed()).append('\t').append(r.failed())
                        .append('\t').append(r.skipped()).append('\n'));
        return sb.toString();
    }

    /** Writes conformance-summary.tsv and conformance-failures.txt into the output folder. */
    public void writeReports() {
        StringBuilder failures = new StringBuilder();
        for (FileResult r : results()) {
            if (r.skipReason() != null) {
                failures.append(r.file()).append(": skipped: ").append(r.skipReason()).append('\n');
            }
            for (FileResult.Failure f : r.failures()) {
                failures.append(r.file()).append(':').append(f.line()).append(": ").append(f.reason()).append('\n');
            }
        }
        try {
            Files.createDirectories(outDir);
            Files.write(outDir.resolve("conformance-summary.tsv"), summary().getBytes(StandardCharsets.UTF_8));
            Files.write(outDir.resolve("conformance-failures.txt"), failures.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the conformance reports to " + outDir, e);
        }
    }
}
