package dev.weir.conformance;

import dev.weir.testsupport.Json;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.MalformedModuleException;
import dev.weir.core.Wasm;
import dev.weir.text.Script;
import dev.weir.text.TextFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Robustness of the front end against hostile binaries: every module of the spec suite, as weir's
 * text module writes it (binary modules as given), is mutated with a fixed seed (bit flips, byte replacement,
 * truncation, insertion, deletion, LEB128 length edits) and parsed. Whatever the bytes, parsing
 * may only succeed or throw {@link MalformedModuleException} / {@link InvalidModuleException};
 * any other exception or error, or a parse that stops making progress, fails the test with the
 * mutant's index and a hex dump of its bytes.
 *
 * <p>System properties: {@code wasm.testsuite} (the suite folder),
 * {@code mutants.count} (default 100,000), {@code mutants.seed}, and {@code mutants.stage}
 * ({@code parse}, the default, runs {@link Wasm#parse}; {@code decode} runs only the decoder, to
 * tell which layer a failure comes from).
 */
class MutatedModuleTest {
    private static final long DEFAULT_SEED = 0x5EED_2026L;
    private static final int DEFAULT_COUNT = 100_000;
    /** A parse that takes longer than this is reported as hanging. */
    private static final long STALL_MILLIS = 10_000;
    private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x02, 0x0B, 0x40, 0x41, 0x60, 0x6F, 0x70, 0x7B,
        0x7F, 0x80, 0xFC, 0xFD, 0xFF};

    private static List<Path> scripts;
    private static List<Corpus> corpus;
    /** The corpus modules that parse: mutants of these reach deepest, so most mutants start from one. */
    private static List<Corpus> parsable;

    /** One suite module: where it came from and its bytes. */
    private record Corpus(String name, byte[] bytes) {
    }

    @BeforeAll
    static void convertTheSuite() throws IOException {
        Path suite = suiteDir();
        assertTrue(suite != null, "spec suite not found; set -Dwasm.testsuite=DIR");
        try (Stream<Path> files = Files.list(suite)) {
            scripts = files.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        // The suite's modules as weir's text parser writes them (binary ones as given).
        corpus = new ArrayList<>();
        Set<ByteBuffer> seen = new HashSet<>();
        for (Path wast : scripts) {
            for (Script.Command command : Script.parse(Files.readString(wast))) {
                if (command.module == null) {
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = command.module.binary();
                } catch (TextFormatException e) {
                    continue; // a text assert_malformed: no binary to mutate
                }
                if (seen.add(ByteBuffer.wrap(bytes))) {
                    corpus.add(new Corpus(wast.getFileName() + ":" + command.line, bytes));
                }
            }
        }
        assertTrue(corpus.size() > 1000, "expected the suite's modules, found " + corpus.size() + " in " + suite);
    }

    /** The unmutated suite modules obey the same rule, and the ones that parse seed most mutants. */
    private static void classifyCorpus(boolean decodeOnly) {
        parsable = new ArrayList<>();
        for (Corpus c : corpus) {
            try {
                parse(c.bytes(), decodeOnly);
                parsable.add(c);
            } catch (MalformedModuleException | InvalidModuleException e) {
                // Expected for the suite's assert_malformed and assert_invalid modules.
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("suite module " + c.name() + " threw " + e + "\n" + hexDump(c.bytes()), e);
            }
        }
    }

    private static void parse(byte[] bytes, boolean decodeOnly) {
        if (decodeOnly) {
            Wasm.decode(bytes);
        } else {
            Wasm.parse(bytes);
        }
    }

    private static Path suiteDir() {
        String configured = System.getProperty("wasm.testsuite");
        List<String> candidates = configured != null && !configured.isEmpty() ? List.of(configured)
                : List.of("../shared/wasm-testsuite", "../../shared/wasm-testsuite");
        for (String c : candidates) {
            Path p = Paths.get(c).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The corpus itself, checked against the scripts: every module a script defines decodes, and
     * every binary module a script calls malformed is rejected as malformed (by the decoder, or by
     * the validator for encodings inside function bodies).
     */
    @Test
    void suiteModulesDecodeAndMalformedBinariesAreRejected() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path wast : scripts) {
            for (Script.Command command : Script.parse(Files.readString(wast))) {
                boolean module = command.kind == Script.Kind.MODULE;
                boolean malformedBinary = command.kind == Script.Kind.ASSERT_MALFORMED && command.module.isBinary();
                if (!module && !malformedBinary) {
                    continue;
                }
                byte[] bytes = command.module.binary();
                String where = wast.getFileName() + " (line " + command.line + ")";
                checked++;
                if (module) {
                    try {
                        Wasm.decode(bytes);
                    } catch (RuntimeException e) {
                        problems.add(where + ": a valid module failed to decode: " + e);
                    }
                } else {
                    try {
                        Wasm.parse(bytes);
                        problems.add(where + ": accepted, expected malformed (" + command.text + ")");
                    } catch (MalformedModuleException e) {
                        // As the script says.
                    } catch (RuntimeException e) {
                        problems.add(where + ": expected malformed (" + command.text + "), got " + e);
                    }
                }
            }
        }
        assertTrue(checked > 1000, "expected the suite's module commands, checked " + checked);
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    @Test
    void mutatedModulesAreAcceptedOrRejectedWithAModuleError() throws InterruptedException {
        long seed = Long.getLong("mutants.seed", DEFAULT_SEED);
        int count = Integer.getInteger("mutants.count", DEFAULT_COUNT);
        boolean decodeOnly = "decode".equals(System.getProperty("mutants.stage", "parse"));
        assertTrue(count >= 1);
        classifyCorpus(decodeOnly);

        // Parsing runs on a worker thread so a parse that loops forever is reported, not waited on.
        Worker worker = new Worker(seed, count, decodeOnly);
        Thread thread = new Thread(null, worker, "mutants", 64L << 20);
        thread.setDaemon(true);
        thread.start();
        int lastIndex = -1;
        long lastProgress = System.currentTimeMillis();
        while (thread.isAlive()) {
            thread.join(500);
            int index = worker.index;
            if (index != lastIndex) {
                lastIndex = index;
                lastProgress = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastProgress > STALL_MILLIS) {
                fail("mutant " + index + " (seed " + seed + ", " + worker.description + ") did not finish parsing within "
                        + STALL_MILLIS + " ms\n" + hexDump(worker.current));
            }
        }
        if (worker.failure != null) {
            fail(worker.failure, worker.cause);
        }
        assertTrue(worker.parsed == count, "parsed " + worker.parsed + " of " + count);
        System.out.printf("MutatedModuleTest: %d mutants of %d modules (%d of them accepted unmutated): "
                + "%d accepted, %d malformed, %d invalid%n", count, corpus.size(), parsable.size(), worker.accepted,
                worker.malformed, worker.invalid);
        // Mutants that all fail in the header would prove nothing about the sections.
        assertTrue(worker.accepted + worker.invalid > count / 100, "too few mutants got past the decoder");
    }

    private static final class Worker implements Runnable {
        private final long seed;
        private final int count;
        private final boolean decodeOnly;
        volatile int index;
        volatile byte[] current;
        volatile String description;
        int parsed;
        int accepted;
        int malformed;
        int invalid;
        String failure;
        Throwable cause;

        Worker(long seed, int count, boolean decodeOnly) {
            this.seed = seed;
            this.count = count;
            this.decodeOnly = decodeOnly;
        }

        @Override
        public void run() {
            Random random = new Random(seed);
            StringBuilder what = new StringBuilder();
            for (int i = 0; i < count; i++) {
                Corpus base = random.nextInt(5) != 0 && !parsable.isEmpty()
                        ? parsable.get(random.nextInt(parsable.size())) : corpus.get(random.nextInt(corpus.size()));
                what.setLength(0);
                what.append(base.name());
                byte[] mutant = mutate(base.bytes(), random, what);
                description = what.toString();
                current = mutant;
                index = i;
                try {
                    parse(mutant, decodeOnly);
                    accepted++;
                } catch (MalformedModuleException e) {
                    malformed++;
                } catch (InvalidModuleException e) {
                    invalid++;
                } catch (Throwable t) {
                    failure = "mutant " + i + " (seed " + seed + ", " + description + ") threw " + t + "\n"
                            + hexDump(mutant);
                    cause = t;
                    return;
                }
                parsed++;
            }
        }
    }

    /**
     * One to three mutations of a copy of the module; each appends what it did to {@code what}.
     * Single mutations and those that keep the length are the most frequent, and half of the
     * insertions and deletions fix the enclosing section's size, so that many mutants get past
     * the section framing into the section contents and the function bodies.
     */
    static byte[] mutate(byte[] original, Random random, StringBuilder what) {
        byte[] b = original.clone();
        int roll = random.nextInt(20);
        int mutations = roll < 12 ? 1 : roll < 17 ? 2 : 3;
        for (int m = 0; m < mutations; m++) {
            // Mostly past the header, where the sections are; sometimes anywhere.
            int from = b.length > 8 && random.nextInt(16) != 0 ? 8 : 0;
            int pos = b.length > from ? from + random.nextInt(b.length - from) : 0;
            int kind = random.nextInt(100);
            switch (kind < 30 ? 0 : kind < 60 ? 1 : kind < 68 ? 2 : kind < 78 ? 3 : kind < 88 ? 4 : 5) {
                case 0 -> {
                    if (b.length > 0) {
                        int bit = random.nextInt(8);
                        b[pos] ^= (byte) (1 << bit);
                        what.append(", flip bit ").append(bit).append(" at ").append(pos);
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        int value = random.nextBoolean() ? INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]
                                : random.nextInt(256);
                        b[pos] = (byte) value;
                        what.append(", set ").append(pos).append(" to 0x").append(Integer.toHexString(value));
                    }
                }
                case 2 -> {
                    int length = b.length == 0 ? 0 : random.nextInt(b.length);
                    b = Arrays.copyOf(b, length);
                    what.append(", truncate to ").append(length);
                }
                case 3 -> {
                    int value = random.nextInt(256);
                    int at = b.length == 0 ? 0 : Math.min(pos + random.nextInt(2), b.length);
                    byte[] grown = new byte[b.length + 1];
                    System.arraycopy(b, 0, grown, 0, at);
                    grown[at] = (byte) value;
                    System.arraycopy(b, at, grown, at + 1, b.length - at);
                    b = grown;
                    what.append(", insert 0x").append(Integer.toHexString(value)).append(" at ").append(at);
                    if (random.nextBoolean()) {
                        fixSectionSize(b, at, 1, what);
                    }
                }
                case 4 -> {
                    if (b.length > 0) {
                        byte[] shrunk = new byte[b.length - 1];
                        System.arraycopy(b, 0, shrunk, 0, pos);
                        System.arraycopy(b, pos + 1, shrunk, pos, b.length - pos - 1);
                        b = shrunk;
                        what.append(", delete at ").append(pos);
                        if (random.nextBoolean()) {
                            fixSectionSize(b, pos, -1, what);
                        }
                    }
                }
                default -> b = editLeb128(b, random, what);
            }
        }
        return b;
    }

    /**
     * Rewrites one LEB128 length: a section size or the count that opens a section. The new value
     * is nearby, zero, huge, random, or the same value in an overlong encoding.
     */
    static byte[] editLeb128(byte[] b, Random random, StringBuilder what) {
        List<Integer> positions = new ArrayList<>();
        int p = 8;
        while (p < b.length) {
            int id = b[p] & 0xFF;
            int sizeAt = p + 1;
            long[] size = readLeb(b, sizeAt);
            if (size == null) {
                break;
            }
            positions.add(sizeAt);
            int contentAt = (int) size[1];
            if (id != 0 && contentAt < b.length) {
                positions.add(contentAt);
            }
            long next = contentAt + size[0];
            if (next > b.length) {
                break;
            }
            p = (int) next;
        }
        if (positions.isEmpty()) {
            return b;
        }
        int at = positions.get(random.nextInt(positions.size()));
        long[] old = readLeb(b, at);
        if (old == null) {
            return b;
        }
        long value = old[0];
        byte[] encoded;
        switch (random.nextInt(5)) {
            case 0 -> encoded = leb(value + (random.nextBoolean() ? 1 : -1) & 0xFFFFFFFFL, 0);
            case 1 -> encoded = leb(0, 0);
            case 2 -> encoded = leb(0xFFFFFFFFL - random.nextInt(4), 0);
            case 3 -> encoded = leb(random.nextInt() & 0xFFFFFFFFL, 0);
            default -> encoded = leb(value, 1 + random.nextInt(5));
        }
        int oldEnd = (int) old[1];
        byte[] out = new byte[b.length - (oldEnd - at) + encoded.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(encoded, 0, out, at, encoded.length);
        System.arraycopy(b, oldEnd, out, at + encoded.length, b.length - oldEnd);
        what.append(", LEB128 at ").append(at).append(" ").append(value).append(" -> ").append(hex(encoded));
        return out;
    }

    /**
     * After {@code delta} bytes were inserted or deleted at {@code changedAt}, adjusts the size of
     * the section around it in place, keeping the size's encoded length (padding it if needed), so
     * the framing stays intact and the change lands in the section's contents.
     */
    static void fixSectionSize(byte[] b, int changedAt, int delta, StringBuilder what) {
        int p = 8;
        while (p < b.length) {
            long[] size = readLeb(b, p + 1);
            if (size == null) {
                return;
            }
            int contentAt = (int) size[1];
            long end = contentAt + size[0];
            if (changedAt >= contentAt && changedAt < end + Math.max(delta, 0)) {
                long fixed = size[0] + delta;
                int width = contentAt - (p + 1);
                if (fixed < 0 || fixed >= 1L << (7 * width)) {
                    return;
                }
                for (int i = 0; i < width; i++) {
                    int bits = (int) (fixed >>> (7 * i)) & 0x7F;
                    b[p + 1 + i] = (byte) (i < width - 1 ? bits | 0x80 : bits);
                }
                what.append(", section size at ").append(p + 1).append(" -> ").append(fixed);
                return;
            }
            if (changedAt < contentAt) {
                return;
            }
            p = (int) end;
        }
    }

    /** {value, end position} of an unsigned LEB128 of at most 5 bytes, or null. */
    private static long[] readLeb(byte[] b, int at) {
        long value = 0;
        for (int i = 0; i < 5 && at + i < b.length; i++) {
            int x = b[at + i] & 0xFF;
            value |= (long) (x & 0x7F) << (7 * i);
            if ((x & 0x80) == 0) {
                return new long[] {value, at + i + 1};
            }
        }
        return null;
    }

    /** Unsigned LEB128 of value, padded with {@code padding} extra bytes (overlong; may exceed 5 bytes). */
    private static byte[] leb(long value, int padding) {
        byte[] out = new byte[16];
        int n = 0;
        do {
            out[n++] = (byte) (value & 0x7F | 0x80);
            value >>>= 7;
        } while (value != 0);
        for (int i = 0; i < padding; i++) {
            out[n++] = (byte) 0x80;
        }
        out[n - 1] &= 0x7F;
        return Arrays.copyOf(out, n);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }

    /** Offset, 16 bytes in hex, and their ASCII; capped so a huge module does not flood the report. */
    static String hexDump(byte[] b) {
        if (b == null) {
            return "(no input)";
        }
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(b.length, 4096);
        for (int row = 0; row < shown; row += 16) {
            sb.append(String.format("%08x: ", row));
            StringBuilder ascii = new StringBuilder();
            for (int i = row; i < row + 16; i++) {
                if (i < shown) {
                    int x = b[i] & 0xFF;
                    sb.append(String.format("%02x ", x));
                    ascii.append(x >= 0x20 && x < 0x7F ? (char) x : '.');
                } else {
                    sb.append("   ");
                }
            }
            sb.append(' ').append(ascii).append('\n');
        }
        if (shown < b.length) {
            sb.append("... ").append(b.length - shown).append(" more bytes\n");
        }
        return sb.toString();
    }
}
