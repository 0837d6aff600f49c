package dev.weir.hal.capability;

/**
 * One thing a module may use, as the embedder granted it (from a grant file, the command line or
 * code). A grant stays valid until {@link Grants#revoke(Grant)} withdraws it; what a module opened
 * under it is then closed by the interface that opened it.
 */
public abstract class Grant {
    private final String origin;
    private volatile boolean revoked;

    /** @param origin where the grant came from, for messages: {@code "blinky.grants:3"}, {@code "--grant"} */
    protected Grant(String origin) {
        this.origin = origin;
    }

    /** The interface this grant belongs to, the first word of its grant-file line ({@code "gpio"}). */
    public abstract String capability();

    /** The grant in grant-file syntax, without the origin. */
    public abstract String describe();

    public final String origin() {
        return origin;
    }

    public final boolean isRevoked() {
        return revoked;
    }

    final void markRevoked() {
        revoked = true;
    }

    @Override
    public String toString() {
        return describe() + " (" + origin + ")";
    }
}
