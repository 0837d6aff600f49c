package dev.weir.core.internal.binary;

import dev.weir.core.module.MalformedModuleException;

/**
 * A mutable cursor over a module binary, decoding the spec's integer and float encodings
 * (spec 5.2). Every failure is a {@link MalformedModuleException} naming the current section
 * and offset; nothing else escapes. Reused by the decoder and the validator, so reading
 * allocates nothing.
 */
public final class ByteReader {
    private final byte[] bytes;
    private int position;
    private int limit;
    private String section = "header";

    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /** A reader over bytes[from, to). */
    public ByteReader(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.position = from;
        this.limit = to;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int position() {
        return position;
    }

    public void position(int position) {
        this.position = position;
    }

    /** End of the readable range (exclusive). */
    public int limit() {
        return limit;
    }

    public void limit(int limit) {
        this.limit = limit;
    }

    public boolean hasMore() {
        return position < limit;
    }

    public int remaining() {
        return limit - position;
    }

    /** Names the section being read, for error messages. */
    public void section(String name) {
        this.section = name;
    }

    public String section() {
        return section;
    }

    /** An error at the current position. */
    public MalformedModuleException error(String message) {
        return new MalformedModuleException(message, section, position);
    }

    /** An error at a given offset. */
    public MalformedModuleException error(String message, int offset) {
        return new MalformedModuleException(message, section, offset);
    }

    public int readU8() {
        if (position >= limit) {
            // Inside a section the spec's longer text applies even at the end of the input; it starts
            // with the shorter one, so tools matching spec messages by prefix accept it either way.
            throw error("header".equals(section) ? "unexpected end" : "unexpected end of section or function");
        }
        return bytes[position++] & 0xFF;
    }

    /** Reads length raw bytes into a fresh array. */
    public byte[] readBytes(int length) {
        if (length < 0 || length > limit - position) {
            throw error(length < 0 || length > bytes.length - position ? "unexpected end"
                    : "unexpected end of section or function");
        }
        byte[] out = new byte[length];
        System.arraycopy(bytes, position, out, 0, length);
        position += length;
        return out;
    }

    /** Advances over length bytes. */
    public void skip(int length) {
        if (length < 0 || length > limit - position) {
            throw error("unexpected end");
        }
        position += length;
    }

    /** Unsigned LEB128 of at most 32 bits (spec u32): at most 5 bytes, unused bits of the last byte zero. */
    public int readVarU32() {
        int result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = readU8();
            if (shift == 28) {
                if ((b & 0x70) != 0) {
                    throw error((b & 0x80) != 0 ? "integer representation too long" : "integer too large");
                }
                if ((b & 0x80) != 0) {
                    throw error("integer representation too long");
                }
                return result | b << 28;
            }
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    /** An unsigned 32-bit count or index that must fit a Java int (larger values cannot be satisfied anyway). */
    public int readVarU32AsIndex(String what) {
        int start = position;
        int v = readVarU32();
        if (v < 0) {
            throw error(what + " too large: " + (v & 0xFFFFFFFFL), start);
        }
        return v;
    }

    /** Signed LEB128 of at most 32 bits (spec s32): at most 5 bytes, unused bits a sign extension. */
    public int readVarS32() {
        int result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = readU8();
            if (shift == 28) {
                if ((b & 0x80) != 0) {
                    throw error("integer representation too long");
                }
                // Bits 4..6 of the last byte must equal the sign bit (bit 3).
                int high = b & 0x78;
                if (high != 0 && high != 0x78) {
                    throw error("integer too large");
                }
                return result | b << 28;
            }
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                int used = shift + 7;
                return used >= 32 ? result : (result << (32 - used)) >> (32 - used);
            }
        }
    }

    /** Signed LEB128 of at most 64 bits (spec s64): at most 10 bytes. */
    public long readVarS64() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = readU8();
            if (shift == 63) {
                if ((b & 0x80) != 0) {
                    throw error("integer representation too long");
                }
                // Only bit 0 is used; bits 1..6 must equal it (sign extension).
                if (b != 0 && b != 0x7F) {
                    throw error("integer too large");
                }
                return result | (long) b << 63;
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                int used = shift + 7;
                return used >= 64 ? result : (result << (64 - used)) >> (64 - used);
            }
        }
    }

    /** Signed 33-bit LEB128 (spec s33, block types): returned as a long. */
    public long readVarS33() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = readU8();
            if (shift == 28) {
                if ((b & 0x80) != 0) {
                    throw error("integer representation too long");
                }
                // Bit 4 is the sign (bit 32); bits 5..6 must equal it.
                int high = b & 0x70;
                if (high != 0 && high != 0x70) {
                    throw error("integer too large");
                }
                result |= (long) b << 28;
                return (result << 31) >> 31;
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                int used = shift + 7;
                return (result << (64 - used)) >> (64 - used);
            }
        }
    }

    /** Raw little-endian bits of an f32. */
    public int readF32Bits() {
        if (limit - position < 4) {
            position = limit;
            throw error("unexpected end");
        }
        int v = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8 | (bytes[position + 2] & 0xFF) << 16
                | bytes[position + 3] << 24;
        position += 4;
        return v;
    }

    /** Raw little-endian bits of an f64. */
    public long readF64Bits() {
        long low = readF32Bits() & 0xFFFFFFFFL;
        long high = readF32Bits() & 0xFFFFFFFFL;
        return low | high << 32;
    }

    /** A name (spec 5.2.4): a length-prefixed string that must be valid UTF-8. */
    public String readName() {
        int lengthOffset = position;
        long length = readVarU32() & 0xFFFFFFFFL;
        int start = position;
        if (length > limit - position) {
            // Checked before decoding so a forged length cannot size the string buffer.
            throw error("unexpected end: name of " + length + " bytes, only " + (limit - position) + " left",
                    lengthOffset);
        }
        String s = Utf8.decode(bytes, start, (int) length);
        if (s == null) {
            throw error("malformed UTF-8 encoding", start);
        }
        position += (int) length;
        return s;
    }
}
