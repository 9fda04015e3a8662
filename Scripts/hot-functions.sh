#!/usr/bin/env bash
# Lists the functions of a ledgerprint executable that printing runs, for lld's --symbol-ordering-file
# (docs/performance.md, "Session 13"). `make release` runs it between its two links.
#
#   Scripts/hot-functions.sh BINARY MAP OUT
#
# Runs BINARY under callgrind while it starts, prints an invoice and prints a statement of the samples,
# and writes to OUT the symbol names (as the linker knows them, not demangled) of every function of the
# executable that ran, one a line. MAP is the linker's map of BINARY (`-Xlinker -Map=MAP`): functions
# compiled each in a section of its own come first, in the order they first ran; then those that share
# a section of a page or more with other code (a library built without -function-sections, such as the
# Swift standard library's Swift.o), which the linker can only move whole. Linking the same code again
# with `-Xlinker --symbol-ordering-file=OUT` puts these functions side by side at the start of .text, so
# a printed document maps a few megabytes of code instead of most of the binary's (the kernel maps code
# in 64 KB blocks around each page it faults in). The order only places code: a name the linker does not
# find is skipped, and a list made from other code costs speed and memory, never correctness.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 BINARY MAP OUT" >&2; exit 64; }
bin=$(readlink -f "$1"); map=$2; out=$3
[ -r "$map" ] || { echo "hot-functions: no linker map $map" >&2; exit 66; }
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "hot-functions: valgrind is missing (make setup installs it)" >&2; exit 69; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# callgrind reads the symbol table; this toolchain's debug info it cannot read.
strip --strip-debug -o "$work/ledgerprint" "$bin"
export LEDGERPRINT_TEMPLATES="$PWD/Templates" LEDGERPRINT_FONTS="$PWD/Fonts" LEDGERPRINT_TODAY=2026-11-27
profile() {
  local name=$1; shift
  valgrind --tool=callgrind --demangle=no --compress-strings=no --compress-pos=no \
    --callgrind-out-file="$work/$name.callgrind" "$work/ledgerprint" "$@" >/dev/null 2>"$work/$name.log" \
    || { cat "$work/$name.log" >&2; echo "hot-functions: '$name' failed under callgrind" >&2; exit 1; }
}
"$work/ledgerprint" import --store "$work/s.sqlite" Samples/history.json >/dev/null
number=$("$work/ledgerprint" invoices list --store "$work/s.sqlite" --format csv | sed -n 2p | cut -d, -f1)
account=$("$work/ledgerprint" accounts list --store "$work/s.sqlite" --format csv | sed -n 2p | cut -d, -f1)
profile version --version
profile invoice invoices print "$number" --store "$work/s.sqlite" -o "$work/invoice.pdf"
profile statement statement "$account" --store "$work/s.sqlite" --from 2020-01-01 --to 2026-11-27 -o "$work/statement.pdf"
# Each callgrind file names, after `ob=`, the object and, after `fn=`, each function that ran in it.
awk -v bin="$work/ledgerprint" '
  /^ob=/ { here = (substr($0, 4) == bin) }
  /^fn=/ && here { name = substr($0, 4); if (name !~ /^0x/ && !(name in seen)) { seen[name] = 1; print name } }
' "$work/version.callgrind" "$work/invoice.callgrind" "$work/statement.callgrind" > "$work/ran"
# In the map, an input section's line ("VMA LMA Size Align file:(section)") comes before the lines of the
# symbols it defines ("VMA LMA Size 1 name"). Sizes are hexadecimal without leading zeros, so a size of
# 4 digits or more is a section of a page (4 KB) or more. A name several files define (a local helper
# such as `objectdestroyTm`) is left out: the linker would move every file's copy to the front.
awk '
  FNR == 1 { file++ }
  file == 1 { ran[$0] = FNR; next }
  NF >= 5 && $5 ~ /:\(/ { code = ($5 ~ /:\(\.text/); big = (length($3) > 3); next }
  file == 2 { if (NF == 5 && $4 == 1 && code) defined[$5]++; next }
  NF == 5 && $4 == 1 && code && ($5 in ran) && defined[$5] == 1 { print (big ? 1 : 0), ran[$5], $5 }
' "$work/ran" "$map" "$map" | sort -k1,1n -k2,2n | cut -d" " -f3 > "$out"
[ -s "$out" ] || { echo "hot-functions: no function of $bin found in $map" >&2; exit 1; }
echo "hot-functions: $(wc -l < "$out") functions in $out, $(grep -c . "$work/ran") ran"
