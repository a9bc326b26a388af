#!/bin/sh
# What one shard costs per GB of compressed MRT, and what the reduce costs:
# blackout map over the real MRT files of the shared data (1 shard of 1,
# then 3 shards), CPU seconds, peak RSS and run-file bytes, then the reduce
# over the 3 runs; also a map with a decoding filter (--origin-as 3333).
#   bench/shard.sh [BLACKOUT] [SHARED_DATA]
set -eu
BLACKOUT=$(cd "$(dirname "${1:-./blackout}")" && pwd)/$(basename "${1:-./blackout}")
DATA=$(cd "${2:-../shared/data}" && pwd)/mrt
[ -d "$DATA" ] || { echo "no $DATA"; exit 77; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 77; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
in=$(du -sb "$DATA" | cut -f1)
echo "input: $in bytes (compressed MRT and a few text files) in $DATA"
printf '%-22s %9s %11s %14s %12s\n' what "CPU s" "peak RSS MB" "run file B" "run B / in B"
m() {	# m WHAT RUN BLACKOUT-ARGS...: one measured command
	what=$1; run=$2; shift 2
	/usr/bin/time -f "%U %S %M" -o "$TMP/t" "$BLACKOUT" "$@" -q -j 1 ||
	    [ $? -eq 1 ]
	sz=0
	[ -z "$run" ] || sz=$(wc -c < "$run")
	# the last line: a failing status adds one before it
	tail -1 "$TMP/t" | awk -v w="$what" -v sz="$sz" -v inb="$in" \
	    '{ printf "%-22s %9.2f %11d %14d %12.1f\n", w, $1 + $2, $3 / 1024,
	    sz, sz / inb }'
}
m "map 1/1" "$TMP/all.run" map --target AS3333 --shard 1/1 -o "$TMP/all.run" "$DATA"
rm -f "$TMP/all.run"
for k in 1 2 3; do
	m "map $k/3" "$TMP/s$k.run" map --target AS3333 --shard "$k/3" \
	    -o "$TMP/s$k.run" "$DATA"
done
m "reduce of 3 (timeline)" "" timeline --target AS3333 -o /dev/null \
    --runs "$TMP"/s1.run "$TMP"/s2.run "$TMP"/s3.run
m "single run (timeline)" "" timeline --target AS3333 -o /dev/null "$DATA"
rm -f "$TMP"/s*.run
m "map 1/1 --origin-as" "$TMP/f.run" map --origin-as 3333 --shard 1/1 \
    -o "$TMP/f.run" "$DATA"
