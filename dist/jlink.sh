#!/usr/bin/env bash
# make jlink: a small Java runtime image for weir (jlink), for boards without a JDK package or to
# save space. Prints the modules it needs (jdeps) and the image's size; run it with
# JAVA_HOME=OUT/weir-runtime bin/weir ... or OUT/weir-runtime/bin/java -jar weir.jar.
#
#   dist/jlink.sh [OUT]     writes OUT/weir-runtime at the root (the JDK running it decides the
#                           target: build on the board's architecture, or point JLINK_JMODS at that
#                           architecture's jmods directory)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/${1:-target}"
jar="$root/board-ports/${1:-target}/weir.jar"
bin="${JAVA_HOME:+$JAVA_HOME/bin/}"
[ -f "$jar" ] || { echo "dist/jlink.sh: $jar is missing: run make build first" >&2; exit 1; }
command -v "${bin}jlink" >/dev/null 2>&1 || { echo "dist/jlink.sh: jlink not found (Debian package openjdk-17-jdk-headless)" >&2; exit 1; }

# What weir.jar uses of the JDK, by jdeps, less java.desktop: only JNA's AWT helpers (Native's
# window handles) need it, weir never loads them, and it is a quarter of the image.
# jdk.unsupported (sun.misc.Unsafe, which JNA uses) is not found by jdeps on a shaded jar.
modules="$("${bin}jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps "$jar" \
    | tr ',' '\n' | grep -v '^java.desktop$' | paste -sd, -),jdk.unsupported"
image="$out/weir-runtime"
rm -rf "$image"
module_path=()
[ -n "${JLINK_JMODS:-}" ] && module_path=(--module-path "$JLINK_JMODS")
"${bin}jlink" ${module_path[@]+"${module_path[@]}"} --add-modules "$modules" --strip-debug --no-man-pages \
    --no-header-files --compress=2 --output "$image"
echo "modules: $modules"
echo "image: $image, $(du -sh "$image" | cut -f1) ($(du -sk "$image" | cut -f1) KiB)"
# Prove it runs weir.
hello="$("$image/bin/java" -XX:+UseSerialGC -jar "$jar" run "$root/examples/hello/hello.wasm")"
[ "$hello" = "Hello, world!" ] || { echo "dist/jlink.sh: hello through the image printed: $hello" >&2; exit 1; }
# And the GPIO path: Pi4J's plugins (ServiceLoader, the mock board) through the image.
levels="$("$image/bin/java" -XX:+UseSerialGC -jar "$jar" run --grants "$root/examples/blinky/blinky.grants" \
    --trace gpio "$root/examples/blinky/blinky.wasm" 2 1 2>&1 >/dev/null | awk '$1 == "gpio" { printf "%s", $3 }')"
[ "$levels" = 010 ] || { echo "dist/jlink.sh: blinky through the image traced: $levels" >&2; exit 1; }
echo "hello world and blinky through the image: ok"
