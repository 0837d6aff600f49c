package dev.weir.trust;

import java.io.ByteArrayOutputStream;

/** Unsigned LEB128 ({@code varuint32}), as the signature format and WebAssembly's binary format use it. */
final class Leb128 {
    private Leb128() {
    }

    static void writeU32(ByteArrayOutputStream out, long value) {
        long v = value;
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    /** Bytes {@link #writeU32} writes for {@code value}. */
    static int sizeU32(long value) {
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    /**
     * A cursor over a byte range that reads varuint32s and byte strings; every read past the end or
     * overlong encoding throws {@link FormatError} with the offset.
     */
    static final class Reader {
        final byte[] bytes;
        int pos;
        final int end;

        Reader(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        boolean atEnd() {
            return pos >= end;
        }

        int u8(String what) throws FormatError {
            if (pos >= end) {
                throw new FormatError(what + ": unexpected end at byte " + pos);
            }
            return bytes[pos++] & 0xff;
        }

        /** A varuint32; at most 5 bytes and no bits beyond 32 (the spec's rule for u32). */
        long u32(String what) throws FormatError {
            long result = 0;
            int start = pos;
            for (int shift = 0; shift < 35; shift += 7) {
                if (pos >= end) {
                    throw new FormatError(what + ": unexpected end of a LEB128 number at byte " + start);
                }
                int b = bytes[pos++] & 0xff;
                if (shift == 28 && (b & 0x70) != 0) {
                    throw new FormatError(what + ": LEB128 number too large at byte " + start);
                }
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new FormatError(what + ": LEB128 number longer than 5 bytes at byte " + start);
        }

        /** A varuint32 length, then that many bytes. */
        byte[] lengthPrefixed(String what) throws FormatError {
            long n = u32(what + " length");
            return take(n, what);
        }

        byte[] take(long n, String what) throws FormatError {
            if (n > end - pos) {
                throw new FormatError(what + ": " + n + " bytes at byte " + pos + " run past the end (" + (end - pos) + " left)");
            }
            byte[] out = new byte[(int) n];
            System.arraycopy(bytes, pos, out, 0, (int) n);
            pos += (int) n;
            return out;
        }
    }

    /** A framing error found while reading; callers turn it into the right {@link SignatureException}. */
    static final class FormatError extends Exception {
        private static final long serialVersionUID = 1L;

        FormatError(String message) {
            super(message);
        }
    }
}
