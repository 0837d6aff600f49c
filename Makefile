# weir: build, test, run. CI runs `make test`, then `make dist-test` (see .ci/run).
# OUT picks the build folder (the poms map it to each module's build directory), so parallel
# builds can use their own: make test OUT=target-mine.
MVN   ?= mvn
OUT   ?= target
MVNW  := $(MVN) -B -ntp -Dstyle.color=never -Dweir.out=$(OUT)
# Maven 3.8's jansi writes two colour resets (ESC[0m) at start even in batch mode; noreset keeps
# them out of make and CI logs (benchmarks/run.sh's mvn calls inherit it).
export MAVEN_OPTS += -Djansi.noreset=true
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

.PHONY: all deps build install test conformance conformance-zero zero-vm examples bench bench-quick bench-zero bench-parse bench-verify bench-motion run clean test-arm64 test-armhf bench-messaging bench-fleet demo-fleet dist dist-test jlink crosscheck

all: build

# What the tests run besides Java, as CHECK=PACKAGES: a command on the PATH or a file that shows the
# tool is there, and the Debian packages that bring it (the spec suite is read by weir's own text
# module; wabt is for make crosscheck only),
# ffmpeg feeds the camera tests, mosquitto is the broker of the messaging and TLS tests,
# Debian's rustc for wasm32-wasi builds the Rust guests (not a rustup one that may be first on the
# PATH) and links them with lld's wasm-ld (only a Recommends of libstd-rust-dev-wasm32, which
# --no-install-recommends leaves out), sigrok-cli reads the VCD files, chromium runs the debug page. Installed with apt-get in
# one go when root, else one line names the packages to install.
DEPS := ffmpeg=ffmpeg /usr/sbin/mosquitto=mosquitto mosquitto_pub=mosquitto-clients \
	/usr/lib/rustlib/wasm32-wasi/lib=rustc,libstd-rust-dev-wasm32 wasm-ld=lld sigrok-cli=sigrok-cli \
	/usr/bin/chromium=chromium

deps:
	@command -v $(MVN) >/dev/null 2>&1 || { echo "error: Maven ($(MVN)) not found; install the Debian package maven and a JDK 17" >&2; exit 1; }
	@missing=""; \
	for dep in $(DEPS); do \
	  check=$${dep%%=*}; \
	  if command -v "$$check" >/dev/null 2>&1 || [ -e "$$check" ]; then continue; fi; \
	  missing="$$missing $$(echo $${dep#*=} | tr , ' ')"; \
	done; \
	if [ -z "$$missing" ]; then \
	  :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "installing the Debian packages the tests need:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -q && apt-get install -y -q --no-install-recommends $$missing; \
	else \
	  echo "error: the tests need the Debian packages$$missing. Install them (sudo apt-get install$$missing) and run make again." >&2; \
	  exit 1; \
	fi

	@# The messaging tests, make run and make bench-messaging start a real mosquitto broker.
	@if command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ]; then \
	  command -v mosquitto_pub >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q mosquitto-clients; } || \
	    { echo "error: mosquitto_pub not found. Install the Debian package mosquitto-clients and run make again." >&2; exit 1; }; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "mosquitto not found: installing the Debian packages mosquitto and mosquitto-clients"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -q && apt-get install -y -q --no-install-recommends mosquitto mosquitto-clients; \
	else \
	  echo "error: mosquitto not found. Install the Debian packages mosquitto and mosquitto-clients (sudo apt-get install mosquitto mosquitto-clients) and run make again." >&2; \
	  exit 1; \
	fi

# board-ports/$(OUT)/weir.jar (what bin/weir runs when OUT is target) and its AppCDS archive,
# which makes start-up faster and is skipped quietly where the JVM cannot write one.
build:
	$(MVNW) -q -DskipTests package
	@board-ports/make-cds.sh $(CURDIR)/board-ports/$(OUT)

# What a library user's `mvn install` does, without the tests (make test runs them): every jar with
# its sources and javadoc jars (javadoc errors fail it), the BOM, into the local Maven repository.
install:
	$(MVNW) -q -DskipTests install

# Unit tests of every module, then the spec suite (the conformance module's SpecSuiteTest).
test: deps zero-vm
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

# weir's text module against wabt's wast2json on every module of the spec suite (WabtCrossCheck):
# same accept/reject, same exports, same script results (2-4 minutes; not part of make test).
# Installs the Debian package wabt when root, through deps with its own table.
crosscheck: deps
	@$(MAKE) --no-print-directory deps DEPS="wast2json=wabt"
	$(MVNW) -pl conformance -am test '-Dtest=WabtCrossCheck,Wast2JsonCheck' -Dsurefire.failIfNoSpecifiedTests=false

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

# Rebuilds the example programs and the benchmark workloads from C, and the Rust examples with
# Debian's rustc (their .wasm files are committed; this needs clang, lld, wasi-libc, gcc, rustc and
# libstd-rust-dev-wasm32, and says which Debian package is missing).
examples:
	examples/build.sh
	examples/bench/build.sh
	guests/rust/build.sh

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

# Signature verification of a signed 1 MiB module beside SHA-256 of it and weir's parse of it (about a minute).
bench-verify:
	WEIR_OUT=$(OUT) benchmarks/run.sh verify

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

# Messages per second and latency through a local mosquitto: two weir modules against
# mosquitto_pub/mosquitto_sub, 64 B and 4 KiB, side by side (examples/msg-bench/run.sh; a few minutes).
bench-messaging: deps
	@[ -f board-ports/target/weir.jar ] || $(MAKE) --no-print-directory build OUT=target
	examples/msg-bench/run.sh

# The fleet controller at scale (fleet/README.md): 100 simulated boards in one JVM and 1,000
# instances against a real mosquitto; prints apply to all running and the failover times (about 2 min).
bench-fleet: deps
	$(MVNW) -q -pl fleet -am verify -Dtest=FleetScaleTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dweir.fleet.boards=100 -Dweir.fleet.instances=1000 -Dmaven.javadoc.skip

# The fleet example (examples/fleet/README.md): a mosquitto on a free port, three `weir node`
# processes (one with the synthetic camera, two with GPIO 17, one of them the controller), the graph
# applied, `weir fleet status`, a move of the stateful aggregator, kill -9 of the LED's board.
demo-fleet: deps
	@[ -f board-ports/target/weir.jar ] || $(MAKE) --no-print-directory build OUT=target
	examples/fleet/demo.sh

run:
	@[ -f board-ports/target/weir.jar ] || { echo "building weir (board-ports/target/weir.jar, about half a minute the first time)..."; \
	  $(MAKE) --no-print-directory build OUT=target; }
	@echo "weir firmware demo on the simulated host board: a C module (examples/button) waits for"
	@echo "edges on a button (BCM 27, pressed by examples/button/button.stimulus) and drives an LED (BCM 17)."
	@echo "stderr shows every pin change as 'gpio <bcm> <level> <ms since the run started>'."
	@echo
	bin/weir run --grants examples/button/button.grants --stimulus examples/button/button.stimulus \
	  --trace gpio examples/button/button.wasm
	@echo
	@echo "Motion detection: examples/motion compares frames of the synthetic camera (an object moves in"
	@echo "frames 30-59 and 80-99) and keeps the LED on BCM 17 on while it sees motion. It prints video"
	@echo "time (frame number / 30 fps); the gpio lines stay in wall-clock ms since the run started."
	@echo
	bin/weir run --grants examples/motion/motion.grants --trace gpio examples/motion/motion.wasm
	@echo
	@echo "The same in Rust, on the weir crate (guests/rust/weir): blinky, then motion detection."
	@echo
	bin/weir run --grants examples/blinky/blinky.grants --trace gpio examples/rust-blinky/rust-blinky.wasm 4 100
	bin/weir run --grants examples/motion/motion.grants --trace gpio examples/rust-camera/rust-camera.wasm
	@echo "Messaging: two modules in two weir processes talk through a mosquitto broker that the demo"
	@echo "starts on 127.0.0.1: examples/sensor-pub publishes temperatures, examples/led-sub drives the LED"
	@echo "from them; then the motion example publishes its motion events (examples/sensor-pub/demo.sh)."
	@echo
	examples/sensor-pub/demo.sh 30
	@echo
	bin/weir run examples/hello/hello.wasm
	@echo
	@echo "Signed modules: examples/trust/*.signed.wasm are signed with a TEST key (examples/trust/README.md)."
	@echo "The trust policy examples/trust/demo.trust admits them, and refuses the unsigned original."
	@echo
	bin/weir run --trust examples/trust/demo.trust examples/trust/hello.signed.wasm
	-bin/weir run --trust examples/trust/demo.trust examples/hello/hello.wasm

# An install for the Pi (dist/build.sh): $(OUT)/dist/weir_VERSION_all.deb and weir-VERSION.tar.gz.
dist: build
	dist/build.sh $(OUT)

# Installs the .deb here with dpkg, runs hello world and the GPIO demos from it, checks the jar's
# natives and the systemd unit, purges it (dist/test-deb.sh; root only; about 20 s after the build). CI runs it.
# It times hello world's peak RSS with /usr/bin/time (the Debian package time, installed when root).
dist-test: dist
	@$(MAKE) --no-print-directory deps DEPS="/usr/bin/time=time"
	dist/test-deb.sh $(OUT)

# A jlink runtime image for weir ($(OUT)/weir-runtime) with its size (dist/jlink.sh).
jlink: build
	dist/jlink.sh $(OUT)

clean:
	$(MVNW) -q clean
