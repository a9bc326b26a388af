#!/bin/sh
# Ingest throughput and peak memory as the input grows, on one and two
# threads: copies of a real RIS update file (2015, BGP4MP_ET) in a
# directory, decoded to NDJSON events written to /dev/null.
#   bench/ingest.sh [BLACKOUT] [SHARED_DATA]
# Peak RSS stays flat as the input grows: past --max-memory-events per
# thread, sorted runs go to temporary files and are merged.
set -eu
BLACKOUT=$(cd "$(dirname "${1:-./blackout}")" && pwd)/$(basename "${1:-./blackout}")
DATA=${2:-../shared/data}
SRC=$(cd "$DATA" && pwd)/mrt/ripe-bgpdump/updates.et-header.2015.gz
[ -f "$SRC" ] || { echo "no $SRC"; exit 77; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 77; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mb=$(gzip -dc "$SRC" | wc -c)
printf '%-6s %-3s %12s %10s %10s %10s %10s\n' copies j "events" "MB in" "seconds" "MB/s" "peak RSS MB"
for n in 2 4 8 16; do
	mkdir -p "$TMP/in$n"
	i=0
	while [ $i -lt $n ]; do
		ln -sf "$SRC" "$TMP/in$n/rrc00.updates.$i.gz"
		i=$((i + 1))
	done
	for j in 1 2; do
		/usr/bin/time -f "%e %M" -o "$TMP/t" "$BLACKOUT" ingest -q \
		    --no-default-rules -j $j "$TMP/in$n" -o /dev/null
		read -r secs kb < "$TMP/t"
		ev=$("$BLACKOUT" ingest -q --no-default-rules -j 2 "$TMP/in2" | wc -l)
		ev=$((ev * n / 2))
		awk -v n="$n" -v j="$j" -v ev="$ev" -v mb="$mb" -v s="$secs" -v kb="$kb" \
		    'BEGIN { printf "%-6d %-3d %12d %10.1f %10.2f %10.1f %10.0f\n", n, j, ev, n * mb / 1e6, s, n * mb / 1e6 / s, kb / 1024 }'
	done
done
