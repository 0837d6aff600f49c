package dev.weir.board.cli;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.MalformedModuleException;
import dev.weir.core.CompiledModule;
import dev.weir.core.module.Module;
import dev.weir.core.Wasm;
import dev.weir.text.TextFormatException;
import dev.weir.text.Wat;
import java.io.IOException;
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
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "cannot read " + file + ": " + e.getMessage());
        }
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
        try {
            return metered ? Wasm.parseMetered(bytes) : Wasm.parse(bytes);
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
