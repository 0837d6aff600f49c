/*
 * The two C library functions clang may emit calls to, for the wasm builds that link no libc
 * (-nostdlib keeps every module free of imports and of wasi-libc's command wrappers). Built with
 * -fno-builtin so these loops are not turned back into calls to themselves.
 */
#include <stddef.h>

void *memset(void *dest, int c, size_t n) {
    unsigned char *d = dest;
    while (n--) {
        *d++ = (unsigned char) c;
    }
    return dest;
}

void *memcpy(void *dest, const void *src, size_t n) {
    unsigned char *d = dest;
    const unsigned char *s = src;
    while (n--) {
        *d++ = *s++;
    }
    return dest;
}
