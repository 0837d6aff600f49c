package dev.weir.board.cli;

/**
 * The exit statuses of the {@code weir} command. A program run with {@code weir run} exits with its
 * own status (its {@code proc_exit} code, or 0 when {@code _start} returns); weir's own failures use
 * the values below, chosen from the BSD sysexits range (64..70) so that they rarely collide with a
 * program's, and 134 (128 + SIGABRT) for traps, as wasmtime does, so scripts see a trap the way they
 * see a native program that aborted.
 */
public final class ExitStatus {
    /** The command ran; for {@code run}, the program exited with 0. */
    public static final int OK = 0;
    /** Bad command line: unknown command or option, missing or malformed value, no such export. */
    public static final int USAGE = 64;
    /** The file is not a well-formed WebAssembly binary. */
    public static final int MALFORMED = 65;
    /** A file or directory named on the command line does not exist or cannot be read. */
    public static final int FILE_NOT_FOUND = 66;
    /** The module is well-formed but fails validation. */
    public static final int INVALID = 67;
    /**
     * Linking failed: an import cannot be satisfied (unknown module or name, or wrong type), or a
     * memory or table needs more than the store's limits allow.
     */
    public static final int LINK = 68;
    /**
     * A capability cannot be granted: a {@code --dir} this process may not read (or write, unless
     * granted {@code :ro}), or a host security policy refused an operation. (Inside a running
     * program, WASI reports refusals to the program as errno values instead.)
     */
    public static final int DENIED = 69;
    /** A fault in weir itself (please report it), or a feature this build does not support yet. */
    public static final int INTERNAL = 70;
    /** The program trapped, or exhausted its stack or another configured limit. */
    public static final int TRAP = 134;
    /**
     * The program ran out of its {@code --fuel} instruction budget: 124, as GNU timeout exits when
     * its time budget runs out, so scripts can tell "too long" from a crash.
     */
    public static final int FUEL = 124;
    /**
     * The run stopped at a checkpoint ({@code --checkpoint} FILE and SIGTERM) and the snapshot is
     * written: 75, BSD's EX_TEMPFAIL ("try again later"), since {@code weir resume} continues it.
     */
    public static final int CHECKPOINTED = 75;

    /**
     * The program ran past its {@code --timeout} and was interrupted: 125, beside {@link #FUEL}'s
     * 124 (GNU timeout's own status for a timeout), so scripts can tell a wall-clock timeout from
     * a spent instruction budget.
     */
    public static final int TIMEOUT = 125;

    private ExitStatus() {
    }

    /** The table printed by {@code weir --help}. */
    static String describeAll() {
        return "  0    success (for run: the program's own exit status is passed through)\n"
                + "  " + USAGE + "   bad command line (unknown option, bad value, no such export)\n"
                + "  " + MALFORMED + "   malformed module (not a WebAssembly binary)\n"
                + "  " + FILE_NOT_FOUND + "   file or directory not found or unreadable\n"
                + "  " + INVALID + "   invalid module (fails validation)\n"
                + "  " + LINK + "   missing or mismatched import, or a memory or table over its limit\n"
                + "  " + DENIED + "   denied capability (a --dir weir itself may not read or write)\n"
                + "  " + INTERNAL + "   internal error or unsupported feature\n"
                + "  " + CHECKPOINTED + "   stopped at a checkpoint (--checkpoint FILE); weir resume FILE continues it\n"
                + "  " + FUEL + "  the --fuel instruction budget ran out\n"
                + "  " + TIMEOUT + "  the --timeout ran out\n"
                + "  " + TRAP + "  trap (including stack exhaustion)\n";
    }
}
