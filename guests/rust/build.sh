#!/usr/bin/env bash
# Builds the weir crate (guests/rust/weir) and the Rust examples (examples/rust-*/rust-*.rs ->
# .wasm) for wasm32-wasi with Debian's rustc, without cargo, so a fresh Debian machine can build
# them from packages alone. The .wasm files are committed; only people changing them need this.
#
#   guests/rust/build.sh                  the crate and every Rust example
#   guests/rust/build.sh rust-blinky      only these examples
#
# Needs the Debian packages rustc and libstd-rust-dev-wasm32 (bookworm: Rust 1.63), and lld
# (wasm-ld). RUSTC may name another rustc (default: /usr/bin/rustc, Debian's, even when a rustup
# toolchain comes first on PATH, so every machine builds the same bytes).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rustc="${RUSTC:-/usr/bin/rustc}"
out="${WASM_OUT:-$here/target}/wasm32-wasi"
# WASM_OUT: write the examples' .wasm files there instead of beside their sources (the build test).
wasm_out="${WASM_OUT:-}"

missing=()
[ -x "$rustc" ] || command -v "$rustc" >/dev/null 2>&1 || missing+=("rustc (the Rust compiler)")
if [ ${#missing[@]} -eq 0 ] && [ ! -d "$("$rustc" --print sysroot)/lib/rustlib/wasm32-wasi/lib" ]; then
    missing+=("libstd-rust-dev-wasm32 (Rust's standard library for wasm32-wasi)")
fi
command -v wasm-ld >/dev/null 2>&1 || command -v rust-lld >/dev/null 2>&1 || missing+=("lld (wasm-ld)")
if [ ${#missing[@]} -gt 0 ]; then
    echo "guests/rust/build.sh: missing Debian packages:" >&2
    for m in "${missing[@]}"; do
        echo "  - $m" >&2
    done
    echo "install them with: apt-get install rustc libstd-rust-dev-wasm32 lld" >&2
    exit 1
fi

# -O and stripped debug info (the name section stays, so traps name functions); panics abort, as
# there is nothing to unwind to in a firmware module.
flags=(--edition 2021 --target wasm32-wasi -C opt-level=3 -C strip=debuginfo -C panic=abort)

mkdir -p "$out"
"$rustc" "${flags[@]}" --crate-type rlib --crate-name weir "$here/weir/src/lib.rs" --out-dir "$out"

if [ $# -gt 0 ]; then
    names=("$@")
else
    names=()
    for dir in "$root"/examples/rust-*/; do
        names+=("$(basename "$dir")")
    done
fi
for name in "${names[@]}"; do
    src="$root/examples/$name/$name.rs"
    if [ ! -f "$src" ]; then
        echo "guests/rust/build.sh: no Rust example named $name (expected $src)" >&2
        exit 1
    fi
    target="${wasm_out:-$root/examples/$name}/$name.wasm"
    "$rustc" "${flags[@]}" --crate-type bin --crate-name "${name//-/_}" --extern weir="$out/libweir.rlib" \
        -L "$out" -o "$target" "$src"
    echo "built $target ($(wc -c < "$target") bytes)"
done
