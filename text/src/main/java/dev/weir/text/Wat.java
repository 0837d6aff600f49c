package dev.weir.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The WebAssembly text format (spec chapter 6) to the binary format (spec chapter 5): the entry
 * point of this module. Accepts a module written as {@code (module $id? field*)}, as bare fields,
 * or as {@code (module binary "...")} and {@code (module quote "...")}. The result carries a name
 * section with the module's, functions' and locals' identifiers.
 * <p>
 * Everything malformed comes out as a {@link TextFormatException} naming line, column and what was
 * expected; nothing here validates types or index ranges (decode and validate the result with
 * core for that).
 */
public final class Wat {
    private Wat() {
    }

    /** The binary module for a text module. */
    public static byte[] toBinary(String text) {
        Node[] nodes;
        try {
            nodes = Lexer.parse(text);
        } catch (StackOverflowError e) {
            throw new TextFormatException(0, 0, "nesting too deep for this JVM's stack");
        }
        if (nodes.length == 1 && nodes[0].isList("module")) {
            return module(nodes[0]);
        }
        for (Node n : nodes) {
            if (n.isList("module")) {
                throw n.error("unexpected (module ...) among module fields: expected one module");
            }
        }
        return guarded(null, nodes);
    }

    /** True when bytes start with the binary format's magic number {@code \0asm}. */
    public static boolean isBinary(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm';
    }

    /** A {@code (module ...)} list: binary, quoted text, or fields. */
    static byte[] module(Node module) {
        Node[] it = module.items;
        int i = 1;
        Node id = null;
        if (i < it.length && it[i].isId()) {
            id = it[i++];
        }
        if (i < it.length && (it[i].is("binary") || it[i].is("quote"))) {
            boolean binary = it[i].is("binary");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int k = i + 1; k < it.length; k++) {
                if (!it[k].isString()) {
                    throw it[k].error("unexpected " + it[k].describe() + ": expected a string");
                }
                bytes.write(it[k].bytes, 0, it[k].bytes.length);
            }
            if (binary) {
                return bytes.toByteArray();
            }
            return toBinary(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
        }
        Node[] fields = new Node[it.length - i];
        System.arraycopy(it, i, fields, 0, fields.length);
        return guarded(id, fields);
    }

    private static byte[] guarded(Node id, Node[] fields) {
        try {
            return ModuleWriter.write(id, fields);
        } catch (StackOverflowError e) {
            throw new TextFormatException(0, 0, "nesting too deep for this JVM's stack");
        }
    }
}
