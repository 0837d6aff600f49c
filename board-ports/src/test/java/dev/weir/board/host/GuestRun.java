package dev.weir.board.host;

import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.Wasm;
import dev.weir.hal.capability.GrantFile;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.capability.RecordingAudit;
import dev.weir.hal.gpio.GpioGrant;
import dev.weir.hal.gpio.GpioHost;
import dev.weir.hal.wasi.WasiExitException;
import dev.weir.hal.wasi.WasiOptions;
import dev.weir.hal.wasi.WasiPreview1;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One example module run on a board the way an embedder would wire it: WASI for stdio and sleeping,
 * a {@link GpioHost} over the board's driver for the pins, grants from the example's .grants file.
 * Runs on its own thread so a test can drive inputs while the module waits for edges.
 */
final class GuestRun {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Grants grants;
    final GpioHost gpio;
    final RecordingAudit audit = new RecordingAudit();
    private final Thread thread;
    private volatile int exitCode = Integer.MIN_VALUE;
    private volatile Throwable failure;

    static Path example(String name, String file) {
        Path p = Paths.get("../examples", name, file);
        return Files.exists(p) ? p : Paths.get("examples", name, file);
    }

    static Grants grantsOf(String example) throws IOException {
        Path file = example(example, example + ".grants");
        return new Grants(new GrantFile().register("gpio", GpioGrant.PARSER)
                .parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file.toString()));
    }

    GuestRun(HostBoard board, String example, Grants grants, String... args) throws IOException {
        this.grants = grants;
        grants.audit(audit);
        byte[] bytes = Files.readAllBytes(example(example, example + ".wasm"));
        List<String> argv = new ArrayList<>();
        argv.add(example);
        argv.addAll(Arrays.asList(args));
        WasiOptions options = new WasiOptions().args(argv).stdin(new ByteArrayInputStream(new byte[0]))
                .stdout(out).stderr(err);
        WasiPreview1 wasi = new WasiPreview1(options);
        gpio = new GpioHost(board.driver(), grants);
        Linker linker = new Linker(new Store());
        wasi.defineImports(linker);
        gpio.defineImports(linker);
        Instance instance = linker.instantiate(Wasm.parse(bytes));
        thread = new Thread(() -> {
            try {
                instance.function("_start").call();
                exitCode = 0;
            } catch (RuntimeException e) {
                WasiExitException exit = null;
                for (Throwable c = e; c != null; c = c.getCause()) {
                    if (c instanceof WasiExitException) {
                        exit = (WasiExitException) c;
                    }
                }
                if (exit != null) {
                    exitCode = exit.exitCode();
                } else {
                    failure = e;
                }
            } finally {
                gpio.close();
                wasi.close();
            }
        }, "guest-" + example);
    }

    GuestRun start() {
        thread.start();
        return this;
    }

    /** Waits for the module to end; returns its exit code. */
    int join(long timeoutMillis) throws InterruptedException {
        thread.join(timeoutMillis);
        if (thread.isAlive()) {
            throw new AssertionError("the module did not end within " + timeoutMillis + " ms; stdout: " + stdout());
        }
        if (failure != null) {
            throw new AssertionError("the module failed", failure);
        }
        return exitCode;
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the condition holds, for at most timeoutMillis. */
    static void await(String what, long timeoutMillis, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }
}
