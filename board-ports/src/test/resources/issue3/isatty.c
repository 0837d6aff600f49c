// Regression fixture for issue 3 (weir run vs wasmtime with real WASI programs): prints whether
// each standard stream is a terminal, as wasi-libc's isatty() sees it, then "line N" for N up to
// argv[1]. weir used to report every standard stream as a terminal, so C stdio line-buffered
// redirected output: one fd_write, and one host write, per line.
//
// Build: clang --target=wasm32-wasi -Os -Wl,--strip-debug -o isatty.wasm isatty.c
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
    printf("isatty %d %d %d\n", isatty(0), isatty(1), isatty(2));
    int lines = argc > 1 ? atoi(argv[1]) : 0;
    for (int i = 1; i <= lines; i++) {
        printf("line %d\n", i);
    }
    return 0;
}
