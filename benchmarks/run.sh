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
#   benchmarks/run.sh cpu BEFORE_CORE_JAR [AFTER_CORE_JAR]
#                                          weir against weir: thread CPU time per run(n) of each
#                                          workload with two builds of weir's core (after: this
#                                          checkout's, by default), a fresh JVM per workload, build
#                                          and round, the rounds interleaved; prints the medians, the
#                                          after/before ratio per workload and their geometric mean.
#                                          ROUNDS (default 3), WORKLOADS (default all, comma-separated),
#                                          CPU_SECONDS (warm-up and measurement each, default 2); about
#                                          ROUNDS x 2.5 minutes for all workloads. CPU_VM=zero runs
#                                          both builds on the Zero VM with the short sizes
#   benchmarks/run.sh cpu-report [cpu-result.tsv...]
#                                          the cpu table of earlier runs, their rounds pooled
#   benchmarks/run.sh rounds [workloads [peer [rounds [ms]]]] interleaved rounds in one JVM, weir
#                                          and a peer (default chicory-compiler): best and median
#                                          round of each; steadier than quick on a loaded machine.
#                                          The peer scalar compares <base>_simd workloads with their
#                                          scalar build <base>, both on weir
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

# The Markdown table of run.sh cpu results (one or more cpu-result.tsv files, their rounds pooled):
# per workload the median over rounds of each build, after/before, and the geometric mean.
cpu_report() {
    awk -F'\t' 'FNR > 1 { t[$3 SUBSEP $2] = t[$3 SUBSEP $2] " " $4; if (!($3 in seen)) { seen[$3] = 1; order[++n] = $3 } }
        function median(list,   a, k, i, j, x) {
            k = split(list, a, " ")
            for (i = 2; i <= k; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
            return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
        }
        END {
            printf "| workload | before (ms/call) | after (ms/call) | after/before |\n|---|---:|---:|---:|\n"
            for (i = 1; i <= n; i++) {
                w = order[i]; b = median(t[w SUBSEP "before"]); a = median(t[w SUBSEP "after"])
                printf "| %s | %.3f | %.3f | %.3f |\n", w, b / 1e6, a / 1e6, a / b
                logsum += log(a / b)
            }
            printf "| geometric mean | | | %.3f |\n", exp(logsum / n)
        }' "$@"
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
    cpu)
        if [ $# -lt 1 ] || [ ! -f "$1" ]; then
            echo "usage: benchmarks/run.sh cpu BEFORE_CORE_JAR [AFTER_CORE_JAR] (a weir-core jar of the build to compare against${1:+; $1 is not a file})" >&2
            exit 2
        fi
        before=$1
        build
        after=${2:-$(ls "$root/core/$out"/weir-core-*.jar | grep -v -e '-sources' -e '-javadoc' -e '-tests' | head -n 1)}
        size=default
        # bin/weir's JVM options for HotSpot; on Zero (no C2, so no jump-table flag) the short sizes.
        jvm=(-XX:+UseSerialGC -XX:-UsePerfData -Xss16m -XX:-UseJumpTables)
        if [ "${CPU_VM:-}" = zero ]; then
            if ! java -zero -version > /dev/null 2>&1; then
                echo "the Zero VM is missing: apt-get install openjdk-17-jre-zero (make zero-vm)" >&2
                exit 1
            fi
            size=short
            jvm=(-zero -XX:+UseSerialGC -XX:-UsePerfData -Xss16m)
        fi
        workloads=${WORKLOADS:-$(awk -v size=$size '$2 == size { print $1 }' "$root/examples/bench/expected.tsv" | paste -sd, -)}
        # The harness (CpuTime, Workload and the workloads' modules) without the shaded core.
        harness="$dir/classes"
        results="$dir/cpu-result.tsv"
        printf 'round\tbuild\tworkload\tns_per_call\tbatches\n' > "$results"
        for round in $(seq 1 "${ROUNDS:-3}"); do
            # Interleaved: before first in odd rounds, after first in even ones.
            order="before after"
            [ $((round % 2)) = 0 ] && order="after before"
            for w in ${workloads//,/ }; do
                for b in $order; do
                    core=$before
                    [ "$b" = after ] && core=$after
                    if ! line=$(java "${jvm[@]}" -cp "$harness:$core" dev.weir.benchmarks.CpuTime "$w" "${CPU_SECONDS:-2}" "$size"); then
                        echo "run.sh cpu: $w failed with the $b build ($core); left out" >&2
                        continue
                    fi
                    printf '%s\t%s\t%s\n' "$round" "$b" "$line" | tee -a "$results"
                done
            done
        done
        echo "before: $before"
        echo "after:  $after"
        cpu_report "$results" | tee "$dir/cpu-result.md"
        ;;
    cpu-report)
        cpu_report "${@:-$dir/cpu-result.tsv}"
        ;;
    rounds)
        build
        java "${hotspot[@]:1}" -cp "$jar" dev.weir.benchmarks.Rounds "$@"
        ;;
    report)
        report "${1:-$dir/jmh-result.json}"
        ;;
    *)
        echo "usage: benchmarks/run.sh quick|full|zero|parse|verify|hostcalls|cpu|cpu-report|rounds|report [JMH args...]" >&2
        exit 2
        ;;
esac
