package dev.weir.core.module;

/**
 * Value types, as their binary encodings (spec 5.3.1). Kept as bytes rather than an enum so
 * type stacks in the validator are plain int arrays.
 */
public final class ValType {
    public static final byte I32 = 0x7F;
    public static final byte I64 = 0x7E;
    public static final byte F32 = 0x7D;
    public static final byte F64 = 0x7C;
    public static final byte V128 = 0x7B;
    public static final byte FUNCREF = 0x70;
    public static final byte EXTERNREF = 0x6F;

    private ValType() {
    }

    public static boolean isValid(int type) {
        return type == I32 || type == I64 || type == F32 || type == F64 || type == V128
                || type == FUNCREF || type == EXTERNREF;
    }

    public static boolean isReference(int type) {
        return type == FUNCREF || type == EXTERNREF;
    }

    /** Value-stack slots a value of this type takes: 2 for v128, else 1. */
    public static int slots(int type) {
        return type == V128 ? 2 : 1;
    }

    public static String name(int type) {
        switch (type) {
            case I32: return "i32";
            case I64: return "i64";
            case F32: return "f32";
            case F64: return "f64";
            case V128: return "v128";
            case FUNCREF: return "funcref";
            case EXTERNREF: return "externref";
            default: return "type(0x" + Integer.toHexString(type & 0xFF) + ")";
        }
    }

    /** The type of a name {@link #name} gives (i32, i64, f32, f64, v128, funcref, externref), or 0. */
    public static byte of(String name) {
        for (byte type : new byte[] {I32, I64, F32, F64, V128, FUNCREF, EXTERNREF}) {
            if (name(type).equals(name)) {
                return type;
            }
        }
        return 0;
    }
}
