package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.core.module.ValType;
import org.junit.jupiter.api.Test;

class WasmValuesTest {

    private static long one(byte type, String text) {
        long[] slots = new long[2];
        WasmValues.parse(type, text, slots, 0);
        return slots[0];
    }

    private static String show(byte type, long... slots) {
        return WasmValues.format(type, slots, 0);
    }

    @Test
    void integersAcceptSignedAndUnsignedRangesAndHex() {
        assertEquals(0xFFFFFFFFL, one(ValType.I32, "-1"));
        assertEquals(0xFFFFFFFFL, one(ValType.I32, "4294967295"));
        assertEquals(0x80000000L, one(ValType.I32, "-2147483648"));
        assertEquals(255, one(ValType.I32, "0xff"));
        assertEquals(-1L, one(ValType.I64, "18446744073709551615"));
        assertEquals(Long.MIN_VALUE, one(ValType.I64, "-9223372036854775808"));
        assertThrows(IllegalArgumentException.class, () -> one(ValType.I32, "-2147483649"));
        assertThrows(IllegalArgumentException.class, () -> one(ValType.I32, "1.0"));
        assertThrows(IllegalArgumentException.class, () -> one(ValType.I32, "--1"));
        assertThrows(IllegalArgumentException.class, () -> one(ValType.I64, ""));
    }

    @Test
    void floatsKeepTheirBitsAndAcceptSpecialNames() {
        assertEquals(Float.floatToRawIntBits(1.5f), (int) one(ValType.F32, "1.5"));
        assertEquals(Float.floatToRawIntBits(0.1f), (int) one(ValType.F32, "0.1"));
        assertEquals(0x7FC00000, (int) one(ValType.F32, "nan"));
        assertEquals(0xFFC00000, (int) one(ValType.F32, "-nan"));
        assertEquals(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), one(ValType.F64, "-inf"));
        assertEquals(Double.doubleToRawLongBits(3.0), one(ValType.F64, "0x1.8p1"));
        assertThrows(IllegalArgumentException.class, () -> one(ValType.F64, "2d"));
        assertThrows(IllegalArgumentException.class, () -> one(ValType.F64, " 2"));
    }

    @Test
    void resultsPrintAsSignedIntegersAndShortestFloats() {
        assertEquals("-1", show(ValType.I32, 0xFFFFFFFFL));
        assertEquals("-1", show(ValType.I64, -1L));
        assertEquals("0.1", show(ValType.F32, Float.floatToRawIntBits(0.1f)));
        assertEquals("inf", show(ValType.F64, Double.doubleToRawLongBits(Double.POSITIVE_INFINITY)));
        assertEquals("nan", show(ValType.F32, 0x7FC00000L));
        assertEquals("nan:0x1", show(ValType.F32, 0x7F800001L));
        assertEquals("-nan", show(ValType.F64, 0xFFF8000000000000L));
        assertEquals("null", show(ValType.EXTERNREF, 0));
        assertEquals("externref:7", show(ValType.EXTERNREF, 8));
    }

    @Test
    void v128IsHexWithTheLowHalfFirstInSlots() {
        long[] slots = new long[2];
        assertEquals(2, WasmValues.parse(ValType.V128, "0x0102030405060708090a0b0c0d0e0f10", slots, 0));
        assertEquals(0x090a0b0c0d0e0f10L, slots[0]);
        assertEquals(0x0102030405060708L, slots[1]);
        assertEquals("0x0102030405060708090a0b0c0d0e0f10", WasmValues.format(ValType.V128, slots, 0));
    }

    @Test
    void referencesAreNullOrExternNumbers() {
        assertEquals(0, one(ValType.FUNCREF, "null"));
        assertEquals(6, one(ValType.EXTERNREF, "5"));
        assertThrows(IllegalArgumentException.class, () -> one(ValType.FUNCREF, "3"));
    }
}
