# The commands a person types. CMake does the building; this file installs what is missing,
# picks the build directory and runs things.
#   make        build build/setwork (optimised)
#   make run    build, create the demo organisation if the database is new, serve the web app
#   make test   build with ASan+UBSan in build/asan and run every test
#   make bench  run the benchmarks (long), results in bench/RESULTS.md
#   make fuzz   run each fuzz harness for FUZZ_SECONDS (default 60)
#   make deb    build the Debian package build/deb/setwork_VERSION_ARCH.deb and lintian it

BUILD      ?= build
TEST_BUILD ?= build/asan
FUZZ_BUILD ?= build/fuzz
DB         ?= setwork.db
LISTEN     ?= 127.0.0.1:8080
FUZZ_SECONDS ?= 60
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
MAKEFLAGS  += --no-print-directory

.PHONY: all build run test bench fuzz deps-build deps-test deps-bench browser-deps format clean \
  deb deps-deb

all: build

deps-build:
	@scripts/install-deps build
deps-test:
	@scripts/install-deps test
deps-bench:
	@scripts/install-deps bench

build: deps-build
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DSETWORK_TESTS=OFF >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@scripts/run-demo $(BUILD)/setwork $(DB) $(LISTEN)

browser-deps: deps-test
	@scripts/install-browser-deps

test: deps-test browser-deps
	@cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSETWORK_SANITIZE=ON >/dev/null
	@cmake --build $(TEST_BUILD) -j $(JOBS)
	@cd $(TEST_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

bench: deps-bench build
	@scripts/run-bench $(BUILD)

fuzz: deps-test
	@CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSETWORK_FUZZ=ON \
	  -DSETWORK_TESTS=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@scripts/run-fuzz $(FUZZ_BUILD) $(FUZZ_SECONDS)

deps-deb:
	@scripts/install-deps deb

deb: deps-deb
	@scripts/make-deb $(BUILD)/deb
	@lintian --fail-on error --allow-root $(BUILD)/deb/setwork_*.deb

format:
	@SETWORK_SOURCE_DIR=. bash tests/lint/format.sh --fix

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(FUZZ_BUILD)
