#!/usr/bin/env bash
# Runs the JMH workload benchmarks (weir, Chicory's interpreter and Chicory's compiler side by
# side) and prints a Markdown table.
#   benchmarks/run.sh quick [JMH args...]  one fork, short iterations: under 5 minutes
#   benchmarks/run.sh full  [JMH args...]  two forks, longer iterations: about 25 minutes
#   benchmarks/run.sh zero  [JMH args...]  the short sizes on the Zero VM (java -zero), an
#                                          interpreted JVM like the ones on boards without a JIT;
#                                          weir and Chicory's interpreter only
#   benchmarks/run.sh parse [JMH args...]  decode+validate+compile of a 1 MiB module, weir and
#                                          Chicory (ParseBenchmark), and a 1 MiB .wat to binary
#                                          (TextParseBenchmark; the pattern matches both), about a minute
#   benchmarks/run.sh hostcalls [JMH args...] ns per host call (WASI args_sizes_get and
#                                          fd_write, weir:gpio toggle), weir and Chicory
#                                          (HostCallBenchmark), a few minutes
#   benchmarks/run.sh rounds [workloads [peer [rounds [ms]]]] interleaved rounds in one JVM, weir
#                                          and a peer (default chicory-compiler): best and median
#                                          round of each; steadier than quick on a loaded machine
#   benchmarks/run.sh report [result.json] the Markdown table of an earlier run
# Extra arguments go to JMH, e.g. -p runtime=chicory,chicory-compiler or -p workload=fib,sobel.
# Results: benchmarks/<out>/jmh-result[-zero].json and .md, where <out> is $WEIR_OUT or target.
# The benchmarks jar is rebuilt first (SKIP_BUILD=1 reuses it); examples/bench/build.sh native
# is run when the native timings are missing and gcc is there.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${WEIR_OUT:-target}
dir="$root/benchmarks/$out"
jar="$dir/benchmarks.jar"
native="$root/examples/bench/build/native.tsv"
mode=${1:-}
[ $# -gt 0 ] && shift

build() {
    if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
        (cd "$root" && mvn -B -ntp -Dstyle.color=never -q -Dweir.out="$out" -pl benchmarks -am package -DskipTests)
    fi
    if [ ! -f "$native" ] && command -v gcc > /dev/null; then
        "$root/examples/bench/build.sh" native
    fi
}

report() {
    local result=$1
    java -cp "$jar" dev.weir.benchmarks.Report "$result" "$native" | tee "${result%.json}.md"
}

# Allocation per call is half the story on a small heap: always measure it.
common=(-prof gc -rf json)
# HotSpot forks run as bin/weir runs them: C2 without jump tables (see bin/weir). Both runtimes
# get it; Chicory's interpreter is not slower for it (docs/RATIONALE.md).
hotspot=(-jvmArgsAppend -XX:-UseJumpTables)

case "$mode" in
    quick)
        build
        java -jar "$jar" WorkloadBenchmark -f 1 -wi 3 -w 1s -i 3 -r 1s "${hotspot[@]}" \
            "${common[@]}" -rff "$dir/jmh-result.json" "$@"
        report "$dir/jmh-result.json"
        ;;
    full)
        build
        java -jar "$jar" WorkloadBenchmark -f 2 -wi 5 -w 2s -i 10 -r 2s "${hotspot[@]}" \
            "${common[@]}" -rff "$dir/jmh-result.json" "$@"
        report "$dir/jmh-result.json"
        ;;
    zero)
        build
        if ! java -zero -version > /dev/null 2>&1; then
            echo "the Zero VM is missing: apt-get install openjdk-17-jre-zero" >&2
            exit 1
        fi
        workloads=$(java -cp "$jar" dev.weir.benchmarks.ShortWorkloads)
        # Not chicory-compiler: the bytecode it emits is for a JIT, and Zero has none, so it would
        # only time Zero interpreting that bytecode, slowly. JMH merges repeated -p values, so a
        # -p runtime=... of the caller replaces this default rather than adding to it.
        runtimes=(-p runtime=weir,chicory)
        for arg in "$@"; do
            if [[ $arg == runtime=* ]]; then
                runtimes=()
            fi
        done
        # The JMH host runs on HotSpot; only the measured forks run on Zero.
        java -jar "$jar" WorkloadBenchmark -jvmArgsPrepend -zero -jvmArgsAppend -Dweir.bench.expectVm=Zero -p size=short -p workload="$workloads" \
            ${runtimes[@]+"${runtimes[@]}"} \
            -f 1 -wi 2 -w 2s -i 3 -r 2s \
            "${common[@]}" -rff "$dir/jmh-result-zero.json" "$@"
        report "$dir/jmh-result-zero.json"
        ;;
    parse)
        build
        java -jar "$jar" ParseBenchmark -prof gc -rf json -rff "$dir/jmh-parse.json" "$@"
        ;;
    verify)
        build
        java -jar "$jar" VerifyBenchmark -rf json -rff "$dir/jmh-verify.json" "$@"
        ;;
    hostcalls)
        build
        java -jar "$jar" HostCallBenchmark -f 2 -wi 4 -w 1s -i 5 -r 1s "${hotspot[@]}" \
            "${common[@]}" -rff "$dir/jmh-hostcalls.json" "$@"
        ;;
    rounds)
        build
        java "${hotspot[@]:1}" -cp "$jar" dev.weir.benchmarks.Rounds "$@"
        ;;
    report)
        report "${1:-$dir/jmh-result.json}"
        ;;
    *)
        echo "usage: benchmarks/run.sh quick|full|zero|parse|verify|hostcalls|rounds|report [JMH args...]" >&2
        exit 2
        ;;
esac
