package dev.weir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumbersTest {
    private static Node atom(String text) {
        return new Node(Node.ATOM, 1, 1, text, null, null);
    }

    @Test
    void integersTakeEitherSignednessAndUnderscores() {
        assertEquals(-1, Numbers.i32(atom("0xffff_ffff")));
        assertEquals(-1, Numbers.i32(atom("-1")));
        assertEquals(Integer.MIN_VALUE, Numbers.i32(atom("-0x8000_0000")));
        assertEquals(-1L, Numbers.i64(atom("18446744073709551615")));
        assertEquals(Long.MIN_VALUE, Numbers.i64(atom("-9223372036854775808")));
        assertEquals(1_000_000L, Numbers.i64(atom("+1_000_000")));
    }

    @Test
    void integersOutOfRangeOrWithStrayUnderscoresAreMalformed() {
        assertThrows(TextFormatException.class, () -> Numbers.i32(atom("4294967296")));
        assertThrows(TextFormatException.class, () -> Numbers.i32(atom("-2147483649")));
        assertThrows(TextFormatException.class, () -> Numbers.i64(atom("18446744073709551616")));
        assertThrows(TextFormatException.class, () -> Numbers.i32(atom("1__0")));
        assertThrows(TextFormatException.class, () -> Numbers.i32(atom("_1")));
        assertThrows(TextFormatException.class, () -> Numbers.i32(atom("0x")));
        assertThrows(TextFormatException.class, () -> Numbers.u32(atom("-1")));
    }

    @Test
    void floatsInEveryForm() {
        assertEquals(Float.floatToRawIntBits(1.5f), Numbers.f32(atom("0x1.8p0")));
        assertEquals(Float.floatToRawIntBits(12.0f), Numbers.f32(atom("0xc")));
        assertEquals(Float.floatToRawIntBits(1e10f), Numbers.f32(atom("1_0e9")));
        assertEquals(0x7F800000, Numbers.f32(atom("inf")));
        assertEquals(0xFF800000, Numbers.f32(atom("-inf")));
        assertEquals(0x7FC00000, Numbers.f32(atom("nan")));
        assertEquals(0xFF800001, Numbers.f32(atom("-nan:0x1")));
        assertEquals(0x7FF4000000000000L, Numbers.f64(atom("nan:0x4000000000000")));
        assertEquals(1L, Numbers.f64(atom("0x1p-1074")));
        assertEquals(Double.doubleToRawLongBits(-0.0), Numbers.f64(atom("-0.0")));
        assertEquals(Double.doubleToRawLongBits(0.1), Numbers.f64(atom("0.1")));
        assertEquals(Double.doubleToRawLongBits(1e308), Numbers.f64(atom("1e+308")));
    }

    @Test
    void floatsThatRoundToInfinityOrHaveBadPayloadsAreMalformed() {
        assertThrows(TextFormatException.class, () -> Numbers.f32(atom("1e39")));
        assertThrows(TextFormatException.class, () -> Numbers.f32(atom("0x1p128")));
        assertThrows(TextFormatException.class, () -> Numbers.f32(atom("nan:0x0")));
        assertThrows(TextFormatException.class, () -> Numbers.f32(atom("nan:0x800000")));
        assertThrows(TextFormatException.class, () -> Numbers.f64(atom("1.e")));
        assertThrows(TextFormatException.class, () -> Numbers.f64(atom("1.0_")));
        assertThrows(TextFormatException.class, () -> Numbers.f64(atom("0x1.0p_1")));
    }
}
