package dev.weir.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The spec tests weir deliberately does not run, each with its reason, read from
 * {@code conformance/exclusions.tsv}. A line is {@code PATTERN<TAB>REASON}; {@code #} starts a
 * comment line. PATTERN is either a file-name glob ({@code *} and {@code ?}), which skips every
 * assertion of the matching {@code .wast} files, or {@code NAME.wast:LINE}, which skips the one
 * assertion at that line of the script.
 */
public final class Exclusions {
    private final List<Pattern> filePatterns = new ArrayList<>();
    private final List<String> fileReasons = new ArrayList<>();
    private final Map<String, String> lineReasons = new LinkedHashMap<>();

    private Exclusions() {
    }

    /** No exclusions at all. */
    public static Exclusions none() {
        return new Exclusions();
    }

    /** Reads the exclusions file; a missing file means no exclusions. */
    public static Exclusions load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return none();
        }
        return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file.toString());
    }

    /** Parses exclusions text; where names the source in error messages. */
    public static Exclusions parse(String text, String where) {
        Exclusions exclusions = new Exclusions();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            String pattern = (tab < 0 ? line : line.substring(0, tab)).strip();
            String reason = tab < 0 ? "" : line.substring(tab + 1).strip();
            if (pattern.isEmpty() || reason.isEmpty()) {
                throw new IllegalArgumentException(where + ":" + (i + 1)
                        + ": an exclusion needs a pattern, a tab and a reason: \"" + line + "\"");
            }
            int colon = pattern.lastIndexOf(':');
            if (colon > 0 && pattern.substring(colon + 1).chars().allMatch(Character::isDigit)
                    && colon < pattern.length() - 1) {
                exclusions.lineReasons.put(pattern, reason);
            } else {
                exclusions.filePatterns.add(glob(pattern));
                exclusions.fileReasons.add(reason);
            }
        }
        return exclusions;
    }

    /** Why the whole file (a {@code .wast} file name such as {@code simd_lane.wast}) is skipped, or null. */
    public String fileReason(String wastName) {
        for (int i = 0; i < filePatterns.size(); i++) {
            if (filePatterns.get(i).matcher(wastName).matches()) {
                return fileReasons.get(i);
            }
        }
        return null;
    }

    /** Why the assertion at that script line is skipped, or null. */
    public String lineReason(String wastName, int line) {
        return lineReasons.get(wastName + ":" + line);
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
