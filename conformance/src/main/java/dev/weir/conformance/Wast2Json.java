package dev.weir.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Converts a {@code .wast} script with wabt's {@code wast2json} into
 * {@code OUT/NAME/NAME.json} plus its {@code NAME.N.wasm} modules, skipping files whose JSON
 * is newer than the script.
 */
public final class Wast2Json {
    /** The Debian/Ubuntu package that provides wast2json, named in error messages. */
    public static final String PACKAGE = "wabt";

    private final String executable;
    private final Path outDir;

    /**
     * @param executable the wast2json command (a name on the PATH or a path)
     * @param outDir     the folder that gets one subfolder per script
     */
    public Wast2Json(String executable, Path outDir) {
        this.executable = executable;
        this.outDir = outDir;
    }

    /** The JSON script for a .wast file, converting it first unless it is up to date. */
    public Path convert(Path wast) throws IOException, InterruptedException {
        String name = baseName(wast);
        Path dir = outDir.resolve(name);
        Path json = dir.resolve(name + ".json");
        if (isUpToDate(wast, json)) {
            return json;
        }
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".wast2json.log");
        Process process;
        try {
            process = new ProcessBuilder(List.of(executable, wast.toAbsolutePath().normalize().toString(), "-o", json.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot run " + executable + " (" + e.getMessage() + "); install the Debian package "
                    + PACKAGE + " (apt-get install " + PACKAGE + "), or set -Dwast2json=PATH", e);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            Files.deleteIfExists(json);
            throw new IOException(executable + " " + wast + " did not finish within 120 s");
        }
        if (process.exitValue() != 0) {
            // A partial JSON file must not pass for an up-to-date one next time.
            Files.deleteIfExists(json);
            String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
            throw new IOException(executable + " " + wast.getFileName() + " failed (exit " + process.exitValue() + "): "
                    + (output.length() > 2000 ? output.substring(0, 2000) + "..." : output));
        }
        return json;
    }

    /**
     * True when the JSON is newer than the script and was made from this very script: wast2json
     * records the source path it was given, and two suites can hold files of the same name.
     */
    static boolean isUpToDate(Path wast, Path json) throws IOException {
        if (!Files.exists(json) || Files.getLastModifiedTime(json).compareTo(Files.getLastModifiedTime(wast)) < 0) {
            return false;
        }
        byte[] head = new byte[4096];
        int n;
        try (InputStream in = Files.newInputStream(json)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String source = "\"source_filename\": " + jsonString(wast.toAbsolutePath().normalize().toString()) + ",";
        return new String(head, 0, n, StandardCharsets.UTF_8).contains(source);
    }

    /** A JSON string literal of s, escaped the way wast2json escapes (\\uXXXX for controls). */
    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** {@code i32.wast} gives {@code i32}. */
    static String baseName(Path wast) {
        String file = wast.getFileName().toString();
        return file.endsWith(".wast") ? file.substring(0, file.length() - ".wast".length()) : file;
    }
}
