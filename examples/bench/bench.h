/*
 * Shared helpers for the weir benchmark workloads.
 *
 * Every workload defines `uint32_t run(int32_t n)`: it does work proportional to n and returns a
 * checksum of everything it computed, so neither a compiler nor a runtime can skip the work and
 * the benchmark can check the wasm result against the native build's. Each run regenerates its
 * own input, so repeated calls on one instance return the same value.
 *
 * Only fixed-width types are used: the same source must mean the same thing on wasm32 and on the
 * native 64-bit build that supplies the expected checksums and the native time.
 */
#ifndef WEIR_BENCH_H
#define WEIR_BENCH_H

#include <stddef.h>
#include <stdint.h>

#define NOINLINE __attribute__((noinline))

uint32_t run(int32_t n);

/* FNV-1a style fold: order-sensitive, so a wrong element anywhere changes the checksum. */
static inline uint32_t fold(uint32_t h, uint32_t v) {
    return (h ^ v) * 0x01000193u;
}

#define FOLD_SEED 0x811c9dc5u

/* Marsaglia xorshift32: deterministic synthetic input without libc. */
static inline uint32_t xorshift32(uint32_t *state) {
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

static inline int32_t clamp_n(int32_t n, int32_t lo, int32_t hi) {
    return n < lo ? lo : (n > hi ? hi : n);
}

#endif
