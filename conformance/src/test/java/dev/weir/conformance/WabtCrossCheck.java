package dev.weir.conformance;

import dev.weir.testsupport.Json;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.WasmException;
import dev.weir.core.CompiledModule;
import dev.weir.core.module.Export;
import dev.weir.core.module.Module;
import dev.weir.core.Wasm;
import dev.weir.text.Script;
import dev.weir.text.TextFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * weir's text module against wabt's {@code wast2json}, on every module of the spec suite: the
 * binary weir writes for a module and the one wabt writes are accepted or rejected alike, export
 * the same names with the same kinds and function types, and the script run on wabt's binaries
 * gives the same passes and failures (the suite's invocations and their results) as the script
 * run on weir's. Not part of {@code make test} (its name does not end in Test): {@code make
 * crosscheck} runs it, and it fails when {@code wast2json} (Debian package wabt) is missing.
 */
class WabtCrossCheck {
    @TempDir
    Path dir;

    @Test
    void weirsBinariesBehaveLikeWabtsOnEverySuiteModule() throws Exception {
        Path suite = Paths.get(System.getProperty("wasm.testsuite", "../../shared/wasm-testsuite"));
        Wast2Json converter = new Wast2Json(System.getProperty("wast2json", "wast2json"), dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(suite)) {
            files = s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        assertTrue(files.size() > 100, "expected the spec suite in " + suite);
        List<String> problems = new ArrayList<>();
        int compared = 0;
        for (Path wast : files) {
            String name = wast.getFileName().toString();
            Path json = converter.convert(wast);
            Object jsonScript = Json.parse(Files.readString(json));
            Map<Integer, Script.Module> weirModules = new HashMap<>();
            for (Script.Command c : Script.parse(Files.readString(wast))) {
                if (c.module != null) {
                    weirModules.put(c.module.line(), c.module); // wast2json numbers modules by their own line
                }
            }
            for (Object o : (List<?>) ((Map<?, ?>) jsonScript).get("commands")) {
                Map<?, ?> command = (Map<?, ?>) o;
                Object file = command.get("filename");
                if (!(file instanceof String f) || !f.endsWith(".wasm")) {
                    continue;
                }
                int line = (int) (long) (Long) command.get("line");
                Script.Module weir = weirModules.get(line);
                String where = name + ":" + line;
                if (weir == null) {
                    problems.add(where + ": weir found no module at this line");
                    continue;
                }
                compared++;
                String difference = compare(Files.readAllBytes(json.resolveSibling(f)), weir);
                if (difference != null) {
                    problems.add(where + ": " + difference);
                }
            }
            FileResult wabtRun = new FileResult(name);
            new ScriptRunner(json.getParent(), name, Exclusions.none(), wabtRun, ConformanceSuite.storeLimits(name)).run(jsonScript);
            FileResult weirRun = new FileResult(name);
            new ScriptRunner(wast.getParent(), name, Exclusions.none(), weirRun, ConformanceSuite.storeLimits(name))
                    .run(WastCommands.of(Files.readString(wast)));
            if (wabtRun.passed() != weirRun.passed() || !wabtRun.failures().toString().equals(weirRun.failures().toString())) {
                problems.add(name + ": on wabt's binaries " + wabtRun.passed() + " passed, failures " + wabtRun.failures()
                        + "; on weir's " + weirRun.passed() + " passed, failures " + weirRun.failures());
            }
        }
        assertTrue(compared > 4000, "compared only " + compared + " modules");
        assertTrue(problems.isEmpty(), problems.size() + " differences:\n" + String.join("\n", problems));
    }

    /** Null when both binaries load alike and export the same things, else the difference. */
    private static String compare(byte[] wabt, Script.Module weirModule) {
        byte[] weir;
        try {
            weir = weirModule.binary();
        } catch (TextFormatException e) {
            return "wabt wrote a binary, weir found the text malformed: " + e.getMessage();
        }
        String wabtOutcome = outcome(wabt);
        String weirOutcome = outcome(weir);
        if (wabtOutcome.equals("data count section required") && weirOutcome.equals("InvalidModuleException")) {
            // memory.init or data.drop with no data segment: wabt writes no data count section, so its
            // binary is malformed; weir writes one, so its binary is invalid (unknown data segment).
            // assert_invalid accepts both (see ScriptRunner.isMissingDataCount).
            return null;
        }
        if (!wabtOutcome.equals(weirOutcome)) {
            return "wabt's binary: " + wabtOutcome + "; weir's: " + weirOutcome;
        }
        return null;
    }

    /** "exports: ..." for a module that loads, else the exception's type. */
    private static String outcome(byte[] bytes) {
        CompiledModule compiled;
        try {
            compiled = Wasm.parse(bytes);
        } catch (WasmException e) {
            return String.valueOf(e.getMessage()).contains("data count section required") ? "data count section required"
                    : e.getClass().getSimpleName();
        }
        Module m = compiled.module();
        StringBuilder sb = new StringBuilder("exports:");
        for (int i = 0; i < m.exportCount(); i++) {
            Export e = m.export(i);
            sb.append(' ').append(e.name()).append('/').append(e.kind());
            switch (e.kind()) {
                case 0 -> sb.append(m.functionType(e.index()));
                case 1 -> sb.append(m.table(e.index()));
                case 2 -> sb.append(m.memory(e.index()));
                default -> sb.append(m.global(e.index()));
            }
        }
        return sb.toString();
    }
}
