#!/bin/sh
# Hijacks and leaks on the generated scenarios (tests/scenarios/
# hijack-youtube.yaml, leak-more-specifics.yaml, moas-normal.yaml): what
# each must conclude is its scenario file's expect: block, held by
# tests/scenario_check (tests/timeline_scenarios.sh); here, what
# the block does not say (the effect, the counter-measures' routes, update
# files only, a prefix as the target) and what the text and reports show.
. "$top_srcdir/tests/lib.sh"
sc="$top_builddir/tests/scenarios"
[ -f "$sc/hijack-youtube.tar.gz" ] || skip "scenario archives not built"
cd "$TMP"

check="$top_builddir/tests/scenario_check"
[ -x "$check" ] || skip "tests/scenario_check not built"
# each scenario's own case (its case: block)
for s in hijack-youtube leak-more-specifics moas-normal; do
	"$check" --case "$top_srcdir/tests/scenarios/$s.yaml" > "$s.case" &&
	    [ -s "$s.case" ] || fail "$s: no case: block"
done

run() {	# run NAME SCENARIO [ARGS...]: NAME.ndjson, one record per line
	n=$1
	c=$2.case
	shift 2
	"$BLACKOUT" timeline -q --case "$c" --format ndjson "$@" \
	    > "$n.ndjson" || [ $? -eq 1 ] || fail "$n: timeline failed"
	grep '"type":"incident"' "$n.ndjson" > "$n.inc" || :
	grep '"type":"claim"' "$n.ndjson" > "$n.claims" || :
}
count() { wc -l < "$1" | tr -d ' '; }
want_n() {	# want_n FILE N WHAT
	[ "$(count "$1")" -eq "$2" ] || fail "$3: $(count "$1") (want $2)"
}
has() {	# has FILE PATTERN WHAT
	grep -q -- "$2" "$1" || fail "$3 (no $2 in $1)"
}
hasnt() {	# hasnt FILE PATTERN WHAT
	if grep -q -- "$2" "$1"; then fail "$3 ($2 in $1)"; fi
}

# The YouTube hijack (offender, upstream, prefix, peers, times and
# counter-measures in its expect: block): YouTube's own origin, the
# effect, the covering route, what each counter-measure announced.
run yt hijack-youtube "$sc/hijack-youtube.tar.gz"
has yt.inc '"leaker":null,' "a hijack has no leaker"
has yt.inc '"origins":\[36561\],' "the target's origin"
has yt.inc 'traffic for 208.65.153.0/24 drawn to AS17557 at 5 of 6 peers' \
    "effect"
has yt.inc '208.65.152.0/22 stayed visible (routed to its origin by 6 peers)' \
    "the covering route stays visible"
has yt.inc '"kind":"bgp.hijack_countermeasure".*208.65.153.0/24 itself' \
    "counter-measure: YouTube's own /24"
has yt.inc '"kind":"bgp.hijack_countermeasure","source_type":"bgp","vantage":"all collectors","summary":"AS36561 announced 208.65.153.0/25, 208.65.153.128/25, inside' \
    "counter-measure: the two /25s"
has yt.inc '"status":"confirmed"' "seen by both collectors"
# "Pakistan blocks YouTube" is a report about the hijack's target
if [ -s yt.claims ]; then
	has yt.claims '"relation":"during","lag_s":[0-9]*,"target_match":true,"incident":"INC-20080224T1847Z-YouTube"' \
	    "the news report is placed against the hijack"
else
	echo "note: no news report decoded; placement not checked"
fi

# the same hijack for the prefix target, its origin learned from the data
"$BLACKOUT" timeline -q --target 208.65.152.0/22 --format ndjson \
    "$sc/hijack-youtube.tar.gz" > p.ndjson || [ $? -eq 1 ] || fail "prefix"
grep '"type":"incident"' p.ndjson > p.inc || :
want_n p.inc 1 "prefix-target incidents"
has p.inc '"kind":"hijack","onset":"2008-02-24T18:47:.*"offender":17557,"leaker":null,"upstream":3491,.*"origins":\[36561\],"peers":5,"peers_total":6,"unreachable":true' \
    "the prefix target sees the same hijack"

# The 2017 leak (leaker, upstream, 40 prefixes, origin, peers and times
# in its expect: block): no offender, nothing made unreachable, the
# more-specifics counted
run leak leak-more-specifics "$sc/leak-more-specifics.tar.gz"
has leak.inc '"offender":null,' "a leak has no offender"
has leak.inc '"unreachable":false,' "a leak makes nothing unreachable"
has leak.inc '40 of them more-specifics of the target' "more-specifics counted"
# update files only (no RIB, no session seen coming up): what the peers
# routed before is unknown, so the leak is not judged, and a coverage gap
# says so instead of a silence
mkdir u && (cd u && tar xzf "$sc/leak-more-specifics.tar.gz")
find u -name 'bview.*' -o -name 'rib.*' | xargs rm -f
run upd leak-more-specifics --param assume_full_feed=1 u
hasnt upd.inc '"kind":"leak"\|"kind":"hijack"' "update-only: no leak judged"
has upd.ndjson '"scope":"rrc00",.*"reason":"no RIB snapshot and no session seen coming up: what its peers routed before is unknown, so hijacks and leaks are not judged there"' \
    "update-only: the gap says hijacks and leaks are not judged"

# Normal MOAS: two origins in the baseline, one back after a withdrawal at
# 12:30: nothing, for the prefix as the target too (for the case's target
# in its expect: block).  The control holds what a check of origins alone
# would flag: AS64511's announcements of the prefix after the baseline.
"$BLACKOUT" timeline -q --target 198.18.30.0/24 --format ndjson \
    "$sc/moas-normal.tar.gz" > m2.ndjson || [ $? -eq 1 ] || fail "moas prefix"
if grep -q '"type":"incident"' m2.ndjson; then fail "moas: prefix target"; fi
"$BLACKOUT" mrt dump -m "$sc/moas-normal.tar.gz" > moas.txt 2>/dev/null ||
    fail "mrt dump"
awk -F'|' '$3 == "A" && $2 >= 1615379400 && $6 == "198.18.30.0/24" &&
    $7 ~ / 64511$/' moas.txt | grep -q . ||
    fail "the control lacks AS64511's announcements after 12:30"

# Transit changes while a target is partly down, and on update files
# only: multihomed-net loses AS174 and AS1299 from its paths at 14:00 (a
# partial outage; AS6939 takes over) and gets them back at 16:30
cat > mh.yaml <<'YAML'
targets:
  - {name: multihomed-net, members: [AS64501]}
YAML
"$BLACKOUT" timeline -q --case mh.yaml --format ndjson \
    "$sc/multihomed-partial.tar.gz" > mh.ndjson || [ $? -eq 1 ] || fail "mh"
grep '"type":"incident"' mh.ndjson > mh.inc || :
has mh.inc '"kind":"partial_outage","onset":"2021-03-10T14:00:.*"time":"2021-03-10T14:00:[0-9.]*Z","precision":"[a-z]*","kind":"bgp.transit_disappeared","source_type":"bgp","vantage":"all collectors","summary":"AS174 disappeared from the paths to multihomed-net"' \
    "a transit leaving while the target is partly down"
has mh.inc '"kind":"bgp.transit_appeared","source_type":"bgp","vantage":"all collectors","summary":"AS6939 appeared in the paths to multihomed-net"' \
    "AS6939 taking over"
mkdir mhu && (cd mhu && tar xzf "$sc/multihomed-partial.tar.gz")
find mhu -name 'bview.*' -o -name 'rib.*' | xargs rm -f
"$BLACKOUT" timeline -q --case mh.yaml --param assume_full_feed=1 \
    --format ndjson mhu > mhu.ndjson || [ $? -eq 1 ] || fail "mhu"
has mhu.ndjson '"time":"2021-03-10T16:30:[0-9.]*Z","precision":"[a-z]*","kind":"bgp.transit_disappeared","source_type":"bgp","vantage":"all collectors","summary":"AS6939 disappeared from the paths to multihomed-net"' \
    "transit changes on update files only"

# text, Markdown and HTML show them as incidents of their own; the chart
# marks them
"$BLACKOUT" timeline -q --case hijack-youtube.case "$sc/hijack-youtube.tar.gz" \
    > t.txt ||
    [ $? -eq 1 ] || fail "text"
has t.txt '^\[CONFIRMED\] INC-20080224T1847Z-YouTube  hijack' "text header"
has t.txt '^  offender  AS17557 via AS3491' "text offender"
has t.txt '^  peers     5 of 6 counted peers at the peak' "text peers"
grep -v '^ *[^ ]*$' t.txt | awk 'length($0) > 80 { exit 1 }' ||
    fail "text wider than 80 columns"
"$BLACKOUT" report -q --case leak-more-specifics.case -o r.md \
    "$sc/leak-more-specifics.tar.gz" ||
    [ $? -eq 1 ] || fail "markdown report"
has r.md '^### #1 CONFIRMED leak' "markdown incident"
has r.md '| Leaker | AS15169, upstream AS701 |' "markdown leaker"
"$BLACKOUT" report -q --case hijack-youtube.case -o r.html \
    "$sc/hijack-youtube.tar.gz" ||
    [ $? -eq 1 ] || fail "html report"
has r.html '<dt>Offender</dt><dd>AS17557 via AS3491' "html offender"
has r.html '>#1 hijack</text>' "the chart marks the hijack"

# the documents fit doc/timeline.schema.json (when jsonschema is there)
if python3 -c 'import jsonschema' 2>/dev/null; then
	for n in hijack-youtube leak-more-specifics; do
		"$BLACKOUT" timeline -q --case "$n.case" --format json \
		    "$sc/$n.tar.gz" > "$n.json" || [ $? -eq 1 ] || fail "$n"
		python3 - "$top_srcdir/doc/timeline.schema.json" "$n.json" <<'PY' ||
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
		fail "$n.json does not fit the schema"
	done
fi
exit 0
