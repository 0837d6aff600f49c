package dev.weir.core.module;

/** A data segment (spec 2.5.9): bytes copied into a memory at instantiation (active) or by memory.init (passive). */
public final class DataSegment {
    public static final int ACTIVE = 0;
    public static final int PASSIVE = 1;

    private final int mode;
    private final int memoryIndex;
    private final ConstExpr offset;
    private final byte[] bytes;

    public DataSegment(int mode, int memoryIndex, ConstExpr offset, byte[] bytes) {
        this.mode = mode;
        this.memoryIndex = memoryIndex;
        this.offset = offset;
        this.bytes = bytes;
    }

    /** {@link #ACTIVE} or {@link #PASSIVE}. */
    public int mode() {
        return mode;
    }

    public int memoryIndex() {
        return memoryIndex;
    }

    /** For active segments: the start address; null for passive ones. */
    public ConstExpr offset() {
        return offset;
    }

    public int length() {
        return bytes.length;
    }

    /** The segment's bytes; the array is shared, never modify it. */
    public byte[] bytesUnsafe() {
        return bytes;
    }
}
