package dev.weir.text;

import java.util.Arrays;

/** A growable byte array with the binary format's integer encodings (spec 5.2.2 LEB128). */
final class Sink {
    byte[] bytes;
    int size;

    Sink(int capacity) {
        bytes = new byte[capacity];
    }

    void byte1(int b) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2 + 16);
        }
        bytes[size++] = (byte) b;
    }

    void bytes(byte[] b, int off, int len) {
        if (size + len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + len) + 16);
        }
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    void bytes(byte[] b) {
        bytes(b, 0, b.length);
    }

    void append(Sink other) {
        bytes(other.bytes, 0, other.size);
    }

    void u32(long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            byte1(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    void s64(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            if (v == 0 && (b & 0x40) == 0 || v == -1 && (b & 0x40) != 0) {
                byte1(b);
                return;
            }
            byte1(b | 0x80);
        }
    }

    void s32(int v) {
        s64(v);
    }

    /** A length-prefixed name or byte string (spec 5.2.4). */
    void name(byte[] b) {
        u32(b.length);
        bytes(b);
    }

    void f32(int bits) {
        for (int i = 0; i < 4; i++) {
            byte1(bits >>> 8 * i);
        }
    }

    void f64(long bits) {
        for (int i = 0; i < 8; i++) {
            byte1((int) (bits >>> 8 * i));
        }
    }

    void reset() {
        size = 0;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }
}
