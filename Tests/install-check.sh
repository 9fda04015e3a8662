#!/usr/bin/env bash
# Installs Ledgerprint into a temporary prefix and checks what a user of the installed program sees:
# the binary needs no Swift toolchain library, finds its templates and fonts without environment
# variables from any folder, prints an invoice, and comes with a man page and completion scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
fail() { echo "install-check: $*" >&2; exit 1; }

make --no-print-directory install PREFIX="$root/usr" >/dev/null
bin="$root/usr/bin/ledgerprint"
[ -x "$bin" ] || fail "no executable at $bin"

# No library of the Swift toolchain: not linked, and no run path into it.
if ldd "$bin" | grep -Ei 'swift|Foundation|libdispatch|BlocksRuntime|icu' >&2; then
  fail "the installed binary still links the libraries above"
fi
if readelf -d "$bin" | grep -E 'RPATH|RUNPATH' | grep -q /opt/swift; then fail "run path points into the toolchain"; fi

# From an empty folder, with a bare environment: no LEDGERPRINT_*, no LD_LIBRARY_PATH, no toolchain on PATH.
work="$root/work"; mkdir -p "$work"; cp Samples/history.json "$work/"
run() { (cd "$work" && env -i HOME="$work" PATH=/usr/bin:/bin "$bin" "$@"); }
run --version | grep -q . || fail "--version printed nothing"
run import --store "$work/s.sqlite" history.json >/dev/null
number=$(run invoices list --store "$work/s.sqlite" --format csv | sed -n 2p | cut -d, -f1)
[ -n "$number" ] || fail "no invoice listed after the import"
run invoices print "$number" --store "$work/s.sqlite" -o "$work/invoice.pdf" >/dev/null
pdftotext "$work/invoice.pdf" - | grep -qF "$number" || fail "the printed invoice does not show its number $number"
pdffonts "$work/invoice.pdf" | grep -q Liberation || fail "the printed invoice does not use the project's fonts"
run demo --out "$work/demo" >/dev/null
[ "$(find "$work/demo" -name '*.pdf' | wc -l)" -gt 10 ] || fail "demo from the installed samples printed too few PDFs"

# The man page and the completion scripts.
man1="$root/usr/share/man/man1/ledgerprint.1"
grep -q 'invoices' "$man1" || fail "the man page does not describe the invoices command"
bash -n "$root/usr/share/bash-completion/completions/ledgerprint" || fail "the bash completion script does not parse"
grep -q 'invoices' "$root/usr/share/zsh/site-functions/_ledgerprint" || fail "the zsh completion lacks commands"
[ -s "$root/usr/share/fish/vendor_completions.d/ledgerprint.fish" ] || fail "no fish completion"
echo "install-check: ok (installed binary printed invoice $number with no Swift toolchain library)"
