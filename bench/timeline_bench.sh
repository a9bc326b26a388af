#!/bin/sh
# The timeline against the decoder floor and other decoders, in one run,
# on the same bytes: the shared data's real RIS/RouteViews update files
# repeated until the corpus passes MB megabytes (as bench/mrt_bench.sh).
# Prints CPU seconds and peak RSS of each command and the ratios the
# goals of issue 13 are stated in:
#   - timeline vs `mrt events --count` (goal: within 2.5x), with and
#     without the projection, for TARGET and for AS4713 (24k prefixes)
#   - timeline peak memory, quarter corpus vs full corpus (goal: flat)
#   - `mrt dump -m` vs `bgpdump -m` (goal: >= 20x) and `bgpctl show mrt`
#
# usage: bench/timeline_bench.sh [MB]   (default 150; env BLACKOUT,
#        BGPDUMP, BGPCTL, SHARED_DATA, BENCH_DIR, TARGET=AS131279)
set -eu
. "$(dirname "$0")/lib.sh"
bench_init
mb=${1:-150}
target=${TARGET:-AS131279}
corpus_build "$dir" "$mb"
c="$dir/corpus.mrt"
size=$(wc -c < "$c")
mkdir -p "$dir/q"
corpus_build "$dir/q" $((mb > 4 ? mb / 4 : 1))
echo "corpus: $size bytes ($((size / 1048576)) MiB), quarter: $(wc -c < "$dir/q/corpus.mrt") bytes, target $target"
if [ -n "$BGPDUMP" ]; then
	"$BLACKOUT" mrt dump -q -m "$c" > "$dir/bo.out"
	"$BGPDUMP" -m "$c" > "$dir/bd.out" 2>/dev/null || true
	if cmp -s "$dir/bo.out" "$dir/bd.out"; then
		echo "mrt dump -m: identical to bgpdump -m ($(wc -l < "$dir/bo.out") lines)"
	else
		echo "mrt dump -m: DIFFERENT from bgpdump -m" >&2
		exit 1
	fi
	rm -f "$dir/bo.out" "$dir/bd.out"
fi
cpu stats "$BLACKOUT" mrt stats "$c"
cpu events "$BLACKOUT" mrt events --count "$c"
cpu dump "$BLACKOUT" mrt dump -q -m "$c"
[ -z "$BGPDUMP" ] || cpu bgpdump "$BGPDUMP" -m "$c"
[ -z "$BGPCTL" ] || cpu bgpctl "$BGPCTL" show mrt file "$c"
cpu ingest "$BLACKOUT" ingest -q -o /dev/null "$c"
cpu timeline "$BLACKOUT" timeline -q --target "$target" --format json "$c"
cpu timeline-noproj "$BLACKOUT" timeline -q --no-projection --target "$target" \
    --format json "$c"
cpu timeline-AS4713 "$BLACKOUT" timeline -q --target AS4713 --format json "$c"
cpu timeline-AS4713-noproj "$BLACKOUT" timeline -q --no-projection \
    --target AS4713 --format json "$c"
cpu timeline-j1 "$BLACKOUT" timeline -q -j 1 --target "$target" --format json "$c"
cpu timeline-quarter "$BLACKOUT" timeline -q --target "$target" --format json \
    "$dir/q/corpus.mrt"
echo "ratios (CPU):"
echo "  timeline / mrt events --count : $(ratio timeline events) (goal <= 2.5x)"
echo "  the same, --no-projection     : $(ratio timeline-noproj events)"
echo "  AS4713 / mrt events --count   : $(ratio timeline-AS4713 events) (--no-projection: $(ratio timeline-AS4713-noproj events))"
echo "  ingest / mrt events --count   : $(ratio ingest events)"
[ -z "$BGPDUMP" ] || echo "  bgpdump -m / mrt dump -m      : $(ratio bgpdump dump) (goal >= 20x)"
[ -z "$BGPCTL" ] || echo "  bgpctl show mrt / mrt dump -m : $(ratio bgpctl dump)"
[ -z "$BGPCTL" ] || echo "  bgpctl show mrt / timeline    : $(ratio bgpctl timeline)"
echo "  timeline peak RSS, quarter / full corpus: $(get timeline-quarter 3) / $(get timeline 3) kB"
echo "  timeline peak RSS, --no-projection: $(get timeline-noproj 3) kB"
