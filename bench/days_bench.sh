#!/bin/sh
# A stand-in for issue 13's "three days of a RouteViews collector" (284
# bzip2 update files, 8.5 M records, 22 M events), which the shared data
# does not hold: its real update files, each bzip2-compressed once and
# copied under RouteViews names (route-views2/bgpdata/YYYY.MM/UPDATES/
# updates.YYYYMMDD.HHMM.bz2, 15 minutes apart) until N files (default
# 284; 388 give about its 22 M events).  The bytes repeat, so the correlator sees the same routes again;
# what is measured is reading and projecting that many files.  Prints the
# CPU and peak memory of `mrt events --count` (the decoder floor, which
# decompresses once), of `bzip2 -dc` of every file (the decompression
# floor), and of `timeline` with an AS target, with the scan's spool and
# without it (--max-spool 0: every file decompressed twice).  Goal of
# issue 13: under 20 s CPU.
#
# usage: bench/days_bench.sh [N]   (env BLACKOUT, SHARED_DATA, BENCH_DIR,
#        TARGET=AS131279)
set -eu
. "$(dirname "$0")/lib.sh"
bench_init
n=${1:-284}
target=${TARGET:-AS131279}
src="$SHARED_DATA/mrt"
[ -d "$src" ] || { echo "no shared data at $src" >&2; exit 77; }
mkdir -p "$dir/one"
i=0
for f in "$src"/ripe-bgpdump/updates.*.gz "$src"/bgpkit-parser/*updates*.gz \
    "$src"/libbgpstream/*; do
	case "$f" in
	*20000325*|*trailing_bits*) continue ;;	# damaged on purpose
	*.bz2) bzip2 -dc "$f" ;;
	*) gzip -dc "$f" ;;
	esac > "$dir/one/raw"
	# some fixtures hold no updates at all
	[ -s "$dir/one/raw" ] || continue
	bzip2 -9 < "$dir/one/raw" > "$dir/one/$i.bz2"
	i=$((i + 1))
done
rm -f "$dir/one/raw"
u="$dir/days/route-views2/bgpdata/2015.10/UPDATES"
mkdir -p "$u"
k=0
while [ "$k" -lt "$n" ]; do
	m=$((k * 15))
	name=$(printf 'updates.201510%02d.%02d%02d.bz2' $((1 + m / 1440)) \
	    $((m % 1440 / 60)) $((m % 60)))
	cp "$dir/one/$((k % i)).bz2" "$u/$name"
	k=$((k + 1))
done
echo "files: $n bzip2, $(du -sk "$dir/days" | cut -f1) kB; decompressed: \
$(cat "$u"/*.bz2 | bzip2 -dc | wc -c) bytes; \
$("$BLACKOUT" mrt events --count "$dir/days" 2> /dev/null) events; \
target $target"
cpu floor-bz2 sh -c "cat '$u'/*.bz2 | bzip2 -dc"
cpu events "$BLACKOUT" mrt events --count "$dir/days"
cpu timeline "$BLACKOUT" timeline -q --target "$target" --format json \
    "$dir/days"
cpu timeline-nospool "$BLACKOUT" timeline -q --max-spool 0 \
    --target "$target" --format json "$dir/days"
echo "ratios (CPU):"
echo "  timeline / bzip2 -dc            : $(ratio timeline floor-bz2)"
echo "  timeline / mrt events --count   : $(ratio timeline events)"
echo "  --max-spool 0 / with the spool  : $(ratio timeline-nospool timeline)"
echo "  timeline CPU: $(get timeline 2) s (goal < 20 s)"
