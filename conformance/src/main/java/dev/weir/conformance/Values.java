package dev.weir.conformance;

import java.util.List;
import java.util.Map;

/**
 * Translates the typed values of {@code wast2json} scripts to and from weir's slot encoding.
 * <p>
 * In the scripts, i32 and i64 are decimal strings of the unsigned value and f32/f64 are decimal
 * strings of the IEEE bit pattern; a float may instead be {@code nan:canonical} or
 * {@code nan:arithmetic} (spec "NaN propagation"); references are {@code null} or, for externref,
 * the host value N (slot N + 1, since slot 0 is null); v128 carries a {@code lane_type} and one
 * string per lane. In slots, i32/f32 sit in the low 32 bits, floats as raw bits, and v128 takes
 * two slots, low half first.
 */
public final class Values {
    private static final int F32_EXPONENT = 0x7F80_0000;
    private static final int F32_QUIET = 0x0040_0000;
    private static final long F64_EXPONENT = 0x7FF0_0000_0000_0000L;
    private static final long F64_QUIET = 0x0008_0000_0000_0000L;

    private Values() {
    }

    /** Slots a value of this script type takes. */
    public static int slots(String type) {
        return "v128".equals(type) ? 2 : 1;
    }

    /** Total slots of a list of script values. */
    public static int slots(List<Map<String, Object>> values) {
        int n = 0;
        for (Map<String, Object> v : values) {
            n += slots(type(v));
        }
        return n;
    }

    public static String type(Map<String, Object> value) {
        Object type = value.get("type");
        if (!(type instanceof String)) {
            throw new IllegalArgumentException("value without a type: " + value);
        }
        return (String) type;
    }

    /**
     * Writes an argument value into out at index at.
     *
     * @return the number of slots written
     */
    public static int encode(Map<String, Object> value, long[] out, int at) {
        String type = type(value);
        switch (type) {
            case "i32":
            case "f32":
                out[at] = parseBits(text(value), 32);
                return 1;
            case "i64":
            case "f64":
                out[at] = parseBits(text(value), 64);
                return 1;
            case "externref":
                out[at] = externref(text(value));
                return 1;
            case "funcref":
                if (!"null".equals(text(value))) {
                    throw new IllegalArgumentException("a non-null funcref argument cannot be written in a script");
                }
                out[at] = 0;
                return 1;
            case "v128": {
                String laneType = laneType(value);
                List<?> lanes = lanes(value, laneType);
                int bits = laneBits(laneType);
                long lo = 0;
                long hi = 0;
                for (int i = 0; i < lanes.size(); i++) {
                    long lane = parseBits(laneText(lanes.get(i)), bits);
                    int shift = i * bits;
                    if (shift < 64) {
                        lo |= lane << shift;
                    } else {
                        hi |= lane << (shift - 64);
                    }
                }
                out[at] = lo;
                out[at + 1] = hi;
                return 2;
            }
            default:
                throw new IllegalArgumentException("unknown value type \"" + type + "\"");
        }
    }

    /**
     * Compares a result (slots from at) with an expected value.
     *
     * @return null when it matches, else a one-line description of the mismatch
     */
    public static String mismatch(Map<String, Object> expected, long[] slots, int at) {
        String type = type(expected);
        boolean ok;
        switch (type) {
            case "i32":
                ok = (int) slots[at] == (int) parseBits(text(expected), 32);
                break;
            case "i64":
                ok = slots[at] == parseBits(text(expected), 64);
                break;
            case "f32":
                ok = floatMatches(text(expected), slots[at], 32);
                break;
            case "f64":
                ok = floatMatches(text(expected), slots[at], 64);
                break;
            case "externref":
                ok = slots[at] == externref(text(expected));
                break;
            case "funcref":
                // Scripts cannot name a function's reference, so any non-null one matches a non-null expectation.
                ok = "null".equals(text(expected)) ? slots[at] == 0 : slots[at] != 0;
                break;
            case "v128": {
                String laneType = laneType(expected);
                List<?> lanes = lanes(expected, laneType);
                int bits = laneBits(laneType);
                boolean isFloat = laneType.startsWith("f");
                ok = true;
                for (int i = 0; i < lanes.size() && ok; i++) {
                    long lane = lane(slots, at, i, bits);
                    String want = laneText(lanes.get(i));
                    ok = isFloat ? floatMatches(want, lane, bits) : lane == parseBits(want, bits);
                }
                break;
            }
            default:
                throw new IllegalArgumentException("unknown value type \"" + type + "\"");
        }
        if (ok) {
            return null;
        }
        return "expected " + describeExpected(expected) + ", got " + describe(type, expected, slots, at);
    }

    /** A script value as written, for messages: {@code i32 42}, {@code f32 nan:canonical}, {@code v128 i32x4 [1 2 3 4]}. */
    public static String describeExpected(Map<String, Object> value) {
        String type = type(value);
        if (!value.containsKey("value")) {
            return type;
        }
        if ("v128".equals(type)) {
            String laneType = laneType(value);
            StringBuilder sb = new StringBuilder("v128 ").append(laneType).append('x')
                    .append(128 / laneBits(laneType)).append(" [");
            List<?> lanes = lanes(value, laneType);
            for (int i = 0; i < lanes.size(); i++) {
                String lane = laneText(lanes.get(i));
                sb.append(i == 0 ? "" : " ").append(lane.startsWith("nan:") ? lane : formatBits(laneType, parseBits(lane, laneBits(laneType))));
            }
            return sb.append(']').toString();
        }
        String text = text(value);
        if (text.startsWith("nan:") || "null".equals(text)) {
            return type + " " + text;
        }
        if (type.equals("externref")) {
            return "externref " + text;
        }
        if (type.equals("funcref")) {
            return "funcref (non-null)";
        }
        return type + " " + formatBits(type, parseBits(text, type.endsWith("32") ? 32 : 64));
    }

    /** An actual result of the given script type, for messages; like is used for v128's lane shape. */
    public static String describe(String type, Map<String, Object> like, long[] slots, int at) {
        switch (type) {
            case "i32":
            case "f32":
                return type + " " + formatBits(type, slots[at] & 0xFFFF_FFFFL);
            case "i64":
            case "f64":
                return type + " " + formatBits(type, slots[at]);
            case "externref":
                return slots[at] == 0 ? "externref null" : "externref " + Long.toUnsignedString(slots[at] - 1);
            case "funcref":
                return slots[at] == 0 ? "funcref null" : "funcref (slot " + slots[at] + ")";
            case "v128": {
                String laneType = like != null && like.get("lane_type") instanceof String ? (String) like.get("lane_type") : "i32";
                int bits = laneBits(laneType);
                StringBuilder sb = new StringBuilder("v128 ").append(laneType).append('x').append(128 / bits).append(" [");
                for (int i = 0; i < 128 / bits; i++) {
                    sb.append(i == 0 ? "" : " ").append(formatBits(laneType, lane(slots, at, i, bits)));
                }
                return sb.append(']').toString();
            }
            default:
                return type + " 0x" + Long.toHexString(slots[at]);
        }
    }

    /**
     * nan:canonical is a NaN with only the quiet bit of the payload set (either sign);
     * nan:arithmetic is any NaN with the quiet bit set. Anything else compares bit-exact.
     */
    static boolean floatMatches(String expected, long bits, int width) {
        if (width == 32) {
            int f = (int) bits;
            switch (expected) {
                case "nan:canonical":
                    return (f & 0x7FFF_FFFF) == (F32_EXPONENT | F32_QUIET);
                case "nan:arithmetic":
                    return (f & (F32_EXPONENT | F32_QUIET)) == (F32_EXPONENT | F32_QUIET);
                default:
                    return f == (int) parseBits(expected, 32);
            }
        }
        switch (expected) {
            case "nan:canonical":
                return (bits & 0x7FFF_FFFF_FFFF_FFFFL) == (F64_EXPONENT | F64_QUIET);
            case "nan:arithmetic":
                return (bits & (F64_EXPONENT | F64_QUIET)) == (F64_EXPONENT | F64_QUIET);
            default:
                return bits == parseBits(expected, 64);
        }
    }

    /**
     * Parses a decimal integer that wast2json writes unsigned (a leading minus is accepted too)
     * and returns its low width bits, zero-extended.
     */
    static long parseBits(String text, int width) {
        long v;
        try {
            v = text.startsWith("-") ? Long.parseLong(text) : Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a " + width + "-bit integer: \"" + text + "\"");
        }
        if (width < 64) {
            long mask = (1L << width) - 1;
            boolean fits = text.startsWith("-") ? v >= -(1L << (width - 1)) : (v & ~mask) == 0;
            if (!fits) {
                throw new IllegalArgumentException("not a " + width + "-bit integer: \"" + text + "\"");
            }
            return v & mask;
        }
        return v;
    }

    private static long externref(String text) {
        return "null".equals(text) ? 0 : parseBits(text, 64) + 1;
    }

    private static String formatBits(String type, long bits) {
        switch (type) {
            case "i8":
            case "i16":
            case "i32":
            case "i64":
                return Long.toUnsignedString(bits) + " (0x" + Long.toHexString(bits) + ")";
            case "f32":
                return "0x" + Integer.toHexString((int) bits) + " (" + Float.intBitsToFloat((int) bits) + ")";
            case "f64":
                return "0x" + Long.toHexString(bits) + " (" + Double.longBitsToDouble(bits) + ")";
            default:
                return "0x" + Long.toHexString(bits);
        }
    }

    private static long lane(long[] slots, int at, int index, int bits) {
        int shift = index * bits;
        long half = shift < 64 ? slots[at] : slots[at + 1];
        long v = half >>> (shift & 63);
        return bits == 64 ? v : v & ((1L << bits) - 1);
    }

    private static String text(Map<String, Object> value) {
        Object v = value.get("value");
        if (!(v instanceof String)) {
            throw new IllegalArgumentException(type(value) + " value without a string \"value\": " + value);
        }
        return (String) v;
    }

    private static String laneType(Map<String, Object> value) {
        Object laneType = value.get("lane_type");
        if (!(laneType instanceof String)) {
            throw new IllegalArgumentException("v128 value without a lane_type: " + value);
        }
        return (String) laneType;
    }

    private static int laneBits(String laneType) {
        switch (laneType) {
            case "i8": return 8;
            case "i16": return 16;
            case "i32":
            case "f32": return 32;
            case "i64":
            case "f64": return 64;
            default: throw new IllegalArgumentException("unknown v128 lane type \"" + laneType + "\"");
        }
    }

    private static List<?> lanes(Map<String, Object> value, String laneType) {
        Object lanes = value.get("value");
        int expected = 128 / laneBits(laneType);
        if (!(lanes instanceof List) || ((List<?>) lanes).size() != expected) {
            throw new IllegalArgumentException("v128 " + laneType + " value needs " + expected + " lanes: " + value);
        }
        return (List<?>) lanes;
    }

    private static String laneText(Object lane) {
        if (!(lane instanceof String)) {
            throw new IllegalArgumentException("v128 lane is not a string: " + lane);
        }
        return (String) lane;
    }
}
