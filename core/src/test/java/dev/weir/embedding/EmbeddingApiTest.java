package dev.weir.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.CompileOptions;
import dev.weir.core.CompiledModule;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Memory;
import dev.weir.core.Store;
import dev.weir.core.StoreLimits;
import dev.weir.core.Wasm;
import dev.weir.core.module.FuncType;
import dev.weir.core.module.LinkException;
import dev.weir.core.module.TrapException;
import dev.weir.core.module.ValType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An embedding application, as a user of the library writes one: it imports only the public
 * API (dev.weir.core and dev.weir.core.module; {@link #importsOnlyThePublicApi} checks), and
 * decides what happened from exception kinds, never from messages. The module is api.wat.
 */
class EmbeddingApiTest {
    private static final FuncType LOG = FuncType.of("i32 ->");

    private static byte[] module() throws IOException {
        InputStream in = EmbeddingApiTest.class.getResourceAsStream("/api/api.wasm");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        in.close();
        return out.toByteArray();
    }

    private static Instance instantiate(CompileOptions options, final List<Integer> logged) throws IOException {
        CompiledModule module = Wasm.parse(module(), options);
        Linker linker = new Linker(new Store(new StoreLimits().withMaxCallDepth(500)));
        linker.define("env", "log", LOG, (caller, stack, base) -> logged.add((int) stack[base]));
        return linker.instantiate(module);
    }

    @Test
    void hostFunctionsAndExportsWorkInEveryJitPolicy() throws IOException {
        for (CompileOptions.Jit jit : CompileOptions.Jit.values()) {
            List<Integer> logged = new ArrayList<Integer>();
            Instance instance = instantiate(CompileOptions.defaults().withJit(jit), logged);
            assertEquals(14, instance.function("log_twice").call(7), jit.option());
            assertEquals(2, logged.size());
            assertEquals(-3, (int) instance.function("div").call(-7, 2));
        }
    }

    @Test
    void trapsSayTheirKind() throws IOException {
        Instance instance = instantiate(CompileOptions.defaults(), new ArrayList<Integer>());
        assertEquals(TrapException.Kind.INTEGER_DIVIDE_BY_ZERO, trap(() -> instance.function("div").call(1, 0)));
        assertEquals(TrapException.Kind.INTEGER_OVERFLOW,
                trap(() -> instance.function("div").call(Integer.MIN_VALUE, -1)));
        assertEquals(TrapException.Kind.UNREACHABLE, trap(() -> instance.function("boom").call()));
        assertEquals(TrapException.Kind.MEMORY_OUT_OF_BOUNDS, trap(() -> instance.function("load").call(65535)));
        assertEquals(TrapException.Kind.INDIRECT_CALL_TYPE_MISMATCH, trap(() -> instance.function("call_wrong").call()));
        assertEquals(TrapException.Kind.UNINITIALIZED_ELEMENT, trap(() -> instance.function("call_null").call()));
        TrapException deep = assertThrows(TrapException.class, () -> instance.function("recurse").call());
        assertEquals(TrapException.Kind.CALL_STACK_EXHAUSTED, deep.kind());
        assertTrue(deep.isExhaustion());
        assertTrue(deep.wasmBacktrace().length > 0);
        assertTrue(TrapException.Kind.UNREACHABLE.isSpecTrap());
        assertFalse(TrapException.Kind.CALL_STACK_EXHAUSTED.isSpecTrap());
        assertEquals(TrapException.Kind.HOST, new TrapException("device gone").kind());
    }

    @Test
    void fuelRunsOutAsItsOwnKind() throws IOException {
        Instance instance = instantiate(CompileOptions.defaults().withMetering(true), new ArrayList<Integer>());
        instance.store().setFuel(10_000);
        TrapException e = assertThrows(TrapException.class, () -> instance.function("spin").call());
        assertEquals(TrapException.Kind.FUEL_EXHAUSTED, e.kind());
        assertEquals(0, instance.store().fuelRemaining());
    }

    private static TrapException.Kind trap(Runnable call) {
        return assertThrows(TrapException.class, call::run).kind();
    }

    @Test
    void linkFailuresSayTheirKindAndName() throws IOException {
        CompiledModule module = Wasm.parse(module());
        LinkException unknown = assertThrows(LinkException.class, () -> new Linker(new Store()).instantiate(module));
        assertEquals(LinkException.Kind.UNKNOWN_IMPORT, unknown.kind());
        assertEquals("env", unknown.module());
        assertEquals("log", unknown.name());

        Linker wrongType = new Linker(new Store()).define("env", "log", FuncType.of("i64 ->"), (c, s, b) -> { });
        assertEquals(LinkException.Kind.INCOMPATIBLE_IMPORT,
                assertThrows(LinkException.class, () -> wrongType.instantiate(module)).kind());

        Linker noMemory = new Linker(new Store(new StoreLimits().withMaxMemoryPages(0)))
                .define("env", "log", LOG, (c, s, b) -> { });
        assertEquals(LinkException.Kind.MEMORY_LIMIT, assertThrows(LinkException.class, () -> noMemory.instantiate(module)).kind());

        Instance instance = instantiate(CompileOptions.defaults(), new ArrayList<Integer>());
        LinkException export = assertThrows(LinkException.class, () -> instance.function("missing"));
        assertEquals(LinkException.Kind.UNKNOWN_EXPORT, export.kind());
        assertEquals("missing", export.name());
        assertEquals(LinkException.Kind.INCOMPATIBLE_EXPORT,
                assertThrows(LinkException.class, () -> instance.function("memory")).kind());
    }

    @Test
    void memoryHelpersReadAndWriteStringsAndFloats() throws IOException {
        Instance instance = instantiate(CompileOptions.defaults(), new ArrayList<Integer>());
        Memory memory = instance.memory("memory");
        assertEquals("hello, weir", memory.readCString(16));
        assertEquals(6, memory.writeCString(100, "héllo".substring(0, 4)));
        assertEquals("héll", memory.readCString(100));
        assertEquals(8, memory.writeString(200, "weir ✓"));
        assertEquals("weir ✓", memory.readString(200, 8));
        memory.writeFloat(300, 1.5f);
        assertEquals(1.5f, memory.readFloat(300));
        memory.writeDouble(304, -2.25);
        assertEquals(-2.25, memory.readDouble(304));
        int nanBits = 0x7FA00001;
        memory.writeInt(320, nanBits);
        assertEquals(nanBits, Float.floatToRawIntBits(memory.readFloat(320)));

        int end = memory.size();
        memory.writeByte(end - 1, (byte) 'x');
        assertEquals(TrapException.Kind.MEMORY_OUT_OF_BOUNDS, trap(() -> memory.readCString(end - 1)));
        assertEquals(TrapException.Kind.MEMORY_OUT_OF_BOUNDS, trap(() -> memory.writeCString(end - 2, "ab")));
        assertEquals('x', memory.readByte(end - 1));
    }

    @Test
    void functionTypesReadAsText() {
        FuncType type = FuncType.of("i32 i64 -> f64");
        assertArrayEquals(new byte[] {ValType.I32, ValType.I64}, type.params());
        assertArrayEquals(new byte[] {ValType.F64}, type.results());
        assertEquals(type, FuncType.of(type.toString()));
        assertSame(FuncType.NONE.getClass(), FuncType.of("->").getClass());
        assertEquals(FuncType.NONE, FuncType.of("() -> ()"));
        assertEquals(FuncType.of("-> v128 funcref externref f32"), FuncType.of("() -> (v128, funcref, externref, f32)"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> FuncType.of("i32 -> int"));
        assertTrue(bad.getMessage().contains("int is not a value type"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FuncType.of("i32 i32"));
    }

    @Test
    void compileOptionsCollectTheKnobs() {
        CompileOptions options = CompileOptions.defaults().withJit(CompileOptions.Jit.OFF).withFoldLocals(false)
                .withMetering(true);
        assertEquals(CompileOptions.Jit.OFF, options.jit());
        assertFalse(options.foldLocals());
        assertTrue(options.metered());
        assertEquals(CompileOptions.Jit.ALL, CompileOptions.Jit.of("all"));
        assertEquals(CompileOptions.Jit.DEOPT, CompileOptions.Jit.of("deopt"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> CompileOptions.Jit.of("fast"));
        assertEquals("weir.jit must be off, loops, all, leaves or deopt, not fast", bad.getMessage());
        String before = System.getProperty("weir.jit");
        System.setProperty("weir.jit", "off");
        try {
            assertEquals(CompileOptions.Jit.OFF, CompileOptions.defaults().jit());
        } finally {
            if (before == null) {
                System.clearProperty("weir.jit");
            } else {
                System.setProperty("weir.jit", before);
            }
        }
    }

    @Test
    void importsOnlyThePublicApi() throws IOException {
        Path source = Paths.get("src/test/java/dev/weir/embedding/EmbeddingApiTest.java");
        for (String line : new String(Files.readAllBytes(source), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("import dev.weir.")) {
                assertTrue(line.matches("import dev\\.weir\\.core\\.(module\\.)?[A-Z]\\w*;"), line);
            }
        }
    }
}
