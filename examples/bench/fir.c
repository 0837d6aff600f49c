/*
 * 32-tap FIR low-pass filter in Q15 fixed point over n samples of a synthetic 16-bit signal:
 * the integer multiply-accumulate loop of sensor and audio processing on boards without an FPU
 * worth using. Output is rounded and saturated to 16 bits.
 */
#include "bench.h"

#define TAPS 32
#define FIR_MAX_SAMPLES (1 << 20)

/* Hamming-windowed sinc low-pass, cut-off fs/8, in Q15; the taps sum to 32766 (gain ~1). */
static const int16_t coefficients[TAPS] = {
    -21, -60, -84, -52, 78, 273, 387, 221,
    -301, -974, -1305, -731, 1017, 3642, 6306, 7987,
    7987, 6306, 3642, 1017, -731, -1305, -974, -301,
    221, 387, 273, 78, -52, -84, -60, -21,
};
static int16_t input[FIR_MAX_SAMPLES];
static int16_t output[FIR_MAX_SAMPLES];

static int16_t saturate16(int32_t v) {
    return (int16_t) (v > 32767 ? 32767 : (v < -32768 ? -32768 : v));
}

uint32_t run(int32_t n) {
    int32_t samples = clamp_n(n, TAPS, FIR_MAX_SAMPLES);
    uint32_t seed = 0xC0FFEE11u;
    for (int32_t i = 0; i < samples; i++) {
        /* Two square waves (periods 50 and 7) plus noise: energy below and above the cut-off. */
        int32_t v = ((i % 50) < 25 ? 8000 : -8000) + ((i % 7) < 3 ? 3000 : -3000);
        v += (int32_t) (xorshift32(&seed) & 2047) - 1024;
        input[i] = saturate16(v);
    }
    uint32_t h = FOLD_SEED;
    for (int32_t i = TAPS - 1; i < samples; i++) {
        int32_t acc = 1 << 14;
        for (int32_t k = 0; k < TAPS; k++) {
            acc += coefficients[k] * input[i - k];
        }
        output[i] = saturate16(acc >> 15);
        h = fold(h, (uint16_t) output[i]);
    }
    return h;
}
