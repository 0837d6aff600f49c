/*
 * Prints 1..N (argv[1], default 100), one line each, with some arithmetic between lines so a run
 * takes long enough to be stopped mid-way, and last a checksum of that arithmetic. Used by the
 * checkpoint tests: a run stopped by SIGTERM and resumed elsewhere must print exactly the rest.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100;
    long work = argc > 2 ? atol(argv[2]) : 200000;
    uint32_t state = 1;
    for (long i = 1; i <= n; i++) {
        for (long k = 0; k < work; k++) {
            state = state * 1664525u + 1013904223u;
        }
        printf("%ld\n", i);
        fflush(stdout);
    }
    printf("checksum %u\n", (unsigned)state);
    return 0;
}
