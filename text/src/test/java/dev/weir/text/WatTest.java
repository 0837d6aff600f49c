package dev.weir.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.CompiledModule;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Store;
import dev.weir.core.StoreLimits;
import dev.weir.core.Wasm;
import org.junit.jupiter.api.Test;

class WatTest {
    private static Instance instantiate(String wat) {
        CompiledModule module = Wasm.parse(Wat.toBinary(wat));
        return new Linker(new Store(new StoreLimits())).instantiate(module);
    }

    @Test
    void foldedAndPlainInstructionsRunAlike() {
        Instance i = instantiate("(module\n"
                + "  (func $add (export \"add\") (param $a i32) (param $b i32) (result i32)\n"
                + "    (i32.add (local.get $a) (local.get $b)))\n"
                + "  (func (export \"sub\") (param i32 i32) (result i32)\n"
                + "    local.get 0 local.get 1 i32.sub))");
        assertEquals(5, (int) i.function("add").call(2, 3));
        assertEquals(-1, (int) i.function("sub").call(2, 3));
    }

    @Test
    void blocksBranchToTheirLabels() {
        Instance i = instantiate("(module (func (export \"f\") (param $n i32) (result i32) (local $acc i32)\n"
                + "  block $done\n"
                + "    loop $again\n"
                + "      (br_if $done (i32.eqz (local.get $n)))\n"
                + "      (local.set $acc (i32.add (local.get $acc) (local.get $n)))\n"
                + "      (local.set $n (i32.sub (local.get $n) (i32.const 1)))\n"
                + "      br $again\n"
                + "    end $again\n"
                + "  end $done\n"
                + "  (if (result i32) (i32.gt_u (local.get $acc) (i32.const 10)) (then (local.get $acc)) (else (i32.const -1)))))");
        assertEquals(55, (int) i.function("f").call(10));
        assertEquals(-1, (int) i.function("f").call(2));
    }

    @Test
    void abbreviationsDefineImportsExportsAndSegments() {
        Instance i = instantiate("(module\n"
                + "  (memory (export \"mem\") (data \"hi\" \"\\00\\ff\"))\n"
                + "  (table $t funcref (elem $one $two))\n"
                + "  (global $g (export \"g\") (mut i64) (i64.const 0x1_0000_0000))\n"
                + "  (func $one (result i32) i32.const 1)\n"
                + "  (func $two (result i32) i32.const 2)\n"
                + "  (func (export \"pick\") (param i32) (result i32) (call_indirect $t (result i32) (local.get 0)))\n"
                + "  (func (export \"byte\") (param i32) (result i32) (i32.load8_u offset=0 align=1 (local.get 0))))");
        assertEquals(2, (int) i.function("pick").call(1));
        assertEquals(0xFF, (int) i.function("byte").call(3));
        assertEquals('h', (int) i.function("byte").call(0));
        assertEquals(0x1_0000_0000L, i.global("g").get());
    }

    @Test
    void identifiersBecomeTheNameSection() {
        CompiledModule module = Wasm.parse(Wat.toBinary("(module $m (func $first) (func) (func $third))"));
        assertEquals("m", module.module().moduleName());
        assertEquals("first", module.module().functionName(0));
        assertEquals(null, module.module().functionName(1));
        assertEquals("third", module.module().functionName(2));
    }

    @Test
    void bareFieldsAndBinaryAndQuotedModulesAreModulesToo() {
        byte[] fields = Wat.toBinary("(func (export \"f\") (result i32) (i32.const 7))");
        byte[] quoted = Wat.toBinary("(module quote \"(func (export \\\"f\\\") (result i32)\" \"(i32.const 7))\")");
        assertArrayEquals(fields, quoted);
        byte[] binary = Wat.toBinary("(module binary \"\\00asm\" \"\\01\\00\\00\\00\")");
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, binary);
        assertTrue(Wat.isBinary(binary));
    }

    @Test
    void simdInstructionsAndVectorLiterals() {
        Instance i = instantiate("(module (func (export \"f\") (result i32)\n"
                + "  (i32x4.extract_lane 2 (i32x4.add (v128.const i32x4 1 2 3 4) (v128.const i8x16 1 0 0 0 1 0 0 0 1 0 0 0 1 0 0 0)))))");
        assertEquals(4, (int) i.function("f").call());
    }

    @Test
    void errorsNameLineColumnAndWhatWasExpected() {
        TextFormatException e = assertThrows(TextFormatException.class,
                () -> Wat.toBinary("(module\n  (func\n    (i32.add2)))"));
        assertEquals(3, e.line());
        assertEquals(6, e.column());
        assertEquals("3:6: unknown operator \"i32.add2\"", e.getMessage());

        e = assertThrows(TextFormatException.class, () -> Wat.toBinary("(module (func (br $nowhere)))"));
        assertEquals("1:19: unknown label $nowhere", e.getMessage());

        e = assertThrows(TextFormatException.class, () -> Wat.toBinary("(module (func (i32.const 0x1_0000_0000)))"));
        assertTrue(e.getMessage().startsWith("1:26: constant out of range"), e.getMessage());

        e = assertThrows(TextFormatException.class, () -> Wat.toBinary("(module\n (func $f) (func $f))"));
        assertEquals("2:18: duplicate function $f", e.getMessage());

        e = assertThrows(TextFormatException.class, () -> Wat.toBinary("(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))"));
        assertEquals("1:42: alignment must be a power of two, got 3", e.getMessage());

        e = assertThrows(TextFormatException.class, () -> Wat.toBinary("(module (func)"));
        assertEquals("1:1: unclosed \"(\": expected \")\" before the end of the text", e.getMessage());

        e = assertThrows(TextFormatException.class, () -> Wat.toBinary("(module (func) (import \"a\" \"b\" (func)))"));
        assertTrue(e.getMessage().startsWith("1:16: import after a function"), e.getMessage());
    }
}
