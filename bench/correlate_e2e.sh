#!/bin/sh
# End to end: generate a day of updates with bo-gen (the total-outage
# scenario with 20 000 background prefixes and 10 000 updates an hour on
# 6 peers of 2 collectors), then time `blackout timeline` on it.
# Usage: bench/correlate_e2e.sh BUILDDIR [SRCDIR]   (see bench/correlate.md)
set -eu
b=${1:?usage: $0 BUILDDIR [SRCDIR]}
s=${2:-$(dirname "$0")/..}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed 's/background: {prefixes: 300, churn_per_hour: 60}/background: {prefixes: 20000, churn_per_hour: 10000}/' \
    "$s/tests/scenarios/total-outage.yaml" > "$tmp/big.yaml"
"$b/tests/gen/bo-gen" "$tmp/big.yaml" "$tmp/big.tar.gz"
ls -l "$tmp/big.tar.gz"
BLACKOUT_RULES="$s/rules" /usr/bin/time -v "$b/blackout" timeline -q \
    --target AS64500 --format json -o "$tmp/big.json" "$tmp/big.tar.gz" 2>&1 |
    grep -E 'Elapsed|Maximum resident|User time|System time'
grep -o '"events":[0-9]*' "$tmp/big.json"
grep -o '"bytes":[0-9]*' "$tmp/big.json" | tail -1
