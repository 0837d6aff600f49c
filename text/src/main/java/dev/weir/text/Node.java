package dev.weir.text;

/**
 * One S-expression of the text format (spec 6.3 Lexical Format): a parenthesised list, an atom
 * (keyword, identifier, number or reserved token, kept as written) or a string (kept as bytes).
 * The whole source becomes a tree of these first, because the text format refers forward (a call
 * to a function defined later), so the module is read in more than one pass.
 */
final class Node {
    static final int LIST = 0;
    static final int ATOM = 1;
    static final int STRING = 2;

    static final Node[] NONE = new Node[0];

    final int kind;
    final int line;
    final int column;
    /** An atom's text, or a string's source text between the quotes (for messages). */
    final String text;
    /** A string's bytes after escapes are resolved. */
    final byte[] bytes;
    /** A list's items. */
    final Node[] items;

    Node(int kind, int line, int column, String text, byte[] bytes, Node[] items) {
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.text = text;
        this.bytes = bytes;
        this.items = items;
    }

    boolean isList() {
        return kind == LIST;
    }

    boolean isAtom() {
        return kind == ATOM;
    }

    boolean isString() {
        return kind == STRING;
    }

    /** An identifier such as {@code $f}. */
    boolean isId() {
        return kind == ATOM && text.charAt(0) == '$';
    }

    /** An atom that is exactly this keyword. */
    boolean is(String keyword) {
        return kind == ATOM && text.equals(keyword);
    }

    /** A list whose first item is this keyword, such as {@code (param ...)}. */
    boolean isList(String keyword) {
        return kind == LIST && items.length > 0 && items[0].is(keyword);
    }

    /** The keyword a list starts with, or null. */
    String head() {
        return kind == LIST && items.length > 0 && items[0].kind == ATOM ? items[0].text : null;
    }

    TextFormatException error(String reason) {
        return new TextFormatException(line, column, reason);
    }

    /** How the node looks in a message: the atom itself, a list by its keyword. */
    String describe() {
        switch (kind) {
            case ATOM:
                return "\"" + text + "\"";
            case STRING:
                return "a string";
            default:
                String head = head();
                return head == null ? "a list" : "(" + head + " ...)";
        }
    }
}
