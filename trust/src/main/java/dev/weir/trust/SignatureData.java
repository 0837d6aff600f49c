package dev.weir.trust;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The payload of a {@code signature} custom section, or a detached signature (the two are the same
 * bytes), as the WebAssembly tool-conventions <a
 * href="https://github.com/WebAssembly/tool-conventions/blob/main/Signatures.md">Signatures.md</a>
 * defines it:
 * <pre>
 * spec_version varuint32 (1)   content_type varuint32 (1: module)   hash_fn varuint32 (1: SHA-256)
 * signed_hashes_count varuint32, then per set: varuint32 length, then
 *   hashes_count varuint32, hashes (32 bytes each), signature_count varuint32, then per signature:
 *   varuint32 length, then key_id_len varuint32, key_id, signature_id byte (1: Ed25519),
 *   signature_len varuint32, signature
 * </pre>
 * The text leaves the length before each set and each signature unsaid, and calls the first three
 * fields bytes; this follows wasmsign2, the reference implementation, which writes the lengths and
 * writes the three identifiers as varuint32 (one byte each for values below 128, so both readings
 * agree on today's identifiers). A signature with an algorithm this reader does not know is kept
 * aside and never verifies, as wasmsign2 skips it, so a module that also carries, say, a
 * post-quantum signature still verifies by its Ed25519 one.
 */
public final class SignatureData {
    public static final int SPEC_VERSION = 0x01;
    public static final int CONTENT_TYPE_MODULE = 0x01;
    public static final int HASH_SHA256 = 0x01;
    public static final int ALG_ED25519 = 0x01;
    public static final int HASH_SIZE = 32;
    /** wasmsign2's bounds, which keep a hostile header from asking for huge allocations. */
    static final int MAX_HASHES = 64;
    static final int MAX_SIGNATURES = 256;

    /** One signature over a set of hashes. */
    public static final class Signature {
        final byte[] keyId;
        final int algorithm;
        final byte[] bytes;

        public Signature(byte[] keyId, int algorithm, byte[] bytes) {
            this.keyId = keyId == null ? new byte[0] : keyId.clone();
            this.algorithm = algorithm;
            this.bytes = bytes.clone();
        }

        /** The key identifier; empty when the signer gave none. */
        public byte[] keyId() {
            return keyId.clone();
        }

        public int algorithm() {
            return algorithm;
        }
    }

    /** Hashes h1..hn (one per part, rolling) and the signatures over them. */
    public static final class SignedHashes {
        final List<byte[]> hashes;
        final List<Signature> signatures;

        SignedHashes(List<byte[]> hashes, List<Signature> signatures) {
            this.hashes = hashes;
            this.signatures = signatures;
        }

        public int hashCount() {
            return hashes.size();
        }

        public List<Signature> signatures() {
            return Collections.unmodifiableList(signatures);
        }

        boolean sameHashes(List<byte[]> other) {
            if (other.size() != hashes.size()) {
                return false;
            }
            for (int i = 0; i < other.size(); i++) {
                if (!Arrays.equals(other.get(i), hashes.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** What is signed: "wasmsig", version, content type, hash function, then the hashes. */
        byte[] message() {
            ByteArrayOutputStream m = new ByteArrayOutputStream(10 + HASH_SIZE * hashes.size());
            m.write('w');
            m.write('a');
            m.write('s');
            m.write('m');
            m.write('s');
            m.write('i');
            m.write('g');
            m.write(SPEC_VERSION);
            m.write(CONTENT_TYPE_MODULE);
            m.write(HASH_SHA256);
            for (byte[] h : hashes) {
                m.write(h, 0, h.length);
            }
            return m.toByteArray();
        }
    }

    final List<SignedHashes> sets;

    SignatureData(List<SignedHashes> sets) {
        this.sets = sets;
    }

    public List<SignedHashes> signedHashes() {
        return Collections.unmodifiableList(sets);
    }

    /** Parses signature data; every error names the field and byte offset inside the data. */
    public static SignatureData parse(byte[] data) throws SignatureException {
        Leb128.Reader r = new Leb128.Reader(data, 0, data.length);
        try {
            long version = r.u32("spec_version");
            if (version != SPEC_VERSION) {
                throw malformed("spec_version " + version + " is not supported (weir reads version 1)");
            }
            long contentType = r.u32("content_type");
            if (contentType != CONTENT_TYPE_MODULE) {
                throw malformed("content_type " + contentType + " is not a WebAssembly module (1)");
            }
            long hashFn = r.u32("hash_fn");
            if (hashFn != HASH_SHA256) {
                throw malformed("hash_fn " + hashFn + " is not SHA-256 (1)");
            }
            long setCount = r.u32("signed_hashes_count");
            if (setCount > MAX_HASHES) {
                throw malformed("signed_hashes_count " + setCount + " is more than " + MAX_HASHES);
            }
            List<SignedHashes> sets = new ArrayList<>();
            for (int s = 0; s < setCount; s++) {
                long length = r.u32("signed_hashes " + s + " length");
                int setStart = r.pos;
                if (length > r.end - r.pos) {
                    throw malformed("signed_hashes " + s + " at byte " + setStart + " claims " + length
                            + " bytes, only " + (r.end - r.pos) + " remain (truncated signature?)");
                }
                sets.add(parseSet(new Leb128.Reader(data, setStart, setStart + (int) length), s));
                r.pos = setStart + (int) length;
            }
            if (!r.atEnd()) {
                throw malformed((r.end - r.pos) + " bytes after the last signed_hashes set, at byte " + r.pos);
            }
            return new SignatureData(sets);
        } catch (Leb128.FormatError e) {
            throw malformed(e.getMessage());
        }
    }

    private static SignedHashes parseSet(Leb128.Reader r, int index) throws Leb128.FormatError, SignatureException {
        String where = "signed_hashes " + index;
        long hashCount = r.u32(where + " hashes_count");
        if (hashCount == 0 || hashCount > MAX_HASHES) {
            throw malformed(where + ": hashes_count " + hashCount + " is not in 1.." + MAX_HASHES);
        }
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < hashCount; i++) {
            hashes.add(r.take(HASH_SIZE, where + " hash " + i));
        }
        long sigCount = r.u32(where + " signature_count");
        if (sigCount > MAX_SIGNATURES) {
            throw malformed(where + ": signature_count " + sigCount + " is more than " + MAX_SIGNATURES);
        }
        List<Signature> signatures = new ArrayList<>();
        for (int i = 0; i < sigCount; i++) {
            long length = r.u32(where + " signature " + i + " length");
            int start = r.pos;
            if (length > r.end - r.pos) {
                throw malformed(where + " signature " + i + " at byte " + start + " claims " + length
                        + " bytes, only " + (r.end - r.pos) + " remain (truncated signature?)");
            }
            Leb128.Reader s = new Leb128.Reader(r.bytes, start, start + (int) length);
            byte[] keyId = s.lengthPrefixed(where + " signature " + i + " key_id");
            int alg = s.u8(where + " signature " + i + " signature_id");
            byte[] sig = s.lengthPrefixed(where + " signature " + i);
            if (!s.atEnd()) {
                throw malformed(where + " signature " + i + ": " + (s.end - s.pos) + " stray bytes at byte " + s.pos);
            }
            signatures.add(new Signature(keyId, alg, sig));
            r.pos = start + (int) length;
        }
        if (!r.atEnd()) {
            throw malformed(where + ": " + (r.end - r.pos) + " stray bytes at byte " + r.pos);
        }
        return new SignedHashes(hashes, signatures);
    }

    private static SignatureException malformed(String message) {
        return new SignatureException(SignatureException.Reason.MALFORMED_SIGNATURE, "malformed signature data: " + message);
    }

    /** The data in the wire format above. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Leb128.writeU32(out, SPEC_VERSION);
        Leb128.writeU32(out, CONTENT_TYPE_MODULE);
        Leb128.writeU32(out, HASH_SHA256);
        Leb128.writeU32(out, sets.size());
        for (SignedHashes set : sets) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            Leb128.writeU32(s, set.hashes.size());
            for (byte[] h : set.hashes) {
                s.write(h, 0, h.length);
            }
            Leb128.writeU32(s, set.signatures.size());
            for (Signature sig : set.signatures) {
                ByteArrayOutputStream one = new ByteArrayOutputStream();
                Leb128.writeU32(one, sig.keyId.length);
                one.write(sig.keyId, 0, sig.keyId.length);
                one.write(sig.algorithm);
                Leb128.writeU32(one, sig.bytes.length);
                one.write(sig.bytes, 0, sig.bytes.length);
                writePrefixed(s, one.toByteArray());
            }
            writePrefixed(out, s.toByteArray());
        }
        return out.toByteArray();
    }

    private static void writePrefixed(ByteArrayOutputStream out, byte[] bytes) {
        Leb128.writeU32(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }
}
