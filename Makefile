# weir: build, test, run. CI runs `make test` (see .ci/run).
# OUT picks the build folder (the poms map it to each module's build directory), so parallel
# builds can use their own: make test OUT=target-mine.
MVN   ?= mvn
OUT   ?= target
MVNW  := $(MVN) -B -ntp -Dweir.out=$(OUT)
# The spec suite runs twice (conformance/pom.xml): by the interpreter alone, and with every leaf
# function it can compile run as JVM bytecode (weir.jit=all); each run writes a summary.
SUMMARY := conformance/$(OUT)/conformance-summary.tsv
JIT_SUMMARY := conformance/$(OUT)/jit/conformance-summary.tsv

# Shell snippet: the totals of the conformance summaries, as the final lines the suite prints
# (repeated here because Surefire's report comes after the suite's own output).
CONFORMANCE_TOTAL := for f in $(SUMMARY) $(JIT_SUMMARY); do \
	  [ -f $$f ] || continue; \
	  case $$f in */jit/*) tier=" (weir.jit=all)";; *) tier=" (weir.jit=off)";; esac; \
	  awk -F'\t' -v tier="$$tier" 'NR > 1 { p += $$2; f += $$3; s += $$4 } \
	    END { printf "conformance%s: %d passed, %d failed, %d skipped\n", tier, p, f, s }' $$f; \
	done

# The spec suite (the conformance module looks in the same place by default).
WASM_TESTSUITE ?= $(CURDIR)/../shared/wasm-testsuite
# The java that has the Zero VM (Debian's openjdk-17-jre-zero adds it to the OpenJDK 17 install).
ZERO_JAVA ?= $(firstword $(wildcard /usr/lib/jvm/java-17-openjdk-*/bin/java))
ZERO_WRAPPER := conformance/$(OUT)/zero/bin/java

.PHONY: all deps build test conformance conformance-zero zero-vm examples bench bench-quick bench-zero bench-parse bench-motion run clean
.PHONY: test-arm64 test-armhf

all: build

# The spec test suite is converted with wabt's wast2json and the camera tests run ffmpeg; install
# them when we can, else say how.
deps:
	@command -v $(MVN) >/dev/null 2>&1 || { echo "error: Maven ($(MVN)) not found; install the Debian package maven and a JDK 17" >&2; exit 1; }
	@if command -v wast2json >/dev/null 2>&1; then \
	  :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "wast2json not found: installing the Debian package wabt"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -q && apt-get install -y -q wabt; \
	else \
	  echo "error: wast2json not found. Install the Debian package wabt (sudo apt-get install wabt) and run make again." >&2; \
	  exit 1; \
	fi
	@# The camera tests run a real ffmpeg (the ffmpeg camera driver).
	@if command -v ffmpeg >/dev/null 2>&1; then \
	  :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "ffmpeg not found: installing the Debian package ffmpeg"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -q && apt-get install -y -q --no-install-recommends ffmpeg; \
	else \
	  echo "error: ffmpeg not found. Install the Debian package ffmpeg (sudo apt-get install ffmpeg) and run make again." >&2; \
	  exit 1; \
	fi

# board-ports/$(OUT)/weir.jar (what bin/weir runs when OUT is target) and its AppCDS archive,
# which makes start-up faster and is skipped quietly where the JVM cannot write one.
build:
	$(MVNW) -q -DskipTests package
	@board-ports/make-cds.sh $(CURDIR)/board-ports/$(OUT)

# Unit tests of every module, then the spec suite (the conformance module's SpecSuiteTest).
test: deps
	@rm -f $(SUMMARY) $(JIT_SUMMARY); $(MVNW) test; status=$$?; $(CONFORMANCE_TOTAL); exit $$status

# The conformance module only: the spec suite and the runner's own tests. Core is built too (-am),
# but the test filter (the conformance package) leaves its tests out.
conformance: deps
	@rm -f $(SUMMARY) $(JIT_SUMMARY); $(MVNW) -pl conformance -am test '-Dtest=dev.weir.conformance.*Test' \
	  -Dsurefire.failIfNoSpecifiedTests=false; status=$$?; \
	$(CONFORMANCE_TOTAL); exit $$status

# The non-SIMD spec suite on the Zero VM (an interpreter-only JVM, as on boards without a JIT
# port): the conformance module's SpecSuiteTest, forked by Surefire with `java -zero`. Prints the
# same final lines as `make conformance` (interpreter alone, then with the JIT).
conformance-zero: deps zero-vm
	@mkdir -p $(dir $(ZERO_WRAPPER)); \
	zero="$(ZERO_JAVA)"; [ -n "$$zero" ] || zero=$$(ls /usr/lib/jvm/java-17-openjdk-*/bin/java | head -n 1); \
	printf '#!/bin/sh\n# Surefire needs a path ending in bin/java: this one starts the Zero VM.\n%s\nexec "%s" -zero -XX:MaxRAM=128g "$$@"\n' \
	  "# MaxRAM: Zero assumes 1 GiB of RAM (256 MiB heap); size the heap from the real RAM, as HotSpot does." \
	  "$$zero" > $(ZERO_WRAPPER); chmod +x $(ZERO_WRAPPER); \
	files=$$(cd "$(WASM_TESTSUITE)" && ls *.wast | grep -v '^simd_' | paste -sd, -); \
	[ -n "$$files" ] || { echo "error: no .wast files in $(WASM_TESTSUITE) (set WASM_TESTSUITE=DIR)" >&2; exit 1; }; \
	rm -f $(SUMMARY) $(JIT_SUMMARY); $(MVNW) -pl conformance -am test -Dtest=SpecSuiteTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Djvm=$(CURDIR)/$(ZERO_WRAPPER) -Dwasm.testsuite="$(WASM_TESTSUITE)" -Dwasm.files="$$files" \
	  -Dwasm.fileTimeoutSeconds=1800; status=$$?; \
	$(CONFORMANCE_TOTAL); exit $$status

# Makes sure `java -zero` works: installs openjdk-17-jre-zero when root, else says how.
zero-vm:
	@if [ -n "$(ZERO_JAVA)" ] && "$(ZERO_JAVA)" -zero -version >/dev/null 2>&1; then \
	  :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "the Zero VM is missing: installing the Debian package openjdk-17-jre-zero"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -q && apt-get install -y -q openjdk-17-jre-zero; \
	else \
	  echo "error: the Zero VM (java -zero) is missing. Install the Debian package openjdk-17-jre-zero (sudo apt-get install openjdk-17-jre-zero) and run make again." >&2; \
	  exit 1; \
	fi

# weir on Debian's ARM JVMs under qemu-user-static (board-ports/arm-jvm.sh): hello world, the GPIO
# and camera demos, then the non-SIMD spec suite; installs qemu and the JVM when root. Slow (qemu
# emulates every JVM instruction), so not part of make test.
test-arm64:
	board-ports/arm-jvm.sh arm64

test-armhf:
	board-ports/arm-jvm.sh armhf

# Rebuilds the example programs and the benchmark workloads from C (their .wasm files are
# committed; this needs clang, lld, wasi-libc and gcc, and says which Debian package is missing).
examples:
	examples/build.sh
	examples/bench/build.sh

# JMH, weir and Chicory side by side (benchmarks/run.sh): the full suite with -prof gc (about 20
# minutes), a short one (under 5 minutes), and the short sizes on the Zero VM. Results go to
# benchmarks/$(OUT)/jmh-result*.json and .md.
bench:
	WEIR_OUT=$(OUT) benchmarks/run.sh full

bench-quick:
	WEIR_OUT=$(OUT) benchmarks/run.sh quick

bench-zero: zero-vm
	WEIR_OUT=$(OUT) benchmarks/run.sh zero

# Decode, validate and compile of a 1 MiB module once warm, weir and Chicory (about a minute).
bench-parse:
	WEIR_OUT=$(OUT) benchmarks/run.sh parse

# Placeholder until the CLI demo lands: runs it when both the launcher and the example exist.
# Frames per second of the motion example at 640x480 gray8 on the host board's synthetic camera,
# from weir bench (wall time of the run, metered code, so slightly slower than weir run).
MOTION_FRAMES ?= 600
bench-motion:
	@[ -f board-ports/target/weir.jar ] || $(MAKE) --no-print-directory build OUT=target
	@bin/weir bench --json --grants examples/motion/motion.grants \
	  --camera synthetic:frames=$(MOTION_FRAMES),move=20-39 examples/motion/motion.wasm 640 480 30 \
	  2>&1 >/dev/null | tail -n 1 | tr ',' '\n' | awk -F: -v frames=$(MOTION_FRAMES) \
	  '/"runWallMs"/ { ms = $$2 } /"instructions"/ { n = $$2 } /"mode"/ { vm = $$2 } \
	   END { printf "motion: %d frames of 640x480 gray8 in %.2f s = %.1f frames/s, %.1f M wasm instructions per frame (%s VM)\n", \
	     frames, ms / 1000, frames * 1000 / ms, n / frames / 1e6, vm }'

run:
	@[ -f board-ports/target/weir.jar ] || $(MAKE) --no-print-directory build OUT=target
	@echo "weir firmware demo on the simulated host board: a C module (examples/button) waits for"
	@echo "edges on a button (BCM 27, pressed by examples/button/button.stimulus) and drives an LED (BCM 17)."
	@echo "stderr shows every pin change as 'gpio <bcm> <level> <ms>'."
	@echo
	bin/weir run --grants examples/button/button.grants --stimulus examples/button/button.stimulus \
	  --trace gpio examples/button/button.wasm
	@echo
	@echo "Motion detection: examples/motion compares frames of the synthetic camera (an object moves in"
	@echo "frames 30-59 and 80-99) and keeps the LED on BCM 17 on while it sees motion."
	@echo
	bin/weir run --grants examples/motion/motion.grants --trace gpio examples/motion/motion.wasm
	@echo
	bin/weir run examples/hello/hello.wasm

clean:
	$(MVNW) -q clean
