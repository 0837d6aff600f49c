#!/usr/bin/env bash
# Builds the AppCDS archive board-ports/target/weir.jsa that bin/weir uses to start faster: the
# classes weir loads for a typical run (CLI, decoder, validator, interpreter, WASI) are stored
# pre-parsed, so the JVM maps them instead of loading them from the jar. Run it after the jar is
# built (`make build` does); it is safe to skip, bin/weir works without the archive.
#
#   board-ports/make-cds.sh [BUILD_DIR]    BUILD_DIR holds weir.jar (default: board-ports/target)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${1:-$root/board-ports/target}"
jar="$build_dir/weir.jar"
jsa="$build_dir/weir.jsa"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ ! -f "$jar" ]; then
    echo "make-cds.sh: $jar is missing: build it first (mvn -pl board-ports -am package)" >&2
    exit 1
fi

tmp="$jsa.$$.tmp"
rm -f "$tmp"
# A run of hello.wasm loads the classes of the common path; inspect adds the module description.
# The options must match bin/weir's defaults, or the JVM rejects the archive.
"$java" -XX:+UseSerialGC -XX:-UsePerfData -Xss16m -XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=off \
    -Xlog:cds+dynamic=off -jar "$jar" run "$root/examples/hello/hello.wasm" >/dev/null || {
    echo "make-cds.sh: the sample run failed; no archive written (bin/weir still works without it)" >&2
    rm -f "$tmp"
    exit 0
}
if [ -f "$tmp" ]; then
    mv -f "$tmp" "$jsa"
    echo "wrote $jsa ($(wc -c < "$jsa") bytes)"
else
    echo "make-cds.sh: this JVM wrote no archive (it needs JDK 13+ for -XX:ArchiveClassesAtExit)" >&2
fi
