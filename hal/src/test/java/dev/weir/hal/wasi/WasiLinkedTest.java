package dev.weir.hal.wasi;

import dev.weir.core.CompiledModule;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.Wasm;
import dev.weir.core.module.LinkException;
import dev.weir.hal.host.Modules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WASI through the real linker and interpreter: modules import it and run. */
class WasiLinkedTest {
    @TempDir
    Path dir;

    /**
     * wat2wasm of:
     * <pre>
     * (module
     *   (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
     *   (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
     *   (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
     *   (memory (export "memory") 1)
     *   (data (i32.const 16) "hi\n")
     *   (func (export "_start")
     *     (i32.store (i32.const 0) (i32.const 16))
     *     (i32.store (i32.const 4) (i32.const 3))
     *     (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
     *     (drop (call $args_sizes_get (i32.const 32) (i32.const 36)))
     *     (call $proc_exit (i32.add (i32.const 40) (i32.load (i32.const 32))))
     *     unreachable))
     * </pre>
     */
    private static final byte[] HELLO_EXIT = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x16, 0x04, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f,
        0x01, 0x7f, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x00, 0x00, 0x02, 0x6e,
        0x03, 0x16, 0x77, 0x61, 0x73, 0x69, 0x5f, 0x73, 0x6e, 0x61, 0x70, 0x73, 0x68, 0x6f, 0x74, 0x5f, 0x70,
        0x72, 0x65, 0x76, 0x69, 0x65, 0x77, 0x31, 0x08, 0x66, 0x64, 0x5f, 0x77, 0x72, 0x69, 0x74, 0x65, 0x00,
        0x00, 0x16, 0x77, 0x61, 0x73, 0x69, 0x5f, 0x73, 0x6e, 0x61, 0x70, 0x73, 0x68, 0x6f, 0x74, 0x5f, 0x70,
        0x72, 0x65, 0x76, 0x69, 0x65, 0x77, 0x31, 0x0e, 0x61, 0x72, 0x67, 0x73, 0x5f, 0x73, 0x69, 0x7a, 0x65,
        0x73, 0x5f, 0x67, 0x65, 0x74, 0x00, 0x01, 0x16, 0x77, 0x61, 0x73, 0x69, 0x5f, 0x73, 0x6e, 0x61, 0x70,
        0x73, 0x68, 0x6f, 0x74, 0x5f, 0x70, 0x72, 0x65, 0x76, 0x69, 0x65, 0x77, 0x31, 0x09, 0x70, 0x72, 0x6f,
        0x63, 0x5f, 0x65, 0x78, 0x69, 0x74, 0x00, 0x02, 0x03, 0x02, 0x01, 0x03, 0x05, 0x03, 0x01, 0x00, 0x01,
        0x07, 0x13, 0x02, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x06, 0x5f, 0x73, 0x74, 0x61,
        0x72, 0x74, 0x00, 0x03, 0x0a, 0x2f, 0x01, 0x2d, 0x00, 0x41, 0x00, 0x41, 0x10, 0x36, 0x02, 0x00, 0x41,
        0x04, 0x41, 0x03, 0x36, 0x02, 0x00, 0x41, 0x01, 0x41, 0x00, 0x41, 0x01, 0x41, 0x08, 0x10, 0x00, 0x1a,
        0x41, 0x20, 0x41, 0x24, 0x10, 0x01, 0x1a, 0x41, 0x28, 0x41, 0x20, 0x28, 0x02, 0x00, 0x6a, 0x10, 0x02,
        0x00, 0x0b, 0x0b, 0x09, 0x01, 0x00, 0x41, 0x10, 0x0b, 0x03, 0x68, 0x69, 0x0a
    };

    private static int run(byte[] wasm, WasiOptions options) {
        WasiPreview1 wasi = new WasiPreview1(options);
        try {
            Linker linker = new Linker(new Store());
            CompiledModule module = Wasm.parse(wasm);
            wasi.defineImports(linker, module.module());
            Instance instance = linker.instantiate(module);
            WasiExitException exit = assertThrows(WasiExitException.class, () -> instance.function("_start").call());
            return exit.exitCode();
        } finally {
            wasi.close();
        }
    }

    @Test
    void moduleWritesToStdoutAndExitsWithItsCode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = run(HELLO_EXIT, new WasiOptions().stdout(out).args(Arrays.asList("prog", "a")));
        assertEquals("hi\n", new String(out.toByteArray(), StandardCharsets.UTF_8));
        assertEquals(42, code);
    }

    @Test
    void importWithAnotherSignatureIsRefusedNamingBothTypes() {
        CompiledModule module = Wasm.parse(Modules.bytes("/wasi/fd-write-mistyped.wasm"));
        try (WasiPreview1 wasi = new WasiPreview1(new WasiOptions())) {
            LinkException e = assertThrows(LinkException.class,
                    () -> wasi.defineImports(new Linker(new Store()), module.module()));
            assertEquals("incompatible import type for wasi_snapshot_preview1.fd_write: wasi_snapshot_preview1"
                    + " provides (i32, i32, i32, i32) -> (i32), the module imports (i32, i32, i32) -> (i32)",
                    e.getMessage());
        }
    }

    /** The C examples (wasi-libc) of the repository, when the tests run inside it. */
    private static Path example(String name) {
        File at = new File(System.getProperty("user.dir")).getAbsoluteFile();
        for (; at != null; at = at.getParentFile()) {
            File wasm = new File(at, "examples/" + name + "/" + name + ".wasm");
            if (wasm.isFile()) {
                return wasm.toPath();
            }
        }
        return null;
    }

    private static int runExample(Path wasm, WasiOptions options) throws IOException {
        WasiPreview1 wasi = new WasiPreview1(options);
        try {
            Linker linker = new Linker(new Store());
            wasi.defineImports(linker);
            Instance instance = linker.instantiate(Wasm.parse(Files.readAllBytes(wasm)));
            try {
                instance.function("_start").call();
                return 0;
            } catch (WasiExitException e) {
                return e.exitCode();
            }
        } finally {
            wasi.close();
        }
    }

    @Test
    void wasiLibcProgramManagesFilesInAPreopen() throws IOException {
        Path wasm = example("files");
        assertTrue(wasm != null, "examples/files/files.wasm not found");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = runExample(wasm, new WasiOptions().args(Arrays.asList("files")).stdout(out).stderr(err)
                .preopen(dir, "/sandbox", false));
        String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
        assertEquals(0, code, text + new String(err.toByteArray(), StandardCharsets.UTF_8));
        assertTrue(text.contains("read back"), text);
        assertFalse(Files.list(dir).findAny().isPresent(), "the program cleans up after itself");
    }

    @Test
    void wasiLibcProgramReadsAReadOnlyPreopen() throws IOException {
        Path wasm = example("wc");
        assertTrue(wasm != null, "examples/wc/wc.wasm not found");
        Files.write(dir.resolve("a.txt"), "one two\nthree\n".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("b.txt"), "x\n".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = runExample(wasm, new WasiOptions().args(Arrays.asList("wc", "/data")).stdout(out)
                .preopen(dir, "/data", true));
        String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.matches("(?s).*\\b2\\s+3\\s+14 /data/a.txt.*"), text);
        assertTrue(text.matches("(?s).*\\b3\\s+4\\s+16 total.*"), text);
    }
}
