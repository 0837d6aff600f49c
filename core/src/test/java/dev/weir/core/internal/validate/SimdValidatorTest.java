package dev.weir.core.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.core.module.InvalidModuleException;
import dev.weir.core.module.MalformedModuleException;
import dev.weir.core.Wasm;
import org.junit.jupiter.api.Test;

/** The vector instructions' immediates and operand types, checked by {@link SimdValidator}. */
class SimdValidatorTest {
    /**
     * wat2wasm (wabt 1.0.32) of:
     * <pre>
     * (module
     *   (memory 1)
     *   (func (param v128) (result i32) (i8x16.extract_lane_s 15 (local.get 0)))
     *   (func (param i32) (result v128) (v128.load32_splat align=4 (local.get 0)))
     *   (func (param v128 v128) (result v128)
     *     (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (local.get 0) (local.get 1)))
     *   (func (param v128) (result v128) (i32x4.abs (local.get 0))))
     * </pre>
     */
    private static final byte[] VALID = {
            0, 97, 115, 109, 1, 0, 0, 0, 1, 22, 4, 96, 1, 123, 1, 127, 96, 1, 127, 1, 123, 96, 2, 123, 123, 1,
            123, 96, 1, 123, 1, 123, 3, 5, 4, 0, 1, 2, 3, 5, 3, 1, 0, 1, 10, 51, 4, 7, 0, 32, 0, -3, 21, 15, 11,
            8, 0, 32, 0, -3, 9, 2, 0, 11, 24, 0, 32, 0, 32, 1, -3, 13, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
            13, 14, 31, 11, 7, 0, 32, 0, -3, -96, 1, 11
    };
    /** Offsets in VALID of: the extract_lane lane, the load's alignment, the shuffle's last lane, abs's opcode. */
    private static final int EXTRACT_LANE = 53;
    private static final int SPLAT_ALIGN = 61;
    private static final int SHUFFLE_LAST_LANE = 87;
    private static final int ABS_OPCODE = 94;

    private static byte[] with(int offset, int value) {
        byte[] bytes = VALID.clone();
        bytes[offset] = (byte) value;
        return bytes;
    }

    @Test
    void acceptsTheUnmodifiedModule() {
        assertEquals(15, VALID[EXTRACT_LANE]);
        assertEquals(2, VALID[SPLAT_ALIGN]);
        assertEquals(31, VALID[SHUFFLE_LAST_LANE]);
        assertEquals(-96, VALID[ABS_OPCODE]);
        assertNotNull(Wasm.parse(VALID));
    }

    @Test
    void rejectsALaneIndexBeyondTheShape() {
        InvalidModuleException e = assertThrows(InvalidModuleException.class,
                () -> Wasm.parse(with(EXTRACT_LANE, 16)));
        assertTrue(e.getMessage().contains("invalid lane index"), e.getMessage());
    }

    @Test
    void rejectsAShuffleLaneOf32() {
        InvalidModuleException e = assertThrows(InvalidModuleException.class,
                () -> Wasm.parse(with(SHUFFLE_LAST_LANE, 32)));
        assertTrue(e.getMessage().contains("invalid lane index"), e.getMessage());
    }

    @Test
    void rejectsAnAlignmentAboveTheAccessWidth() {
        InvalidModuleException e = assertThrows(InvalidModuleException.class,
                () -> Wasm.parse(with(SPLAT_ALIGN, 3)));
        assertTrue(e.getMessage().contains("alignment must not be larger than natural"), e.getMessage());
    }

    @Test
    void reservedOpcodeIsMalformed() {
        // 0xA2 sits between i32x4.neg and i32x4.all_true and has no instruction.
        MalformedModuleException e = assertThrows(MalformedModuleException.class,
                () -> Wasm.parse(with(ABS_OPCODE, 0xA2)));
        assertTrue(e.getMessage().contains("illegal opcode fd 162"), e.getMessage());
    }

    @Test
    void rejectsAScalarWhereAVectorIsExpected() {
        // i32x4.abs's param becomes i32 (type 3's param byte, 0x7B -> 0x7F).
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Wasm.parse(with(29, 0x7F)));
        assertTrue(e.getMessage().contains("type mismatch"), e.getMessage());
    }
}
