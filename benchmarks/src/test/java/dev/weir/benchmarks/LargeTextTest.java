package dev.weir.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.StoreLimits;
import dev.weir.core.Wasm;
import dev.weir.text.Wat;
import org.junit.jupiter.api.Test;

class LargeTextTest {
    @Test
    void theLargeTextIsAValidModuleThatRuns() {
        String text = LargeText.generate(TextParseBenchmark.TEXT_CHARS);
        assertTrue(text.length() >= TextParseBenchmark.TEXT_CHARS);
        Instance instance = new Linker(new Store(new StoreLimits())).instantiate(Wasm.parse(Wat.toBinary(text)));
        // Copies of one function, so the same result: ties the text's meaning across the whole module.
        long first = instance.function("sum0").call(10);
        assertEquals(first, instance.function("sum700").call(10));
        assertEquals(first, instance.function("sum1").call(10));
    }
}
