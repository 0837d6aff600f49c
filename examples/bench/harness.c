/*
 * Native timing harness: links with one workload and prints one tab-separated line
 *   name  n  checksum  ns_per_run  runs
 * after timing run(n) in a loop for at least MIN_NANOS (and at least MIN_RUNS runs).
 * Usage: ./name n
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "bench.h"

#ifndef WORKLOAD_NAME
#error "compile with -DWORKLOAD_NAME=\"name\""
#endif

#define MIN_NANOS 300000000LL
#define MIN_RUNS 10

static long long now_nanos(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s n\n", argv[0]);
        return 2;
    }
    int32_t n = (int32_t) strtol(argv[1], NULL, 10);
    uint32_t checksum = run(n);
    /* Warm up caches and branch predictors for about a tenth of the measuring time. */
    long long start = now_nanos();
    while (now_nanos() - start < MIN_NANOS / 10) {
        if (run(n) != checksum) {
            fprintf(stderr, "%s: run(%d) is not deterministic\n", WORKLOAD_NAME, n);
            return 1;
        }
    }
    long long runs = 0;
    start = now_nanos();
    long long elapsed;
    do {
        if (run(n) != checksum) {
            fprintf(stderr, "%s: run(%d) is not deterministic\n", WORKLOAD_NAME, n);
            return 1;
        }
        runs++;
        elapsed = now_nanos() - start;
    } while (elapsed < MIN_NANOS || runs < MIN_RUNS);
    printf("%s\t%d\t%u\t%lld\t%lld\n", WORKLOAD_NAME, n, checksum, elapsed / runs, runs);
    return 0;
}
