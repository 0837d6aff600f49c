package dev.weir.fleet;

/**
 * A fleet operation that failed for a reason an operator can act on: a bad manifest, a module that
 * fails verification, a capability this board cannot grant, an unreachable broker. The message is one
 * line that names what was wrong and where.
 */
public class FleetException extends Exception {
    private static final long serialVersionUID = 1L;

    public FleetException(String message) {
        super(message);
    }

    public FleetException(String message, Throwable cause) {
        super(message, cause);
    }
}
