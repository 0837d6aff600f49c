package dev.weir.core.internal.validate;

import dev.weir.core.internal.compile.Op;

/**
 * Which binary ops have a form with an immediate second operand ({@code I32_ADD_I dst a imm}),
 * so a constant operand costs no dispatch of its own. i64 forms take a sign-extended 32-bit
 * immediate; other constants are written to their slot as usual.
 */
final class Immediates {
    private Immediates() {
    }

    /** Whether op may have an immediate form for some constant second operand. */
    static boolean hasForm(int op) {
        switch (op) {
            case Op.I32_ADD: case Op.I32_SUB: case Op.I32_MUL: case Op.I32_AND: case Op.I32_OR: case Op.I32_XOR:
            case Op.I32_SHL: case Op.I32_SHR_S: case Op.I32_SHR_U:
            case Op.I32_EQ: case Op.I32_NE: case Op.I32_LT_S: case Op.I32_LT_U: case Op.I32_GT_S: case Op.I32_GT_U:
            case Op.I32_LE_S: case Op.I32_LE_U: case Op.I32_GE_S: case Op.I32_GE_U:
            case Op.I64_ADD: case Op.I64_SUB: case Op.I64_AND: case Op.I64_SHL: case Op.I64_SHR_S: case Op.I64_SHR_U:
                return true;
            default:
                return false;
        }
    }

    /** The immediate form of "a op value", or -1 when the value does not fit one. */
    static int form(int op, long value) {
        int v = (int) value;
        switch (op) {
            case Op.I32_ADD: case Op.I32_SUB: return Op.I32_ADD_I;
            case Op.I32_MUL: return Op.I32_MUL_I;
            case Op.I32_AND: return Op.I32_AND_I;
            case Op.I32_OR: return Op.I32_OR_I;
            case Op.I32_XOR: return Op.I32_XOR_I;
            case Op.I32_SHL: return Op.I32_SHL_I;
            case Op.I32_SHR_S: return Op.I32_SHR_S_I;
            case Op.I32_SHR_U: return Op.I32_SHR_U_I;
            case Op.I32_EQ: return Op.I32_EQ_I;
            case Op.I32_NE: return Op.I32_NE_I;
            case Op.I32_LT_S: return Op.I32_LT_S_I;
            case Op.I32_LT_U: return Op.I32_LT_U_I;
            case Op.I32_GT_S: return Op.I32_GT_S_I;
            case Op.I32_GT_U: return Op.I32_GT_U_I;
            // a <= c is a < c + 1 and a >= c is a > c - 1, except where c + 1 or c - 1 wraps.
            case Op.I32_LE_S: return v == Integer.MAX_VALUE ? -1 : Op.I32_LT_S_I;
            case Op.I32_LE_U: return v == -1 ? -1 : Op.I32_LT_U_I;
            case Op.I32_GE_S: return v == Integer.MIN_VALUE ? -1 : Op.I32_GT_S_I;
            case Op.I32_GE_U: return v == 0 ? -1 : Op.I32_GT_U_I;
            case Op.I64_SHL: return Op.I64_SHL_I;
            case Op.I64_SHR_S: return Op.I64_SHR_S_I;
            case Op.I64_SHR_U: return Op.I64_SHR_U_I;
            case Op.I64_ADD: return value == v ? Op.I64_ADD_I : -1;
            case Op.I64_SUB: return value == v && v != Integer.MIN_VALUE ? Op.I64_ADD_I : -1;
            case Op.I64_AND: return value == v ? Op.I64_AND_I : -1;
            default: return -1;
        }
    }

    /** The immediate operand for {@link #form}. */
    static int operand(int op, long value) {
        int v = (int) value;
        switch (op) {
            case Op.I32_SUB: case Op.I64_SUB: return -v;
            case Op.I32_LE_S: case Op.I32_LE_U: return v + 1;
            case Op.I32_GE_S: case Op.I32_GE_U: return v - 1;
            default: return v;
        }
    }

    /** For "c op x": the op with operands swapped ("x op' c"), or -1 when there is none. */
    static int swappedForm(int op) {
        switch (op) {
            case Op.I32_ADD: case Op.I32_MUL: case Op.I32_AND: case Op.I32_OR: case Op.I32_XOR:
            case Op.I32_EQ: case Op.I32_NE: case Op.I64_ADD: case Op.I64_AND:
                return op;
            case Op.I32_LT_S: return Op.I32_GT_S;
            case Op.I32_LT_U: return Op.I32_GT_U;
            case Op.I32_GT_S: return Op.I32_LT_S;
            case Op.I32_GT_U: return Op.I32_LT_U;
            case Op.I32_LE_S: return Op.I32_GE_S;
            case Op.I32_LE_U: return Op.I32_GE_U;
            case Op.I32_GE_S: return Op.I32_LE_S;
            case Op.I32_GE_U: return Op.I32_LE_U;
            default: return -1;
        }
    }
}
