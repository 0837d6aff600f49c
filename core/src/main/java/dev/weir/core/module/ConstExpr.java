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
