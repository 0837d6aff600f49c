package dev.weir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.core.module.TrapException;
import dev.weir.testsupport.Allocations;
import org.junit.jupiter.api.Test;

/**
 * Vector instructions through the whole pipeline (decode, validate, compile, run): the corner
 * cases the spec singles out (lane-wise IEEE rules, saturation, out-of-range lanes, v128 in
 * memory, locals and globals). The spec suite's simd_*.wast files cover every instruction.
 */
class SimdInstructionsTest {
    /**
     * wat2wasm (wabt 1.0.32) of:
     * <pre>
     * (module
     *   (memory (export "memory") 1)
     *   (global $g (mut v128) (v128.const i64x2 1 2))
     *   (func (export "add4") (param i32 i32) (result i32)
     *     (i32x4.extract_lane 3 (i32x4.add (i32x4.splat (local.get 0)) (i32x4.splat (local.get 1)))))
     *   (func (export "minZero") (result i32)
     *     (i32.reinterpret_f32 (f32x4.extract_lane 1
     *       (f32x4.min (v128.const f32x4 0 0 0 0) (v128.const f32x4 -0 -0 -0 -0)))))
     *   (func (export "pminZero") (result i32)
     *     (i32.reinterpret_f32 (f32x4.extract_lane 2
     *       (f32x4.pmin (v128.const f32x4 -0 -0 -0 -0) (v128.const f32x4 0 0 0 0)))))
     *   (func (export "minNaN") (param f32 f32) (result i32)
     *     (i32.reinterpret_f32 (f32x4.extract_lane 0
     *       (f32x4.min (f32x4.splat (local.get 0)) (f32x4.splat (local.get 1))))))
     *   (func (export "nearest") (param f32) (result f32)
     *     (f32x4.extract_lane 3 (f32x4.nearest (f32x4.splat (local.get 0)))))
     *   (func (export "reverseBitmask") (result i32)
     *     (i8x16.bitmask (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0
     *       (v128.const i8x16 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 -128) (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0))))
     *   (func (export "narrow") (param i32) (result i32)
     *     (i8x16.extract_lane_s 9 (i8x16.narrow_i16x8_s (i16x8.splat (local.get 0)) (i16x8.splat (local.get 0)))))
     *   (func (export "q15") (param i32 i32) (result i32)
     *     (i16x8.extract_lane_s 5 (i16x8.q15mulr_sat_s (i16x8.splat (local.get 0)) (i16x8.splat (local.get 1)))))
     *   (func (export "truncSatU") (param f32) (result i32)
     *     (i32x4.extract_lane 2 (i32x4.trunc_sat_f32x4_u (f32x4.splat (local.get 0)))))
     *   (func (export "swizzle") (param i32) (result i32)
     *     (i8x16.extract_lane_u 0 (i8x16.swizzle
     *       (v128.const i8x16 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25) (i8x16.splat (local.get 0)))))
     *   (func (export "extmulU") (param i32) (result i32)
     *     (i16x8.extract_lane_u 7 (i16x8.extmul_high_i8x16_u (i8x16.splat (local.get 0)) (i8x16.splat (local.get 0)))))
     *   (func (export "storeLoad") (param i32) (result i32)
     *     (v128.store offset=0 (local.get 0) (v128.const i32x4 1 2 3 4))
     *     (i32.load offset=12 (local.get 0)))
     *   (func (export "loadLane") (param i32) (result i64)
     *     (i64.store (local.get 0) (i64.const 0x1122334455667788))
     *     (i64x2.extract_lane 1 (v128.load8_lane 9 (local.get 0) (v128.const i64x2 0 0))))
     *   (func (export "globalSwap") (param i64) (result i64)
     *     (local $old v128)
     *     (local.set $old (global.get $g))
     *     (global.set $g (i64x2.splat (local.get 0)))
     *     (i64.add (i64x2.extract_lane 1 (local.get $old)) (i64x2.extract_lane 0 (global.get $g))))
     * )
     * </pre>
     */
    static final byte[] SIMD = {
            0, 97, 115, 109, 1, 0, 0, 0, 1, 42, 8, 96, 2, 127, 127, 1,
            127, 96, 0, 1, 127, 96, 2, 125, 125, 1, 127, 96, 1, 125, 1, 125,
            96, 1, 127, 1, 127, 96, 1, 125, 1, 127, 96, 1, 127, 1, 126, 96,
            1, 126, 1, 126, 3, 15, 14, 0, 1, 1, 2, 3, 1, 4, 0, 5,
            4, 4, 4, 6, 7, 5, 3, 1, 0, 1, 6, 22, 1, 123, 1, -3,
            12, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0,
            0, 11, 7, -99, 1, 15, 6, 109, 101, 109, 111, 114, 121, 2, 0, 4,
            97, 100, 100, 52, 0, 0, 7, 109, 105, 110, 90, 101, 114, 111, 0, 1,
            8, 112, 109, 105, 110, 90, 101, 114, 111, 0, 2, 6, 109, 105, 110, 78,
            97, 78, 0, 3, 7, 110, 101, 97, 114, 101, 115, 116, 0, 4, 14, 114,
            101, 118, 101, 114, 115, 101, 66, 105, 116, 109, 97, 115, 107, 0, 5, 6,
            110, 97, 114, 114, 111, 119, 0, 6, 3, 113, 49, 53, 0, 7, 9, 116,
            114, 117, 110, 99, 83, 97, 116, 85, 0, 8, 7, 115, 119, 105, 122, 122,
            108, 101, 0, 9, 7, 101, 120, 116, 109, 117, 108, 85, 0, 10, 9, 115,
            116, 111, 114, 101, 76, 111, 97, 100, 0, 11, 8, 108, 111, 97, 100, 76,
            97, 110, 101, 0, 12, 10, 103, 108, 111, 98, 97, 108, 83, 119, 97, 112,
            0, 13, 10, -116, 3, 14, 16, 0, 32, 0, -3, 17, 32, 1, -3, 17,
            -3, -82, 1, -3, 27, 3, 11, 45, 0, -3, 12, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -3, 12, 0, 0, 0,
            -128, 0, 0, 0, -128, 0, 0, 0, -128, 0, 0, 0, -128, -3, -24, 1,
            -3, 31, 1, -68, 11, 45, 0, -3, 12, 0, 0, 0, -128, 0, 0, 0,
            -128, 0, 0, 0, -128, 0, 0, 0, -128, -3, 12, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -3, -22, 1, -3, 31,
            2, -68, 11, 17, 0, 32, 0, -3, 19, 32, 1, -3, 19, -3, -24, 1,
            -3, 31, 0, -68, 11, 11, 0, 32, 0, -3, 19, -3, 106, -3, 31, 3,
            11, 58, 0, -3, 12, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, -128, -3, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, -3, 13, 15, 14, 13, 12, 11, 10, 9,
            8, 7, 6, 5, 4, 3, 2, 1, 0, -3, 100, 11, 15, 0, 32, 0,
            -3, 16, 32, 0, -3, 16, -3, 101, -3, 21, 9, 11, 16, 0, 32, 0,
            -3, 16, 32, 1, -3, 16, -3, -126, 1, -3, 24, 5, 11, 12, 0, 32,
            0, -3, 19, -3, -7, 1, -3, 27, 2, 11, 29, 0, -3, 12, 10, 11,
            12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 32, 0,
            -3, 15, -3, 14, -3, 22, 0, 11, 16, 0, 32, 0, -3, 15, 32, 0,
            -3, 15, -3, -97, 1, -3, 25, 7, 11, 31, 0, 32, 0, -3, 12, 1,
            0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, -3,
            11, 4, 0, 32, 0, 40, 2, 12, 11, 45, 0, 32, 0, 66, -120, -17,
            -103, -85, -59, -24, -116, -111, 17, 55, 3, 0, 32, 0, -3, 12, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -3, 84,
            0, 0, 9, -3, 29, 1, 11, 25, 1, 1, 123, 35, 0, 33, 1, 32,
            0, -3, 18, 36, 0, 32, 1, -3, 29, 1, 35, 0, -3, 29, 0, 124,
            11
    };

    private static Instance instantiate() {
        return new Linker(ModuleBuilder.smallStore()).instantiate(Wasm.parse(SIMD));
    }

    private static long f32(float v) {
        return Float.floatToRawIntBits(v);
    }

    @Test
    void addsSplatLanes() {
        assertEquals(-5, (int) instantiate().function("add4").call(2, -7));
    }

    @Test
    void minOrdersNegativeZeroBelowPositiveZero() {
        assertEquals(0x80000000, (int) instantiate().function("minZero").call());
    }

    @Test
    void pminReturnsTheFirstOperandWhenNeitherIsLess() {
        // pmin(-0, +0) = +0 < -0 ? +0 : -0 = -0: no ordering of zeros, unlike min.
        assertEquals(0x80000000, (int) instantiate().function("pminZero").call());
    }

    @Test
    void minPropagatesAQuietNaN() {
        int bits = (int) instantiate().function("minNaN").call(f32(1.0f), 0x7FA00000L);
        assertEquals(0x7FC00000, bits & 0x7FC00000, Integer.toHexString(bits));
    }

    @Test
    void nearestRoundsHalfToEven() {
        Function nearest = instantiate().function("nearest");
        assertEquals(2.0f, Float.intBitsToFloat((int) nearest.call(f32(2.5f))));
        assertEquals(-4.0f, Float.intBitsToFloat((int) nearest.call(f32(-3.5f))));
        assertEquals(0x80000000, (int) nearest.call(f32(-0.5f)));
    }

    @Test
    void shuffleMovesLanesAndBitmaskReadsTheirSigns() {
        // Lanes 0 and 15 are negative; reversed they stay at 15 and 0.
        assertEquals(0x8001, (int) instantiate().function("reverseBitmask").call());
    }

    @Test
    void narrowSaturates() {
        Function narrow = instantiate().function("narrow");
        assertEquals(127, (int) narrow.call(300));
        assertEquals(-128, (int) narrow.call(-300));
        assertEquals(-5, (int) narrow.call(-5));
    }

    @Test
    void q15MultiplySaturatesTheOneOverflowingCase() {
        Function q15 = instantiate().function("q15");
        assertEquals(32767, (int) q15.call(-32768, -32768));
        assertEquals(8192, (int) q15.call(16384, 16384));
    }

    @Test
    void truncSatUnsignedClampsAndMapsNaNToZero() {
        Function trunc = instantiate().function("truncSatU");
        assertEquals(0, (int) trunc.call(f32(-1.5f)));
        assertEquals(-1, (int) trunc.call(f32(5e9f)));
        assertEquals(0, (int) trunc.call(f32(Float.NaN)));
        assertEquals(3, (int) trunc.call(f32(3.99f)));
    }

    @Test
    void swizzleGivesZeroForOutOfRangeIndexes() {
        Function swizzle = instantiate().function("swizzle");
        assertEquals(13, (int) swizzle.call(3));
        assertEquals(0, (int) swizzle.call(16));
        assertEquals(0, (int) swizzle.call(255));
    }

    @Test
    void extendingMultiplyWidensUnsignedLanes() {
        assertEquals(65025, (int) instantiate().function("extmulU").call(255));
    }

    @Test
    void storesLittleEndianAndTrapsPastTheEnd() {
        Function storeLoad = instantiate().function("storeLoad");
        assertEquals(4, (int) storeLoad.call(100));
        assertEquals(4, (int) storeLoad.call(65536 - 16));
        TrapException e = assertThrows(TrapException.class, () -> storeLoad.call(65536 - 15));
        assertEquals("out of bounds memory access", e.getMessage());
    }

    @Test
    void loadLaneReplacesOneLane() {
        // The byte at the address (0x88, the low byte of the little-endian i64 stored there) lands in
        // lane 9: byte 1 of the high half; every other lane keeps the zero of the v128.const.
        assertEquals(0x88L << 8, instantiate().function("loadLane").call(6));
    }

    @Test
    void vectorOpsAllocateNothing() {
        Instance instance = instantiate();
        Function add4 = instance.function("add4");
        Function bitmask = instance.function("reverseBitmask");
        Function storeLoad = instance.function("storeLoad");
        Function swap = instance.function("globalSwap");
        Function nearest = instance.function("nearest");
        assertEquals(0, Allocations.leastBytes(() -> {
            long checksum = 0;
            for (int i = 0; i < 5_000; i++) {
                checksum += add4.call(i, 1) + bitmask.call() + storeLoad.call(i & 0xFFF) + swap.call(i)
                        + nearest.call(f32(i + 0.5f));
            }
            return checksum;
        }));
    }

    @Test
    void v128GlobalKeepsBothHalves() {
        Instance instance = instantiate();
        Function swap = instance.function("globalSwap");
        assertEquals(2 + 5, swap.call(5));
        assertEquals(5 + 9, swap.call(9));
    }
}
