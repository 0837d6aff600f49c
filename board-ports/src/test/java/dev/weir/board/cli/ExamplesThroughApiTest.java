package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.TrapException;
import dev.weir.core.CompiledModule;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.Wasm;
import dev.weir.hal.wasi.WasiExitException;
import dev.weir.hal.wasi.WasiOptions;
import dev.weir.hal.wasi.WasiPreview1;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples run through the Java API an embedder would use, without the CLI in between. */
class ExamplesThroughApiTest {

    /** Output and exit code of one _start run. */
    private static final class Run {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = -1;

        String stdout() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static Run start(String example, WasiOptions options) throws Exception {
        CompiledModule module = Wasm.parse(Files.readAllBytes(Paths.get(Cli.example(example))));
        Run run = new Run();
        options.stdin(new ByteArrayInputStream(new byte[0])).stdout(run.out).stderr(run.err);
        WasiPreview1 wasi = new WasiPreview1(options);
        try {
            Linker linker = new Linker(new Store());
            wasi.defineImports(linker);
            Instance instance = linker.instantiate(module);
            try {
                instance.function("_start").call();
                run.exitCode = 0;
            } catch (WasiExitException e) {
                run.exitCode = e.exitCode();
            }
        } finally {
            wasi.close();
        }
        return run;
    }

    @Test
    void helloWritesToTheGivenStdout() throws Exception {
        Run r = start("hello", new WasiOptions().args(Arrays.asList("hello")));
        assertEquals("Hello, world!\n", r.stdout());
        assertEquals(0, r.exitCode);
    }

    @Test
    void echoGetsArgsAndEnvFromOptionsAndExitsThroughProcExit() throws Exception {
        Run r = start("echo", new WasiOptions().args(Arrays.asList("echo", "x")).env("K", "v"));
        assertEquals("argc=2\nargv[0]=echo\nargv[1]=x\nenv[0]=K=v\n", r.stdout());
        assertEquals(1, r.exitCode);
    }

    @Test
    void wcAndFilesUsePreopenedDirectories(@TempDir Path dir) throws Exception {
        Cli.wcData(dir);
        Run wc = start("wc",
                new WasiOptions().args(Arrays.asList("wc", "/data", "/data/sub/c.txt")).preopen(dir, "/data", true));
        assertEquals(Cli.WC_EXPECTED, wc.stdout());
        assertEquals(0, wc.exitCode);

        Path sandbox = Files.createDirectory(dir.resolve("sandbox"));
        Run files = start("files", new WasiOptions().args(Arrays.asList("files")).preopen(sandbox, "/sandbox", false));
        assertEquals(Cli.FILES_EXPECTED, files.stdout());
        assertEquals(0, files.exitCode);
    }

    @Test
    void clockAndRandomWork() throws Exception {
        Run r = start("clock", new WasiOptions().args(Arrays.asList("clock")));
        assertEquals(Cli.CLOCK_EXPECTED, r.stdout());
        assertEquals(0, r.exitCode);
    }

    @Test
    void trapsSurfaceAsTrapExceptionsWithNamedFrames() {
        TrapException oob = assertThrows(TrapException.class,
                () -> start("trap", new WasiOptions().args(Arrays.asList("trap"))));
        assertEquals("out of bounds memory access", oob.getMessage());
        assertArrayEquals(new String[] {"read_past_end[9]", "main[8]"}, Arrays.copyOf(oob.wasmBacktrace(), 2));

        TrapException deep = assertThrows(TrapException.class,
                () -> start("recurse", new WasiOptions().args(Arrays.asList("recurse"))));
        assertTrue(deep.isExhaustion(), deep.getMessage());
    }
}
