package dev.weir.hal.gpio;

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
import dev.weir.hal.host.Modules;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, GPIO writes, reads, duty changes and edge events allocate nothing, measured like the
 * core's ZeroAllocationTest ({@link dev.weir.testsupport.Allocations}): HotSpot's per-thread
 * allocated-bytes counter around many warm calls from wasm (gpio-loop.wat) into {@link GpioHost}, with an in-memory driver that allocates nothing itself.
 */
class GpioAllocationTest {
    private static final int ROUNDS = 10_000;
    @Test
    void writesReadsDutyAndEdgeEventsAllocateNothing() {
        final MemoryDriver driver = new MemoryDriver();
        Grants grants = new Grants()
                .add(GpioGrant.output(17, 0, 0, "test"))
                .add(GpioGrant.input(27, GpioGrant.PULL_UP, GpioGrant.EDGE_BOTH, "test"))
                .add(GpioGrant.pwm(18, 100, 1000, "test"));
        final long[] traced = new long[1];
        GpioHost host = new GpioHost(driver, grants).trace(new GpioTrace() {
            @Override
            public void levelChanged(int bcm, int level, long nanos) {
                traced[0] += level + 1;
            }

            @Override
            public void dutyChanged(int bcm, int duty, long nanos) {
                traced[0] += duty;
            }
        });
        Linker linker = new Linker(new Store());
        CompiledModule module = Wasm.parse(Modules.bytes("/gpio/gpio-loop.wasm"));
        host.defineImports(linker, module.module());
        Instance instance = linker.instantiate(module);
        final Function blink = instance.function("blink");
        final Function fade = instance.function("fade");
        final Function drain = instance.function("drain");
        final long led = host.openOutput(17, 0);
        final long pwm = host.openPwm(18, 500);
        final int button = host.openInput(27, GpioHost.FLAG_EDGE_RISING | GpioHost.FLAG_EDGE_FALLING);
        assertTrue(led > 0 && pwm > 0 && button > 0);

        assertEquals(0, Allocations.leastBytes(() -> blink.call(led, ROUNDS) + 1), "toggle, set-state and read");
        assertEquals(0, Allocations.leastBytes(() -> fade.call(pwm, ROUNDS) + 1), "set-duty");
        assertEquals(0, Allocations.leastBytes(() -> {
            long taken = 0;
            for (int i = 0; i < ROUNDS; i++) {
                driver.drive(27, i & 1);
                if ((i & 63) == 63) {
                    taken += drain.call();
                }
            }
            return taken + drain.call();
        }), "edge events, from the driver's listener to the module's memory");
        assertTrue(traced[0] > 0);
        assertEquals(0, host.edgesLost());
        host.close();
    }
}
