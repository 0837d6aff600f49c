package dev.weir.trust;

import dev.weir.hal.capability.Grant;
import dev.weir.hal.identity.IdentityGrant;
import dev.weir.hal.identity.SpiffeId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which keys may sign which modules, and what modules signed by each key may be granted. A module is
 * admitted only when a signer's signature covers it whole (or a prefix followed by custom sections,
 * when the policy says {@code partial allow-custom-sections}), that signer may sign a module of its
 * name, and every grant asked for it (identities included) is allowed for that signer. So one
 * vendor's module cannot claim another vendor's identity or pins.
 *
 * <p>The file is plain text, one rule per line, {@code #} for comments (trust/README.md has the full
 * description):
 * <pre>
 * signer NAME KEYFILE                       the key (raw .pk or PEM), relative to the policy file
 * allow NAME module GLOB                    file names NAME may sign (default: any); * and ? as in shells
 * allow NAME identity SPIFFE-ID[/*]         an identity, or every one below a path
 * allow NAME CAPABILITY [WORD...]           grants whose line starts with these words (* matches any word)
 * partial allow-custom-sections             accept a signed prefix followed only by custom sections
 * </pre>
 */
public final class TrustPolicy {
    private final String name;
    private final Map<String, Signer> signers = new LinkedHashMap<>();
    private boolean allowUnsignedCustomSections;

    /** One signer: its key and its allow rules. */
    static final class Signer {
        final String name;
        final PublicSigningKey key;
        final List<Pattern> modules = new ArrayList<>();
        final List<String[]> grants = new ArrayList<>();
        final List<String> grantOrigins = new ArrayList<>();

        Signer(String name, PublicSigningKey key) {
            this.name = name;
            this.key = key;
        }
    }

    private TrustPolicy(String name) {
        this.name = name;
    }

    public static TrustPolicy read(Path file) throws TrustException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TrustException("trust policy " + file + ": cannot read: " + e.getMessage(), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), dir);
    }

    /** @param keyDirectory where relative key files are looked up */
    public static TrustPolicy parse(String text, String name, Path keyDirectory) throws TrustException {
        TrustPolicy p = new TrustPolicy(name);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String origin = name + ":" + (i + 1);
            String line = lines[i];
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] w = content.split("[ \t]+");
            switch (w[0]) {
                case "signer":
                    if (w.length != 3) {
                        throw new TrustException(origin + ": a signer line is: signer NAME KEYFILE");
                    }
                    if (p.signers.containsKey(w[1])) {
                        throw new TrustException(origin + ": signer " + w[1] + " is already defined");
                    }
                    PublicSigningKey key;
                    try {
                        key = PublicSigningKey.read(keyDirectory.resolve(w[2]));
                    } catch (SignatureException e) {
                        throw new TrustException(origin + ": signer " + w[1] + ": " + e.getMessage(), e);
                    }
                    p.signers.put(w[1], new Signer(w[1], key));
                    break;
                case "allow":
                    if (w.length < 3) {
                        throw new TrustException(origin + ": an allow line is: allow SIGNER module GLOB | identity SPIFFE-ID | CAPABILITY [WORD...]");
                    }
                    Signer s = p.signers.get(w[1]);
                    if (s == null) {
                        throw new TrustException(origin + ": no signer named " + w[1] + " above this line");
                    }
                    if ("module".equals(w[2])) {
                        if (w.length != 4) {
                            throw new TrustException(origin + ": allow " + w[1] + " module takes one file-name pattern");
                        }
                        s.modules.add(glob(w[3]));
                    } else {
                        if ("identity".equals(w[2])) {
                            if (w.length != 4) {
                                throw new TrustException(origin + ": allow " + w[1] + " identity takes one SPIFFE ID (or ID/* for every one below it)");
                            }
                            String id = w[3].endsWith("/*") ? w[3].substring(0, w[3].length() - 2) : w[3];
                            try {
                                SpiffeId.parse(id);
                            } catch (IllegalArgumentException e) {
                                throw new TrustException(origin + ": " + e.getMessage());
                            }
                        }
                        String[] rule = new String[w.length - 2];
                        System.arraycopy(w, 2, rule, 0, rule.length);
                        s.grants.add(rule);
                        s.grantOrigins.add(origin);
                    }
                    break;
                case "partial":
                    if (w.length != 2 || !"allow-custom-sections".equals(w[1])) {
                        throw new TrustException(origin + ": the only partial rule is: partial allow-custom-sections");
                    }
                    p.allowUnsignedCustomSections = true;
                    break;
                default:
                    throw new TrustException(origin + ": unknown rule '" + w[0] + "' (signer, allow, partial)");
            }
        }
        if (p.signers.isEmpty()) {
            throw new TrustException(name + ": the policy names no signer, so it would refuse every module");
        }
        return p;
    }

    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    public String name() {
        return name;
    }

    /** What the policy admitted: who signed the module, for the grant checks that follow. */
    public final class Admission {
        private final List<Signer> by;
        private final String module;
        private final ModuleVerifier.Result result;

        Admission(List<Signer> by, String module, ModuleVerifier.Result result) {
            this.by = by;
            this.module = module;
            this.result = result;
        }

        /** The names of the signers whose signatures admitted the module. */
        public List<String> signers() {
            List<String> names = new ArrayList<>();
            for (Signer s : by) {
                names.add(s.name);
            }
            return names;
        }

        public ModuleVerifier.Result verification() {
            return result;
        }

        /**
         * Checks every grant against the signers' allow rules; the first one no signer allows is
         * refused, naming it, where it came from and the signers.
         */
        public void checkGrants(List<? extends Grant> grants) throws TrustException {
            for (Grant g : grants) {
                if (!allowed(g)) {
                    throw new TrustException("refused " + module + ": grant '" + g.describe() + "' (" + g.origin()
                            + ") is not allowed for modules signed by " + String.join(", ", signers()) + " in " + name);
                }
            }
        }

        private boolean allowed(Grant g) {
            String[] words = g.describe().split("[ \t]+");
            for (Signer s : by) {
                for (String[] rule : s.grants) {
                    if (!rule[0].equals(words[0])) {
                        continue;
                    }
                    if (g instanceof IdentityGrant) {
                        if (identityMatches(rule[1], ((IdentityGrant) g).id())) {
                            return true;
                        }
                        continue;
                    }
                    if (rule.length > words.length) {
                        continue;
                    }
                    boolean match = true;
                    for (int i = 1; i < rule.length && match; i++) {
                        match = "*".equals(rule[i]) || rule[i].equals(words[i]);
                    }
                    if (match) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    static boolean identityMatches(String rule, SpiffeId id) {
        if (rule.endsWith("/*")) {
            SpiffeId base = SpiffeId.parse(rule.substring(0, rule.length() - 2));
            return id.isAtOrBelow(base) && !id.equals(base);
        }
        return SpiffeId.parse(rule).equals(id);
    }

    /**
     * Verifies the module against every signer's key, before anything decodes it, and checks that a
     * signer whose signature covers it may sign a module of this file name.
     *
     * @param moduleName the module's file name as given (its last path component is matched)
     * @param detached a detached signature, or null for an embedded one
     */
    public Admission admit(String moduleName, byte[] module, byte[] detached) throws TrustException {
        List<PublicSigningKey> keys = new ArrayList<>();
        for (Signer s : signers.values()) {
            keys.add(s.key);
        }
        ModuleVerifier.Result result;
        try {
            result = new ModuleVerifier(keys).allowUnsignedCustomSections(allowUnsignedCustomSections).verify(module, detached);
        } catch (SignatureException e) {
            throw new TrustException("refused " + moduleName + ": " + e.getMessage()
                    + (e.reason() == SignatureException.Reason.NO_VALID_SIGNATURE ? " (the signers of " + name + ")" : ""), e);
        }
        String fileName = moduleName.replace('\\', '/');
        fileName = fileName.substring(fileName.lastIndexOf('/') + 1);
        List<Signer> by = new ArrayList<>();
        List<String> notFor = new ArrayList<>();
        for (Signer s : signers.values()) {
            if (!result.signers().contains(s.key)) {
                continue;
            }
            boolean mayName = s.modules.isEmpty();
            for (Pattern p : s.modules) {
                mayName |= p.matcher(fileName).matches();
            }
            if (mayName) {
                by.add(s);
            } else {
                notFor.add(s.name);
            }
        }
        if (by.isEmpty()) {
            throw new TrustException("refused " + moduleName + ": signed by " + String.join(", ", notFor)
                    + ", which " + name + " does not allow to sign a module named " + fileName);
        }
        return new Admission(by, moduleName, result);
    }
}
