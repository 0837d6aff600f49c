package dev.weir.trust;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Verifies a module's signature (Signatures.md, "Signature verification algorithm") against a set of
 * public keys, before anything else reads the module: only the section framing is decoded.
 *
 * <ol>
 * <li>Take the signature data from the first section, or from a detached signature.</li>
 * <li>Keep the hash sets that some key's Ed25519 signature verifies.</li>
 * <li>Hash the module's sections after the signature section, rolling, and compare the hash at each
 *     delimiter (and at the end) with the signed ones.</li>
 * </ol>
 * A key whose signed hashes match every part up to the end signed the whole module. One whose hashes
 * match only up to some delimiter signed a prefix: the module is <em>partially signed</em>, refused by
 * default (as the proposal asks of runtimes), accepted with {@link #allowUnsignedCustomSections} when
 * every section past the signed prefix is a custom section (names, debug info: no effect on what runs).
 */
public final class ModuleVerifier {
    private final List<PublicSigningKey> keys;
    private boolean allowUnsignedCustomSections;

    public ModuleVerifier(Collection<PublicSigningKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("verification needs at least one public key");
        }
        this.keys = new ArrayList<>(keys);
    }

    public ModuleVerifier(PublicSigningKey key) {
        this(Collections.singletonList(key));
    }

    /** Accept a module whose unsigned tail holds only custom sections. */
    public ModuleVerifier allowUnsignedCustomSections(boolean allow) {
        this.allowUnsignedCustomSections = allow;
        return this;
    }

    /** What a successful verification found. */
    public static final class Result {
        private final List<PublicSigningKey> signers;
        private final int signedEnd;
        private final int moduleSize;

        Result(List<PublicSigningKey> signers, int signedEnd, int moduleSize) {
            this.signers = signers;
            this.signedEnd = signedEnd;
            this.moduleSize = moduleSize;
        }

        /** The keys (of those given) whose signatures cover the accepted part, in the order given. */
        public List<PublicSigningKey> signers() {
            return Collections.unmodifiableList(signers);
        }

        /** Whether the whole module is signed (else only a prefix, followed by custom sections). */
        public boolean complete() {
            return signedEnd == moduleSize;
        }

        /** The byte offset where the signed content ends (the module's size when complete). */
        public int signedEnd() {
            return signedEnd;
        }
    }

    /** Verifies a module with an embedded signature. */
    public Result verify(byte[] module) throws SignatureException {
        return verify(module, null);
    }

    /**
     * @param detached the detached signature data, or null when the signature is embedded; a module
     *     given with a detached signature may still begin with a signature section, which is skipped
     */
    public Result verify(byte[] module, byte[] detached) throws SignatureException {
        List<Sections.Section> sections = Sections.read(module);
        int first = 0;
        byte[] data = detached;
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).isSignature() && i != 0) {
                throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE,
                        "a signature section must come first, but " + sections.get(i).describe(i) + " is one");
            }
        }
        if (!sections.isEmpty() && sections.get(0).isSignature()) {
            first = 1;
            if (data == null) {
                data = Sections.customData(module, sections.get(0));
            }
        }
        if (data == null) {
            throw new SignatureException(SignatureException.Reason.NOT_SIGNED,
                    "not signed: the module has no signature section first, and no detached signature was given");
        }
        SignatureData signature = SignatureData.parse(data);

        // 1. Which hash sets does which key sign?
        List<List<byte[]>> validSets = new ArrayList<>();
        List<PublicSigningKey> validKeys = new ArrayList<>();
        int signatureCount = 0;
        for (SignatureData.SignedHashes set : signature.sets) {
            byte[] message = set.message();
            for (SignatureData.Signature sig : set.signatures) {
                signatureCount++;
                if (sig.algorithm != SignatureData.ALG_ED25519) {
                    continue;
                }
                for (PublicSigningKey key : keys) {
                    if (key.verifies(message, sig.bytes)) {
                        validSets.add(set.hashes);
                        validKeys.add(key);
                    }
                }
            }
        }
        if (validSets.isEmpty()) {
            throw new SignatureException(SignatureException.Reason.NO_VALID_SIGNATURE,
                    "no valid signature by a trusted key: " + signatureCount + " signature" + (signatureCount == 1 ? "" : "s")
                    + " in the module, none verifies with " + describeKeys());
        }

        // 2. The module's own rolling hashes, with where each part ends.
        List<byte[]> computed = new ArrayList<>();
        List<Integer> partEnds = new ArrayList<>();
        List<Integer> partFirstSection = new ArrayList<>();
        java.security.MessageDigest sha = ModuleSigner.sha256();
        boolean endsWithDelimiter = false;
        int partStart = first;
        for (int i = first; i < sections.size(); i++) {
            Sections.Section s = sections.get(i);
            sha.update(module, s.start, s.end - s.start);
            endsWithDelimiter = s.isDelimiter();
            if (endsWithDelimiter) {
                computed.add(ModuleSigner.snapshot(sha));
                partEnds.add(s.end);
                partFirstSection.add(partStart);
                partStart = i + 1;
            }
        }
        if (!endsWithDelimiter) {
            computed.add(ModuleSigner.snapshot(sha));
            partEnds.add(module.length);
            partFirstSection.add(partStart);
        }

        // 3. Match: a signed set covers parts 1..n when its hashes equal the module's, in order.
        int best = 0;
        List<PublicSigningKey> bestKeys = new ArrayList<>();
        int firstMismatch = -1;
        for (int k = 0; k < validSets.size(); k++) {
            List<byte[]> set = validSets.get(k);
            int matched = 0;
            while (matched < set.size() && matched < computed.size() && Arrays.equals(set.get(matched), computed.get(matched))) {
                matched++;
            }
            if (matched < set.size()) {
                int part = Math.min(matched, computed.size() - 1);
                firstMismatch = firstMismatch < 0 ? part : Math.min(firstMismatch, part);
                continue;
            }
            if (matched > best) {
                best = matched;
                bestKeys.clear();
            }
            if (matched == best && !bestKeys.contains(validKeys.get(k))) {
                bestKeys.add(validKeys.get(k));
            }
        }
        if (best == 0) {
            int part = Math.max(firstMismatch, 0);
            int startByte = sections.size() > partFirstSection.get(part) ? sections.get(partFirstSection.get(part)).start : module.length;
            throw new SignatureException(SignatureException.Reason.ALTERED,
                    "altered: part " + (part + 1) + " of the module (bytes " + startByte + ".." + partEnds.get(part)
                    + ") does not hash to what " + validKeys.get(0).fingerprint() + " signed");
        }
        int signedEnd = partEnds.get(best - 1);
        if (best < computed.size()) {
            int unsignedFrom = partFirstSection.get(best);
            boolean onlyCustom = true;
            for (int i = unsignedFrom; i < sections.size(); i++) {
                onlyCustom &= sections.get(i).id == 0;
            }
            if (!(allowUnsignedCustomSections && onlyCustom)) {
                throw new SignatureException(SignatureException.Reason.PARTIALLY_SIGNED,
                        "partially signed: the signature covers bytes up to " + signedEnd + " of " + module.length
                        + "; " + (sections.size() - unsignedFrom) + " section" + (sections.size() - unsignedFrom == 1 ? "" : "s")
                        + " after it (from " + sections.get(unsignedFrom).describe(unsignedFrom) + ") are not signed"
                        + (onlyCustom ? " (custom sections only: a policy may allow that)" : ""));
            }
        }
        return new Result(bestKeys, signedEnd, module.length);
    }

    private String describeKeys() {
        if (keys.size() == 1) {
            return "the key " + keys.get(0).fingerprint();
        }
        StringBuilder sb = new StringBuilder("any of the " + keys.size() + " keys (");
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(keys.get(i).fingerprint());
        }
        return sb.append(')').toString();
    }
}
