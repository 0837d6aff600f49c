package dev.weir.hal.capability;

/**
 * Hears of every refused request and every revocation, so the embedding application can log, alert or
 * count them. Called on the thread that made the request (or revoked the grant); it must not call back
 * into the runtime. These are rare events, so the arguments are plain strings.
 */
public interface AuditListener {
    /** An audit listener that ignores everything. */
    AuditListener NONE = new AuditListener() {
        @Override
        public void denied(String capability, String request, String reason) {
        }

        @Override
        public void revoked(String capability, String grant, int openHandles) {
        }
    };

    /**
     * A request was refused.
     *
     * @param capability the interface asked, for example {@code "gpio"}
     * @param request what was asked, for example {@code "output on GPIO 5"}
     * @param reason why it was refused, for example {@code "no grant covers GPIO 5"}
     */
    void denied(String capability, String request, String reason);

    /**
     * A grant was revoked while the module ran.
     *
     * @param capability the interface, for example {@code "gpio"}
     * @param grant the grant as written in its grant file
     * @param openHandles how many of the module's open handles the revocation closed
     */
    void revoked(String capability, String grant, int openHandles);
}
