package dev.weir.hal.messaging;

import java.nio.charset.StandardCharsets;

/**
 * MQTT topic names and topic filters as UTF-8 bytes (MQTT 3.1.1 section 4.7, MQTT 5 section 4.7),
 * checked and matched in place, so the publish path reads a topic straight from linear memory and
 * allocates nothing.
 * <p>
 * Levels are separated by {@code /}; in a filter, {@code +} stands for exactly one level and {@code #}
 * (only as the last level) for any number of levels, including none below its parent. Topics starting
 * with {@code $} are the broker's: a filter whose first level is a wildcard does not match them. weir
 * adds one rule of its own: no level may be {@code .} or {@code ..}, so a topic that a bridge or a
 * file-backed broker maps to a path cannot climb out of the subtree a grant names.
 */
public final class Topics {
    /** The longest topic or filter weir accepts, in bytes (MQTT allows 65535; inbox slots are sized by this). */
    public static final int MAX_LENGTH = 256;

    private Topics() {
    }

    /**
     * Whether bytes [offset, offset + length) are a topic name a message can be published to: 1..{@value
     * #MAX_LENGTH} bytes, no NUL, no wildcard, no {@code .} or {@code ..} level.
     */
    public static boolean isValidName(byte[] b, int offset, int length) {
        return check(b, offset, length, false);
    }

    /** Whether the bytes are a valid topic filter: as a name, plus {@code +} alone in a level and {@code #} alone in the last. */
    public static boolean isValidFilter(byte[] b, int offset, int length) {
        return check(b, offset, length, true);
    }

    private static boolean check(byte[] b, int offset, int length, boolean filter) {
        if (length < 1 || length > MAX_LENGTH) {
            return false;
        }
        int end = offset + length;
        int levelStart = offset;
        for (int i = offset; i <= end; i++) {
            if (i == end || b[i] == '/') {
                int n = i - levelStart;
                if (n == 1 && b[levelStart] == '.' || n == 2 && b[levelStart] == '.' && b[levelStart + 1] == '.') {
                    return false;
                }
                levelStart = i + 1;
                continue;
            }
            byte c = b[i];
            if (c == 0) {
                return false;
            }
            if (c == '+' || c == '#') {
                if (!filter) {
                    return false;
                }
                boolean alone = i == levelStart && (i + 1 == end || b[i + 1] == '/');
                if (!alone || c == '#' && i + 1 != end) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the topic name matches the filter (both already valid). */
    public static boolean matches(byte[] filter, byte[] topic, int offset, int length) {
        int f = 0;
        int fEnd = filter.length;
        int t = offset;
        int tEnd = offset + length;
        if (length > 0 && topic[offset] == '$' && fEnd > 0 && (filter[0] == '+' || filter[0] == '#')) {
            return false;
        }
        while (true) {
            if (f < fEnd && filter[f] == '#') {
                return true;
            }
            if (f < fEnd && filter[f] == '+') {
                while (t < tEnd && topic[t] != '/') {
                    t++;
                }
                f++;
            } else {
                while (f < fEnd && t < tEnd && filter[f] != '/' && topic[t] != '/') {
                    if (filter[f] != topic[t]) {
                        return false;
                    }
                    f++;
                    t++;
                }
                if ((f < fEnd && filter[f] != '/') || (t < tEnd && topic[t] != '/')) {
                    return false;
                }
            }
            // Both at a separator or an end.
            if (f == fEnd && t == tEnd) {
                return true;
            }
            if (t == tEnd) {
                // "a/#" also matches "a": the rest of the filter must be exactly "/#".
                return f + 2 == fEnd && filter[f] == '/' && filter[f + 1] == '#';
            }
            if (f == fEnd) {
                return false;
            }
            f++;
            t++;
        }
    }

    /**
     * Whether every topic that {@code wanted} (a filter the module asks for, bytes [offset, offset +
     * length)) matches is also matched by {@code granted}: the check that a module cannot widen its
     * grant with {@code +} or {@code #}. Level by level: a granted {@code #} covers the rest; a granted
     * {@code +} covers one level that is a name or {@code +}; a granted name covers only itself.
     */
    public static boolean covers(byte[] granted, byte[] wanted, int offset, int length) {
        int g = 0;
        int gEnd = granted.length;
        int w = offset;
        int wEnd = offset + length;
        if (length > 0 && wanted[offset] == '$' && gEnd > 0 && (granted[0] == '+' || granted[0] == '#')) {
            return false;
        }
        while (true) {
            if (g < gEnd && granted[g] == '#') {
                return true;
            }
            int gStart = g;
            while (g < gEnd && granted[g] != '/') {
                g++;
            }
            int wStart = w;
            while (w < wEnd && wanted[w] != '/') {
                w++;
            }
            int gLen = g - gStart;
            int wLen = w - wStart;
            boolean wantedWild = wLen == 1 && (wanted[wStart] == '#' || wanted[wStart] == '+');
            if (gLen == 1 && granted[gStart] == '+') {
                if (wLen == 1 && wanted[wStart] == '#') {
                    return false;
                }
            } else {
                if (wantedWild || gLen != wLen) {
                    return false;
                }
                for (int i = 0; i < gLen; i++) {
                    if (granted[gStart + i] != wanted[wStart + i]) {
                        return false;
                    }
                }
            }
            if (g == gEnd && w == wEnd) {
                return true;
            }
            if (w == wEnd) {
                // The wanted filter ends here; the granted one may continue with "/#", which covers its parent.
                return g + 2 == gEnd && granted[g + 1] == '#';
            }
            if (g == gEnd) {
                return false;
            }
            g++;
            w++;
        }
    }

    /** The UTF-8 bytes of a topic or filter string. */
    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
