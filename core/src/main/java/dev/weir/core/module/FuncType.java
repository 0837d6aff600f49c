package dev.weir.core.module;

import java.util.Arrays;

/** A function signature: parameter and result value types (spec 2.3.3). Immutable; equal by structure. */
public final class FuncType {
    private final byte[] params;
    private final byte[] results;
    private final int paramSlots;
    private final int resultSlots;

    public FuncType(byte[] params, byte[] results) {
        this.params = params.clone();
        this.results = results.clone();
        this.paramSlots = slots(params);
        this.resultSlots = slots(results);
    }

    private static int slots(byte[] types) {
        int n = 0;
        for (byte t : types) {
            n += ValType.slots(t);
        }
        return n;
    }

    public int paramCount() {
        return params.length;
    }

    public int resultCount() {
        return results.length;
    }

    public byte param(int i) {
        return params[i];
    }

    public byte result(int i) {
        return results[i];
    }

    /** Value-stack slots the parameters take (v128 takes two). */
    public int paramSlots() {
        return paramSlots;
    }

    /** Value-stack slots the results take (v128 takes two). */
    public int resultSlots() {
        return resultSlots;
    }

    public byte[] params() {
        return params.clone();
    }

    public byte[] results() {
        return results.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FuncType)) {
            return false;
        }
        FuncType other = (FuncType) o;
        return Arrays.equals(params, other.params) && Arrays.equals(results, other.results);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(params) + Arrays.hashCode(results);
    }

    @Override
    public String toString() {
        return list(params) + " -> " + list(results);
    }

    private static String list(byte[] types) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(ValType.name(types[i]));
        }
        return sb.append(')').toString();
    }
}
