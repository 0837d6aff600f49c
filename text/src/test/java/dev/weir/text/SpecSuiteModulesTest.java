package dev.weir.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.MalformedModuleException;
import dev.weir.core.module.WasmException;
import dev.weir.core.Wasm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every module of the spec suite through this parser and core: modules that should load decode
 * and validate; assert_invalid modules are well-formed text that core finds invalid;
 * assert_malformed text modules are rejected here, as TextFormatException.
 */
class SpecSuiteModulesTest {
    static Path suite() {
        Path dir = Paths.get(System.getProperty("wasm.testsuite", "../../shared/wasm-testsuite"));
        assertTrue(Files.isDirectory(dir), "the spec suite is missing: " + dir.toAbsolutePath() + " (set -Dwasm.testsuite=DIR)");
        return dir;
    }

    static List<Path> wastFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(suite(), "*.wast")) {
            for (Path p : ds) {
                files.add(p);
            }
        }
        files.sort(null);
        return files;
    }

    @Test
    void everySuiteModuleBecomesTheBinaryItsAssertionExpects() throws IOException {
        List<String> failures = new ArrayList<>();
        int modules = 0;
        for (Path file : wastFiles()) {
            String name = file.getFileName().toString();
            List<Script.Command> commands;
            try {
                commands = Script.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            } catch (TextFormatException e) {
                failures.add(name + ": script: " + e.getMessage());
                continue;
            }
            for (Script.Command c : commands) {
                if (c.module == null) {
                    continue;
                }
                modules++;
                String where = name + ":" + c.line + " " + c.kind.scriptName();
                byte[] binary;
                try {
                    binary = c.module.binary();
                } catch (TextFormatException e) {
                    if (c.kind != Script.Kind.ASSERT_MALFORMED) {
                        failures.add(where + ": " + e.getMessage());
                    }
                    continue;
                } catch (RuntimeException e) {
                    failures.add(where + ": " + e);
                    continue;
                }
                try {
                    Wasm.parse(binary);
                    if (c.kind == Script.Kind.ASSERT_MALFORMED || c.kind == Script.Kind.ASSERT_INVALID) {
                        failures.add(where + ": accepted, expected \"" + c.text + "\"");
                    }
                } catch (MalformedModuleException e) {
                    if (c.kind != Script.Kind.ASSERT_MALFORMED && !(c.kind == Script.Kind.ASSERT_INVALID
                            && String.valueOf(e.getMessage()).contains("data count section required"))) {
                        failures.add(where + ": core: " + e.getMessage());
                    } else if (c.kind == Script.Kind.ASSERT_MALFORMED && !c.module.isBinary()) {
                        failures.add(where + ": text accepted, binary malformed: " + e.getMessage() + " expected \"" + c.text + "\"");
                    }
                } catch (InvalidModuleException e) {
                    if (c.kind != Script.Kind.ASSERT_INVALID) {
                        failures.add(where + ": core: invalid: " + e.getMessage());
                    }
                } catch (WasmException e) {
                    failures.add(where + ": core: " + e);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String f : failures) {
            sb.append(f).append('\n');
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + modules + " modules:\n" + sb);
    }
}
