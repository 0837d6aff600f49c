#!/usr/bin/env bash
# make demo-fleet: the fleet example on this machine. Starts a mosquitto on a free port and three
# boards as separate `weir node` processes (cam1 with the synthetic camera, pins1 with GPIO 17, gw1
# with GPIO 17 that is also the placement controller), applies examples/fleet/graph.yaml, and shows
# `weir fleet status`; then moves the stateful aggregator (its count goes on), and kills the LED's
# board with kill -9 (the LED runs on the other pin board). Everything stops at the end or on Ctrl-C.
#
#   DEMO_SECONDS=N   how long each phase runs (default 6)
#   WEIR_CLASSPATH   passed on to bin/weir (default: the jar make build made)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
weir="$root/bin/weir"
phase="${DEMO_SECONDS:-6}"
mosquitto="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
[ -x "$mosquitto" ] || { echo "demo-fleet: mosquitto not found (apt-get install mosquitto)" >&2; exit 1; }
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
broker="mqtt://127.0.0.1:$port"
export WEIR_BROKER="$broker"
logs="$(mktemp -d)"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$logs"
}
trap cleanup EXIT INT TERM

printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" > "$logs/mosquitto.conf"
"$mosquitto" -c "$logs/mosquitto.conf" > "$logs/mosquitto.log" 2>&1 &
pids+=($!)
sleep 0.5
echo "== broker $broker; boards cam1 (camera), pins1 (GPIO 17), gw1 (GPIO 17, controller)"
node() {
    local id="$1"
    shift
    "$weir" node --id "$id" --broker "$broker" --trust "$here/fleet.trust" "$@" > >(sed -u "s/^/[$id] /") 2>&1 &
    pids+=($!)
    eval "pid_$id=$!"
}
node cam1 --labels role=camera --pins none --camera synthetic:frames=40,move=10-19,move=25-29,paced
node pins1 --pins 17
node gw1 --pins 17 --controller
for id in cam1 pins1 gw1; do
    until "$weir" fleet status --json 2>/dev/null | grep -q "\"$id\""; do sleep 0.5; done
done
echo "== weir fleet apply examples/fleet/graph.yaml"
"$weir" fleet apply "$here/graph.yaml"
sleep "$phase"
echo "== weir fleet status"
"$weir" fleet status
target=gw1
if "$weir" fleet status | grep -q 'motion-demo/aggregator#0 *gw1'; then target=pins1; fi
echo "== weir fleet move motion-demo/aggregator#0 --to $target (its count goes on from where it was)"
"$weir" fleet move motion-demo/aggregator#0 --to "$target"
sleep "$phase"
"$weir" fleet status
led_board="$("$weir" fleet status | awk '$1 == "motion-demo/led#0" { print $2 }')"
echo "== kill -9 $led_board (the LED's board): the broker's last will tells the controller"
eval "kill -9 \$pid_$led_board"
sleep "$phase"
echo "== weir fleet status"
"$weir" fleet status
