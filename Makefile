# Ledgerprint — the two commands a new machine needs are `make demo` and `make test`.
# Both run `make setup` first, which installs what is missing from Debian's packages.

SWIFT    ?= swift
OUT      ?= out
PACKAGES := libcairo2-dev libpango1.0-dev libfontconfig-dev libsqlite3-dev pkg-config \
            fonts-liberation2 fonts-dejavu-core poppler-utils
# The one file allowed to call SQLite's C API (through GRDB's GRDBSQLite); today there is none.
SQLITE_C_FILE := Sources/HistoryStore/RawSQLite.swift
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup build demo test lint format bench clean

## setup: install the system libraries, fonts and PDF tools the project needs (only what is missing)
setup:
	@command -v dpkg-query >/dev/null || { \
	  pkg-config --exists pangocairo fontconfig || { echo "setup: install Cairo, Pango and fontconfig headers" \
	    "(Debian: $(PACKAGES))" >&2; exit 1; }; exit 0; }; \
	missing=$$(for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

build: setup
	$(SWIFT) build

## demo: render the sample documents into out/
demo: setup
	$(SWIFT) build --product ledgerprint
	$$($(SWIFT) build --show-bin-path)/ledgerprint demo --out $(OUT)

## test: build (every module a target imports declared in Package.swift), run every test, then lint — what CI runs
test: setup
	$(SWIFT) build --build-tests --explicit-target-dependency-import-check error
	$(SWIFT) test --explicit-target-dependency-import-check error
	$(MAKE) lint

## lint: formatting, the two C boundaries (Cairo/Pango in Canvas, SQLite in one store file), file sizes
lint:
	$(SWIFT) format lint --strict -r Package.swift Sources Tests
	@leak=$$(grep -rlE '^\s*(@_exported |public |internal |)import CPangoCairo' Sources | grep -v '^Sources/Canvas/'); \
	if [ -n "$$leak" ]; then echo "lint: CPangoCairo is imported outside Sources/Canvas: $$leak" >&2; exit 1; fi
	@loose=$$(grep -rnE '^\s*(@_exported |public |)import CPangoCairo' Sources/Canvas); \
	if [ -n "$$loose" ]; then echo "lint: Canvas must use 'internal import CPangoCairo': $$loose" >&2; exit 1; fi
	@sqlite=$$(grep -rlE 'GRDBSQLite|sqlite3_[a-z_]+\(' Sources | grep -v '^$(SQLITE_C_FILE)$$'); \
	if [ -n "$$sqlite" ]; then echo "lint: the SQLite C API is used outside $(SQLITE_C_FILE): $$sqlite" >&2; exit 1; fi
	@big=$$(find Sources -name '*.swift' -exec wc -l {} + | awk '$$2 != "total" && $$1 > 600 {print $$2 " (" $$1 " lines)"}'); \
	if [ -n "$$big" ]; then echo "lint: files over 600 lines, split them by concern: $$big" >&2; exit 1; fi
	@echo "lint: ok"

format:
	$(SWIFT) format -i -r Package.swift Sources Tests

## bench: the benchmarks in Benchmarks/ (its own package, built only here)
bench: setup
	$(MAKE) -C Benchmarks run

clean:
	rm -rf .build $(OUT)
