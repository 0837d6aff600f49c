package dev.weir.hal.host;

import dev.weir.testsupport.Allocations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.CompiledModule;
import dev.weir.core.Function;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.Wasm;
import dev.weir.hal.capability.Grants;
import dev.weir.hal.wasi.WasiOptions;
import dev.weir.hal.wasi.WasiPreview1;
import java.io.OutputStream;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * A host call through the mechanism (linker, {@link HostCall}, the interface's dispatcher and back)
 * allocates nothing: 10,000 warm calls from wasm, measured with the per-thread counter.
 */
class HostCallAllocationTest {
    private static final int CALLS = 10_000;

    @Test
    void callsOfAGrantedInterfaceAllocateNothing() {
        LampHost host = new LampHost(new Grants().add(new LampHost.LampGrant(1, "test")));
        Linker linker = new Linker(new Store());
        CompiledModule module = Modules.load("lamp");
        host.defineImports(linker, module.module());
        Instance instance = linker.instantiate(module);
        final long handle = instance.function("open").call(1);
        final Function blink = instance.function("blink");
        assertTrue(handle > 0);
        assertEquals(0, Allocations.leastBytes(() -> blink.call(handle, CALLS) + 1), "test:lamp set");
        assertTrue(host.changes >= 4L * CALLS, "warm-up and measured runs all reached the host"); // 3 warm, 1 or more measured
    }

    @Test
    void wasiCallsFromWasmAllocateNothing() {
        final long[] written = new long[1];
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        };
        try (WasiPreview1 wasi = new WasiPreview1(new WasiOptions().args(Collections.singletonList("loop"))
                .stdout(sink))) {
            Linker linker = new Linker(new Store());
            CompiledModule module = Wasm.parse(Modules.bytes("/wasi/wasi-loop.wasm"));
            wasi.defineImports(linker, module.module());
            Instance instance = linker.instantiate(module);
            final Function sizes = instance.function("sizes");
            final Function write = instance.function("write");
            assertEquals(CALLS, sizes.call(CALLS), "argc 1, errno 0 per call");
            assertEquals(0, Allocations.leastBytes(() -> sizes.call(CALLS)), "args_sizes_get");
            assertEquals(0, Allocations.leastBytes(() -> write.call(CALLS)), "fd_write of 16 bytes to stdout");
            // Allocations runs the workload 3 times to warm up, then until a run allocates nothing (at most 5).
            assertTrue(written[0] >= 4L * 16 * CALLS && written[0] % (16L * CALLS) == 0, "every call wrote 16 bytes: " + written[0]);
        }
    }
}
