#!/usr/bin/env bash
# Builds every example (examples/NAME/NAME.c -> examples/NAME/NAME.wasm) with Debian's clang for
# wasm32-wasi. The .wasm files are committed, so only people changing an example need this.
#
#   examples/build.sh            build all examples
#   examples/build.sh hello wc   build only these
#
# Needs the Debian packages clang, lld, wasi-libc and libclang-rt-14-dev-wasm32 (bookworm names):
#   apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32
# CLANG may name another clang (default: clang).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
clang="${CLANG:-clang}"

missing=()
command -v "$clang" >/dev/null 2>&1 || missing+=("clang (the C compiler)")
command -v wasm-ld >/dev/null 2>&1 || missing+=("lld (provides wasm-ld, the WebAssembly linker)")
[ -f /usr/include/wasm32-wasi/stdio.h ] || missing+=("wasi-libc (the C library and headers for wasm32-wasi)")
if command -v "$clang" >/dev/null 2>&1; then
    builtins="$("$clang" --target=wasm32-wasi -print-libgcc-file-name 2>/dev/null || true)"
    if [ -z "$builtins" ] || [ ! -f "$builtins" ]; then
        version="$("$clang" -dumpversion 2>/dev/null | cut -d. -f1)"
        missing+=("libclang-rt-${version:-14}-dev-wasm32 (compiler-rt builtins for wasm32)")
    fi
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "examples/build.sh: missing Debian packages:" >&2
    for m in "${missing[@]}"; do
        echo "  - $m" >&2
    done
    echo "install them with: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32" >&2
    exit 1
fi

# -O2 as the issue asks; --strip-debug drops the DWARF that Debian's wasi-libc carries but keeps
# the "name" section, so traps show function names in backtraces.
cflags=(--target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-debug)

if [ $# -gt 0 ]; then
    names=("$@")
else
    names=()
    for dir in "$here"/*/; do
        name="$(basename "$dir")"
        [ -f "$dir/$name.c" ] && names+=("$name")
    done
fi

for name in "${names[@]}"; do
    src="$here/$name/$name.c"
    if [ ! -f "$src" ]; then
        echo "examples/build.sh: no example named $name (expected $src)" >&2
        exit 1
    fi
    "$clang" "${cflags[@]}" -o "$here/$name/$name.wasm" "$src"
    echo "built examples/$name/$name.wasm ($(wc -c < "$here/$name/$name.wasm") bytes)"
done
