#!/bin/sh
# Normalizing a ping-log corpus with every shipped rule loaded, against
# pcre2grep scanning the same bytes for the same patterns (those of the
# rule that reads the corpus, iputils-ping).  Prints MB/s for both and
# the ratio.
#
#   bench/rules_bench.sh [MB]        (default 200; BLACKOUT, SRCDIR from env)
#
# The corpus is built from the real iputils ping -D logs in
# ../shared/data/probe-text/jc (replies, -O timeouts, statistics),
# repeated (doubling, so MB is a lower bound), so the line mix is real
# output's.
set -eu
LC_ALL=C
export LC_ALL
srcdir=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
blackout=${BLACKOUT:-$srcdir/blackout}
data=${SHARED_DATA:-$srcdir/../shared/data}
mb=${1:-200}
command -v pcre2grep >/dev/null || { echo "pcre2grep not installed (pcre2-utils)"; exit 77; }
[ -d "$data/probe-text/jc" ] || { echo "no shared data"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bo-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cat "$data"/probe-text/jc/*/ping*-D*.out | grep -v '^PATTERN' >"$tmp/unit"
# doubling copies: seconds, where rewriting each line would take minutes
{ echo "PING 10.1.1.1 (10.1.1.1) 56(84) bytes of data."; cat "$tmp/unit"; } \
    >"$tmp/ping-corpus.log"
while [ "$(wc -c <"$tmp/ping-corpus.log")" -lt $((mb * 1048576)) ]; do
	cat "$tmp/ping-corpus.log" "$tmp/ping-corpus.log" >"$tmp/double"
	mv "$tmp/double" "$tmp/ping-corpus.log"
done
bytes=$(wc -c <"$tmp/ping-corpus.log")
lines=$(wc -l <"$tmp/ping-corpus.log")

# the rule's patterns, as pcre2grep -e arguments (YAML '' is one quote)
sed -n "s/^ *regex: '\(.*\)'$/\1/p" "$srcdir/rules/iputils-ping.yaml" |
    sed "s/''/'/g" >"$tmp/patterns"
set --
while IFS= read -r p; do set -- "$@" -e "$p"; done <"$tmp/patterns"

# CPU seconds (user + sys) as well as wall time: on a shared machine
# the wall clock measures the neighbours too.
timed() {
	/usr/bin/time -f '%e %U %S' -o "$tmp/t" "$@" >/dev/null
	awk '{ printf "%s %s", $1, $2 + $3 }' "$tmp/t"
}
cat "$tmp/ping-corpus.log" >/dev/null	# warm the page cache

g=$(timed pcre2grep -c "$@" "$tmp/ping-corpus.log")
gc=$(pcre2grep -c "$@" "$tmp/ping-corpus.log")
# normalization alone: every event is built, then dropped by a time
# window in the future, so nothing is stored, sorted or written
n=$(timed "$blackout" ingest -q -j 1 -R "$srcdir/rules" --no-default-rules \
    --from 2100-01-01 "$tmp/ping-corpus.log" -o /dev/null)
f=$(timed "$blackout" ingest -q -j 1 -R "$srcdir/rules" --no-default-rules \
    "$tmp/ping-corpus.log" -o "$tmp/events.ndjson")
events=$(wc -l <"$tmp/events.ndjson")
echo "$g $n $f" | awk -v b="$bytes" -v l="$lines" -v gc="$gc" -v ev="$events" \
    -v np="$#" '{
	mb = b / 1048576
	printf "corpus: %.1f MB, %d lines (real iputils ping -D output)\n", mb, l
	printf "%-44s %6.2f s wall %6.1f MB/s | %6.2f s CPU %6.1f MB/s\n", \
	    "pcre2grep -c (" np / 2 " patterns, JIT):", $1, mb / $1, $2, mb / $2
	printf "%-44s %6.2f s wall %6.1f MB/s | %6.2f s CPU %6.1f MB/s\n", \
	    "blackout, normalize only (events built):", $3, mb / $3, $4, mb / $4
	printf "%-44s %6.2f s wall %6.1f MB/s | %6.2f s CPU %6.1f MB/s\n", \
	    "blackout ingest, full (sorted NDJSON):", $5, mb / $5, $6, mb / $6
	printf "pcre2grep matched %d lines; blackout made %d events\n", gc, ev
	printf "ratio to pcre2grep (CPU): normalize %.2f, full ingest %.2f\n", \
	    $2 / $4, $2 / $6
}'
