package dev.weir.text;

/**
 * Numeric literals of the text format (spec 6.3.1 Integers, 6.3.2 Floating-Point): decimal and
 * hexadecimal integers with an optional sign, underscores between digits, and floats in decimal
 * or hexadecimal notation, {@code inf}, {@code nan} and {@code nan:0x...}. Out-of-range values are
 * malformed ("constant out of range"), as is a float that rounds to infinity.
 */
final class Numbers {
    private static final long MAX_DIV_10 = Long.divideUnsigned(-1L, 10);

    private Numbers() {
    }

    /** An unsigned 32-bit integer (indices, limits, offsets, alignments), as a long. */
    static long u32(Node n) {
        String t = atomText(n, "an unsigned integer");
        char c = t.charAt(0);
        if (c == '+' || c == '-') {
            throw n.error("unexpected sign: expected an unsigned integer, got \"" + t + "\"");
        }
        long v = magnitude(n, t, 0, "an unsigned integer");
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw n.error("constant out of range: " + t + " does not fit 32 bits");
        }
        return v;
    }

    /** True when the atom has the syntax of an unsigned integer (an index rather than an id). */
    static boolean isUnsigned(Node n) {
        if (!n.isAtom()) {
            return false;
        }
        char c = n.text.charAt(0);
        return c >= '0' && c <= '9';
    }

    /** A 32-bit integer, signed or unsigned ({@code -2^31 .. 2^32-1}), as its bits. */
    static int i32(Node n) {
        String t = atomText(n, "an i32 literal");
        boolean negative = t.charAt(0) == '-';
        int start = t.charAt(0) == '-' || t.charAt(0) == '+' ? 1 : 0;
        long v = magnitude(n, t, start, "an i32 literal");
        if (negative ? Long.compareUnsigned(v, 0x80000000L) > 0 : Long.compareUnsigned(v, 0xFFFFFFFFL) > 0) {
            throw n.error("constant out of range: " + t + " does not fit an i32");
        }
        return (int) (negative ? -v : v);
    }

    /** A 64-bit integer, signed or unsigned. */
    static long i64(Node n) {
        String t = atomText(n, "an i64 literal");
        boolean negative = t.charAt(0) == '-';
        int start = t.charAt(0) == '-' || t.charAt(0) == '+' ? 1 : 0;
        long v = magnitude(n, t, start, "an i64 literal");
        if (negative && Long.compareUnsigned(v, 0x8000000000000000L) > 0) {
            throw n.error("constant out of range: " + t + " does not fit an i64");
        }
        return negative ? -v : v;
    }

    /** An integer of the given width in bits (8 or 16, for vector lanes), signed or unsigned. */
    static int small(Node n, int bits) {
        int v = i32(n);
        String t = n.text;
        long max = (1L << bits) - 1;
        long min = -(1L << (bits - 1));
        long value = t.charAt(0) == '-' ? v : v & 0xFFFFFFFFL;
        if (value > max || value < min) {
            throw n.error("constant out of range: " + t + " does not fit " + bits + " bits");
        }
        return v;
    }

    /** The magnitude of the digits from start; throws when they overflow 64 bits. */
    private static long magnitude(Node n, String t, int start, String what) {
        boolean hex = t.startsWith("0x", start);
        int i = hex ? start + 2 : start;
        int base = hex ? 16 : 10;
        if (i >= t.length()) {
            throw n.error("malformed number \"" + t + "\": expected " + what);
        }
        long v = 0;
        boolean lastUnderscore = true;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '_') {
                if (lastUnderscore) {
                    throw n.error("malformed number \"" + t + "\": underscores go between digits");
                }
                lastUnderscore = true;
                continue;
            }
            int d = c < 0x80 ? Character.digit(c, base) : -1;
            if (d < 0) {
                throw n.error("unexpected token \"" + t + "\": expected " + what);
            }
            lastUnderscore = false;
            if (hex) {
                if ((v >>> 60) != 0) {
                    throw n.error("constant out of range: " + t + " does not fit 64 bits");
                }
                v = v << 4 | d;
            } else {
                if (Long.compareUnsigned(v, MAX_DIV_10) > 0) {
                    throw n.error("constant out of range: " + t + " does not fit 64 bits");
                }
                long next = v * 10 + d;
                if (Long.compareUnsigned(next, v * 10) < 0) {
                    throw n.error("constant out of range: " + t + " does not fit 64 bits");
                }
                v = next;
            }
        }
        if (lastUnderscore) {
            throw n.error("malformed number \"" + t + "\": underscores go between digits");
        }
        return v;
    }

    /** The bits of an f32 literal. */
    static int f32(Node n) {
        String t = atomText(n, "an f32 literal");
        boolean negative = t.charAt(0) == '-';
        int start = negative || t.charAt(0) == '+' ? 1 : 0;
        int sign = negative ? 0x80000000 : 0;
        String body = t.substring(start);
        if (body.equals("inf")) {
            return sign | 0x7F800000;
        }
        if (body.equals("nan")) {
            return sign | 0x7FC00000;
        }
        if (body.startsWith("nan:0x")) {
            long payload = magnitude(n, body, 4, "a NaN payload");
            if (payload < 1 || payload >= 1L << 23) {
                throw n.error("constant out of range: NaN payload of " + t + " must be 1 to 0x7fffff");
            }
            return sign | 0x7F800000 | (int) payload;
        }
        float f = Float.parseFloat(javaFloat(n, t, start));
        if (Float.isInfinite(f)) {
            throw n.error("constant out of range: " + t + " rounds to infinity as an f32");
        }
        return Float.floatToRawIntBits(f);
    }

    /** The bits of an f64 literal. */
    static long f64(Node n) {
        String t = atomText(n, "an f64 literal");
        boolean negative = t.charAt(0) == '-';
        int start = negative || t.charAt(0) == '+' ? 1 : 0;
        long sign = negative ? 0x8000000000000000L : 0;
        String body = t.substring(start);
        if (body.equals("inf")) {
            return sign | 0x7FF0000000000000L;
        }
        if (body.equals("nan")) {
            return sign | 0x7FF8000000000000L;
        }
        if (body.startsWith("nan:0x")) {
            long payload = magnitude(n, body, 4, "a NaN payload");
            if (payload < 1 || payload >= 1L << 52) {
                throw n.error("constant out of range: NaN payload of " + t + " must be 1 to 0xfffffffffffff");
            }
            return sign | 0x7FF0000000000000L | payload;
        }
        double d = Double.parseDouble(javaFloat(n, t, start));
        if (Double.isInfinite(d)) {
            throw n.error("constant out of range: " + t + " rounds to infinity as an f64");
        }
        return Double.doubleToRawLongBits(d);
    }

    /**
     * Checks the spec's float syntax and rewrites it for Java's parser, which rounds to nearest
     * even as the spec asks: underscores removed, a binary exponent added to hex floats without one.
     */
    private static String javaFloat(Node n, String t, int start) {
        StringBuilder sb = new StringBuilder(t.length() + 3);
        if (t.charAt(0) == '-') {
            sb.append('-');
        }
        boolean hex = t.startsWith("0x", start);
        int i = hex ? start + 2 : start;
        if (hex) {
            sb.append("0x");
        }
        int base = hex ? 16 : 10;
        // Integer part (required), then an optional fraction, then an optional exponent.
        i = digits(n, t, i, base, sb, true);
        if (i < t.length() && t.charAt(i) == '.') {
            sb.append('.');
            i++;
            if (i < t.length() && Character.digit(t.charAt(i), base) >= 0 && t.charAt(i) < 0x80) {
                i = digits(n, t, i, base, sb, true);
            }
        }
        boolean exponent = false;
        if (i < t.length()) {
            char e = t.charAt(i);
            if (hex ? e == 'p' || e == 'P' : e == 'e' || e == 'E') {
                exponent = true;
                sb.append(hex ? 'p' : 'e');
                i++;
                if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                    sb.append(t.charAt(i));
                    i++;
                }
                i = digits(n, t, i, 10, sb, true);
            }
        }
        if (i != t.length()) {
            throw n.error("unexpected token \"" + t + "\": expected a number");
        }
        if (hex && !exponent) {
            sb.append("p0");
        }
        return sb.toString();
    }

    /** Digits with underscores only between them, from i; returns where they end. */
    private static int digits(Node n, String t, int i, int base, StringBuilder sb, boolean required) {
        int first = i;
        boolean lastUnderscore = true;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '_') {
                if (lastUnderscore) {
                    throw n.error("malformed number \"" + t + "\": underscores go between digits");
                }
                lastUnderscore = true;
                continue;
            }
            if (c >= 0x80 || Character.digit(c, base) < 0) {
                break;
            }
            lastUnderscore = false;
            sb.append(c);
        }
        if (required && i == first || i > first && lastUnderscore) {
            throw n.error("unexpected token \"" + t + "\": expected a number");
        }
        return i;
    }

    private static String atomText(Node n, String what) {
        if (!n.isAtom() || n.isId()) {
            throw n.error("unexpected " + n.describe() + ": expected " + what);
        }
        char c = n.text.charAt(0);
        if (!(c >= '0' && c <= '9' || c == '+' || c == '-' || c == 'i' || c == 'n')) {
            throw n.error("unexpected " + n.describe() + ": expected " + what);
        }
        return n.text;
    }
}
