package dev.weir.core.internal.binary;

/** Strict UTF-8 decoding (spec 5.2.4): rejects overlong forms, surrogates and code points past U+10FFFF. */
final class Utf8 {
    private Utf8() {
    }

    /** The decoded string, or null when the bytes are not valid UTF-8. */
    static String decode(byte[] b, int from, int length) {
        StringBuilder sb = new StringBuilder(length);
        int i = from;
        int end = from + length;
        while (i < end) {
            int c = b[i] & 0xFF;
            int need;
            int cp;
            int min;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            } else if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                cp = c & 0x1F;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                cp = c & 0x0F;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                cp = c & 0x07;
                min = 0x10000;
            } else {
                return null;
            }
            if (end - i - 1 < need) {
                return null;
            }
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return null;
                }
                cp = cp << 6 | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return null;
            }
            sb.appendCodePoint(cp);
            i += need + 1;
        }
        return sb.toString();
    }
}
