package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.internal.compile.Op;
import dev.weir.core.module.TrapException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Vector code in the JIT tier (JitCompiler's vector section, JitSimd): functions with v128
 * instructions are compiled, not left to the interpreter, and compute what the interpreter
 * computes. Every vector opcode runs in a one-function module of its own on the same random
 * operands (special floats and lane edge values among them) in both tiers, and the memory they
 * leave must match byte for byte; the SIMD benchmark programs give the checksums of their native
 * builds in both tiers.
 */
class CompiledSimdTest {
    private static final int ROUNDS = 40;

    /** Operands at 0, 16 and 32, the result at 48 (stores of lanes write within 0-63). */
    private static final int MEMORY_BYTES = 64;

    /**
     * Modules for every vector opcode: each in the first shape it validates in, with every lane
     * and scalar type variant of that shape that validates: (name, module bytes).
     */
    private static List<Object[]> vectorModules() {
        List<Object[]> modules = new ArrayList<>();
        for (int op = 0; op < 256; op++) {
            boolean found = false;
            for (int shape = 0; shape < SHAPES && !found; shape++) {
                for (int variant = 0; variant < 32; variant++) {
                    byte[] body = body(op, shape, variant);
                    if (body == null) {
                        continue;
                    }
                    byte[] module = module(body);
                    try {
                        Wasm.parse(module);
                    } catch (RuntimeException invalid) {
                        continue;
                    }
                    modules.add(new Object[] {"0xfd " + op + " shape " + shape + " variant " + variant, module, op});
                    found = true;
                }
            }
        }
        return modules;
    }

    private static final int SHAPES = 11;
    private static final int[] LANES = {0, 1, 2, 3, 5, 7, 11, 15};
    private static final int[] LOADS = {0x28, 0x29, 0x2A, 0x2B};
    private static final int[] STORES = {0x36, 0x37, 0x38, 0x39};

    /**
     * The body (without locals and end) applying op in a shape: 0 binary, 1 unary, 2 shift by an
     * i32, 3 ternary, 4 extract lane (variant: lane and result type), 5 replace lane, 6 splat,
     * 7 load (the v128 loads, lane loads), 8 store lane; the v128 result goes to 48.
     */
    private static byte[] body(int op, int shape, int variant) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int type = variant & 3;
        int lane = variant >> 2;
        switch (shape) {
            case 0:
            case 1:
            case 2:
            case 3:
                if (variant != 0) {
                    return null;
                }
                i32(b, 48);
                v128Load(b, 0);
                if (shape == 0 || shape == 3) {
                    v128Load(b, 16);
                }
                if (shape == 3) {
                    v128Load(b, 32);
                }
                if (shape == 2) {
                    i32(b, 16);
                    b.write(0x28);
                    b.write(2);
                    b.write(0);
                }
                simd(b, op);
                store(b);
                return b.toByteArray();
            case 4:
                // extract: lanes 0-3 (enough to cross the halves of the 32- and 64-bit shapes) and 15.
                i32(b, 48);
                v128Load(b, 0);
                simd(b, op);
                b.write(LANES[lane]);
                b.write(STORES[type]);
                b.write(0);
                b.write(0);
                return b.toByteArray();
            case 5:
                i32(b, 48);
                v128Load(b, 0);
                i32(b, 16);
                b.write(LOADS[type]);
                b.write(0);
                b.write(0);
                simd(b, op);
                b.write(LANES[lane]);
                store(b);
                return b.toByteArray();
            case 6:
                if (lane != 0) {
                    return null;
                }
                i32(b, 48);
                i32(b, 16);
                b.write(LOADS[type]);
                b.write(0);
                b.write(0);
                simd(b, op);
                store(b);
                return b.toByteArray();
            case 7:
                // v128 loads (offset 3, unaligned), and lane loads (variant's lane) into the v128 at 0.
                i32(b, 48);
                i32(b, 5);
                if (variant != 0) {
                    v128Load(b, 0);
                }
                simd(b, op);
                b.write(0);
                b.write(3);
                if (variant != 0) {
                    b.write(variant - 1);
                }
                store(b);
                return b.toByteArray();
            case 8:
                // store lane: the lane of the v128 at 0 to 40 + 1.
                i32(b, 40);
                v128Load(b, 0);
                simd(b, op);
                b.write(0);
                b.write(1);
                b.write(variant);
                return b.toByteArray();
            case 9: {
                // v128.const: 16 bytes of the variant's pattern.
                if (variant != 0) {
                    return null;
                }
                i32(b, 48);
                simd(b, op);
                for (int i = 0; i < 16; i++) {
                    b.write(i * 37 + 200);
                }
                store(b);
                return b.toByteArray();
            }
            default: {
                // i8x16.shuffle: runs of whole lanes, single bytes and clang's patterns.
                if (variant >= SHUFFLES.length) {
                    return null;
                }
                i32(b, 48);
                v128Load(b, 0);
                v128Load(b, 16);
                simd(b, op);
                for (int i = 0; i < 16; i++) {
                    b.write(SHUFFLES[variant][i]);
                }
                store(b);
                return b.toByteArray();
            }
        }
    }

    private static final int[][] SHUFFLES = {
        {16, 1, 2, 3, 17, 5, 6, 7, 18, 9, 10, 11, 19, 13, 14, 15},
        {0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {8, 9, 10, 11, 12, 13, 14, 15, 0, 0, 0, 0, 0, 0, 0, 0},
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
        {16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31},
        {24, 25, 26, 27, 28, 29, 30, 31, 0, 1, 2, 3, 4, 5, 6, 7},
        {31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16},
        {7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22},
        {3, 19, 5, 21, 6, 7, 8, 1, 30, 31, 0, 2, 9, 13, 25, 4},
    };

    private static void i32(ByteArrayOutputStream b, int value) {
        b.write(0x41);
        b.write(value);
    }

    private static void v128Load(ByteArrayOutputStream b, int address) {
        i32(b, address);
        simd(b, 0);
        b.write(0);
        b.write(0);
    }

    private static void store(ByteArrayOutputStream b) {
        simd(b, 0x0B);
        b.write(0);
        b.write(0);
    }

    private static void simd(ByteArrayOutputStream b, int op) {
        b.write(0xFD);
        if (op < 0x80) {
            b.write(op);
        } else {
            b.write(op & 0x7F | 0x80);
            b.write(op >> 7);
        }
    }

    /** A module exporting f: () -> () with the body, and its memory m of one page. */
    private static byte[] module(byte[] body) {
        return module(new byte[] {0}, body);
    }

    /** The same with the function's local declarations (their count first). */
    private static byte[] module(byte[] locals, byte[] body) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(0);
        m.write('a');
        m.write('s');
        m.write('m');
        m.write(1);
        m.write(0);
        m.write(0);
        m.write(0);
        section(m, 1, new byte[] {1, 0x60, 0, 0});
        section(m, 3, new byte[] {1, 0});
        section(m, 5, new byte[] {1, 0, 1});
        section(m, 7, new byte[] {2, 1, 'f', 0, 0, 1, 'm', 2, 0});
        ByteArrayOutputStream function = new ByteArrayOutputStream();
        function.write(locals, 0, locals.length);
        function.write(body, 0, body.length);
        function.write(0x0B);
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(1);
        leb(code, function.size());
        code.write(function.toByteArray(), 0, function.size());
        section(m, 10, code.toByteArray());
        return m.toByteArray();
    }

    private static void section(ByteArrayOutputStream m, int id, byte[] content) {
        m.write(id);
        leb(m, content.length);
        m.write(content, 0, content.length);
    }

    private static void leb(ByteArrayOutputStream out, int value) {
        while (value >= 0x80) {
            out.write(value & 0x7F | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    /** 64 bytes of operands: words from the edge values of every lane shape, floats' specials, or random. */
    private static byte[] operands(Random random) {
        int[] specials = {0, -1, 1, 0x7FFFFFFF, 0x80000000, 0x7F7F7F7F, 0x80808080, 0x00FF00FF, 0x7FFF8000,
            0x7FC00000, 0x7F800000, 0xFF800000, 0x3F800000, 0xBF000000, 0x4F000000, 0xCF000000,
            0x7FF80000, 0x41E00000, 0x3FE00000, 0x00000001, 0x3FC00000, 0x4B000001};
        byte[] bytes = new byte[MEMORY_BYTES];
        for (int i = 0; i < 12; i++) {
            int word = random.nextInt(3) == 0 ? random.nextInt() : specials[random.nextInt(specials.length)];
            for (int k = 0; k < 4; k++) {
                bytes[4 * i + k] = (byte) (word >>> (8 * k));
            }
        }
        return bytes;
    }

    /**
     * The memory after f ran on operands, or the trap's kind. A float op's NaN results are made
     * canonical (nanBytes 4 or 8, else 0): with two NaN operands the spec lets either payload
     * through, and C2 may swap the operands of a commutative op.
     */
    private static String run(Instance in, byte[] operands, int nanBytes) {
        byte[] mem = in.memory().array();
        System.arraycopy(operands, 0, mem, 0, MEMORY_BYTES);
        try {
            in.function("f").call();
        } catch (TrapException trap) {
            return "trap " + trap.getMessage();
        }
        byte[] result = Arrays.copyOf(mem, MEMORY_BYTES);
        java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(result).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int at = 48; nanBytes != 0 && at < MEMORY_BYTES; at += nanBytes) {
            if (nanBytes == 4 && Float.isNaN(view.getFloat(at))) {
                view.putInt(at, 0x7FC00000);
            } else if (nanBytes == 8 && Double.isNaN(view.getDouble(at))) {
                view.putLong(at, 0x7FF8000000000000L);
            }
        }
        return Arrays.toString(result);
    }

    /** 4 for the f32x4 ops that compute floats, 8 for the f64x2 ones, else 0 (by binary opcode). */
    private static int nanBytes(int op) {
        if (op >= 0xE0 && op <= 0xEB || op >= 0x67 && op <= 0x6A || op == 0x5E) {
            return 4;
        }
        return op >= 0xEC && op <= 0xF7 || op == 0x74 || op == 0x75 || op == 0x7A || op == 0x94 || op == 0x5F ? 8 : 0;
    }

    private static Instance instantiate(byte[] module, CompileOptions.Jit policy) {
        return new Linker(new Store()).instantiate(Wasm.parse(module, CompileOptions.defaults().withJit(policy)));
    }

    @Test
    void everyVectorOpIsCompiledAndComputesWhatTheInterpreterComputes() {
        List<Object[]> modules = vectorModules();
        java.util.Set<Object> ops = new java.util.HashSet<>();
        for (Object[] named : modules) {
            ops.add(named[2]);
        }
        // Every vector opcode of the spec (236 of them) has a shape here.
        assertEquals(236, ops.size(), "vector opcodes with a test shape");
        Random random = new Random(14);
        for (Object[] named : modules) {
            byte[] module = (byte[]) named[1];
            Instance jit = instantiate(module, CompileOptions.Jit.ALL);
            Instance interpreter = instantiate(module, CompileOptions.Jit.OFF);
            for (int round = 0; round < ROUNDS; round++) {
                byte[] operands = operands(random);
                int nan = nanBytes((Integer) named[2]);
                assertEquals(run(interpreter, operands, nan), run(jit, operands, nan), (String) named[0] + " round " + round);
            }
            CompiledModule compiled = jit.compiledModule();
            assertEquals(Op.JIT_ENTRY, compiled.code()[compiled.entry(0) + Op.HEADER_SIZE], named[0] + " is marked for the JIT");
            assertNotNull(compiled.jitFunction(0), named[0] + " is compiled");
        }
    }

    @Test
    void vectorAccessesPastTheMemoryTrapInBothTiers() {
        // v128.load at 65535 + 3: the memory has one page.
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        i32(b, 48);
        b.write(0x41);
        b.write(0xFF);
        b.write(0xFF);
        b.write(0x03);
        simd(b, 0);
        b.write(0);
        b.write(3);
        store(b);
        byte[] module = module(b.toByteArray());
        String expected = run(instantiate(module, CompileOptions.Jit.OFF), new byte[MEMORY_BYTES], 0);
        assertTrue(expected.startsWith("trap"), expected);
        assertEquals(expected, run(instantiate(module, CompileOptions.Jit.ALL), new byte[MEMORY_BYTES], 0));
    }

    /**
     * clang's widening of four bytes (i32.load, i32x4.splat, i8x16.shuffle with a constant), which
     * compiled code reads byte by byte from memory, summed in a loop into a v128 that compiled code
     * keeps in lane locals across the back edge: both tiers give the same sums, and trap alike
     * when a load passes the memory's end.
     */
    @Test
    void widenedLoadsSummedInALoopComputeWhatTheInterpreterComputes() {
        int[][] shuffles = {
            {16, 1, 2, 3, 17, 5, 6, 7, 18, 9, 10, 11, 19, 13, 14, 15},
            {0, 17, 18, 19, 1, 21, 22, 23, 2, 25, 26, 27, 3, 29, 30, 31},
            {16, 17, 18, 19, 3, 2, 1, 0, 19, 16, 4, 8, 31, 18, 17, 16},
        };
        Random random = new Random(140);
        for (int[] lanes : shuffles) {
            for (int constant : new int[] {0, 0x5A}) {
                // The last iteration's load is at 44 + offset: the large offset takes it past 65536.
                for (int offset : new int[] {0, 3, 65536 - 40}) {
                    byte[] module = module(new byte[] {2, 1, 0x7B, 1, 0x7F}, widenedSum(lanes, constant, offset));
                    Instance interpreter = instantiate(module, CompileOptions.Jit.OFF);
                    for (CompileOptions.Jit policy : new CompileOptions.Jit[] {CompileOptions.Jit.ALL, CompileOptions.Jit.LOOPS}) {
                        Instance jit = instantiate(module, policy);
                        for (int round = 0; round < 8; round++) {
                            byte[] operands = operands(random);
                            String expected = run(interpreter, operands, 0);
                            assertEquals(offset > 65536 - 48, expected.startsWith("trap"), expected);
                            String name = Arrays.toString(lanes) + " constant " + constant + " offset " + offset + " " + policy;
                            assertEquals(expected, run(jit, operands, 0), name);
                        }
                    }
                    assertNotNull(instantiateAndCall(module).jitFunction(0), "the loop's function is compiled");
                }
            }
        }
    }

    private static CompiledModule instantiateAndCall(byte[] module) {
        Instance jit = instantiate(module, CompileOptions.Jit.ALL);
        run(jit, new byte[MEMORY_BYTES], 0);
        return jit.compiledModule();
    }

    /**
     * With locals 0 (v128) and 1 (i32): for i = 0, 4, ..., 44, local 0 += shuffle of
     * (v128.const, i32x4.splat(i32.load offset=offset (i))) (or the other way round, per lanes);
     * then local 0 goes to 48.
     */
    private static byte[] widenedSum(int[] lanes, int constant, int offset) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x03);
        b.write(0x40);
        b.write(0x20);
        b.write(0);
        simd(b, 0x0C);
        for (int i = 0; i < 16; i++) {
            b.write(constant == 0 ? 0 : constant + i);
        }
        b.write(0x20);
        b.write(1);
        b.write(0x28);
        b.write(0);
        leb(b, offset);
        simd(b, 0x11);
        simd(b, 0x0D);
        for (int lane : lanes) {
            b.write(lane);
        }
        simd(b, 0xAE);
        b.write(0x21);
        b.write(0);
        b.write(0x20);
        b.write(1);
        i32(b, 4);
        b.write(0x6A);
        b.write(0x22);
        b.write(1);
        i32(b, 48);
        b.write(0x49);
        b.write(0x0D);
        b.write(0);
        b.write(0x0B);
        i32(b, 48);
        b.write(0x20);
        b.write(0);
        store(b);
        return b.toByteArray();
    }

    /** The benchmark programs built with -msimd128 give their native checksums (examples/bench/expected.tsv) compiled. */
    @Test
    void simdBenchmarksAreCompiledAndGiveTheNativeChecksums() throws Exception {
        String[][] cases = {{"sobel_simd", "1", "1588229359"}, {"matmul_simd", "20", "2220517125"},
            {"sobel", "1", "1588229359"}};
        for (String[] c : cases) {
            byte[] wasm = Files.readAllBytes(Paths.get("../examples/bench/wasm/" + c[0] + ".wasm"));
            for (CompileOptions.Jit policy : new CompileOptions.Jit[] {CompileOptions.Jit.LOOPS, CompileOptions.Jit.OFF}) {
                Instance in = new Linker(new Store()).instantiate(Wasm.parse(wasm, CompileOptions.defaults().withJit(policy)));
                assertEquals(Long.parseLong(c[2]), in.function("run").call(Integer.parseInt(c[1])) & 0xFFFFFFFFL,
                        c[0] + " " + policy);
                if (policy == CompileOptions.Jit.LOOPS) {
                    int compiledVectorOps = 0;
                    for (int f = 0; f < in.compiledModule().module().functionCount(); f++) {
                        compiledVectorOps += compiledVectorOps(in.compiledModule(), f, c[0]);
                    }
                    assertEquals(c[0].endsWith("_simd"), compiledVectorOps > 0, c[0] + " has compiled vector code");
                }
            }
        }
    }

    /**
     * The vector ops of defined function f, failing unless each is compiled: the function whole
     * (JIT_ENTRY), or the loop (JIT_LOOP) it is in.
     */
    private static int compiledVectorOps(CompiledModule compiled, int f, String name) {
        int[] code = compiled.code();
        int pc = compiled.entry(f) + Op.HEADER_SIZE;
        boolean whole = code[pc] == Op.JIT_ENTRY;
        if (whole) {
            assertNotNull(compiled.jitFunction(f), name + ": function " + f + " is compiled");
        }
        int loopEnd = -1;
        int count = 0;
        for (; pc < compiled.end(f); pc += Op.length(code, pc)) {
            if (code[pc] == Op.JIT_LOOP && !whole && pc >= loopEnd) {
                loopEnd = code[pc + 1];
                assertNotNull(compiled.jitLoop(pc), name + ": the loop at " + pc + " is compiled");
            }
            if (code[pc] >= Op.V128_GLOBAL_GET && code[pc] <= Op.F64X2_CONVERT_LOW_I32X4_U) {
                assertTrue(whole || pc < loopEnd, name + ": " + Op.name(code[pc]) + " at " + pc + " is compiled");
                count++;
            }
        }
        return count;
    }
}
