/* Sieve of Eratosthenes up to n: byte loads and stores over a large array, simple loops. */
#include "bench.h"

#define SIEVE_MAX (1 << 22)
static uint8_t composite[SIEVE_MAX + 1];

uint32_t run(int32_t n) {
    int32_t limit = clamp_n(n, 2, SIEVE_MAX);
    for (int32_t i = 0; i <= limit; i++) {
        composite[i] = 0;
    }
    for (int32_t p = 2; (int64_t) p * p <= limit; p++) {
        if (!composite[p]) {
            for (int32_t m = p * p; m <= limit; m += p) {
                composite[m] = 1;
            }
        }
    }
    uint32_t count = 0;
    uint32_t h = FOLD_SEED;
    for (int32_t i = 2; i <= limit; i++) {
        if (!composite[i]) {
            count++;
            h = fold(h, (uint32_t) i);
        }
    }
    return fold(h, count);
}
