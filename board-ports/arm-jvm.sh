#!/bin/bash
# Runs weir on Debian's ARM JVMs under qemu-user-static (make test-arm64, make test-armhf):
# hello world, the GPIO demo (button) and the camera demo (motion) with bin/weir, then the non-SIMD
# spec suite with the conformance module's runner forked on the ARM JVM. Installs what it needs
# when root (qemu-user-static, and openjdk-17-jre-headless for the architecture, with
# openjdk-17-jre-zero on armhf, where it runs the Zero VM); else names the packages.
#
# usage: board-ports/arm-jvm.sh arm64|armhf [smoke]   (smoke: hello world only, for CI)
set -euo pipefail

arch=${1:?usage: arm-jvm.sh arm64|armhf [smoke]}
mode=${2:-all}
root=$(cd "$(dirname "$0")/.." && pwd)
case "$arch" in
    arm64) qemu=qemu-aarch64-static; vm=(); binfmt=qemu-aarch64 ;;
    armhf) qemu=qemu-arm-static; vm=(-zero); binfmt=qemu-arm ;;
    *) echo "error: unknown architecture $arch (arm64 or armhf)" >&2; exit 64 ;;
esac
jdk=/usr/lib/jvm/java-17-openjdk-$arch
packages=(qemu-user-static "openjdk-17-jre-headless:$arch")
[ "$arch" = armhf ] && packages+=("openjdk-17-jre-zero:$arch")

if [ ! -x "$jdk/bin/java" ] || ! command -v "$qemu" > /dev/null || { [ "$arch" = armhf ] && [ ! -d "$jdk/lib/zero" ]; }; then
    if [ "$(id -u)" != 0 ]; then
        echo "error: the $arch JVM is missing. As root: dpkg --add-architecture $arch; apt-get update;" \
            "apt-get install ${packages[*]}" >&2
        exit 1
    fi
    echo "installing ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    dpkg --add-architecture "$arch"
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${packages[@]}"
fi

# Without a registered binfmt handler (containers often have none), call qemu directly; -L /
# lets it find the ARM dynamic loader and libraries that dpkg installed under /. The JVM then
# cannot start its ARM jspawnhelper for child processes (wast2json): VFORK launches them directly.
wrapper="$root/board-ports/target/$arch/bin/java"
mkdir -p "$(dirname "$wrapper")"
if [ -e "/proc/sys/fs/binfmt_misc/$binfmt" ]; then
    printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$jdk/bin/java" "${vm[*]:-}" > "$wrapper"
else
    printf '#!/bin/sh\nexec %s -L / "%s" %s -Djdk.lang.Process.launchMechanism=VFORK "$@"\n' \
        "$(command -v "$qemu")" "$jdk/bin/java" "${vm[*]:-}" > "$wrapper"
fi
chmod +x "$wrapper"
echo "$arch JVM: $("$wrapper" -version 2>&1 | tail -n 1)"

[ -f "$root/board-ports/target/weir.jar" ] || (cd "$root" && make --no-print-directory build)
weir() {
    # The x86 class-data-sharing archive does not fit the ARM JVM: none (WEIR_NO_CDS).
    JAVA_HOME="$(dirname "$(dirname "$wrapper")")" WEIR_NO_CDS=1 "$root/bin/weir" "$@"
}

echo "== hello world ($arch)"
weir run "$root/examples/hello/hello.wasm"
[ "$mode" = smoke ] && exit 0

echo "== GPIO demo: button and LED on the host board ($arch)"
weir run --grants "$root/examples/button/button.grants" --stimulus "$root/examples/button/button.stimulus" \
    --trace gpio "$root/examples/button/button.wasm"
echo "== camera demo: motion detection on the synthetic camera ($arch)"
weir run --grants "$root/examples/motion/motion.grants" --trace gpio "$root/examples/motion/motion.wasm"
echo "== Pi4J native libraries ($arch)"
weir board --board raspberry-pi || echo "(weir board --board raspberry-pi failed: see the line above)"

echo "== non-SIMD spec suite ($arch)"
suite=${WASM_TESTSUITE:-$root/../shared/wasm-testsuite}
if [ "$arch" = armhf ]; then
    # A 32-bit JVM under qemu-arm cannot list a directory whose inode numbers need 64 bits
    # (EOVERFLOW, as on overlayfs here): a copy on tmpfs has small ones.
    copy=$(mktemp -d /dev/shm/weir-wast.XXXXXX)
    cp "$suite"/*.wast "$copy"/
    suite=$copy
fi
files=$(cd "$suite" && ls *.wast | grep -v '^simd_' | paste -sd, -)
cd "$root"
# Its own build folder (target-arm64, target-armhf), so both architectures can run side by side.
mvn -B -ntp -q -Dweir.out="target-$arch" -pl conformance -am test -Dtest=SpecSuiteTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Djvm="$wrapper" -Dwasm.testsuite="$suite" -Dwasm.files="$files" -Dwasm.fileTimeoutSeconds=3600
