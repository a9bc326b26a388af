#!/bin/sh
# Every tweet in the real Twitter API files (../shared/data/tweets: v1.1
# objects, timelines, search results, streams; v2 twarc JSON Lines with
# an error line and a truncated last line) becomes exactly one event, as
# jq counts them; the truncated line is reported with its place.
. "$top_srcdir/tests/lib.sh"
need_data tweets
command -v jq >/dev/null || skip "jq not installed"
tw=$SHARED_DATA/tweets
R="--no-default-rules -R $top_srcdir/rules"

want=0
for f in "$tw"/python-twitter/*.json; do
	n=$(jq -c '(.statuses? // .) | if type == "array" then .[] else . end
	    | select(type == "object" and .created_at != null and .user != null)' \
	    "$f" | wc -l)
	want=$((want + n))
done
"$BLACKOUT" ingest -q $R "$tw/python-twitter" >"$TMP/v1" || fail "ingest v1.1"
got=$(grep -c '"type":"social"' "$TMP/v1")
[ "$want" -gt 200 ] || fail "jq found only $want v1.1 tweets"
[ "$got" -eq "$want" ] || fail "v1.1: $got events, jq counts $want tweets"

want=0
for f in "$tw"/twarc-csv/*.jsonl; do
	# jq stops at the truncated line; what it read before counts
	n=$( (jq -c '(.data // empty) | if type == "array" then .[] else . end
	    | select(.created_at != null and .text != null)' "$f" 2>/dev/null ||
	    :) | wc -l)
	want=$((want + n))
done
"$BLACKOUT" ingest $R "$tw/twarc-csv" >"$TMP/v2" 2>"$TMP/err" || :
got=$(grep -c '"type":"social"' "$TMP/v2")
[ "$want" -gt 100 ] || fail "jq found only $want v2 tweets"
[ "$got" -eq "$want" ] || fail "v2: $got events, jq counts $want tweets"
grep -q 'streaming_output_with_error.jsonl:8: truncated JSON document' "$TMP/err" ||
	{ cat "$TMP/err"; fail "the truncated line is not reported"; }
echo "tweets: $got v2 and all v1.1 read, one event each"
