/*
 * Prints "tick 1" .. "tick N" (argv[1], default 5), sleeping argv[2] milliseconds (default 1000)
 * after each: a program that spends its time in WASI's poll_oneoff. Used by the checkpoint tests:
 * SIGTERM during a sleep must stop it at once, and the resumed run sleeps again and goes on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 5;
    long ms = argc > 2 ? atol(argv[2]) : 1000;
    struct timespec pause = {ms / 1000, (ms % 1000) * 1000000L};
    for (int i = 1; i <= n; i++) {
        printf("tick %d\n", i);
        fflush(stdout);
        nanosleep(&pause, NULL);
    }
    printf("done\n");
    return 0;
}
