#!/usr/bin/env bash
# The messaging benchmark (make bench-messaging): messages per second and latency (median, 99th
# percentile) from one module through a local mosquitto to another module, two weir processes,
# against mosquitto_pub -l and mosquitto_sub doing the same, for 64-byte and 4 KiB payloads at QoS 1,
# side by side in one run. Two modes each: a burst (as fast as the sender goes: throughput, and the
# latency of a full pipeline) and paced at RATE messages per second (latency of an idle pipeline).
#
#   examples/msg-bench/run.sh [COUNT [RATE]]     defaults: 20000 messages, 1000 per second paced
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
weir="$here/bin/weir"
count="${1:-20000}"
rate="${2:-1000}"
paced_count=$((rate * 3))
mosquitto="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
for tool in "$mosquitto" mosquitto_pub mosquitto_sub python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench-messaging: $tool not found (make deps installs mosquitto and mosquitto-clients)" >&2; exit 1; }
done
dir="$(mktemp -d)"
chmod 755 "$dir"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
printf 'listener %s 127.0.0.1\nallow_anonymous true\nuser %s\npersistence false\nmax_queued_messages 0\n' "$port" "$(id -un)" > "$dir/m.conf"
"$mosquitto" -c "$dir/m.conf" > "$dir/mosquitto.log" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
sleep 0.5

weir_side() { # SIZE COUNT RATE -> result line
    local size=$1 n=$2 r=$3
    "$weir" run --link "broker=mqtt://127.0.0.1:$port,client-id=bench-sub,session-expiry=0" --grants "$here/examples/msg-bench/msg-bench.grants" \
        "$here/examples/msg-bench/msg-bench.wasm" sub "$n" > "$dir/sub.out" 2>&1 &
    local sub=$!
    for _ in $(seq 300); do grep -q subscribed "$dir/sub.out" 2>/dev/null && break; sleep 0.1; done
    "$weir" run --link "broker=mqtt://127.0.0.1:$port,client-id=bench-pub,session-expiry=0" --grants "$here/examples/msg-bench/msg-bench.grants" \
        "$here/examples/msg-bench/msg-bench.wasm" pub "$size" "$n" "$r" > "$dir/pub.out" 2>&1
    wait "$sub" || true
    grep "^received" "$dir/sub.out" || { cat "$dir/sub.out" "$dir/pub.out" >&2; echo "received 0"; }
}
native_side() {
    python3 "$here/examples/msg-bench/native.py" "$port" "$1" "$2" "$3"
}
row() { # LABEL SIZE COUNT RATE
    local w n
    w="$(weir_side "$2" "$3" "$4")"
    n="$(native_side "$2" "$3" "$4")"
    python3 - "$1" "$2" "$w" "$n" <<'PY'
import sys
label, size, w, n = sys.argv[1:5]
def parse(s):
    f = s.split()
    return (int(f[1]), float(f[3]), int(f[6]), int(f[9])) if len(f) >= 10 else (0, 0.0, 0, 0)
a, b = parse(w), parse(n)
ratio = lambda x, y: ("%.2fx" % (x / y)) if y else "-"
print("| %s | %s B | %d | %.0f | %d | %d | %d | %.0f | %d | %d | %s | %s |" % (label, size, a[0], a[1], a[2], a[3],
      b[0], b[1], b[2], b[3], ratio(a[1], b[1]), ratio(a[2], b[2])))
PY
}
echo "messaging benchmark: mosquitto $("$mosquitto" -h 2>/dev/null | head -1 | awk '{print $3}') on 127.0.0.1, QoS 1, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo "weir: msg-bench.wasm pub -> broker -> msg-bench.wasm sub, two weir processes; native: mosquitto_pub -l -> broker -> mosquitto_sub (python3 feeds and stamps)"
echo
echo "| mode | size | weir received | weir msg/s | weir median us | weir p99 us | native received | native msg/s | native median us | native p99 us | msg/s weir/native | median weir/native |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for size in 64 4096; do
    row burst "$size" "$count" 0
    row "paced $rate/s" "$size" "$paced_count" "$rate"
done
