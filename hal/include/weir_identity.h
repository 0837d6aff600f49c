/* weir:identity: a module's own SPIFFE ID (see hal/wit/identity.wit). */
#ifndef WEIR_IDENTITY_H
#define WEIR_IDENTITY_H

#include <stdint.h>

#define WEIR_IDENTITY_IMPORT(name) __attribute__((import_module("weir:identity"), import_name(name)))

#define WEIR_IDENTITY_NO_IDENTITY 1

/*
 * Writes the module's SPIFFE ID (UTF-8, not zero-terminated) at buffer when it fits in capacity
 * bytes. Returns its length in bytes, also when it did not fit (nothing is written then), or
 * -WEIR_IDENTITY_NO_IDENTITY when the module has no identity.
 */
WEIR_IDENTITY_IMPORT("spiffe-id") int32_t weir_identity_spiffe_id(char *buffer, int32_t capacity);

#endif
