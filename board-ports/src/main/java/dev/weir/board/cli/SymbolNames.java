package dev.weir.board.cli;

/**
 * Makes the function names of trap backtraces readable. Rust (before its v0 mangling, still the
 * default) names functions in the name section with the Itanium-style legacy scheme, for example
 * {@code _ZN3std9panicking19begin_panic_handler17h8ef066ac4d1e7406E}; this turns that into
 * {@code std::panicking::begin_panic_handler}, as wasmtime and Rust's own backtraces print it.
 * Anything else, C++ names included, is left as it is.
 */
final class SymbolNames {
    private SymbolNames() {
    }

    /** A backtrace frame, {@code NAME[INDEX]} or a bare name, with NAME demangled when it is a legacy Rust name. */
    static String frame(String frame) {
        int bracket = frame.lastIndexOf('[');
        String name = bracket > 0 && frame.endsWith("]") ? frame.substring(0, bracket) : frame;
        String readable = demangleRust(name);
        return readable == null ? frame : readable + frame.substring(name.length());
    }

    /**
     * The readable form of a legacy Rust symbol ({@code _ZN} length-prefixed path segments
     * {@code E}, with an optional {@code .llvm.NNN} suffix), without its hash segment; null when
     * name is not one.
     */
    static String demangleRust(String name) {
        String symbol = name;
        int llvm = symbol.indexOf(".llvm.");
        if (llvm > 0) {
            symbol = symbol.substring(0, llvm);
        }
        if (!symbol.startsWith("_ZN") || !symbol.endsWith("E")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int at = 3;
        int end = symbol.length() - 1;
        boolean hashed = false;
        while (at < end) {
            int digits = at;
            while (digits < end && Character.isDigit(symbol.charAt(digits))) {
                digits++;
            }
            if (digits == at || digits - at > 6) {
                return null;
            }
            int length = Integer.parseInt(symbol.substring(at, digits));
            if (length == 0 || digits + length > end) {
                return null;
            }
            String segment = symbol.substring(digits, digits + length);
            at = digits + length;
            if (at == end && isHash(segment)) {
                hashed = true;
                break;
            }
            String readable = unescape(segment);
            if (readable == null) {
                return null;
            }
            if (out.length() > 0) {
                out.append("::");
            }
            out.append(readable);
        }
        // Without the hash segment it may be a C++ name, which this does not claim to read.
        return hashed && out.length() > 0 ? out.toString() : null;
    }

    private static boolean isHash(String segment) {
        if (segment.length() != 17 || segment.charAt(0) != 'h') {
            return false;
        }
        for (int i = 1; i < 17; i++) {
            if (Character.digit(segment.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Rust's escapes in one segment: $LT$ and the like, $uXX$ for any character, ".." for "::". */
    private static String unescape(String segment) {
        String s = segment.startsWith("_$") ? segment.substring(1) : segment;
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '$') {
                int close = s.indexOf('$', i + 1);
                if (close < 0) {
                    return null;
                }
                String escape = s.substring(i + 1, close);
                String replacement = escape(escape);
                if (replacement == null) {
                    return null;
                }
                out.append(replacement);
                i = close + 1;
            } else if (c == '.' && i + 1 < s.length() && s.charAt(i + 1) == '.') {
                out.append("::");
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String escape(String code) {
        switch (code) {
            case "SP": return "@";
            case "BP": return "*";
            case "RF": return "&";
            case "LT": return "<";
            case "GT": return ">";
            case "LP": return "(";
            case "RP": return ")";
            case "C": return ",";
            default:
                if (code.length() >= 2 && code.charAt(0) == 'u') {
                    try {
                        return new String(Character.toChars(Integer.parseInt(code.substring(1), 16)));
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
                return null;
        }
    }
}
