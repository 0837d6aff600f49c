package dev.weir.hal.identity;

import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantParser;
import dev.weir.hal.capability.GrantSyntaxException;

/**
 * The identity a module runs under: its SPIFFE ID, and optionally where its X.509-SVID files are.
 * Grant-file syntax:
 * <pre>
 * identity SPIFFE-ID [svid=DIR]
 * </pre>
 * DIR holds the files SPIRE's spiffe-helper writes: {@code svid.pem} (the certificate chain, leaf
 * first), {@code svid_key.pem} (the leaf's PKCS#8 key) and {@code svid_bundle.pem} (the trust
 * bundle). A module has at most one identity. The module can read its own ID through
 * {@code weir:identity}; what it may do with the SVID (a messaging link's TLS client certificate) is
 * the host's business, and nothing secret reaches the module.
 */
public final class IdentityGrant extends Grant {
    /** The grant-file parser for {@code identity} lines. */
    public static final GrantParser PARSER = new GrantParser() {
        @Override
        public Grant parse(String[] words, String origin) {
            return IdentityGrant.parse(words, origin);
        }
    };

    private final SpiffeId id;
    private final String svidDirectory;

    public IdentityGrant(SpiffeId id, String svidDirectory, String origin) {
        super(origin);
        this.id = id;
        this.svidDirectory = svidDirectory;
    }

    public static IdentityGrant parse(String[] words, String origin) {
        if (words.length < 2 || words.length > 3) {
            throw new GrantSyntaxException(origin, "an identity grant is: identity SPIFFE-ID [svid=DIR]");
        }
        SpiffeId id;
        try {
            id = SpiffeId.parse(words[1]);
        } catch (IllegalArgumentException e) {
            throw new GrantSyntaxException(origin, e.getMessage());
        }
        if (id.path().isEmpty()) {
            throw new GrantSyntaxException(origin, "'" + words[1] + "' names a trust domain, not a workload: add a path");
        }
        String dir = null;
        if (words.length == 3) {
            if (!words[2].startsWith("svid=") || words[2].length() == 5) {
                throw new GrantSyntaxException(origin, "expected svid=DIR, got '" + words[2] + "'");
            }
            dir = words[2].substring(5);
        }
        return new IdentityGrant(id, dir, origin);
    }

    public SpiffeId id() {
        return id;
    }

    /** The SVID directory as written in the grant, or null when none was given. */
    public String svidDirectory() {
        return svidDirectory;
    }

    @Override
    public String capability() {
        return "identity";
    }

    @Override
    public String describe() {
        return "identity " + id + (svidDirectory != null ? " svid=" + svidDirectory : "");
    }
}
