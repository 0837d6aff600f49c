package dev.weir.core;

import dev.weir.core.module.TrapException;
import dev.weir.core.module.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;


/**
 * A linear memory (<a href="https://webassembly.github.io/spec/core/exec/runtime.html#memory-instances">spec 4.2.8</a>). It holds the pages it has been grown to: {@code memory.grow}
 * replaces the array with a larger one, growing the capacity geometrically up to the maximum so
 * that a program growing page by page is not quadratic ({@link StoreLimits#reserveMemory()}
 * allocates the maximum at once instead). So code must take {@link #array()} and {@link #view()}
 * afresh after anything that can grow the memory: a call, or {@code memory.grow}.
 * Multi-byte values are little-endian. Out-of-bounds access traps.
 */
public final class Memory {

    private byte[] bytes;
    /** The same bytes, little-endian, for code that reads and writes wider values (the JIT's). */
    private ByteBuffer view;
    private final int maxPages;
    /** The maximum in the memory's type (spec 4.5.3.8), -1 when it has none; may exceed maxPages. */
    private final long declaredMax;
    private int pages;

    /**
     * @param initialPages pages accessible now, and allocated now
     * @param maxPages     pages it may grow to
     */
    public Memory(int initialPages, int maxPages) {
        this(initialPages, maxPages, maxPages);
    }

    /**
     * A memory of type {@code initialPages..declaredMax} (declaredMax -1 when the type has none)
     * that can grow only to maxPages, the capacity the store's limits allow.
     */
    Memory(int initialPages, int maxPages, long declaredMax) {
        if (initialPages < 0 || maxPages < initialPages || maxPages > MemoryType.MAX_PAGES) {
            throw new IllegalArgumentException("memory of " + initialPages + ".." + maxPages + " pages");
        }
        long capacity = (long) maxPages * MemoryType.PAGE_SIZE;
        if (capacity > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("memory capacity of " + maxPages + " pages exceeds a Java array");
        }
        this.bytes = new byte[initialPages * MemoryType.PAGE_SIZE];
        this.view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.maxPages = maxPages;
        this.declaredMax = declaredMax;
        this.pages = initialPages;
    }

    /** Allocates the whole capacity now, so that growing never allocates (StoreLimits.reserveMemory). */
    void reserve() {
        reallocate(maxPages);
    }

    /** Replaces the array with one of capacity pages holding the same contents. */
    private void reallocate(int capacityPages) {
        byte[] grown = new byte[capacityPages * MemoryType.PAGE_SIZE];
        System.arraycopy(bytes, 0, grown, 0, size());
        bytes = grown;
        view = ByteBuffer.wrap(grown).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Pages the current array holds: the size memory.grow can reach without allocating. */
    public int capacityPages() {
        return bytes.length / MemoryType.PAGE_SIZE;
    }

    /** The maximum of the memory's type, used to match imports, or -1 when it has none. */
    public long declaredMaxPages() {
        return declaredMax;
    }

    /** Current size in 64 KiB pages. */
    public int pages() {
        return pages;
    }

    public int maxPages() {
        return maxPages;
    }

    /** Current size in bytes. */
    public int size() {
        return pages * MemoryType.PAGE_SIZE;
    }

    /**
     * Grows by delta pages; returns the old size in pages, or -1 (and changes nothing) if it would
     * pass the maximum or the JVM has no heap left for the larger array. The one allocation
     * running wasm may cause, and only when the array is full: capacity at least doubles.
     */
    public int grow(int delta) {
        int old = pages;
        if (delta < 0 || delta > maxPages - old) {
            return -1;
        }
        int newPages = old + delta;
        if (newPages > capacityPages()) {
            int capacity = (int) Math.min(maxPages, Math.max(newPages, 2L * capacityPages()));
            try {
                reallocate(capacity);
            } catch (OutOfMemoryError e) {
                try {
                    // No room for the doubling: the exact size may still fit.
                    reallocate(newPages);
                } catch (OutOfMemoryError again) {
                    return -1;
                }
            }
        }
        pages = newPages;
        return old;
    }

    /** {@link #array()} as a little-endian buffer; its limit is the capacity, not the size. */
    public ByteBuffer view() {
        return view;
    }

    /**
     * The backing array, whose length is the capacity; only [0, {@link #size()}) is accessible
     * to wasm. Use {@link #checkRange} before touching it directly, and take it again after
     * anything that can grow the memory.
     */
    public byte[] array() {
        return bytes;
    }

    /** Traps unless [address, address + length) lies in the memory; address and length are unsigned 32-bit. */
    public void checkRange(int address, int length) {
        long end = (address & 0xFFFFFFFFL) + (length & 0xFFFFFFFFL);
        if (end > size()) {
            throw outOfBounds();
        }
    }

    /** The trap for an access outside the memory. */
    public static TrapException outOfBounds() {
        return new TrapException(TrapException.Kind.MEMORY_OUT_OF_BOUNDS);
    }

    public byte readByte(int address) {
        checkRange(address, 1);
        return bytes[address];
    }

    public void writeByte(int address, byte value) {
        checkRange(address, 1);
        bytes[address] = value;
    }

    public short readShort(int address) {
        checkRange(address, 2);
        return (short) ((bytes[address] & 0xFF) | (bytes[address + 1] << 8));
    }

    public void writeShort(int address, short value) {
        checkRange(address, 2);
        bytes[address] = (byte) value;
        bytes[address + 1] = (byte) (value >> 8);
    }

    public int readInt(int address) {
        checkRange(address, 4);
        return getInt(bytes, address);
    }

    public void writeInt(int address, int value) {
        checkRange(address, 4);
        putInt(bytes, address, value);
    }

    public long readLong(int address) {
        checkRange(address, 8);
        return getLong(bytes, address);
    }

    public void writeLong(int address, long value) {
        checkRange(address, 8);
        putLong(bytes, address, value);
    }

    /** Copies length bytes from wasm address to dst[offset..]. */
    public void read(int address, byte[] dst, int offset, int length) {
        checkRange(address, length);
        System.arraycopy(bytes, address, dst, offset, length);
    }

    /** Copies length bytes from src[offset..] to wasm address. */
    public void write(int address, byte[] src, int offset, int length) {
        checkRange(address, length);
        System.arraycopy(src, offset, bytes, address, length);
    }

    /** Reads a UTF-8 string of length bytes at address (for host functions; allocates). */
    public String readString(int address, int length) {
        checkRange(address, length);
        return new String(bytes, address, length, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads the NUL-terminated UTF-8 string (a C string) at address, without its NUL; allocates.
     * Traps when no NUL comes before the end of the memory.
     */
    public String readCString(int address) {
        checkRange(address, 0);
        int size = size();
        for (int end = address; end < size; end++) {
            if (bytes[end] == 0) {
                return new String(bytes, address, end - address, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw outOfBounds();
    }

    /**
     * Writes s as UTF-8 at address, with no terminator, and returns the number of bytes written
     * (what a guest needs as the string's length). Traps, writing nothing, when it does not fit.
     */
    public int writeString(int address, String s) {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        write(address, utf8, 0, utf8.length);
        return utf8.length;
    }

    /**
     * Writes s as a NUL-terminated UTF-8 string (a C string) at address and returns the bytes
     * written, the NUL included. Traps, writing nothing, when it does not fit.
     */
    public int writeCString(int address, String s) {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        checkRange(address, utf8.length + 1);
        System.arraycopy(utf8, 0, bytes, address, utf8.length);
        bytes[address + utf8.length] = 0;
        return utf8.length + 1;
    }

    /** The f32 at address, bit for bit (a NaN keeps its payload). */
    public float readFloat(int address) {
        return Float.intBitsToFloat(readInt(address));
    }

    public void writeFloat(int address, float value) {
        writeInt(address, Float.floatToRawIntBits(value));
    }

    /** The f64 at address, bit for bit (a NaN keeps its payload). */
    public double readDouble(int address) {
        return Double.longBitsToDouble(readLong(address));
    }

    public void writeDouble(int address, double value) {
        writeLong(address, Double.doubleToRawLongBits(value));
    }

    /** Little-endian short at an index already bounds-checked by the caller. */
    public static short getShort(byte[] b, int i) {
        return (short) ((b[i] & 0xFF) | b[i + 1] << 8);
    }

    public static void putShort(byte[] b, int i, short v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >> 8);
    }

    /** Little-endian int at an index already bounds-checked by the caller. */
    public static int getInt(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24;
    }

    public static void putInt(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >> 8);
        b[i + 2] = (byte) (v >> 16);
        b[i + 3] = (byte) (v >> 24);
    }

    public static long getLong(byte[] b, int i) {
        return (getInt(b, i) & 0xFFFFFFFFL) | (long) getInt(b, i + 4) << 32;
    }

    public static void putLong(byte[] b, int i, long v) {
        putInt(b, i, (int) v);
        putInt(b, i + 4, (int) (v >>> 32));
    }
}
