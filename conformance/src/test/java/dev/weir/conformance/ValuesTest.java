package dev.weir.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private static Map<String, Object> value(String type, String value) {
        return Map.of("type", type, "value", value);
    }

    private static Map<String, Object> v128(String laneType, String... lanes) {
        return Map.of("type", "v128", "lane_type", laneType, "value", List.of(lanes));
    }

    private static long encode(Map<String, Object> value) {
        long[] out = new long[1];
        assertEquals(1, Values.encode(value, out, 0));
        return out[0];
    }

    private static boolean matches(Map<String, Object> expected, long... slots) {
        return Values.mismatch(expected, slots, 0) == null;
    }

    @Test
    void encodesIntegersFromTheirUnsignedDecimal() {
        assertEquals(0xFFFF_FFFFL, encode(value("i32", "4294967295")));
        assertEquals(-1L, encode(value("i64", "18446744073709551615")));
        assertEquals(Long.MIN_VALUE, encode(value("i64", "9223372036854775808")));
        assertEquals(0xFFFF_FFFFL, encode(value("i32", "-1")));
    }

    @Test
    void encodesFloatsFromTheirBitPatterns() {
        assertEquals(Float.floatToRawIntBits(1.0f) & 0xFFFF_FFFFL, encode(value("f32", "1065353216")));
        assertEquals(0x8000_0000L, encode(value("f32", "2147483648")));
        assertEquals(Double.doubleToRawLongBits(-0.0), encode(value("f64", "9223372036854775808")));
        assertEquals(0x7FF0_0000_0000_0001L, encode(value("f64", "9218868437227405313")));
    }

    @Test
    void encodesReferencesWithNullAsZeroAndExternNAsNPlusOne() {
        assertEquals(0, encode(value("externref", "null")));
        assertEquals(1, encode(value("externref", "0")));
        assertEquals(43, encode(value("externref", "42")));
        assertEquals(0, encode(value("funcref", "null")));
    }

    @Test
    void rejectsValuesThatDoNotFitTheirType() {
        assertThrows(IllegalArgumentException.class, () -> encode(value("i32", "4294967296")));
        assertThrows(IllegalArgumentException.class, () -> encode(value("i32", "twelve")));
        assertThrows(IllegalArgumentException.class, () -> encode(value("funcref", "3")));
        assertThrows(IllegalArgumentException.class, () -> encode(value("i128", "0")));
    }

    @Test
    void encodesV128LanesLowHalfFirst() {
        long[] out = new long[3];
        assertEquals(2, Values.encode(v128("i32", "1", "2", "3", "4294967295"), out, 1));
        assertEquals(0x0000_0002_0000_0001L, out[1]);
        assertEquals(0xFFFF_FFFF_0000_0003L, out[2]);
        Values.encode(v128("i8", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "255"), out, 0);
        assertEquals(0x0706_0504_0302_0100L, out[0]);
        assertEquals(0xFF0E_0D0C_0B0A_0908L, out[1]);
        Values.encode(v128("i64", "1", "18446744073709551615"), out, 0);
        assertEquals(1, out[0]);
        assertEquals(-1, out[1]);
    }

    @Test
    void comparesI32IgnoringTheHighBitsOfTheSlot() {
        assertTrue(matches(value("i32", "4294967295"), -1L));
        assertTrue(matches(value("i32", "7"), 0x1234_5678_0000_0007L));
        assertTrue(!matches(value("i32", "7"), 8));
    }

    @Test
    void comparesOrdinaryFloatsBitExactly() {
        assertTrue(matches(value("f32", "0"), 0));
        assertTrue(!matches(value("f32", "0"), 0x8000_0000L), "-0.0 is not 0.0");
        assertTrue(!matches(value("f64", "0"), Double.doubleToRawLongBits(-0.0)));
        assertTrue(!matches(value("f32", "2143289344"), 0x7FC0_0001L), "a specific NaN is compared bit for bit");
    }

    @Test
    void canonicalNanIsOnlyTheQuietBitWithEitherSign() {
        Map<String, Object> f32 = value("f32", "nan:canonical");
        assertTrue(matches(f32, 0x7FC0_0000L));
        assertTrue(matches(f32, 0xFFC0_0000L));
        assertTrue(!matches(f32, 0x7FC0_0001L));
        assertTrue(!matches(f32, 0x7F80_0000L), "infinity is not a NaN");
        Map<String, Object> f64 = value("f64", "nan:canonical");
        assertTrue(matches(f64, 0x7FF8_0000_0000_0000L));
        assertTrue(matches(f64, 0xFFF8_0000_0000_0000L));
        assertTrue(!matches(f64, 0x7FF8_0000_0000_0001L));
    }

    @Test
    void arithmeticNanIsAnyQuietNan() {
        Map<String, Object> f32 = value("f32", "nan:arithmetic");
        assertTrue(matches(f32, 0x7FC0_0000L));
        assertTrue(matches(f32, 0xFFE0_0001L));
        assertTrue(!matches(f32, 0x7FA0_0000L), "a signalling NaN is not arithmetic");
        assertTrue(!matches(f32, 0x3F80_0000L));
        Map<String, Object> f64 = value("f64", "nan:arithmetic");
        assertTrue(matches(f64, 0x7FFC_0000_0000_0000L));
        assertTrue(!matches(f64, 0x7FF4_0000_0000_0000L));
    }

    @Test
    void comparesReferences() {
        assertTrue(matches(value("externref", "null"), 0));
        assertTrue(matches(value("externref", "1"), 2));
        assertTrue(!matches(value("externref", "1"), 1));
        assertTrue(matches(value("funcref", "null"), 0));
        assertTrue(!matches(value("funcref", "null"), 5));
        Map<String, Object> anyFunction = value("funcref", "0");
        assertTrue(matches(anyFunction, 17), "any non-null funcref matches a non-null expectation");
        assertTrue(!matches(anyFunction, 0));
    }

    @Test
    void comparesV128LaneByLaneWithNanPatterns() {
        long nan = 0x7FC0_0000L;
        long one = Float.floatToRawIntBits(1.0f);
        long[] slots = {nan | one << 32, 0x7FC0_0001L | 0x7FA0_0000L << 32};
        assertNull(Values.mismatch(v128("f32", "nan:canonical", "1065353216", "nan:arithmetic", "2141192192"), slots, 0));
        assertNotNull(Values.mismatch(v128("f32", "nan:canonical", "1065353216", "nan:canonical", "2141192192"), slots, 0));
        assertNull(Values.mismatch(v128("i16", "1", "0", "0", "0", "0", "0", "0", "65535"), new long[] {1, 0xFFFF_0000_0000_0000L}, 0));
    }

    @Test
    void describesAMismatchWithBothValues() {
        String message = Values.mismatch(value("i32", "3"), new long[] {4}, 0);
        assertEquals("expected i32 3 (0x3), got i32 4 (0x4)", message);
        String nan = Values.mismatch(value("f32", "nan:canonical"), new long[] {0x3F80_0000L}, 0);
        assertEquals("expected f32 nan:canonical, got f32 0x3f800000 (1.0)", nan);
        assertEquals("expected externref 1, got externref null", Values.mismatch(value("externref", "1"), new long[] {0}, 0));
    }

    @Test
    void countsSlotsWithV128AsTwo() {
        assertEquals(4, Values.slots(List.of(value("i32", "0"), v128("i64", "0", "0"), value("f64", "0"))));
    }
}
