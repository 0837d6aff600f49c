/*
 * Single-precision matrix multiply C = A * B of n x n matrices: f32 loads, multiplies and adds.
 * The i-k-j order keeps each C element's additions in the same order however a compiler
 * vectorizes the inner loop, so the native and wasm results are bit-identical.
 */
#include "bench.h"

#define MATMUL_MAX 256
static float a[MATMUL_MAX * MATMUL_MAX];
static float b[MATMUL_MAX * MATMUL_MAX];
static float c[MATMUL_MAX * MATMUL_MAX];

static uint32_t float_bits(float f) {
    union { float f; uint32_t u; } v;
    v.f = f;
    return v.u;
}

uint32_t run(int32_t n) {
    int32_t dim = clamp_n(n, 1, MATMUL_MAX);
    for (int32_t i = 0; i < dim; i++) {
        for (int32_t j = 0; j < dim; j++) {
            a[i * dim + j] = (float) ((i * 7 + j * 3) % 17) * 0.125f - 1.0f;
            b[i * dim + j] = (float) ((i * 5 + j * 11) % 13) * 0.25f - 1.5f;
            c[i * dim + j] = 0.0f;
        }
    }
    for (int32_t i = 0; i < dim; i++) {
        for (int32_t k = 0; k < dim; k++) {
            float aik = a[i * dim + k];
            for (int32_t j = 0; j < dim; j++) {
                c[i * dim + j] += aik * b[k * dim + j];
            }
        }
    }
    uint32_t h = FOLD_SEED;
    for (int32_t i = 0; i < dim * dim; i++) {
        h = fold(h, float_bits(c[i]));
    }
    return h;
}
