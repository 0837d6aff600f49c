package dev.weir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptTest {
    @Test
    void readsEveryCommandKind() {
        List<Script.Command> commands = Script.parse("(module $m (func (export \"f\")))\n"
                + "(register \"M\" $m)\n"
                + "(invoke \"f\")\n"
                + "(get $m \"g\")\n"
                + "(assert_return (invoke $m \"f\" (i32.const -1) (f64.const -0x1p-1)) (i64.const 0xffff_ffff_ffff_ffff))\n"
                + "(assert_trap (invoke \"f\") \"unreachable\")\n"
                + "(assert_trap (module (func $s unreachable) (start $s)) \"unreachable\")\n"
                + "(assert_exhaustion (invoke \"f\") \"call stack exhausted\")\n"
                + "(assert_malformed (module quote \"(func\") \"unclosed\")\n"
                + "(assert_invalid (module (func (result i32))) \"type mismatch\")\n"
                + "(assert_unlinkable (module (import \"x\" \"y\" (func))) \"unknown import\")\n"
                + "(assert_uninstantiable (module binary \"\\00asm\\01\\00\\00\\00\") \"trap\")\n");
        Script.Kind[] kinds = new Script.Kind[commands.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = commands.get(i).kind;
        }
        assertEquals(Arrays.asList(Script.Kind.MODULE, Script.Kind.REGISTER, Script.Kind.ACTION, Script.Kind.ACTION,
                Script.Kind.ASSERT_RETURN, Script.Kind.ASSERT_TRAP, Script.Kind.ASSERT_TRAP, Script.Kind.ASSERT_EXHAUSTION,
                Script.Kind.ASSERT_MALFORMED, Script.Kind.ASSERT_INVALID, Script.Kind.ASSERT_UNLINKABLE,
                Script.Kind.ASSERT_UNINSTANTIABLE), Arrays.asList(kinds));
        assertEquals("$m", commands.get(0).module.name());
        assertEquals("M", commands.get(1).text);
        assertEquals("$m", commands.get(1).moduleName);
        assertFalse(commands.get(3).action.invoke);
        Script.Command ret = commands.get(4);
        assertEquals("$m", ret.action.module);
        assertEquals("4294967295", ret.action.args.get(0).value());
        assertEquals(Long.toUnsignedString(Double.doubleToRawLongBits(-0.5)), ret.action.args.get(1).value());
        assertEquals("18446744073709551615", ret.expected.get(0).value());
        assertNull(commands.get(6).action);
        assertEquals(12, commands.get(11).line);
        assertTrue(commands.get(11).module.isBinary());
        assertThrows(TextFormatException.class, () -> commands.get(8).module.binary());
    }

    @Test
    void expectedValuesKeepNanPatternsAndVectorLanes() {
        Script.Command c = Script.parse("(assert_return (invoke \"f\")"
                + " (f32.const nan:canonical) (f64.const nan:arithmetic) (f32.const -nan:0x1)"
                + " (v128.const f32x4 nan:canonical 1 -1 inf) (v128.const i8x16 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 255)"
                + " (ref.null func) (ref.extern 7) (ref.func))").get(0);
        List<Script.Value> v = c.expected;
        assertEquals("nan:canonical", v.get(0).value());
        assertEquals("nan:arithmetic", v.get(1).value());
        assertEquals(Integer.toUnsignedString(0xFF800001), v.get(2).value());
        assertEquals("f32", v.get(3).laneType);
        assertEquals(Arrays.asList("nan:canonical", "1065353216", "3212836864", "2139095040"), v.get(3).values);
        assertEquals("255", v.get(4).values.get(0));
        assertEquals("255", v.get(4).values.get(15));
        assertEquals("funcref", v.get(5).type);
        assertEquals("null", v.get(5).value());
        assertEquals("7", v.get(6).value());
        assertEquals("any", v.get(7).value());
    }

    @Test
    void aScriptOfBareFieldsIsOneModule() {
        List<Script.Command> commands = Script.parse("(func) (memory 1)");
        assertEquals(1, commands.size());
        assertEquals(Script.Kind.MODULE, commands.get(0).kind);
        assertTrue(Arrays.equals(Wat.toBinary("(module (func) (memory 1))"), commands.get(0).module.binary()));
    }

    @Test
    void malformedScriptsNameWhereAndWhat() {
        TextFormatException e = assertThrows(TextFormatException.class, () -> Script.parse("(module)\n(assert_bogus)"));
        assertEquals("2:2: unknown command \"assert_bogus\": expected module, register, invoke, get or assert_*", e.getMessage());
        e = assertThrows(TextFormatException.class, () -> Script.parse("(assert_return (invoke \"f\" (i32.const 1 2)))"));
        assertEquals("1:28: malformed i32.const: expected one literal", e.getMessage());
        e = assertThrows(TextFormatException.class, () -> Script.parse("(module) \"abc"));
        assertEquals("1:10: unclosed string: expected '\"' before the end of the text", e.getMessage());
    }
}
