# nastavnik — the two commands a newcomer needs: `make site` and `make test`.
SWIFT ?= swift
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps site build test bench clean

# Installs the C libraries (and the reference cmark-gfm CLI used by the tests) if missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Устанавливаю:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

# Builds the demo school site from content/ into public/.
site: build
	$(SWIFT) run nastavnik build --content content --out public

# One debug build, then every test (unit, differential against the cmark-gfm CLI, fixture sites, end to end).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# 10,000-page corpus: nastavnik (release) against Debian's hugo; see docs/benchmarks.md.
bench: deps
	Benchmarks/run.sh

clean:
	rm -rf .build public
