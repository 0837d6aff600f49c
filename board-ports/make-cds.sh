#!/usr/bin/env bash
# Builds the class-data sharing archive weir.jsa that bin/weir uses: a static CDS archive of
# exactly the classes (the JDK's and weir's) that a run of hello world loads, stored pre-parsed,
# so the JVM maps them instead of loading them from the jar and the JDK's modules. It replaces the
# JDK's default archive for weir's runs: the default one holds about 1,300 JDK classes weir does not
# need, and mapping both costs about 5 MiB of RSS (issue 16: hello world under 40 MiB). Classes
# outside the archive (those of other commands) load from the jar and the JDK as usual.
# Run it after the jar is built (`make build` does; the .deb's postinst does the same steps); it is
# safe to skip, bin/weir works without the archive.
#
#   board-ports/make-cds.sh [BUILD_DIR [HELLO_WASM]]
#       BUILD_DIR holds weir.jar and gets weir.jsa (default: board-ports/target)
#       HELLO_WASM the module whose run picks the classes (default: examples/hello/hello.wasm)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${1:-$root/board-ports/target}"
hello="${2:-$root/examples/hello/hello.wasm}"
jar="$build_dir/weir.jar"
jsa="$build_dir/weir.jsa"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ ! -f "$jar" ]; then
    echo "make-cds.sh: $jar is missing: build it first (mvn -pl board-ports -am package)" >&2
    exit 1
fi

tmp="$jsa.$$.tmp"
classes="$jsa.$$.classes"
trap 'rm -f "$tmp" "$classes"' EXIT
# 1. The classes a run of hello world loads, all of them (-Xshare:off: none come from an archive).
#    The collector must be bin/weir's: the archive is only used with the options it was made with.
if ! "$java" -XX:+UseSerialGC -XX:-UsePerfData -Xss16m -Xshare:off -XX:DumpLoadedClassList="$classes" \
        -jar "$jar" run "$hello" >/dev/null; then
    echo "make-cds.sh: the sample run failed; no archive written (bin/weir still works without it)" >&2
    exit 0
fi
# 2. The archive of those classes, for the jar on the class path as bin/weir's -jar puts it there.
if ! "$java" -XX:+UseSerialGC -XX:-UsePerfData -Xshare:dump -XX:SharedClassListFile="$classes" \
        -XX:SharedArchiveFile="$tmp" -Xlog:cds=off -cp "$jar" >/dev/null 2>&1 || [ ! -s "$tmp" ]; then
    echo "make-cds.sh: this JVM wrote no archive (-Xshare:dump failed); bin/weir still works without it" >&2
    exit 0
fi
mv -f "$tmp" "$jsa"
echo "wrote $jsa ($(wc -c < "$jsa") bytes)"
