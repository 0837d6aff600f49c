package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.core.module.TrapException;
import dev.weir.core.CompiledModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Store.interrupt from another thread stops a running call at its next loop iteration or call
 * with the trap "interrupted", in the interpreter and in JVM bytecode, and the store stays usable.
 */
class InterruptTest {
    /**
     * <pre>
     * (module
     *   (func $nop)
     *   (func (export "spin") (loop br 0))
     *   (func (export "spinCalls") (loop call $nop br 0))
     *   (func (export "sum") (param i32) (result i32) (local i32) ... sums n down to 1))
     * </pre>
     */
    private static final String SPIN = "0061736d0100000001090260000060017f017f03050400000001071a03047370696e0001097370696e43616c6c7300020373"
            + "756d00030a380402000b070003400c000b0b0900034010000c000b0b2101017f024003402000450d01200120006a21012000"
            + "41016b21000c000b0b20010b";

    private static byte[] bytes(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** The spin module compiled interruptible (or metered) for a JIT policy: off, loops or all. */
    private static Instance instance(String policy, boolean metered) {
        CompiledModule compiled = Wasm.parse(bytes(SPIN), CompileOptions.defaults().withJit(CompileOptions.Jit.of(policy))
                .withMetering(metered).withInterruptible(!metered));
        return new Linker(new Store()).instantiate(compiled);
    }


    /** Interrupts the store from another thread after a short while, while export runs. */
    private static TrapException interruptWhileRunning(Instance instance, String export) throws InterruptedException {
        final Store store = instance.store();
        Thread watchdog = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                store.interrupt();
            }
        });
        watchdog.start();
        TrapException e = assertThrows(TrapException.class, () -> instance.function(export).call());
        watchdog.join();
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "loops", "all"})
    void anEndlessLoopStopsWhenInterruptedFromAnotherThread(String policy) throws InterruptedException {
        Instance instance = instance(policy, false);
        TrapException e = interruptWhileRunning(instance, "spin");
        assertEquals(TrapException.Kind.INTERRUPTED, e.kind());
        assertFalse(e.isExhaustion(), "an interruption is no exhausted limit");
        assertEquals(5050, (int) instance.function("sum").call(100), "the store stays usable, the request is used up");
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "loops", "all"})
    void anEndlessLoopOfCallsStopsWhenInterrupted(String policy) throws InterruptedException {
        Instance instance = instance(policy, false);
        assertEquals(TrapException.Kind.INTERRUPTED, interruptWhileRunning(instance, "spinCalls").kind());
        assertEquals(15, (int) instance.function("sum").call(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "loops"})
    void meteredCodeIsInterruptibleAndItsFuelStaysExact(String policy) throws InterruptedException {
        Instance fresh = instance(policy, true);
        fresh.function("sum").call(0);
        long sumOfZero = fresh.store().fuelConsumed();
        Instance instance = instance(policy, true);
        Store store = instance.store();
        assertEquals(TrapException.Kind.INTERRUPTED, interruptWhileRunning(instance, "spin").kind());
        long consumed = store.fuelConsumed();
        instance.function("sum").call(0);
        assertEquals(consumed + sumOfZero, store.fuelConsumed(), "sum(0) charged exactly as in a fresh store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "loops"})
    void anInterruptionRequestedWhileIdleStopsTheNextCallAtOnce(String policy) {
        Instance instance = instance(policy, false);
        instance.store().interrupt();
        TrapException e = assertThrows(TrapException.class, () -> instance.function("sum").call(3));
        assertEquals(TrapException.Kind.INTERRUPTED, e.kind());
        assertEquals(6, (int) instance.function("sum").call(3));
    }
}
