package dev.weir.trust;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs modules in the tool-conventions signature format (see {@link SignatureData}). The hash runs
 * over every section after the {@code signature} section, whole (id, size, payload) and byte for
 * byte as in the input; at each {@code signature_delimiter} section the running hash is taken as the
 * hash of the part it ends, and the hash goes on across parts. A module that does not end with a
 * delimiter gets one more hash, of everything, at its end.
 *
 * <p>Signing a module that is already signed adds a signature: to the set with the same hashes when
 * there is one (two parties sign the same content), else as a new set. The output module is the
 * input with its {@code signature} section first, replaced; nothing else moves.
 */
public final class ModuleSigner {
    private final SecretSigningKey key;
    private byte[] keyId;
    private int parts = -1;
    private boolean allowExtensions;

    public ModuleSigner(SecretSigningKey key) {
        this.key = key;
        this.keyId = key.publicKey().defaultKeyId();
    }

    /** The key identifier written with the signature (default: wasmsign2's, see {@link PublicSigningKey#defaultKeyId()}); empty for none. */
    public ModuleSigner keyId(byte[] id) {
        this.keyId = id == null ? new byte[0] : id.clone();
        return this;
    }

    /**
     * A partial signature: only the hashes of the first {@code n} parts (up to the n-th delimiter).
     * Sections after that part are not covered; runtimes refuse such a module unless told otherwise.
     */
    public ModuleSigner parts(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a signature covers at least one part");
        }
        this.parts = n;
        return this;
    }

    /**
     * Ends the module with a delimiter (16 random bytes) before signing, so sections appended later
     * (and signed by someone else) leave this signature intact: it then covers a prefix.
     */
    public ModuleSigner allowExtensions(boolean allow) {
        this.allowExtensions = allow;
        return this;
    }

    /** The signed module, with the signature embedded as its first section. */
    public byte[] sign(byte[] module) throws SignatureException {
        return run(module, null)[0];
    }

    /**
     * A detached signature: the would-be payload of the {@code signature} section, to ship beside
     * the module. The module is unchanged (a delimiter is appended only with {@link #allowExtensions}).
     *
     * @return {module as it must be shipped, signature}
     */
    public byte[][] signDetached(byte[] module) throws SignatureException {
        return run(module, Boolean.TRUE);
    }

    private byte[][] run(byte[] input, Boolean detached) throws SignatureException {
        byte[] module = allowExtensions ? appendDelimiterIfMissing(input) : input;
        List<Sections.Section> sections = Sections.read(module);
        SignatureData previous = null;
        int first = 0;
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).isSignature()) {
                if (i != 0) {
                    throw new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE,
                            "a signature section must come first, but " + sections.get(i).describe(i) + " is one");
                }
                previous = SignatureData.parse(Sections.customData(module, sections.get(0)));
                first = 1;
            }
        }
        List<byte[]> hashes = hashes(module, sections, first);
        if (parts > 0) {
            if (parts > hashes.size()) {
                throw new IllegalArgumentException("the module has " + hashes.size() + " parts, not " + parts);
            }
            hashes = new ArrayList<>(hashes.subList(0, parts));
        }
        SignatureData.SignedHashes candidate = new SignatureData.SignedHashes(hashes, new ArrayList<>());
        SignatureData.Signature signature = new SignatureData.Signature(keyId, SignatureData.ALG_ED25519,
                key.sign(candidate.message()));
        List<SignatureData.SignedHashes> sets = previous == null ? new ArrayList<>() : new ArrayList<>(previous.sets);
        boolean added = false;
        for (SignatureData.SignedHashes set : sets) {
            if (set.sameHashes(hashes)) {
                for (SignatureData.Signature existing : set.signatures) {
                    if (java.util.Arrays.equals(existing.bytes, signature.bytes)) {
                        throw new SignatureException(SignatureException.Reason.ALREADY_SIGNED,
                                "already signed by " + key.publicKey().fingerprint() + " (Ed25519 is deterministic: same key, same signature)");
                    }
                }
                set.signatures.add(signature);
                added = true;
                break;
            }
        }
        if (!added) {
            candidate.signatures.add(signature);
            sets.add(candidate);
        }
        byte[] data = new SignatureData(sets).toBytes();
        int bodyStart = first == 0 ? Sections.HEADER_SIZE : sections.get(0).end;
        if (detached != null) {
            ByteArrayOutputStream plain = new ByteArrayOutputStream(module.length);
            plain.write(module, 0, Sections.HEADER_SIZE);
            plain.write(module, bodyStart, module.length - bodyStart);
            return new byte[][] {plain.toByteArray(), data};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(module.length + data.length + 32);
        out.write(module, 0, Sections.HEADER_SIZE);
        writeCustomSection(out, Sections.SIGNATURE, data);
        out.write(module, bodyStart, module.length - bodyStart);
        return new byte[][] {out.toByteArray(), data};
    }

    /** The rolling hashes: one at each delimiter, and one at the end unless a delimiter ends the module. */
    static List<byte[]> hashes(byte[] module, List<Sections.Section> sections, int first) {
        MessageDigest sha = sha256();
        List<byte[]> hashes = new ArrayList<>();
        boolean endsWithDelimiter = false;
        for (int i = first; i < sections.size(); i++) {
            Sections.Section s = sections.get(i);
            sha.update(module, s.start, s.end - s.start);
            endsWithDelimiter = s.isDelimiter();
            if (endsWithDelimiter) {
                hashes.add(snapshot(sha));
            }
        }
        if (!endsWithDelimiter) {
            hashes.add(snapshot(sha));
        }
        return hashes;
    }

    static byte[] snapshot(MessageDigest sha) {
        try {
            return ((MessageDigest) sha.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The module with a {@code signature_delimiter} section (16 random bytes) at its end, if it lacks one. */
    public static byte[] appendDelimiterIfMissing(byte[] module) throws SignatureException {
        List<Sections.Section> sections = Sections.read(module);
        if (!sections.isEmpty() && sections.get(sections.size() - 1).isDelimiter()) {
            return module;
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        ByteArrayOutputStream out = new ByteArrayOutputStream(module.length + 40);
        out.write(module, 0, module.length);
        writeCustomSection(out, Sections.DELIMITER, random);
        return out.toByteArray();
    }

    static void writeCustomSection(ByteArrayOutputStream out, String name, byte[] data) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        out.write(0);
        Leb128.writeU32(out, Leb128.sizeU32(n.length) + n.length + data.length);
        Leb128.writeU32(out, n.length);
        out.write(n, 0, n.length);
        out.write(data, 0, data.length);
    }
}
