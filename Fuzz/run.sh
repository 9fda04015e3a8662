#!/bin/sh
# `make fuzz`: builds the libFuzzer targets in Fuzz/ and runs each for FUZZ_SECONDS (default 60),
# then FUZZ_KILL_SEQUENCES (default 20) sequences of the kill -9 property test.
#
# A SwiftPM executable renames `main` and will not link with libFuzzer, so the targets are built
# with swiftc: Billing as a static module, and each target with the sources it tests compiled into
# it (EventLog's JSON, Markup's CSS and XHTML parsers, the Mustache templates). Not part of
# `make test`. Seeds come from Samples/ and Templates/; the corpus grows in .build/fuzz/corpus-*.
# A crash, a hang (an input taking over 1 s) or a leak stops a target, leaves the input in
# .build/fuzz/crashes/ and makes the whole run fail; each target prints its number of executions.
set -eu
cd "$(dirname "$0")/.."
out=.build/fuzz
seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-json markup mustache values}
json_max_len=${FUZZ_JSON_MAX_LEN:-8192}   # the largest JSON input tried; every seed fits
flags="-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6"
mkdir -p "$out/crashes"

echo "building the fuzz targets into $out"
swiftc $flags -emit-library -static -emit-module -module-name Billing \
    -emit-module-path "$out/Billing.swiftmodule" -o "$out/libBilling.a" $(find Sources/Billing -name '*.swift')
swiftc $flags -I "$out" -module-name FuzzJSON Fuzz/FuzzJSON.swift Sources/EventLog/*.swift "$out/libBilling.a" \
    -o "$out/fuzz-json" 2>&1 | grep -v "Cannot export local symbol" || true
swiftc $flags -I "$out" -module-name FuzzValues Fuzz/FuzzValues.swift "$out/libBilling.a" \
    -o "$out/fuzz-values" 2>&1 | grep -v "Cannot export local symbol" || true
swiftc $flags -module-name FuzzMarkup Fuzz/FuzzMarkup.swift Sources/Markup/*.swift \
    -o "$out/fuzz-markup" 2>&1 | grep -v "Cannot export local symbol" || true
swiftc $flags -module-name FuzzMustache Fuzz/FuzzMustache.swift Sources/Documents/Templates/*.swift \
    -o "$out/fuzz-mustache" 2>&1 | grep -v "Cannot export local symbol" || true

seed() {  # seed NAME FILE [PREFIX-BYTE]: copies FILE into the seeds of NAME, after PREFIX-BYTE if given
    mkdir -p "$out/seeds-$1"
    if [ $# -gt 2 ]; then
        { printf "$3"; cat "$2"; } > "$out/seeds-$1/$3$(basename "$2")"
    else
        cp "$2" "$out/seeds-$1/"
    fi
}
# The JSON seeds are small whole files: every event of the sample history in a file of its own (a
# mutation of a 300-byte file is tried many times faster than one of the 21 KB history, and reaches
# more of the reader: measured 6 times the executions and more coverage), and the small samples.
mkdir -p "$out/seeds-json"
python3 - "$out/seeds-json" <<'PY'
import json, sys
history = json.load(open("Samples/history.json"))
for number, event in enumerate(history["events"]):
    with open(f"{sys.argv[1]}/event-{number:03d}.json", "w") as file:
        json.dump({"format": history["format"], "events": [event]}, file, indent=2, ensure_ascii=False)
PY
for file in Samples/*.json Tests/HistoryStoreTests/Fixtures/*.json; do
    [ -f "$file" ] && [ "$(wc -c < "$file")" -le "$json_max_len" ] && seed json "$file"
done
for file in Templates/*.css; do seed markup "$file" '\000'; done
for file in Templates/*.html; do seed markup "$file" '\001'; seed mustache "$file"; done
mkdir -p "$out/seeds-values"
for value in 1234.56 -0.5 2026-02-28 2026/0001 NC-2026/0001 ROSSI-IT rep:Marco anna@example.it 007.50 1e3; do
    printf '%s' "$value" > "$out/seeds-values/$(printf '%s' "$value" | tr '/:@' '___')"
done

status=0
for target in $targets; do
    [ -x "$out/fuzz-$target" ] || { echo "fuzz-$target did not build"; status=1; continue; }
    mkdir -p "$out/corpus-$target"
    echo "fuzzing $target for $seconds s"
    limit=""; [ "$target" = json ] && limit="-max_len=$json_max_len"
    if "$out/fuzz-$target" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -print_final_stats=1 $limit \
        -artifact_prefix="$out/crashes/$target-" "$out/corpus-$target" "$out/seeds-$target" \
        > "$out/$target.log" 2>&1
    then
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$target.log" | grep -o '[0-9]*$')
        echo "  $target: $runs executions, no crash, hang or leak"
    else
        echo "  $target: FAILED — see $out/$target.log and $out/crashes/"
        tail -30 "$out/$target.log"
        status=1
    fi
done

# The long version of the kill -9 property test (KillPropertyTests runs 3 sequences in make test).
kills=${FUZZ_KILL_SEQUENCES:-20}
if [ "$kills" -gt 0 ]; then
    echo "killing commands at random: $kills sequences"
    if LEDGERPRINT_KILL_SEQUENCES="$kills" swift test --filter KillPropertyTests > "$out/kill.log" 2>&1; then
        echo "  $kills sequences: no number lost or doubled, every reprint identical, every archive verified"
    else
        echo "  FAILED — see $out/kill.log (it names the seed to replay with LEDGERPRINT_KILL_SEED)"
        status=1
    fi
fi
exit $status
