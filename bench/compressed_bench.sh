#!/bin/sh
# Compressed input against the decompression floor, in one run: the real
# update corpus of bench/timeline_bench.sh (MB megabytes, default 40)
# gzip- and bzip2-compressed as one file each, and as one tarball of
# gzip members (the shape of a downloaded collection).  The floor is
# `gzip -dc` / `bzip2 -dc` of the same bytes.  Goal of issue 13: timeline
# within 1.3x of the floor using both cores, so the ratio printed is
# timeline WALL time over floor CPU time (meaningful on an idle machine
# only; the CPU ratio is printed beside it).
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
mkdir -p "$dir/tar"
i=0
while [ $i -lt 8 ]; do
	gzip -c "$dir/one.mrt" > "$dir/tar/updates.2015010$i.0000.gz"
	i=$((i + 1))
done
tar -cf "$dir/corpus.tar" -C "$dir" tar
echo "corpus: $(wc -c < "$dir/corpus.mrt") bytes; gz $(wc -c < "$dir/corpus.mrt.gz"), bz2 $(wc -c < "$dir/corpus.mrt.bz2"), tar of 8 gz members $(wc -c < "$dir/corpus.tar")"
cpu floor-gz gzip -dc "$dir/corpus.mrt.gz"
cpu events-gz "$BLACKOUT" mrt events --count "$dir/corpus.mrt.gz"
cpu timeline-gz "$BLACKOUT" timeline -q --target "$target" --format json "$dir/corpus.mrt.gz"
cpu floor-bz2 bzip2 -dc "$dir/corpus.mrt.bz2"
cpu events-bz2 "$BLACKOUT" mrt events --count "$dir/corpus.mrt.bz2"
cpu timeline-bz2 "$BLACKOUT" timeline -q --target "$target" --format json "$dir/corpus.mrt.bz2"
cpu floor-tar sh -c "tar -xOf '$dir/corpus.tar' | gzip -dc"
cpu timeline-tar "$BLACKOUT" timeline -q --target "$target" --format json "$dir/corpus.tar"
wall() { awk -v l="$1" '$1 == l { v = $4 } END { print v }' "$RESULTS"; }
echo "ratios: timeline wall / floor CPU (goal <= 1.3x), timeline CPU / floor CPU:"
for k in gz bz2 tar; do
	awk -v k="$k" -v w="$(wall "timeline-$k")" -v c="$(get "timeline-$k" 2)" \
	    -v f="$(get "floor-$k" 2)" 'BEGIN { printf "  %-4s %.1fx  %.1fx\n", k, w / f, c / f }'
done
