#!/bin/sh
# Times `blackout mrt dump -m` against `bgpdump -m` on a corpus of real
# update records (the shared data's update files, decompressed and
# concatenated until the corpus passes MB megabytes), checks that both
# outputs are identical, and prints both times, the ratio and peak RSS.
#
# usage: bench/mrt_bench.sh [MB]      (default 150; env BLACKOUT, BGPDUMP,
#                                      SHARED_DATA, BENCH_DIR)
set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")/.." && pwd)
: "${BLACKOUT:=$here/blackout}"
: "${BGPDUMP:=$(command -v bgpdump || true)}"
: "${SHARED_DATA:=$here/../shared/data}"
mb=${1:-150}
dir=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/mrt-bench.XXXXXX")}
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$dir"' EXIT
[ -x "$BLACKOUT" ] || { echo "no blackout binary at $BLACKOUT" >&2; exit 1; }
[ -n "$BGPDUMP" ] || { echo "bgpdump not found (set BGPDUMP)" >&2; exit 1; }
d="$SHARED_DATA/mrt"
[ -d "$d" ] || { echo "no shared data at $d" >&2; exit 1; }

# One pass over every undamaged update file, then repeat it.
. "$here/bench/lib.sh"
corpus_build "$dir" "$mb"
corpus="$dir/corpus.mrt"
size=$(wc -c < "$corpus")
echo "corpus: $corpus, $size bytes ($((size / 1048576)) MiB)"

# Same output first.
"$BLACKOUT" mrt dump -q -m "$corpus" > "$dir/bo.out"
"$BGPDUMP" -m "$corpus" > "$dir/bd.out" 2>/dev/null
if cmp -s "$dir/bo.out" "$dir/bd.out"; then
	echo "output: identical, $(wc -l < "$dir/bo.out") lines"
else
	echo "output: DIFFERENT" >&2
	exit 1
fi
rm -f "$dir/bo.out" "$dir/bd.out"

secs() { # best of N wall-clock runs of "$@" > /dev/null
	best=""
	for _ in 1 2 3; do
		s=$(date +%s.%N)
		"$@" > /dev/null 2>&1 || true
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then
			best=$t
		fi
	done
	echo "$best"
}
if command -v hyperfine > /dev/null 2>&1; then
	hyperfine -w 1 -r 3 -N --export-json "$dir/h.json" \
	    "$BLACKOUT mrt dump -q -m $corpus" "$BGPDUMP -m $corpus" \
	    --output=null > "$dir/h.txt" 2>&1 || cat "$dir/h.txt"
	bo=$(sed -n 's/.*"mean": *\([0-9.]*\).*/\1/p' "$dir/h.json" | sed -n 1p)
	bd=$(sed -n 's/.*"mean": *\([0-9.]*\).*/\1/p' "$dir/h.json" | sed -n 2p)
	tool=hyperfine
else
	bo=$(secs "$BLACKOUT" mrt dump -q -m "$corpus")
	bd=$(secs "$BGPDUMP" -m "$corpus")
	tool="best of 3"
fi
ev=$(secs "$BLACKOUT" mrt events --count "$corpus")
st=$(secs "$BLACKOUT" mrt stats "$corpus")
printf 'blackout mrt dump -m : %.3f s (%s)\n' "$bo" "$tool"
printf 'bgpdump -m           : %.3f s\n' "$bd"
printf 'ratio                : %.1fx\n' "$(echo "$bd / $bo" | bc -l)"
printf 'blackout mrt events --count (decode to events, no text): %.3f s\n' "$ev"
printf 'blackout mrt stats (parse only): %.3f s\n' "$st"
rss() {
	/usr/bin/time -v "$@" 2>&1 > /dev/null |
	    sed -n 's/.*Maximum resident set size (kbytes): //p'
}
if [ -x /usr/bin/time ]; then
	half="$dir/half.mrt"
	head -c $((size / 4)) "$corpus" > "$half"
	echo "peak RSS, kB (quarter corpus / full corpus):"
	echo "  blackout mrt dump -m : $(rss "$BLACKOUT" mrt dump -q -m "$half") / $(rss "$BLACKOUT" mrt dump -q -m "$corpus")"
	echo "  bgpdump -m           : $(rss "$BGPDUMP" -m "$half") / $(rss "$BGPDUMP" -m "$corpus")"
fi
