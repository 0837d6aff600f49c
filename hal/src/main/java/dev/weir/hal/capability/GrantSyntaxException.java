package dev.weir.hal.capability;

/** A grant that cannot be read or cannot be honoured: the message names the grant's origin and the problem. */
public class GrantSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public GrantSyntaxException(String origin, String message) {
        super(origin + ": " + message);
    }
}
