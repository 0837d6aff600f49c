package dev.weir.hal.capability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads grant files: plain text, one grant per line, written by people.
 * <pre>
 * # blinky.grants: what examples/blinky may touch
 * gpio 17 output initial=0 shutdown=0
 * gpio 27 input pull=up edge=both
 * gpio 18 pwm frequency=50..1000 shutdown=0
 * </pre>
 * A line is words separated by spaces or tabs; the first word names the capability, and the parser
 * registered for it reads the rest. {@code #} at the start of a line or after white space starts a
 * comment (so MQTT filters such as {@code sensors/#} stay whole); blank lines are ignored. Every error
 * names the file and line. The same syntax is accepted one grant at a time ({@code weir run --grant}).
 */
public final class GrantFile {
    private final Map<String, GrantParser> parsers = new LinkedHashMap<String, GrantParser>();

    /** Registers the parser for lines starting with {@code capability}. */
    public GrantFile register(String capability, GrantParser parser) {
        parsers.put(capability, parser);
        return this;
    }

    /**
     * Parses a whole file.
     *
     * @param text the file's contents
     * @param name the file name used in messages
     */
    public List<Grant> parse(String text, String name) {
        List<Grant> result = new ArrayList<Grant>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Grant g = parseLine(lines[i], name + ":" + (i + 1));
            if (g != null) {
                result.add(g);
            }
        }
        return result;
    }

    /** Where a comment starts: a # at the start of the line or after a space or tab; -1 when none. */
    private static int commentStart(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
                return i;
            }
        }
        return -1;
    }

    /** Parses one line; returns null for a blank or comment line. */
    public Grant parseLine(String line, String origin) {
        int hash = commentStart(line);
        String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
        if (content.isEmpty()) {
            return null;
        }
        String[] words = content.split("[ \t]+");
        GrantParser parser = parsers.get(words[0]);
        if (parser == null) {
            throw new GrantSyntaxException(origin, "unknown capability '" + words[0] + "' (known: "
                    + String.join(", ", parsers.keySet()) + ")");
        }
        return parser.parse(words, origin);
    }
}
