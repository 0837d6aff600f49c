#!/usr/bin/env bash
# Host calls through the whole CLI, one weir.jar against another (for example before and after a
# change to hal's host-interface mechanism), where HostCallBenchmark cannot run on both because
# the embedding API differs. Each program makes N calls of one host function in a loop and exits;
# the cost per call is the difference of process CPU time (user + system) between N = 21,000,000
# and N = 1,000,000, divided by 20,000,000, so start-up and compilation cancel out. The JIT is off
# by default (JIT=on to keep it), so only the host-call path differs between the jars.
#   benchmarks/hostcalls-cli/run.sh BEFORE_JAR AFTER_JAR [ROUNDS]
# Programs: WASI args_sizes_get (args_*.wat) and weir:gpio toggle on GPIO 17 of the simulated
# board (gpio_*.wat); .wasm built from the .wat with wat2wasm. Rounds alternate which jar runs first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 2 ] || [ ! -f "$1" ] || [ ! -f "$2" ]; then
    echo "usage: benchmarks/hostcalls-cli/run.sh BEFORE_JAR AFTER_JAR [ROUNDS] (two weir.jar files)" >&2
    exit 2
fi
command -v /usr/bin/time > /dev/null || { echo "error: /usr/bin/time is missing: install the Debian package time" >&2; exit 1; }
before=$1 after=$2 rounds=${3:-6}
jit=(-Dweir.jit=off)
[ "${JIT:-off}" = on ] && jit=()
grants=$(mktemp); results=$(mktemp)
trap 'rm -f "$grants" "$results"' EXIT
echo "gpio 17 output" > "$grants"
for r in $(seq 1 "$rounds"); do
    order="before after"
    [ $((r % 2)) = 0 ] && order="after before"
    for p in args_1000000 args_21000000 gpio_1000000 gpio_21000000; do
        for b in $order; do
            jar=$before
            [ "$b" = after ] && jar=$after
            t=$( { /usr/bin/time -f "%U %S" java ${jit[@]+"${jit[@]}"} -XX:+UseSerialGC -Xss16m -jar "$jar" run \
                --grants "$grants" "$here/$p.wasm" > /dev/null; } 2>&1 | tail -n 1)
            echo "$r $b ${p%_*} ${p#*_} $t" >> "$results"
        done
    done
done
awk '{ cpu[$1 SUBSEP $2 SUBSEP $3 SUBSEP $4] = $5 + $6; seen[$2 SUBSEP $3] = 1; if ($1 > n) n = $1 }
    function median(a, k,   i, j, x) {
        for (i = 2; i <= k; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
        return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    END {
        split("args gpio", progs, " ")
        for (q = 1; q <= 2; q++) {
            p = progs[q]
            for (bi = 1; bi <= 2; bi++) {
                b = bi == 1 ? "before" : "after"
                k = 0
                for (r = 1; r <= n; r++) {
                    big = cpu[r SUBSEP b SUBSEP p SUBSEP "21000000"]; small = cpu[r SUBSEP b SUBSEP p SUBSEP "1000000"]
                    v[++k] = (big - small) / 20e6 * 1e9
                }
                m[b] = median(v, k)
            }
            printf "%-5s before %6.1f ns/call  after %6.1f ns/call  after/before %.2f\n", p, m["before"], m["after"], m["after"] / m["before"]
        }
    }' "$results"
