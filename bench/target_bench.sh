#!/bin/sh
# The correlator's cost against the size of the target, in one run: the
# same real RIS input (a RIB of rrc00, 2002, its update file, and a 2015
# BGP4MP_ET update file of 577,744 events) with an empty target (a prefix
# that never appears) and with a case group of N prefixes (default
# 25,000): the first N distinct prefixes the input announces, so that
# every one is tracked.  Goal of issue 13: within 3x of the empty target.
# The decoder floor (`mrt events --count`) is measured beside them.
#
# usage: bench/target_bench.sh [N]   (env BLACKOUT, SHARED_DATA, BENCH_DIR)
set -eu
. "$(dirname "$0")/lib.sh"
bench_init
n=${1:-25000}
d="$SHARED_DATA/mrt/ripe-bgpdump"
[ -d "$d" ] || { echo "no shared data at $d" >&2; exit 77; }
set -- "$d/bview.20020722.2337.gz" "$d/updates.20020722.2238.gz" \
    "$d/updates.et-header.2015.gz"
{
	echo "title: $n-prefix target"
	echo "targets:"
	echo "  - name: big"
	echo "    members:"
	"$BLACKOUT" mrt dump -q -m "$@" | awk -F'|' '$3 == "A" || $3 == "B" { print $6 }' |
	    awk '!seen[$0]++' | head -n "$n" | sed 's/^/      - /'
} > "$dir/big.yaml"
echo "target: $(grep -c '^      - ' "$dir/big.yaml") prefixes; input: $*"
cpu events "$BLACKOUT" mrt events --count "$@"
cpu empty "$BLACKOUT" timeline -q --target 192.0.2.0/24 --format json "$@"
cpu big "$BLACKOUT" timeline -q -c "$dir/big.yaml" --format json "$@"
echo "ratios (CPU):"
echo "  $n-prefix target / empty target : $(ratio big empty) (goal <= 3x)"
echo "  empty target / mrt events --count: $(ratio empty events)"
