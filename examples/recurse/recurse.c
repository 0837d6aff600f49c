/*
 * Recurses without end until the runtime's call stack runs out, which must
 * trap (call stack exhausted) rather than crash the host. Each frame keeps
 * nothing in linear memory, so it is the wasm call stack that overflows, not
 * the C shadow stack; the volatile update after the call stops the compiler
 * from turning the recursion into a loop.
 */
#include <stdio.h>

volatile unsigned sink;

__attribute__((noinline)) static unsigned descend(unsigned depth) {
    if (depth == 0) {
        return sink;
    }
    unsigned below = descend(depth - 1);
    sink = sink + depth;
    return below + depth;
}

int main(int argc, char **argv) {
    (void)argv;
    printf("recursing until the stack runs out\n");
    fflush(stdout);
    /* Four billion calls deep: far past any runtime's limit. */
    unsigned result = descend(0xFFFFFFF0u + (unsigned)argc);
    printf("returned %u: the runtime did not run out of stack\n", result);
    return 0;
}
