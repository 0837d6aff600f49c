package dev.weir.board.cli;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.MalformedModuleException;
import dev.weir.core.CompiledModule;
import dev.weir.core.module.Module;
import dev.weir.core.Wasm;
import dev.weir.text.TextFormatException;
import dev.weir.text.Wat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Reads module files (binary or text) and turns decoding and validation failures into one-line
 * CLI errors.
 */
final class ModuleFiles {
    private ModuleFiles() {
    }

    /**
     * The module in a file as binary: a binary module as it is, a text module (.wat) converted by
     * weir's text module. Which one is decided by the content, not the name: binary modules
     * start with the magic number; text ones with "(" or a comment after any white space.
     */
    static byte[] read(String file) throws CliException {
        byte[] bytes = readFile(file);
        if (Wat.isBinary(bytes) || !looksLikeText(bytes)) {
            return bytes;
        }
        try {
            return Wat.toBinary(new String(bytes, StandardCharsets.UTF_8));
        } catch (TextFormatException e) {
            String hint = textFormatHint(file);
            throw new CliException(ExitStatus.MALFORMED, "malformed module " + file + ":" + e.getMessage()
                    + (hint == null ? "" : " (" + hint + ")"));
        }
    }

    /** True when the first character that is not white space opens a list or a comment. */
    static boolean looksLikeText(byte[] bytes) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                continue;
            }
            return b == '(' || b == ';';
        }
        return false;
    }

    static byte[] readFile(String file) throws CliException {
        Path path;
        try {
            path = Paths.get(file);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "cannot read " + file + ": invalid path");
        }
        if (Files.isDirectory(path)) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "cannot read " + file + ": is a directory");
        }
        long most = largestModule(Runtime.getRuntime().maxMemory());
        try {
            if (Files.isRegularFile(path)) {
                long size = Files.size(path);
                if (size > most) {
                    throw tooLarge(file, size + " bytes", most);
                }
                return Files.readAllBytes(path);
            }
            // A device or pipe (/dev/zero, /dev/stdin) has no size up front: read at most the limit.
            try (InputStream in = Files.newInputStream(path)) {
                return readAtMost(in, file, most);
            }
        } catch (NoSuchFileException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * The largest module this JVM loads: a quarter of its heap (decoding, validation and the
     * compiled code take a few times the file's size), and at most what one Java array holds.
     */
    static long largestModule(long heapBytes) {
        return Math.min(heapBytes / 4, Integer.MAX_VALUE - 8);
    }

    private static CliException tooLarge(String file, String size, long most) {
        return new CliException(ExitStatus.FILE_NOT_FOUND, "cannot read " + file + ": " + size
                + " is more than the largest module this JVM can load (" + most + " bytes, a quarter of its heap;"
                + " raise -Xmx in JAVA_OPTS)");
    }

    static byte[] readAtMost(InputStream in, String file, long most) throws IOException, CliException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        // A stream has no size to check up front, but a module starts with \0asm: a device such
        // as /dev/zero is refused at its first bytes instead of being read up to the limit.
        int head = 0;
        while (head < 4) {
            int n = in.read(buffer, head, 4 - head);
            if (n <= 0) {
                break;
            }
            head += n;
        }
        if (head == 4 && (buffer[0] != 0 || buffer[1] != 'a' || buffer[2] != 's' || buffer[3] != 'm')) {
            throw new CliException(ExitStatus.MALFORMED, "malformed module " + file
                    + ": it does not start with \\0asm (not a WebAssembly binary)");
        }
        out.write(buffer, 0, head);
        long total = head;
        for (int n; (n = in.read(buffer)) > 0;) {
            total += n;
            if (total > most) {
                throw tooLarge(file, "a stream of more than " + most + " bytes", most);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Decodes only (no validation), for commands that describe a module even when it is invalid. */
    static Module decode(String file, byte[] bytes) throws CliException {
        try {
            return Wasm.decode(bytes);
        } catch (MalformedModuleException e) {
            throw malformed(file, e);
        } catch (InvalidModuleException e) {
            throw invalid(file, e, null);
        }
    }

    /** Decodes, validates and compiles. */
    static CompiledModule parse(String file, byte[] bytes) throws CliException {
        return parse(file, bytes, false);
    }

    /** Decodes, validates and compiles, with fuel metering when metered ({@link Wasm#parseMetered}). */
    static CompiledModule parse(String file, byte[] bytes, boolean metered) throws CliException {
        return parse(file, bytes, metered, false);
    }

    /**
     * As {@link #parse(String, byte[], boolean)}; interruptible code can be stopped by
     * {@code Store.interrupt} ({@link Wasm#parseInterruptible}; metered code always can).
     */
    static CompiledModule parse(String file, byte[] bytes, boolean metered, boolean interruptible) throws CliException {
        return parse(file, bytes, dev.weir.core.CompileOptions.defaults().withMetering(metered).withInterruptible(interruptible));
    }

    /** Decodes, validates and compiles with the given options. */
    static CompiledModule parse(String file, byte[] bytes, dev.weir.core.CompileOptions options) throws CliException {
        try {
            return Wasm.parse(bytes, options);
        } catch (MalformedModuleException e) {
            throw malformed(file, e);
        } catch (InvalidModuleException e) {
            Module decoded = null;
            if (e.functionIndex() >= 0) {
                try {
                    // Decoding succeeded before validation failed, so it succeeds again; it gives the name section.
                    decoded = Wasm.decode(bytes);
                } catch (RuntimeException ignored) {
                    decoded = null;
                }
            }
            throw invalid(file, e, decoded);
        }
    }

    private static CliException malformed(String file, MalformedModuleException e) {
        String hint = textFormatHint(file);
        return new CliException(ExitStatus.MALFORMED, "malformed module " + file + ": " + e.getMessage()
                + (hint == null ? "" : " (" + hint + ")"));
    }

    /** What to do with a WebAssembly script (.wast) given where a module belongs, or null. */
    static String textFormatHint(String file) {
        if (!file.endsWith(".wast")) {
            return null;
        }
        return file + " is a WebAssembly script, not a module: run it with weir wast " + file;
    }

    private static CliException invalid(String file, InvalidModuleException e, Module decoded) {
        String where = "";
        if (decoded != null && e.functionIndex() >= 0 && decoded.functionName(e.functionIndex()) != null) {
            where = " in " + decoded.describeFunction(e.functionIndex());
        }
        return new CliException(ExitStatus.INVALID, "invalid module " + file + ": " + e.getMessage() + where);
    }
}
