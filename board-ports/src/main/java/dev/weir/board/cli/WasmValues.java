package dev.weir.board.cli;

import dev.weir.core.module.ValType;
import java.math.BigInteger;

/**
 * Parses command-line arguments into slot-encoded wasm values by type, and formats results, for
 * {@code weir run --invoke}. Integers are decimal or 0x-hex, signed or unsigned within the type's
 * range (so -1 and 4294967295 are the same i32), and print as signed decimal. Floats accept Java's
 * decimal and hex forms plus nan, inf and -inf, and print as Java's shortest round-trip form, or
 * nan / nan:0xPAYLOAD for a non-canonical NaN. v128 is 0x followed by up to 32 hex digits. References
 * are null, or for externref a number N (the spec tests' ref.extern N).
 */
final class WasmValues {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private WasmValues() {
    }

    /** Writes the value into slots[at] (and slots[at + 1] for v128); returns the next free slot. */
    static int parse(byte type, String text, long[] slots, int at) {
        switch (type) {
            case ValType.I32:
                slots[at] = parseInteger(text, 32) & 0xFFFFFFFFL;
                return at + 1;
            case ValType.I64:
                slots[at] = parseInteger(text, 64);
                return at + 1;
            case ValType.F32:
                slots[at] = Float.floatToRawIntBits(parseFloat(text)) & 0xFFFFFFFFL;
                return at + 1;
            case ValType.F64:
                slots[at] = Double.doubleToRawLongBits(parseDouble(text));
                return at + 1;
            case ValType.V128: {
                BigInteger v = parseHex128(text);
                slots[at] = v.longValue();
                slots[at + 1] = v.shiftRight(64).longValue();
                return at + 2;
            }
            case ValType.FUNCREF:
                if (!"null".equals(text)) {
                    throw new IllegalArgumentException("funcref arguments can only be null, got " + text);
                }
                slots[at] = 0;
                return at + 1;
            case ValType.EXTERNREF:
                if ("null".equals(text)) {
                    slots[at] = 0;
                } else {
                    long n = parseInteger(text, 64);
                    if (n == -1) {
                        throw new IllegalArgumentException("externref " + text + " is out of range");
                    }
                    slots[at] = n + 1;
                }
                return at + 1;
            default:
                throw new IllegalArgumentException("cannot pass a value of type " + ValType.name(type));
        }
    }

    /** Formats the value at slots[at] (two slots for v128). */
    static String format(byte type, long[] slots, int at) {
        long v = slots[at];
        switch (type) {
            case ValType.I32:
                return Integer.toString((int) v);
            case ValType.I64:
                return Long.toString(v);
            case ValType.F32: {
                int bits = (int) v;
                float f = Float.intBitsToFloat(bits);
                if (Float.isNaN(f)) {
                    int payload = bits & 0x7FFFFF;
                    String sign = bits < 0 ? "-" : "";
                    return payload == 0x400000 ? sign + "nan" : sign + "nan:0x" + Integer.toHexString(payload);
                }
                return formatFinite(Float.toString(f));
            }
            case ValType.F64: {
                double d = Double.longBitsToDouble(v);
                if (Double.isNaN(d)) {
                    long payload = v & 0xFFFFFFFFFFFFFL;
                    String sign = v < 0 ? "-" : "";
                    return payload == 0x8000000000000L ? sign + "nan" : sign + "nan:0x" + Long.toHexString(payload);
                }
                return formatFinite(Double.toString(d));
            }
            case ValType.V128: {
                String low = Long.toHexString(v);
                String high = Long.toHexString(slots[at + 1]);
                return "0x" + pad16(high) + pad16(low);
            }
            case ValType.FUNCREF:
                return v == 0 ? "null" : "funcref:" + (v - 1);
            case ValType.EXTERNREF:
                return v == 0 ? "null" : "externref:" + (v - 1);
            default:
                return "0x" + Long.toHexString(v);
        }
    }

    private static String formatFinite(String javaForm) {
        if ("Infinity".equals(javaForm)) {
            return "inf";
        }
        if ("-Infinity".equals(javaForm)) {
            return "-inf";
        }
        return javaForm;
    }

    private static String pad16(String hex) {
        StringBuilder sb = new StringBuilder(16);
        for (int i = hex.length(); i < 16; i++) {
            sb.append('0');
        }
        return sb.append(hex).toString();
    }

    /** An integer of the given width, accepting the signed and the unsigned range. */
    static long parseInteger(String text, int bits) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        BigInteger magnitude;
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                magnitude = new BigInteger(s.substring(2), 16);
            } else {
                magnitude = new BigInteger(s, 10);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer: " + text);
        }
        if (magnitude.signum() < 0 || s.isEmpty() || s.charAt(0) == '-' || s.charAt(0) == '+') {
            throw new IllegalArgumentException("not an integer: " + text);
        }
        BigInteger value = negative ? magnitude.negate() : magnitude;
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger maxUnsigned = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (value.compareTo(min) < 0 || value.compareTo(maxUnsigned) > 0) {
            throw new IllegalArgumentException(text + " does not fit in i" + bits);
        }
        return value.signum() < 0 ? value.longValue() : value.mod(TWO_64).longValue();
    }

    private static float parseFloat(String text) {
        if (isNan(text)) {
            return Float.intBitsToFloat(text.startsWith("-") ? 0xFFC00000 : 0x7FC00000);
        }
        return (float) parseFloating(text, true);
    }

    private static double parseDouble(String text) {
        if (isNan(text)) {
            return Double.longBitsToDouble(text.startsWith("-") ? 0xFFF8000000000000L : 0x7FF8000000000000L);
        }
        return parseFloating(text, false);
    }

    private static boolean isNan(String text) {
        return "nan".equals(text) || "+nan".equals(text) || "-nan".equals(text) || "NaN".equals(text);
    }

    /** Parses directly at the target width, so f32 values are rounded once, not via double. */
    private static double parseFloating(String text, boolean single) {
        switch (text) {
            case "inf": case "+inf": case "infinity": case "Infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        // Java also accepts type suffixes ("1f", "2d") and surrounding blanks, which are not numbers here.
        char last = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
        if (text.trim().length() != text.length() || text.isEmpty()
                || last == 'f' || last == 'F' || last == 'd' || last == 'D') {
            throw new IllegalArgumentException("not a number: " + text);
        }
        try {
            return single ? Float.parseFloat(text) : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + text);
        }
    }

    private static BigInteger parseHex128(String text) {
        if (!(text.startsWith("0x") || text.startsWith("0X")) || text.length() < 3 || text.length() > 34) {
            throw new IllegalArgumentException("v128 values are 0x followed by up to 32 hex digits, got " + text);
        }
        try {
            return new BigInteger(text.substring(2), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a hex number: " + text);
        }
    }
}
