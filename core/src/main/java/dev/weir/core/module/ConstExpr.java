package dev.weir.core.module;

/**
 * A constant expression (spec 3.3.10): global initializers, segment offsets and element items.
 * Kept as the decoded instruction sequence, without the final {@code end}; the validator checks
 * that it is constant and of the right type. Opcodes are the binary ones ({@link #I32_CONST} ...).
 */
public final class ConstExpr {
    public static final int I32_CONST = 0x41;
    public static final int I64_CONST = 0x42;
    public static final int F32_CONST = 0x43;
    public static final int F64_CONST = 0x44;
    public static final int GLOBAL_GET = 0x23;
    public static final int REF_NULL = 0xD0;
    public static final int REF_FUNC = 0xD2;
    /**
     * v128.const (prefix 0xFD, opcode 12). Its 128-bit immediate does not fit one entry, so the
     * instruction takes two consecutive entries: this one holds the low 64 bits and the next,
     * with the pseudo-opcode {@link #V128_CONST_HIGH}, the high 64 bits (the two slots of a v128).
     */
    public static final int V128_CONST = 0xFD0C;
    /** Pseudo-opcode of the entry that always directly follows {@link #V128_CONST}: the high 64 bits. */
    public static final int V128_CONST_HIGH = 0x1FD0C;

    private final int[] opcodes;
    private final long[] immediates;
    private final int offset;

    /**
     * @param opcodes    binary opcodes of the instructions, in order
     * @param immediates per instruction: the constant's bits, the global or function index, or the
     *                   reference type byte of ref.null
     * @param offset     byte offset of the expression in the module, for error messages
     */
    public ConstExpr(int[] opcodes, long[] immediates, int offset) {
        this.opcodes = opcodes.clone();
        this.immediates = immediates.clone();
        this.offset = offset;
    }

    /** Shorthand for the common single-instruction expression. */
    public static ConstExpr of(int opcode, long immediate, int offset) {
        return new ConstExpr(new int[] {opcode}, new long[] {immediate}, offset);
    }

    public int length() {
        return opcodes.length;
    }

    public int opcode(int i) {
        return opcodes[i];
    }

    public long immediate(int i) {
        return immediates[i];
    }

    public int offset() {
        return offset;
    }
}
