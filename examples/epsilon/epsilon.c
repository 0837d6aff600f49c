/*
 * A long, call-heavy workload that allocates nothing per operation: the Epsilon GC test
 * (board-ports EpsilonGcTest) runs it through bin/weir under -XX:+UseEpsilonGC -Xmx64m, a JVM
 * that never frees memory, so it completes only if the runtime's hot path allocates nothing.
 *
 * Each round computes fib(25) or fib(24) by plain recursion (242,785 or 150,049 calls) and
 * passes the result through one of four small functions called through a function pointer
 * (call_indirect). The default 400 rounds make 78.6 million calls and execute 1,103,497,025
 * wasm instructions (as weir bench counts them).
 *
 *   usage: epsilon [ROUNDS]     prints the rounds and a checksum of every result
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

#define NOINLINE __attribute__((noinline))

static NOINLINE uint32_t fib(uint32_t k) {
    return k < 2 ? k : fib(k - 1) + fib(k - 2);
}

static NOINLINE uint32_t mix_add(uint32_t h, uint32_t x) { return h + x; }
static NOINLINE uint32_t mix_xor(uint32_t h, uint32_t x) { return h ^ (x * 2654435761u); }
static NOINLINE uint32_t mix_rot(uint32_t h, uint32_t x) { return ((h << 5) | (h >> 27)) + x; }
static NOINLINE uint32_t mix_mul(uint32_t h, uint32_t x) { return h * 31u + x; }

/* volatile: the compiler cannot resolve the indirect calls at compile time. */
static uint32_t (*volatile mixers[4])(uint32_t, uint32_t) = {mix_add, mix_xor, mix_rot, mix_mul};

int main(int argc, char **argv) {
    long rounds = argc > 1 ? strtol(argv[1], NULL, 10) : 400;
    if (rounds < 0) {
        fprintf(stderr, "epsilon: ROUNDS must not be negative\n");
        return 2;
    }
    uint32_t checksum = 0;
    for (long i = 0; i < rounds; i++) {
        checksum = mixers[i & 3](checksum, fib(25 - (uint32_t) (i & 1)));
    }
    printf("epsilon: %ld rounds, checksum %u\n", rounds, checksum);
    return 0;
}
