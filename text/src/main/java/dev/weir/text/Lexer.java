package dev.weir.text;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;

/**
 * Turns source text into {@link Node} trees (spec 6.3 Lexical Format): tokens, white space, line
 * comments {@code ;; ...}, nested block comments {@code (; ... ;)}, strings with their escapes.
 * Positions are 1-based lines and columns (UTF-16 code units), so errors can point at the token.
 */
final class Lexer {
    private final String src;
    /** The source as an array: indexing it is cheaper than String.charAt in the scanning loops. */
    private final char[] buf;
    private final int end;
    private int pos;
    private int line = 1;
    private int lineStart;
    /** Scratch list per nesting depth, reused, so a deep tree costs no more than its nodes. */
    private final ArrayList<ArrayList<Node>> scratch = new ArrayList<>();

    private Lexer(String src) {
        this.src = src;
        this.buf = src.toCharArray();
        this.end = buf.length;
    }

    /** Every top-level node of the source. */
    static Node[] parse(String src) {
        return new Lexer(src).all();
    }

    private Node[] all() {
        ArrayList<Node> top = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= end) {
                return top.toArray(Node.NONE);
            }
            if (buf[pos] == ')') {
                throw error("unexpected \")\" without a matching \"(\"");
            }
            top.add(node(0));
        }
    }

    private Node node(int depth) {
        char c = buf[pos];
        int l = line;
        int col = pos - lineStart + 1;
        if (c == '(') {
            pos++;
            while (scratch.size() <= depth) {
                scratch.add(new ArrayList<Node>());
            }
            ArrayList<Node> items = scratch.get(depth);
            int first = items.size();
            while (true) {
                skipSpace();
                if (pos >= end) {
                    throw new TextFormatException(l, col, "unclosed \"(\": expected \")\" before the end of the text");
                }
                if (buf[pos] == ')') {
                    pos++;
                    break;
                }
                items.add(node(depth + 1));
            }
            Node[] array = items.subList(first, items.size()).toArray(Node.NONE);
            items.clear();
            return new Node(Node.LIST, l, col, null, null, array);
        }
        if (c == '"') {
            return string(l, col);
        }
        if (isIdChar(c)) {
            int start = pos;
            while (pos < end && isIdChar(buf[pos])) {
                pos++;
            }
            String text = src.substring(start, pos);
            if (text.equals("$")) {
                throw new TextFormatException(l, col, "empty identifier: expected characters after \"$\"");
            }
            requireSeparator();
            return new Node(Node.ATOM, l, col, text, null, null);
        }
        throw error("unexpected character " + describeChar(c) + ": expected a token, \"(\" or \")\"");
    }

    /** Tokens must be followed by white space, a parenthesis, a comment or the end. */
    private void requireSeparator() {
        if (pos >= end) {
            return;
        }
        char c = buf[pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == ';') {
            return;
        }
        throw error("unexpected character " + describeChar(c) + ": expected white space or a parenthesis between tokens");
    }

    private Node string(int l, int col) {
        int start = ++pos;
        ByteArrayOutputStream out = null;
        // Fast path: plain ASCII strings without escapes need no copy through the stream.
        while (pos < end) {
            char c = buf[pos];
            if (c == '"' ) {
                break;
            }
            if (c == '\\' || c >= 0x80 || c < 0x20 || c == 0x7F) {
                out = new ByteArrayOutputStream();
                for (int i = start; i < pos; i++) {
                    out.write(buf[i]);
                }
                break;
            }
            pos++;
        }
        if (out != null) {
            while (true) {
                if (pos >= end) {
                    break;
                }
                char c = buf[pos];
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    escape(out);
                    continue;
                }
                if (c < 0x20 || c == 0x7F) {
                    throw error("control character " + describeChar(c) + " in a string: write it as an escape such as \\0a");
                }
                pos++;
                int cp = c;
                if (Character.isHighSurrogate(c) && pos < end && Character.isLowSurrogate(buf[pos])) {
                    cp = Character.toCodePoint(c, buf[pos++]);
                } else if (Character.isSurrogate(c)) {
                    throw error("malformed UTF-16 in a string");
                }
                utf8(out, cp);
            }
        }
        if (pos >= end) {
            throw new TextFormatException(l, col, "unclosed string: expected '\"' before the end of the text");
        }
        String text = src.substring(start, pos);
        pos++;
        requireSeparator();
        byte[] bytes;
        if (out == null) {
            bytes = new byte[text.length()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) text.charAt(i);
            }
        } else {
            bytes = out.toByteArray();
        }
        return new Node(Node.STRING, l, col, text, bytes, null);
    }

    private void escape(ByteArrayOutputStream out) {
        int at = pos;
        pos++;
        if (pos >= end) {
            throw error("unfinished escape at the end of the text");
        }
        char c = buf[pos++];
        switch (c) {
            case 't':
                out.write('\t');
                return;
            case 'n':
                out.write('\n');
                return;
            case 'r':
                out.write('\r');
                return;
            case '"':
                out.write('"');
                return;
            case '\'':
                out.write('\'');
                return;
            case '\\':
                out.write('\\');
                return;
            case 'u': {
                if (pos >= end || buf[pos] != '{') {
                    throw errorAt(at, "malformed escape \\u: expected \\u{HEX}");
                }
                pos++;
                long cp = 0;
                int digits = 0;
                boolean lastUnderscore = true;
                while (pos < end && buf[pos] != '}') {
                    char h = buf[pos++];
                    if (h == '_' && !lastUnderscore) {
                        lastUnderscore = true;
                        continue;
                    }
                    int d = Character.digit(h, 16);
                    if (d < 0 || h > 0x7F) {
                        throw errorAt(at, "malformed escape \\u{...}: expected hexadecimal digits");
                    }
                    lastUnderscore = false;
                    cp = cp * 16 + d;
                    if (cp > 0x10FFFF) {
                        throw errorAt(at, "escape \\u{...} out of range: code points go up to 10FFFF");
                    }
                    digits++;
                }
                if (pos >= end || digits == 0 || lastUnderscore) {
                    throw errorAt(at, "malformed escape \\u{...}: expected hexadecimal digits and \"}\"");
                }
                pos++;
                if (cp >= 0xD800 && cp < 0xE000) {
                    throw errorAt(at, "escape \\u{...} is a surrogate, which is no Unicode scalar value");
                }
                utf8(out, (int) cp);
                return;
            }
            default: {
                int d1 = Character.digit(c, 16);
                int d2 = pos < end ? Character.digit(buf[pos], 16) : -1;
                if (d1 < 0 || d2 < 0 || c > 0x7F || buf[pos] > 0x7F) {
                    throw errorAt(at, "unknown escape: expected \\t \\n \\r \\\" \\' \\\\ \\u{HEX} or two hex digits");
                }
                pos++;
                out.write(d1 * 16 + d2);
            }
        }
    }

    private static void utf8(ByteArrayOutputStream out, int cp) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | cp >> 6);
            out.write(0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out.write(0xE0 | cp >> 12);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        } else {
            out.write(0xF0 | cp >> 18);
            out.write(0x80 | cp >> 12 & 0x3F);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        }
    }

    private void skipSpace() {
        while (pos < end) {
            char c = buf[pos];
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (c == ';') {
                if (pos + 1 < end && buf[pos + 1] == ';') {
                    while (pos < end && buf[pos] != '\n') {
                        pos++;
                    }
                } else {
                    throw error("unexpected \";\": comments start with \";;\" or \"(;\"");
                }
            } else if (c == '(' && pos + 1 < end && buf[pos + 1] == ';') {
                blockComment();
            } else {
                return;
            }
        }
    }

    private void blockComment() {
        int l = line;
        int col = pos - lineStart + 1;
        int depth = 0;
        while (pos < end) {
            char c = buf[pos];
            if (c == '(' && pos + 1 < end && buf[pos + 1] == ';') {
                depth++;
                pos += 2;
            } else if (c == ';' && pos + 1 < end && buf[pos + 1] == ')') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                if (c == '\n') {
                    line++;
                    lineStart = pos + 1;
                }
                pos++;
            }
        }
        throw new TextFormatException(l, col, "unclosed block comment: expected \";)\" before the end of the text");
    }

    /** The characters of tokens (spec 6.3.5 idchar), as a table for the scanning loop. */
    private static final boolean[] ID_CHARS = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ID_CHARS[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ID_CHARS[c] = true;
            ID_CHARS[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-./:<=>?@\\^_`|~".toCharArray()) {
            ID_CHARS[c] = true;
        }
    }

    static boolean isIdChar(char c) {
        return c < 128 && ID_CHARS[c];
    }

    private static String describeChar(char c) {
        return c >= 0x21 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private TextFormatException error(String reason) {
        return new TextFormatException(line, pos - lineStart + 1, reason);
    }

    private TextFormatException errorAt(int at, String reason) {
        return new TextFormatException(line, at - lineStart + 1, reason);
    }
}
