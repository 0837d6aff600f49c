/*
 * Uses clock_time_get, clock_res_get and random_get, and prints only facts that
 * hold on every correct host (so the output can be compared exactly): the
 * monotonic clock advances, the wall clock is after 2020, two random draws
 * differ.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static __wasi_timestamp_t now(__wasi_clockid_t clock) {
    __wasi_timestamp_t t = 0;
    if (__wasi_clock_time_get(clock, 1, &t) != 0) {
        printf("clock_time_get(%u) failed\n", (unsigned)clock);
    }
    return t;
}

int main(void) {
    __wasi_timestamp_t resolution = 0;
    int res_ok = __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &resolution) == 0 && resolution > 0;
    printf("monotonic resolution reported: %s\n", res_ok ? "yes" : "no");

    __wasi_timestamp_t start = now(__WASI_CLOCKID_MONOTONIC);
    __wasi_timestamp_t later = start;
    /* Spin until the clock moves; bounded, so a stuck clock prints "no" instead of hanging. */
    for (long i = 0; i < 100000000L && later <= start; i++) {
        later = now(__WASI_CLOCKID_MONOTONIC);
    }
    printf("monotonic clock advances: %s\n", later > start ? "yes" : "no");

    /* 2020-01-01T00:00:00Z in nanoseconds since the epoch. */
    const __wasi_timestamp_t y2020 = 1577836800ULL * 1000000000ULL;
    printf("realtime is after 2020: %s\n", now(__WASI_CLOCKID_REALTIME) > y2020 ? "yes" : "no");

    uint8_t a[16], b[16];
    if (__wasi_random_get(a, sizeof a) != 0 || __wasi_random_get(b, sizeof b) != 0) {
        printf("random_get failed\n");
        return 1;
    }
    printf("random bytes differ: %s\n", memcmp(a, b, sizeof a) != 0 ? "yes" : "no");
    return 0;
}
