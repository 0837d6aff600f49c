package dev.weir.board.cli;

/**
 * A failure to report as one line on stderr ({@code weir: MESSAGE}) followed by optional detail
 * lines (a trap's backtrace), ending the command with {@link #exitStatus()}.
 */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitStatus;
    private final String detail;

    CliException(int exitStatus, String message) {
        this(exitStatus, message, "");
    }

    /** @param detail further lines, each ending in a newline, or "" */
    CliException(int exitStatus, String message, String detail) {
        super(message, null, false, false);
        this.exitStatus = exitStatus;
        this.detail = detail;
    }

    int exitStatus() {
        return exitStatus;
    }

    String detail() {
        return detail;
    }

    static CliException usage(String message) {
        return new CliException(ExitStatus.USAGE, message);
    }
}
