#!/usr/bin/env bash
# Builds the fleet example's modules (motion.c, aggregator.c, led.c -> NAME.wasm) with Debian's clang
# for wasm32-wasi, then signs each with the TEST-ONLY demo key (NAME.signed.wasm), which the graph
# manifest and fleet.trust name. The .wasm files are committed: only people changing a module need this.
#
#   examples/fleet/build.sh
#
# Needs what examples/build.sh needs (clang, lld, wasi-libc, libclang-rt-14-dev-wasm32) and a built
# weir (make build) for `weir sign`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
clang="${CLANG:-clang}"
cflags=(--target=wasm32-wasi -O2 -Wall -Wextra -Werror -Wl,--strip-debug)
for name in motion aggregator led; do
    "$clang" "${cflags[@]}" -o "$here/$name.wasm" "$here/$name.c"
    "$root/bin/weir" sign --key "$root/examples/trust/TEST-ONLY-demo.sk" "$here/$name.wasm" -o "$here/$name.signed.wasm"
    echo "built examples/fleet/$name.wasm ($(wc -c < "$here/$name.wasm") bytes) and $name.signed.wasm"
done
