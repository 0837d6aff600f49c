package dev.weir.core.internal.jit;

import java.util.Arrays;

/** A growable big-endian byte buffer, as class files are written. */
final class Bytes {
    private byte[] bytes;
    private int size;

    Bytes(int capacity) {
        bytes = new byte[capacity];
    }

    int size() {
        return size;
    }

    void u1(int value) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, size * 2);
        }
        bytes[size++] = (byte) value;
    }

    void u2(int value) {
        u1(value >>> 8);
        u1(value);
    }

    void u4(int value) {
        u2(value >>> 16);
        u2(value);
    }

    /** Overwrites the two bytes at position with value. */
    void patch2(int position, int value) {
        bytes[position] = (byte) (value >>> 8);
        bytes[position + 1] = (byte) value;
    }

    void patch4(int position, int value) {
        patch2(position, value >>> 16);
        patch2(position + 2, value);
    }

    void append(Bytes other) {
        for (int i = 0; i < other.size; i++) {
            u1(other.bytes[i]);
        }
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }
}
