/* Recursive Fibonacci: measures call and return overhead, nearly nothing else. n = the index. */
#include "bench.h"

static NOINLINE uint32_t fib(int32_t k) {
    return k < 2 ? (uint32_t) k : fib(k - 1) + fib(k - 2);
}

uint32_t run(int32_t n) {
    return fib(clamp_n(n, 0, 40));
}
