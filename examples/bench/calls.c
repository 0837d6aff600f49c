/*
 * Call-heavy workload: many small functions called directly and through a table of function
 * pointers (call_indirect in wasm), the shape of callback-style and dispatch-table code.
 * n = number of dispatch steps; each step makes one indirect and one or two direct calls.
 */
#include "bench.h"

static NOINLINE uint32_t rotl1(uint32_t x) { return (x << 1) | (x >> 31); }
static NOINLINE uint32_t mix(uint32_t x, uint32_t y) { return (x ^ y) * 0x9E3779B1u; }
static NOINLINE uint32_t half(uint32_t x) { return (x >> 1) + (x & 1); }

static NOINLINE uint32_t op0(uint32_t a, uint32_t b) { return a + b; }
static NOINLINE uint32_t op1(uint32_t a, uint32_t b) { return a - b; }
static NOINLINE uint32_t op2(uint32_t a, uint32_t b) { return a ^ rotl1(b); }
static NOINLINE uint32_t op3(uint32_t a, uint32_t b) { return mix(a, b); }
static NOINLINE uint32_t op4(uint32_t a, uint32_t b) { return a * 3u + b; }
static NOINLINE uint32_t op5(uint32_t a, uint32_t b) { return half(a) + b; }
static NOINLINE uint32_t op6(uint32_t a, uint32_t b) { return (a | b) - (a & b); }
static NOINLINE uint32_t op7(uint32_t a, uint32_t b) { return rotl1(a) + rotl1(b); }
static NOINLINE uint32_t op8(uint32_t a, uint32_t b) { return a + (b << 3); }
static NOINLINE uint32_t op9(uint32_t a, uint32_t b) { return mix(half(a), b); }
static NOINLINE uint32_t op10(uint32_t a, uint32_t b) { return a ^ (b * 7u); }
static NOINLINE uint32_t op11(uint32_t a, uint32_t b) { return a < b ? b - a : a - b + 1u; }
static NOINLINE uint32_t op12(uint32_t a, uint32_t b) { return (a >> 3) ^ (a << 5) ^ b; }
static NOINLINE uint32_t op13(uint32_t a, uint32_t b) { return op0(a, b) ^ op1(a, b); }
static NOINLINE uint32_t op14(uint32_t a, uint32_t b) { return a + 0x6D2B79F5u + (b & 255u); }
static NOINLINE uint32_t op15(uint32_t a, uint32_t b) { return mix(a, rotl1(b)); }

/* Not static and not const, so the compiler cannot turn the indirect calls into a switch. */
uint32_t (*dispatch_table[16])(uint32_t, uint32_t) = {
    op0, op1, op2, op3, op4, op5, op6, op7, op8, op9, op10, op11, op12, op13, op14, op15,
};

static NOINLINE uint32_t step(uint32_t acc, uint32_t i) {
    uint32_t selector = (acc >> 7) ^ i;
    return dispatch_table[selector & 15](acc, i);
}

uint32_t run(int32_t n) {
    int32_t steps = clamp_n(n, 1, 1 << 30);
    uint32_t acc = 1;
    uint32_t h = FOLD_SEED;
    for (int32_t i = 0; i < steps; i++) {
        acc = step(acc, (uint32_t) i);
        if ((i & 1023) == 1023) {
            h = fold(h, acc);
        }
    }
    return fold(h, acc);
}
