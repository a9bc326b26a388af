#!/bin/sh
# Compressed input against the decompression floor, in one run: the real
# update corpus of bench/timeline_bench.sh (MB megabytes, default 40)
# gzip- and bzip2-compressed as one file each; a tarball of its passes as
# plain members, gzip- and bzip2-compressed whole; and a tarball of gzip
# members (the shape of a downloaded collection).  The floor is
# `gzip -dc` / `bzip2 -dc` of the same bytes.  Goal of issue 13: within
# 1.3x of the floor using both cores, so the ratio printed is WALL time
# over floor CPU time (meaningful on an idle machine only; the CPU ratio
# is printed beside it).  Each blackout command runs twice: "-sync" with
# decompression on the decoding thread (BO_TEST_READ_AHEAD=0, as before
# the read-ahead), and as it runs by default (-j: all CPUs; a single
# compressed file is then decompressed on a thread of its own).
#
# usage: bench/compressed_bench.sh [MB]   (env BLACKOUT, SHARED_DATA,
#        BENCH_DIR, TARGET=AS131279)
set -eu
. "$(dirname "$0")/lib.sh"
bench_init
mb=${1:-40}
target=${TARGET:-AS131279}
corpus_build "$dir" "$mb"
gzip -c "$dir/corpus.mrt" > "$dir/corpus.mrt.gz"
bzip2 -c "$dir/corpus.mrt" > "$dir/corpus.mrt.bz2"
mkdir -p "$dir/tar" "$dir/plain"
i=0
while [ $i -lt 8 ]; do
	gzip -c "$dir/one.mrt" > "$dir/tar/updates.2015010$i.0000.gz"
	i=$((i + 1))
done
tar -cf "$dir/corpus.tar" -C "$dir" tar
# as many passes as the corpus holds, each a plain member
passes=$(($(wc -c < "$dir/corpus.mrt") / $(wc -c < "$dir/one.mrt")))
i=0
while [ $i -lt "$passes" ]; do
	cp "$dir/one.mrt" "$dir/plain/updates.2015010$i.0000"
	i=$((i + 1))
done
tar -cf "$dir/plain.tar" -C "$dir" plain
gzip -c "$dir/plain.tar" > "$dir/plain.tar.gz"
bzip2 -c "$dir/plain.tar" > "$dir/plain.tar.bz2"
rm -rf "$dir/plain" "$dir/plain.tar"
echo "corpus: $(wc -c < "$dir/corpus.mrt") bytes; gz $(wc -c < "$dir/corpus.mrt.gz"), bz2 $(wc -c < "$dir/corpus.mrt.bz2"), tar of 8 gz members $(wc -c < "$dir/corpus.tar")"
echo "tar of $passes plain passes: tar.gz $(wc -c < "$dir/plain.tar.gz"), tar.bz2 $(wc -c < "$dir/plain.tar.bz2")"

# both LABEL FILE: mrt events --count and timeline, synchronous and default
both() {
	cpu "events-$1-sync" env BO_TEST_READ_AHEAD=0 "$BLACKOUT" mrt events \
	    --count "$2"
	cpu "events-$1" "$BLACKOUT" mrt events --count "$2"
	cpu "timeline-$1-sync" env BO_TEST_READ_AHEAD=0 "$BLACKOUT" timeline \
	    -q --target "$target" --format json "$2"
	cpu "timeline-$1" "$BLACKOUT" timeline -q --target "$target" \
	    --format json "$2"
}
cpu floor-gz gzip -dc "$dir/corpus.mrt.gz"
both gz "$dir/corpus.mrt.gz"
cpu floor-bz2 bzip2 -dc "$dir/corpus.mrt.bz2"
both bz2 "$dir/corpus.mrt.bz2"
cpu floor-tgz gzip -dc "$dir/plain.tar.gz"
both tgz "$dir/plain.tar.gz"
cpu floor-tbz2 bzip2 -dc "$dir/plain.tar.bz2"
both tbz2 "$dir/plain.tar.bz2"
cpu floor-tar sh -c "tar -xOf '$dir/corpus.tar' | gzip -dc"
cpu timeline-tar "$BLACKOUT" timeline -q --target "$target" --format json "$dir/corpus.tar"
wall() { awk -v l="$1" '$1 == l { v = $4 } END { print v }' "$RESULTS"; }
echo "ratios to the floor's CPU: wall, CPU (goal: wall <= 1.3x)"
for k in gz bz2 tgz tbz2; do
	for c in events timeline; do
		for v in -sync ""; do
			l="$c-$k$v"
			awk -v l="$l" -v w="$(wall "$l")" -v c="$(get "$l" 2)" \
			    -v f="$(get "floor-$k" 2)" \
			    'BEGIN { printf "  %-20s %.2fx  %.2fx\n", l, w / f, c / f }'
		done
	done
done
awk -v w="$(wall timeline-tar)" -v c="$(get timeline-tar 2)" \
    -v f="$(get floor-tar 2)" \
    'BEGIN { printf "  %-20s %.2fx  %.2fx\n", "timeline-tar", w / f, c / f }'
