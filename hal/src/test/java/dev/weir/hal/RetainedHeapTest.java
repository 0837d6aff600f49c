package dev.weir.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.Wasm;
import dev.weir.hal.wasi.WasiOptions;
import dev.weir.hal.wasi.WasiPreview1;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's target for small boards: ten hello-world modules, each parsed, given its own WASI
 * and instantiated in its own {@link Store} with the default limits, keep less than 2 MiB of Java
 * heap together. Most of it is their linear memory (2 pages, 128 KiB each); a store's value stack
 * and call frames come only with its first call.
 *
 * <p>Heap in use is read after full collections, before and after building the ten, as the
 * smallest difference of several attempts (a collection that leaves some garbage or a JIT thread
 * allocating can only make one attempt read high, never low).
 */
class RetainedHeapTest {
    private static final Path HELLO = Paths.get("..").toAbsolutePath().normalize()
            .resolve("examples/hello/hello.wasm");
    private static final int INSTANCES = 10;
    private static final long LIMIT_BYTES = 2L << 20;
    private static final long LINEAR_MEMORY_BYTES = INSTANCES * 2L * 65536;

    @Test
    void tenHelloWorldsInTheirOwnStoresRetainUnderTwoMebibytes() throws Exception {
        byte[] wasm = Files.readAllBytes(HELLO);
        long least = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = heapUsedAfterGc();
            List<Object> kept = instantiateTen(wasm);
            long retained = heapUsedAfterGc() - before;
            assertEquals(INSTANCES * 2, kept.size());
            least = Math.min(least, retained);
            for (Object o : kept) {
                if (o instanceof WasiPreview1) {
                    ((WasiPreview1) o).close();
                }
            }
        }
        System.out.printf("ten hello-world instances, a store each: %.2f MiB retained%n", least / 1048576.0);
        // The measurement must see the ten linear memories, or it measures nothing.
        assertTrue(least >= LINEAR_MEMORY_BYTES, "retained " + least + " bytes, less than the "
                + LINEAR_MEMORY_BYTES + " bytes of linear memory alone: the measurement is broken");
        assertTrue(least < LIMIT_BYTES, "ten hello-world instances retain " + least + " bytes of heap, the target is under "
                + LIMIT_BYTES);
    }

    @Test
    void aStoreAllocatesItsStacksOnItsFirstCall() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WasiPreview1 wasi = new WasiPreview1(new WasiOptions().args(Arrays.asList("hello")).stdout(out))) {
            Store store = new Store();
            Linker linker = new Linker(store);
            wasi.defineImports(linker);
            Instance instance = linker.instantiate(Wasm.parse(Files.readAllBytes(HELLO)));
            assertEquals(0, store.peakStackSlots(), "no stack before the first call");
            assertEquals(0, store.peakCallDepth());
            instance.function("_start").call();
            assertEquals("Hello, world!\n", new String(out.toByteArray(), StandardCharsets.UTF_8));
            assertTrue(store.peakCallDepth() > 0, "the call ran on the store's frames");
            assertTrue(store.peakStackSlots() > 0, "the call ran on the store's value stack");
        }
    }

    /** Ten instances with their stores and WASI objects, as a board running ten modules holds them. */
    private static List<Object> instantiateTen(byte[] wasm) {
        List<Object> kept = new ArrayList<Object>();
        for (int i = 0; i < INSTANCES; i++) {
            WasiPreview1 wasi = new WasiPreview1(new WasiOptions().args(Arrays.asList("hello"))
                    .stdout(new ByteArrayOutputStream()));
            Linker linker = new Linker(new Store());
            wasi.defineImports(linker);
            Instance instance = linker.instantiate(Wasm.parse(wasm.clone()));
            kept.add(wasi);
            kept.add(instance);
        }
        return kept;
    }

    /** Heap in use once collections stop freeing anything (at most ten full collections). */
    private static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }
}
