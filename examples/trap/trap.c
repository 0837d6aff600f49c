/*
 * Reads far past the end of linear memory, which must trap ("out of bounds
 * memory access") with a backtrace naming read_past_end and main. The address
 * depends on argc so the compiler cannot see it is out of bounds.
 */
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline)) static int read_past_end(int argc) {
    volatile int *p = (volatile int *)(uintptr_t)(0xFFFFFF00u + (unsigned)argc * 4u);
    return *p;
}

int main(int argc, char **argv) {
    (void)argv;
    printf("reading past the end of memory\n");
    fflush(stdout);
    int value = read_past_end(argc);
    printf("read %d: the runtime did not trap\n", value);
    return 0;
}
