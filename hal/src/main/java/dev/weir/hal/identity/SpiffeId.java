package dev.weir.hal.identity;

/**
 * A SPIFFE ID, {@code spiffe://TRUST-DOMAIN/PATH}, checked by the rules of the SPIFFE-ID
 * specification (section 2): scheme {@code spiffe}; a trust domain of lowercase letters, digits,
 * dots, dashes and underscores, with no port or user info; a path of segments of letters, digits,
 * dots, dashes and underscores, none empty, none {@code .} or {@code ..}, no trailing slash; no query
 * or fragment; at most 2048 bytes. Workload IDs have a path; a trust domain's own ID has none.
 */
public final class SpiffeId {
    public static final int MAX_LENGTH = 2048;
    private static final String SCHEME = "spiffe://";

    private final String trustDomain;
    private final String path;

    private SpiffeId(String trustDomain, String path) {
        this.trustDomain = trustDomain;
        this.path = path;
    }

    /** Parses and checks an ID; the exception's message names the first rule broken. */
    public static SpiffeId parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a SPIFFE ID is at most " + MAX_LENGTH + " bytes");
        }
        if (!text.startsWith(SCHEME)) {
            throw new IllegalArgumentException("'" + text + "' is not a SPIFFE ID (spiffe://TRUST-DOMAIN/PATH)");
        }
        int slash = text.indexOf('/', SCHEME.length());
        String domain = slash < 0 ? text.substring(SCHEME.length()) : text.substring(SCHEME.length(), slash);
        String path = slash < 0 ? "" : text.substring(slash);
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no trust domain");
        }
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) {
                throw new IllegalArgumentException("'" + text + "': the trust domain may hold only lowercase letters,"
                        + " digits, '.', '-' and '_' (no port, user or upper case), not '" + c + "'");
            }
        }
        if (!path.isEmpty()) {
            if (path.endsWith("/")) {
                throw new IllegalArgumentException("'" + text + "': the path may not end with '/'");
            }
            String[] segments = path.substring(1).split("/", -1);
            for (String s : segments) {
                if (s.isEmpty()) {
                    throw new IllegalArgumentException("'" + text + "': the path has an empty segment");
                }
                if (".".equals(s) || "..".equals(s)) {
                    throw new IllegalArgumentException("'" + text + "': the path may not hold '.' or '..' segments");
                }
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) {
                        throw new IllegalArgumentException("'" + text + "': path segments may hold only letters, digits,"
                                + " '.', '-' and '_', not '" + c + "'");
                    }
                }
            }
        }
        return new SpiffeId(domain, path);
    }

    public String trustDomain() {
        return trustDomain;
    }

    /** The path, starting with {@code /}; empty for a trust domain's own ID. */
    public String path() {
        return path;
    }

    /** Whether this ID is {@code prefix} or below it ({@code spiffe://td/a} covers {@code spiffe://td/a/b}). */
    public boolean isAtOrBelow(SpiffeId prefix) {
        return trustDomain.equals(prefix.trustDomain)
                && (path.equals(prefix.path) || path.startsWith(prefix.path + "/"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpiffeId && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return SCHEME + trustDomain + path;
    }
}
