#!/usr/bin/env bash
# make dist: a .tar.gz and a .deb of weir from the built jars (make build first; make dist does).
#
#   dist/build.sh [OUT]     OUT: the build folder name (default target); writes OUT/dist/ at the root:
#                           weir-VERSION.tar.gz, weir_VERSION_all.deb
#
# The .deb installs:
#   /usr/bin/weir -> /usr/lib/weir/bin/weir      the launcher (bin/weir, which finds lib/ beside it)
#   /usr/lib/weir/lib/weir.jar                   the CLI with core, hal, drivers, Pi4J inside
#   /usr/lib/weir/lib/weir.jsa -> /var/cache/weir/weir.jsa   class-data sharing, made by postinst
#   /usr/share/java/weir-{core,hal,camera-drivers}.jar       the jars, for embedding weir in an app
#   /lib/systemd/system/weir@.service            a module as a service (dist/weir@.service)
#   /usr/share/weir/{examples,include,wit,rust}  examples, C headers, WIT files, the Rust crate
#   /usr/share/doc/weir/                         README.md, raspberry-pi.md, copyright
# The .tar.gz holds the same files under weir-VERSION/ (bin, lib, share), to unpack anywhere.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_name="${1:-target}"
out="$root/$out_name/dist"
jar="$root/board-ports/$out_name/weir.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

for f in "$jar" "$root/core/$out_name" "$root/hal/$out_name" "$root/camera-drivers/$out_name"; do
    if [ ! -e "$f" ]; then
        echo "dist/build.sh: $f is missing: run make build OUT=$out_name first" >&2
        exit 1
    fi
done
command -v dpkg-deb >/dev/null 2>&1 || { echo "dist/build.sh: dpkg-deb not found (Debian package dpkg)" >&2; exit 1; }
version="$("$java" -jar "$jar" --version | awk '{ print $2 }')"
module_jar() { ls "$root/$1/$out_name/weir-$1-"*.jar | grep -v -e '-sources' -e '-tests' | head -n 1; }

rm -rf "$out"
mkdir -p "$out"

# One tree, used for both archives: the .deb's file system.
pkg="$out/deb"
install -d "$pkg/usr/bin" "$pkg/usr/lib/weir/bin" "$pkg/usr/lib/weir/lib" "$pkg/usr/share/java" \
    "$pkg/lib/systemd/system" "$pkg/usr/share/weir" "$pkg/usr/share/doc/weir" "$pkg/DEBIAN"
install -m 755 "$root/bin/weir" "$pkg/usr/lib/weir/bin/weir"
ln -s ../lib/weir/bin/weir "$pkg/usr/bin/weir"
install -m 644 "$jar" "$pkg/usr/lib/weir/lib/weir.jar"
ln -s /var/cache/weir/weir.jsa "$pkg/usr/lib/weir/lib/weir.jsa"
install -m 644 "$(module_jar core)" "$pkg/usr/share/java/weir-core.jar"
install -m 644 "$(module_jar hal)" "$pkg/usr/share/java/weir-hal.jar"
install -m 644 "$(module_jar camera-drivers)" "$pkg/usr/share/java/weir-camera-drivers.jar"
install -m 644 "$root/dist/weir@.service" "$pkg/lib/systemd/system/weir@.service"
# The examples a newcomer runs first (modules with their grants and stimulus scripts, and sources).
for example in hello blinky button fade motion rust-blinky rust-camera; do
    install -d "$pkg/usr/share/weir/examples/$example"
    for f in "$root/examples/$example"/*; do
        case "$f" in
            *.wasm|*.grants|*.stimulus|*.c|*.rs|*.md) install -m 644 "$f" "$pkg/usr/share/weir/examples/$example/" ;;
        esac
    done
done
cp -r "$root/hal/include" "$pkg/usr/share/weir/include"
cp -r "$root/hal/wit" "$pkg/usr/share/weir/wit"
install -d "$pkg/usr/share/weir/rust"
cp -r "$root/guests/rust/weir" "$root/guests/rust/README.md" "$pkg/usr/share/weir/rust/"
rm -rf "$pkg/usr/share/weir/rust/weir/target"
install -m 644 "$root/README.md" "$root/docs/raspberry-pi.md" "$pkg/usr/share/doc/weir/"
install -m 644 "$root/dist/debian/copyright" "$pkg/usr/share/doc/weir/copyright"
find "$pkg" -type d -exec chmod 755 {} +

size_kb="$(du -sk --exclude=DEBIAN "$pkg" | awk '{ print $1 }')"
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size_kb/" "$root/dist/debian/control" > "$pkg/DEBIAN/control"
install -m 755 "$root/dist/debian/postinst" "$root/dist/debian/postrm" "$pkg/DEBIAN/"
deb="$out/weir_${version}_all.deb"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null

# The .tar.gz: bin/weir and lib/ side by side (bin/weir finds lib/weir.jar), no CDS link (make one
# with the command in docs/raspberry-pi.md), the rest under share/.
tree="$out/weir-$version"
install -d "$tree/bin" "$tree/lib" "$tree/share"
install -m 755 "$root/bin/weir" "$tree/bin/weir"
cp "$pkg/usr/lib/weir/lib/weir.jar" "$pkg/usr/share/java/"*.jar "$tree/lib/"
cp -r "$pkg/usr/share/weir/." "$tree/share/"
install -d "$tree/share/systemd" "$tree/share/doc"
cp "$pkg/lib/systemd/system/weir@.service" "$tree/share/systemd/"
cp "$pkg/usr/share/doc/weir/"* "$tree/share/doc/"
tar -C "$out" --owner=0 --group=0 -czf "$out/weir-$version.tar.gz" "weir-$version"
rm -rf "$tree" "$pkg"

echo "wrote $deb ($(wc -c < "$deb") bytes)"
echo "wrote $out/weir-$version.tar.gz ($(wc -c < "$out/weir-$version.tar.gz") bytes)"
echo "weir.jar: $(wc -c < "$jar") bytes"
