package dev.weir.text;

/**
 * Malformed text: the one exception type this module throws for bad input, naming the line and
 * column (both from 1) and what was expected there. In the spec's script terms every such error
 * is "malformed" (assert_malformed with a text module); validation (types, index ranges) is core's
 * business, on the binary this module writes.
 * <p>
 * It extends {@link IllegalArgumentException} rather than core's MalformedModuleException because
 * this module depends on nothing at run time; a runner maps it to malformed.
 */
public final class TextFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param line   the line of the offending token, from 1 (0 when not known)
     * @param column its column, from 1, counted in UTF-16 code units
     * @param reason what was wrong, without the position
     */
    public TextFormatException(int line, int column, String reason) {
        super(line + ":" + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** The line, from 1. */
    public int line() {
        return line;
    }

    /** The column, from 1. */
    public int column() {
        return column;
    }

    /** The message without the position. */
    public String reason() {
        return reason;
    }
}
