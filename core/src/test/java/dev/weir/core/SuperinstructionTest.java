package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.CompiledModule;
import dev.weir.core.internal.compile.Op;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

/**
 * The compiler turns a constant operand into an immediate form and a compare feeding br_if/if
 * into a fused compare-and-branch, rewriting some compares on the way (a <= c as a < c + 1,
 * negations for if). These check every such rewrite against Java's own arithmetic, at the
 * constants where a rewrite could overflow.
 */
class SuperinstructionTest {
    private static final int[] EDGES = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -2, -1, 0, 1, 2,
        Integer.MAX_VALUE - 1, Integer.MAX_VALUE};

    // i32 compare opcodes (binary encoding) 0x46 eq .. 0x4F ge_u.
    private static final int EQ = 0x46;
    private static final int GE_U = 0x4F;

    @Test
    void comparesWithAConstantMatchJavaInEveryContext() {
        for (int op = EQ; op <= GE_U; op++) {
            for (int c : EDGES) {
                byte[] constant = sleb(c);
                // x op c as a value, through if, through br_if; then c op x (the constant first).
                Function value = function(concat(bytes(0x20, 0), bytes(0x41), constant, bytes(op, 0x0B)));
                Function viaIf = function(concat(bytes(0x20, 0, 0x41), constant,
                        bytes(op, 0x04, 0x7F, 0x41, 1, 0x05, 0x41, 0, 0x0B, 0x0B)));
                Function viaBrIf = function(concat(bytes(0x02, 0x7F, 0x41, 1, 0x20, 0, 0x41), constant,
                        bytes(op, 0x0D, 0, 0x1A, 0x41, 0, 0x0B, 0x0B)));
                Function swapped = function(concat(bytes(0x41), constant, bytes(0x20, 0, op, 0x0B)));
                for (int x : EDGES) {
                    int expected = compare(op, x, c) ? 1 : 0;
                    String what = "op 0x" + Integer.toHexString(op) + " x=" + x + " c=" + c;
                    assertEquals(expected, (int) value.call(x), what);
                    assertEquals(expected, (int) viaIf.call(x), "if: " + what);
                    assertEquals(expected, (int) viaBrIf.call(x), "br_if: " + what);
                    assertEquals(compare(op, c, x) ? 1 : 0, (int) swapped.call(x), "swapped: " + what);
                }
            }
        }
    }

    @Test
    void comparesOfTwoLocalsFuseWithBrIfAndIf() {
        for (int op = EQ; op <= GE_U; op++) {
            Function viaIf = function2(bytes(0x20, 0, 0x20, 1, op, 0x04, 0x7F, 0x41, 1, 0x05, 0x41, 0, 0x0B, 0x0B));
            Function viaBrIf = function2(bytes(0x02, 0x7F, 0x41, 1, 0x20, 0, 0x20, 1, op, 0x0D, 0, 0x1A, 0x41, 0,
                    0x0B, 0x0B));
            for (int x : EDGES) {
                for (int y : EDGES) {
                    int expected = compare(op, x, y) ? 1 : 0;
                    assertEquals(expected, (int) viaIf.call(x, y), "if op 0x" + Integer.toHexString(op));
                    assertEquals(expected, (int) viaBrIf.call(x, y), "br_if op 0x" + Integer.toHexString(op));
                }
            }
        }
    }

    @Test
    void arithmeticWithAConstantMatchesJava() {
        // add, sub, mul, and, or, xor, shl, shr_s, shr_u: opcodes 0x6A..0x76 minus div/rem.
        int[] ops = {0x6A, 0x6B, 0x6C, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76};
        for (int op : ops) {
            for (int c : EDGES) {
                Function f = function(concat(bytes(0x20, 0, 0x41), sleb(c), bytes(op, 0x0B)));
                Function swapped = function(concat(bytes(0x41), sleb(c), bytes(0x20, 0, op, 0x0B)));
                for (int x : EDGES) {
                    assertEquals(arithmetic(op, x, c), (int) f.call(x), "op 0x" + Integer.toHexString(op));
                    assertEquals(arithmetic(op, c, x), (int) swapped.call(x), "swapped op 0x" + Integer.toHexString(op));
                }
            }
        }
    }

    @Test
    void aLoadFromAddressPlusConstantWrapsTheAddressLikeTwoInstructions() {
        // (memory 1) (data "\01\02\03\04\05\06\07\08") f(x) = i32.load8_u / i32.load / i64.load (x + c) offset=o
        int[][] loads = {{0x2D, 0}, {0x28, 2}, {0x29, 3}};
        for (int[] load : loads) {
            for (int c : new int[] {8, -4, 0x7FFFFFFF, Integer.MIN_VALUE}) {
                for (int offset : new int[] {0, 1}) {
                    Function f = new Linker(new Store()).instantiate(Wasm.parse(memoryModule(
                            concat(bytes(0x20, 0, 0x41), sleb(c), bytes(0x6A, load[0], load[1], offset),
                                    load[0] == 0x29 ? bytes(0xA7, 0x0B) : bytes(0x0B))))).function("f");
                    for (int x : new int[] {0, 4, -8, -4, 8, 65536 - 8, 65536, -1}) {
                        long address = ((x + c) & 0xFFFFFFFFL) + offset;
                        int size = load[0] == 0x2D ? 1 : load[0] == 0x28 ? 4 : 8;
                        String what = "load 0x" + Integer.toHexString(load[0]) + " x=" + x + " c=" + c + " offset=" + offset;
                        if (address + size > 65536) {
                            org.junit.jupiter.api.Assertions.assertThrows(dev.weir.core.module.TrapException.class,
                                    () -> f.call(x), what);
                        } else {
                            long expected = 0;
                            for (int i = size - 1; i >= 0; i--) {
                                long at = address + i;
                                expected = expected << 8 | (at < 8 ? at + 1 : 0);
                            }
                            assertEquals((int) expected, (int) f.call(x), what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aStoreToAddressPlusConstantWrapsTheAddressLikeTwoInstructions() {
        // f(x): store x at (x + c) offset=o (fused), then load it back through a local (not fused).
        int[][] kinds = {{0x36, 2, 0x28}, {0x3A, 0, 0x2D}};
        for (int[] kind : kinds) {
            for (int c : new int[] {8, -4, 0x7FFFFFFF, Integer.MIN_VALUE}) {
                for (int offset : new int[] {0, 1}) {
                    byte[] body = concat(bytes(0x20, 0, 0x41), sleb(c), bytes(0x6A, 0x20, 0, kind[0], kind[1], offset,
                            0x20, 0, 0x41), sleb(c), bytes(0x6A, 0x21, 1, 0x20, 1, kind[2], kind[1], offset, 0x0B));
                    Function f = new Linker(new Store()).instantiate(Wasm.parse(memoryModule(body, 1))).function("f");
                    for (int x : new int[] {0, 4, -8, -4, 8, 65536 - 8, 65536, -1}) {
                        long address = ((x + c) & 0xFFFFFFFFL) + offset;
                        int size = kind[0] == 0x36 ? 4 : 1;
                        String what = "store 0x" + Integer.toHexString(kind[0]) + " x=" + x + " c=" + c + " offset=" + offset;
                        if (address + size > 65536) {
                            org.junit.jupiter.api.Assertions.assertThrows(dev.weir.core.module.TrapException.class,
                                    () -> f.call(x), what);
                        } else {
                            assertEquals(size == 4 ? x : x & 0xFF, (int) f.call(x), what);
                        }
                    }
                }
            }
        }
    }

    private static byte[] memoryModule(byte[] instructions) {
        return memoryModule(instructions, 0);
    }

    /** A module with one page of memory holding bytes 1..8 at address 0 and "f": (i32) -> i32. */
    private static byte[] memoryModule(byte[] instructions, int i32Locals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, bytes(0, 0x61, 0x73, 0x6D, 1, 0, 0, 0));
        section(out, 1, bytes(1, 0x60, 1, 0x7F, 1, 0x7F));
        section(out, 3, bytes(1, 0));
        section(out, 5, bytes(1, 0, 1));
        section(out, 7, bytes(1, 1, 'f', 0, 0));
        byte[] body = concat(i32Locals == 0 ? bytes(0) : bytes(1, i32Locals, 0x7F), instructions);
        section(out, 10, concat(bytes(1, body.length), body));
        section(out, 11, bytes(1, 0, 0x41, 0, 0x0B, 8, 1, 2, 3, 4, 5, 6, 7, 8));
        return out.toByteArray();
    }

    @Test
    void fusedMemoryAccessesAreEmitted() {
        CompiledModule module = Wasm.parse(memoryModule(bytes(0x20, 0, 0x41, 8, 0x6A, 0x20, 0, 0x36, 2, 0,
                0x20, 0, 0x41, 4, 0x6A, 0x28, 2, 0, 0x0B), 0));
        int[] code = module.code();
        String listing = Op.disassemble(code, module.entry(0) + Op.HEADER_SIZE, code.length);
        assertTrue(listing.contains("I32_LOAD_ADD "), listing);
    }

    @Test
    void aCompareFeedingBrIfBecomesOneInstruction() {
        CompiledModule module = Wasm.parse(module(bytes(0x02, 0x7F, 0x41, 1, 0x20, 0, 0x41, 10, 0x48, 0x0D, 0, 0x1A,
                0x41, 0, 0x0B, 0x0B), 1));
        int[] code = module.code();
        String listing = Op.disassemble(code, module.entry(0) + Op.HEADER_SIZE, code.length);
        assertTrue(listing.contains("BR_IF_I32_LT_S_I 0 10 "), listing);
        assertTrue(!listing.replace("BR_IF_I32_LT_S_I", "").contains("I32_LT_S_I"), listing);
    }

    private static boolean compare(int op, int x, int y) {
        switch (op) {
            case 0x46: return x == y;
            case 0x47: return x != y;
            case 0x48: return x < y;
            case 0x49: return Integer.compareUnsigned(x, y) < 0;
            case 0x4A: return x > y;
            case 0x4B: return Integer.compareUnsigned(x, y) > 0;
            case 0x4C: return x <= y;
            case 0x4D: return Integer.compareUnsigned(x, y) <= 0;
            case 0x4E: return x >= y;
            default: return Integer.compareUnsigned(x, y) >= 0;
        }
    }

    private static int arithmetic(int op, int x, int y) {
        switch (op) {
            case 0x6A: return x + y;
            case 0x6B: return x - y;
            case 0x6C: return x * y;
            case 0x71: return x & y;
            case 0x72: return x | y;
            case 0x73: return x ^ y;
            case 0x74: return x << y;
            case 0x75: return x >> y;
            default: return x >>> y;
        }
    }

    private static Function function(byte[] body) {
        return new Linker(new Store()).instantiate(Wasm.parse(module(body, 1))).function("f");
    }

    private static Function function2(byte[] body) {
        return new Linker(new Store()).instantiate(Wasm.parse(module(body, 2))).function("f");
    }

    /** A module exporting "f": (i32 x params) -> i32 with the given instructions (ending in end). */
    private static byte[] module(byte[] instructions, int params) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, bytes(0, 0x61, 0x73, 0x6D, 1, 0, 0, 0));
        byte[] type = params == 1 ? bytes(1, 0x60, 1, 0x7F, 1, 0x7F) : bytes(1, 0x60, 2, 0x7F, 0x7F, 1, 0x7F);
        section(out, 1, type);
        section(out, 3, bytes(1, 0));
        section(out, 7, bytes(1, 1, 'f', 0, 0));
        byte[] body = concat(bytes(0), instructions);
        section(out, 10, concat(bytes(1, body.length), body));
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] payload) {
        out.write(id);
        out.write(payload.length);
        write(out, payload);
    }

    private static void write(ByteArrayOutputStream out, byte[] b) {
        out.write(b, 0, b.length);
    }

    private static byte[] sleb(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = value & 0x7F;
            value >>= 7;
            if ((value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0)) {
                out.write(b);
                return out.toByteArray();
            }
            out.write(b | 0x80);
        }
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            write(out, p);
        }
        return out.toByteArray();
    }
}
