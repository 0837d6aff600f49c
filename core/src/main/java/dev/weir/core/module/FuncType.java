package dev.weir.core.module;

import java.util.Arrays;

/**
 * A function signature: parameter and result value types
 * (<a href="https://webassembly.github.io/spec/core/syntax/types.html#function-types">spec 2.3.6</a>).
 * Immutable; equal by structure. {@link #of(String)} writes one as text:
 * {@code FuncType.of("i32 i64 -> f64")}.
 */
public final class FuncType {
    /** {@code () -> ()}. */
    public static final FuncType NONE = new FuncType(new byte[0], new byte[0]);

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

    /**
     * The type written as its value types, parameters then results, separated by {@code ->}:
     * {@code "i32 i32 -> i64"}, {@code "-> f32"}, {@code "(i32, i32) -> (i64)"} (the form
     * {@link #toString()} gives); names are i32, i64, f32, f64, v128, funcref, externref.
     *
     * @throws IllegalArgumentException naming the part that is not a value type
     */
    public static FuncType of(String signature) {
        int arrow = signature.indexOf("->");
        if (arrow < 0 || signature.indexOf("->", arrow + 2) >= 0) {
            throw new IllegalArgumentException("function type \"" + signature + "\" needs one -> between parameters and results");
        }
        return new FuncType(types(signature, signature.substring(0, arrow)), types(signature, signature.substring(arrow + 2)));
    }

    private static byte[] types(String signature, String part) {
        String[] names = part.replace('(', ' ').replace(')', ' ').replace(',', ' ').trim().split("\\s+");
        if (names.length == 1 && names[0].isEmpty()) {
            return new byte[0];
        }
        byte[] types = new byte[names.length];
        for (int i = 0; i < names.length; i++) {
            types[i] = ValType.of(names[i]);
            if (types[i] == 0) {
                throw new IllegalArgumentException("function type \"" + signature + "\": " + names[i]
                        + " is not a value type (i32, i64, f32, f64, v128, funcref, externref)");
            }
        }
        return types;
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
