package dev.weir.conformance;

import dev.weir.testsupport.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Wast2JsonCheck {
    @TempDir
    Path dir;

    private Wast2Json converter;

    @BeforeEach
    void needsWast2Json() {
        String exe = System.getProperty("wast2json", "wast2json");
        boolean found;
        try {
            found = new ProcessBuilder(exe, "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            found = false;
        }
        assertTrue(found, "wast2json is not installed: install the Debian package wabt (make deps-wabt)");
        converter = new Wast2Json(exe, dir.resolve("out"));
    }

    @Test
    void convertsAScriptIntoItsOwnFolder() throws Exception {
        Path wast = Files.writeString(dir.resolve("tiny.wast"),
                "(module (func (export \"f\") (result i32) (i32.const 7)))\n(assert_return (invoke \"f\") (i32.const 7))\n");
        Path json = converter.convert(wast);
        assertEquals(dir.resolve("out/tiny/tiny.json"), json);
        assertTrue(Files.exists(dir.resolve("out/tiny/tiny.0.wasm")));
        List<?> commands = (List<?>) ((Map<?, ?>) Json.parse(Files.readString(json))).get("commands");
        assertEquals(2, commands.size());
    }

    @Test
    void skipsScriptsWhoseJsonIsUpToDate() throws Exception {
        Path wast = Files.writeString(dir.resolve("tiny.wast"), "(module)\n");
        Path json = converter.convert(wast);
        String marked = "{\"source_filename\": \"" + wast.toAbsolutePath() + "\",\n \"commands\": []}";
        Files.writeString(json, marked);
        Files.setLastModifiedTime(wast, FileTime.fromMillis(1_000_000));
        converter.convert(wast);
        assertEquals(marked, Files.readString(json), "an up-to-date script is not converted again");
        Files.setLastModifiedTime(json, FileTime.fromMillis(0));
        converter.convert(wast);
        assertTrue(Files.readString(json).contains("\"module\""), "a stale script is converted again");
    }

    @Test
    void convertsAgainWhenTheJsonCameFromAnotherScriptOfTheSameName() throws Exception {
        Path first = Files.writeString(Files.createDirectories(dir.resolve("one")).resolve("same.wast"), "(module)\n");
        Path second = Files.writeString(Files.createDirectories(dir.resolve("two")).resolve("same.wast"),
                "(module)\n(module)\n");
        converter.convert(second);
        Files.setLastModifiedTime(first, FileTime.fromMillis(0));
        Path json = converter.convert(first);
        assertTrue(Files.readString(json).contains(first.toAbsolutePath().toString()), Files.readString(json));
    }

    @Test
    void reportsConversionErrorsAndLeavesNoJson() throws IOException {
        Path wast = Files.writeString(dir.resolve("bad.wast"), "(module (func (i32.bogus)))\n");
        IOException e = assertThrows(IOException.class, () -> converter.convert(wast));
        assertTrue(e.getMessage().contains("bad.wast"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out/bad/bad.json")));
    }

    @Test
    void namesTheDebianPackageWhenTheConverterIsMissing() throws IOException {
        Path wast = Files.writeString(dir.resolve("tiny.wast"), "(module)\n");
        Wast2Json missing = new Wast2Json(dir.resolve("no-such-wast2json").toString(), dir.resolve("out"));
        IOException e = assertThrows(IOException.class, () -> missing.convert(wast));
        assertTrue(e.getMessage().contains("wabt"), e.getMessage());
    }
}
