# snn — the two commands: `make demo` and `make test`. Both install what is missing first.
SHELL := /bin/bash
DEBS := libopenblas-dev liblapacke-dev libarpack2-dev zlib1g-dev libsuitesparse-dev
SWIFT ?= swift
RELEASE_BIN := .build/release/snn

.PHONY: deps build release demo test bench clean

## deps: install the Debian packages snn links against (apt-get; needs root or sudo).
deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "snn: installing missing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO=sudo; else \
	    echo "snn: cannot install$$missing: not root and no sudo. Install them with apt-get and retry." >&2; exit 1; fi; \
	  ($$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null) || \
	    { echo "snn: apt-get could not install$$missing; install them by hand and retry." >&2; exit 1; }; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "snn: the Swift toolchain (swift 6.x) is not on PATH" >&2; exit 1; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## demo: build release and run the main job on its embedded default data set.
demo: release
	$(RELEASE_BIN) demo --out demo-out

## test: every test, in a release build with testing enabled (numeric code is tens of times slower in debug).
test: deps
	$(SWIFT) build -c release -Xswiftc -enable-testing --build-tests
	$(SWIFT) test -c release -Xswiftc -enable-testing --skip-build --disable-swift-testing

clean:
	rm -rf .build
