#!/usr/bin/env bash
# make run's messaging demo: starts its own mosquitto on 127.0.0.1 and a free port, then two weir
# processes that talk through it: examples/led-sub (drives the LED on GPIO 17 from temperatures) and
# examples/sensor-pub (publishes a simulated temperature every 100 ms), and the motion example
# publishing its motion events to the same broker. Everything it started is stopped at the end.
#
#   examples/sensor-pub/demo.sh [MESSAGES]      default 30
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
weir="$here/bin/weir"
count="${1:-30}"
mosquitto="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
[ -x "$mosquitto" ] || { echo "demo: mosquitto not found: install the Debian package mosquitto (make deps)" >&2; exit 1; }

dir="$(mktemp -d)"
chmod 755 "$dir"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
printf 'listener %s 127.0.0.1\nallow_anonymous true\nuser %s\npersistence false\n' "$port" "$(id -un)" > "$dir/mosquitto.conf"
"$mosquitto" -c "$dir/mosquitto.conf" > "$dir/mosquitto.log" 2>&1 &
broker=$!
sub=""
cleanup() {
    [ -n "$sub" ] && kill "$sub" 2>/dev/null || true
    kill "$broker" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
for _ in $(seq 50); do
    (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
echo "demo: mosquitto on 127.0.0.1:$port (pid $broker)"

# Process 1: the subscriber, with the LED's pin changes on stderr.
"$weir" run --link "broker=mqtt://127.0.0.1:$port,client-id=demo-led-sub" --grants "$here/examples/led-sub/led-sub.grants" \
    --trace gpio "$here/examples/led-sub/led-sub.wasm" 220 "$count" 20000 > "$dir/sub.out" 2>&1 &
sub=$!
for _ in $(seq 100); do
    grep -q "subscribed" "$dir/sub.out" 2>/dev/null && break
    sleep 0.1
done
# Process 2: the publisher.
"$weir" run --link "broker=mqtt://127.0.0.1:$port,client-id=demo-sensor-pub" \
    --grants "$here/examples/sensor-pub/sensor-pub.grants" "$here/examples/sensor-pub/sensor-pub.wasm" s1 100 "$count" \
    | sed 's/^/[process 2] /'
wait "$sub" || true
sub=""
sed 's/^/[process 1] /' "$dir/sub.out"
echo
echo "demo: the motion example publishing its events to the same broker (mosquitto_sub shows them):"
if command -v mosquitto_sub >/dev/null 2>&1; then
    mosquitto_sub -h 127.0.0.1 -p "$port" -t 'motion/#' -v -W 30 -C 4 > "$dir/motion.out" 2>&1 &
    msub=$!
    sleep 0.3
    "$weir" run --env MOTION_LINK=broker --link "broker=mqtt://127.0.0.1:$port" \
        --grants "$here/examples/motion/motion.grants" "$here/examples/motion/motion.wasm" | sed 's/^/[motion] /'
    wait "$msub" || true
    sed 's/^/[mosquitto_sub] /' "$dir/motion.out"
else
    echo "demo: mosquitto_sub not found (Debian package mosquitto-clients); skipping the motion part" >&2
    exit 1
fi
