# weir: build, test, run. CI runs `make test` (see .ci/run).
# OUT picks the build folder (the poms map it to each module's build directory), so parallel
# builds can use their own: make test OUT=target-mine.
MVN   ?= mvn
OUT   ?= target
MVNW  := $(MVN) -B -ntp -Dweir.out=$(OUT)
SUMMARY := conformance/$(OUT)/conformance-summary.tsv

# Shell snippet: the totals of the conformance summary, as the final line the suite prints
# (repeated here because Surefire's report comes after the suite's own output).
CONFORMANCE_TOTAL := if [ -f $(SUMMARY) ]; then \
	  awk -F'\t' 'NR > 1 { p += $$2; f += $$3; s += $$4 } \
	    END { printf "conformance: %d passed, %d failed, %d skipped\n", p, f, s }' $(SUMMARY); \
	fi

.PHONY: all deps build test conformance run clean

all: build

# The spec test suite is converted with wabt's wast2json; install it when we can, else say how.
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

build:
	$(MVNW) -q -DskipTests package

# Unit tests of every module, then the spec suite (the conformance module's SpecSuiteTest).
test: deps
	@rm -f $(SUMMARY); $(MVNW) test; status=$$?; $(CONFORMANCE_TOTAL); exit $$status

# The conformance module only: the spec suite and the runner's own tests. Core is built too (-am),
# but the test filter (the conformance package) leaves its tests out.
conformance: deps
	@rm -f $(SUMMARY); $(MVNW) -pl conformance -am test '-Dtest=dev.weir.conformance.*Test' \
	  -Dsurefire.failIfNoSpecifiedTests=false; status=$$?; \
	$(CONFORMANCE_TOTAL); exit $$status

# Placeholder until the CLI demo lands: runs it when both the launcher and the example exist.
run:
	@missing=""; \
	[ -x bin/weir ] || missing="$$missing bin/weir (the CLI launcher)"; \
	[ -f examples/hello/hello.wasm ] || missing="$$missing examples/hello/hello.wasm (the demo module)"; \
	if [ -z "$$missing" ]; then \
	  bin/weir run examples/hello/hello.wasm; \
	else \
	  echo "make run: not available yet; missing:$$missing" >&2; \
	  exit 1; \
	fi

clean:
	$(MVNW) -q clean
