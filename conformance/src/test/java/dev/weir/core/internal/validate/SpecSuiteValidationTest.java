package dev.weir.core.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.MalformedModuleException;
import dev.weir.core.internal.binary.ModuleDecoder;
import dev.weir.core.internal.compile.Op;
import dev.weir.core.module.Module;
import dev.weir.text.Script;
import dev.weir.text.TextFormatException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the validator over the spec suite's modules (SIMD files excluded): every assert_invalid
 * module must be rejected with InvalidModuleException, every other module must validate, and
 * binary assert_malformed modules must not get past decoding plus validation. The scripts are
 * read by weir's text module. It lives in the conformance module, which has both core and text;
 * CodeVerifier and Compiled come from core's test jar.
 */
class SpecSuiteValidationTest {
    private static final File SUITE = new File(System.getProperty("wasm.testsuite", "../../shared/wasm-testsuite"));
    /** Damaged copies per module; raise with -Dweir.validator.mutations for a longer fuzzing run. */
    private static final int MUTATIONS = Integer.getInteger("weir.validator.mutations", 3);
    /** The commands of a script whose module this test checks. */
    private static final List<Script.Kind> KINDS = Arrays.asList(Script.Kind.MODULE, Script.Kind.ASSERT_INVALID,
            Script.Kind.ASSERT_MALFORMED, Script.Kind.ASSERT_UNLINKABLE, Script.Kind.ASSERT_UNINSTANTIABLE);

    @Test
    void suiteModulesValidateAndInvalidOnesAreRejected() throws Exception {
        assertTrue(SUITE.isDirectory(), "spec suite not found at " + SUITE + " (shared/wasm-testsuite beside the checkout)");
        List<String> failures = new ArrayList<String>();
        int checked = 0;
        File[] files = SUITE.listFiles();
        java.util.Arrays.sort(files);
        for (File wast : files) {
            String name = wast.getName();
            if (!name.endsWith(".wast")) {
                continue;
            }
            // The scripts are read by weir's own text module (dev.weir.text), not by wabt.
            String text = new String(Files.readAllBytes(wast.toPath()), StandardCharsets.UTF_8);
            for (Script.Command command : Script.parse(text)) {
                if (!KINDS.contains(command.kind) || command.module == null) {
                    continue;
                }
                // Text-level malformations are the text module's business (its own tests).
                if (command.kind == Script.Kind.ASSERT_MALFORMED && !command.module.isBinary()) {
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = command.module.binary();
                } catch (TextFormatException e) {
                    failures.add(name + ":" + command.line + ": the text module rejects it: " + e.getMessage());
                    continue;
                }
                checked++;
                String kind = command.kind.scriptName();
                String failure = check(kind, bytes, command.text, !name.startsWith("simd"));
                if (failure != null) {
                    failures.add(name + ":" + command.line + " (" + kind + "): " + failure);
                }
            }
        }
        for (String f : failures) {
            System.out.println(f);
        }
        // Every op of the instruction set came out of the compiler somewhere in the suite, and
        // CodeVerifier read it with the length and operand kinds of Op's table.
        StringBuilder unseen = new StringBuilder();
        for (int op = 0; op < Op.COUNT; op++) {
            if (!CodeVerifier.seen.get(op)) {
                unseen.append(' ').append(Op.name(op));
            }
        }
        System.out.println("ops the compiler never emitted in the suite:" + unseen);
        // Only superinstructions may be missing (the suite has no code that fuses into some of
        // them; SuperinstructionTest makes those): every other op must have been read.
        int plain = CodeVerifier.seen.get(0, Op.I32_ADD_I).cardinality()
                + CodeVerifier.seen.get(Op.I32_LOAD8_U_ADD + 1, Op.COUNT).cardinality();
        assertEquals(Op.COUNT - (Op.I32_LOAD8_U_ADD + 1 - Op.I32_ADD_I), plain,
                "ops outside the superinstructions that the suite never compiled:" + unseen);
        System.out.println("spec suite: " + checked + " modules checked, " + failures.size() + " failures");
        assertTrue(checked > 4000, "only " + checked + " modules of the suite were checked");
        assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + (failures.isEmpty() ? "" : failures.get(0)));
    }

    /**
     * Damages a few bytes of the code section a number of times: whatever the decoder lets
     * through, the validator must reject with a WasmException or compile into sound code.
     */
    private static String mutate(byte[] bytes, Module module) {
        int defined = module.functionCount() - module.importedFunctionCount();
        if (defined == 0) {
            return null;
        }
        int from = module.body(0).codeStart();
        int to = module.body(defined - 1).codeEnd();
        java.util.Random random = new java.util.Random(bytes.length * 31L + from);
        for (int run = 0; run < MUTATIONS; run++) {
            byte[] damaged = bytes.clone();
            for (int j = 0; j <= random.nextInt(3); j++) {
                damaged[from + random.nextInt(to - from)] = (byte) (random.nextBoolean() ? random.nextInt(256) : random.nextInt(0x20));
            }
            Module decoded;
            try {
                decoded = ModuleDecoder.decode(damaged);
            } catch (RuntimeException e) {
                continue;
            }
            try {
                CodeVerifier.verify(Compiled.of(decoded, run % 2 == 0, false, Compiled.CompileJit.OFF));
            } catch (dev.weir.core.module.WasmException e) {
                // rejected: fine
            } catch (RuntimeException | AssertionError e) {
                return "damaged copy " + run + " threw " + e + " at " + e.getStackTrace()[0];
            }
        }
        return null;
    }

    /**
     * Checks one module of the suite. The SIMD files' modules (a third of the suite, mostly the
     * same few instructions over many constants) are compiled once, for the instruction set's
     * coverage; the others in every compiler configuration, and damaged.
     */
    private static String check(String kind, byte[] bytes, String expected, boolean full) throws IOException {
        Module module;
        try {
            module = ModuleDecoder.decode(bytes);
        } catch (MalformedModuleException e) {
            return kind.equals("assert_malformed") ? null : "decoder: " + e.getMessage();
        } catch (InvalidModuleException e) {
            // The decoder may reject non-constant expressions itself.
            return kind.equals("assert_invalid") ? null : "decoder: " + e.getMessage();
        } catch (RuntimeException e) {
            return "decoder threw " + e;
        }
        try {
            CodeVerifier.verify(Compiled.of(module, true, false, Compiled.CompileJit.OFF));
            if (full) {
                CodeVerifier.verify(Compiled.of(module, false, false, Compiled.CompileJit.OFF));
                CodeVerifier.verify(Compiled.of(module, true, true, Compiled.CompileJit.OFF));
                CodeVerifier.verify(Compiled.of(module, true, false, Compiled.CompileJit.ALL));
                String mutated = mutate(bytes, module);
                if (mutated != null) {
                    return mutated;
                }
            }
            if (kind.equals("assert_invalid")) {
                return "validated, expected \"" + expected + "\"";
            }
            if (kind.equals("assert_malformed")) {
                return "accepted, expected malformed \"" + expected + "\"";
            }
            return null;
        } catch (InvalidModuleException e) {
            if (kind.equals("assert_invalid")) {
                if (!e.getMessage().startsWith(expected)) {
                    System.out.println("note: a module rejected with \"" + e.getMessage()
                            + "\", the suite says \"" + expected + "\"");
                }
                return null;
            }
            return "rejected: " + e.getMessage();
        } catch (MalformedModuleException e) {
            if (kind.equals("assert_invalid") && e.getMessage().startsWith("data count section required")) {
                // An encoder may leave out the data count section when there are no data segments,
                // which makes data.drop/memory.init malformed rather than invalid (wast2json does).
                return null;
            }
            return kind.equals("assert_malformed") ? null : "malformed: " + e.getMessage();
        } catch (RuntimeException | AssertionError e) {
            StackTraceElement[] st = e.getStackTrace();
            return "threw " + e + (st.length > 0 ? " at " + st[0] : "");
        }
    }
}
