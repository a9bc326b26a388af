#!/bin/sh
# Hijacks and leaks on the generated scenarios (tests/scenarios/
# hijack-youtube.yaml, leak-more-specifics.yaml, moas-normal.yaml); what
# each must conclude is written in its scenario file and the numbers here
# come from there.  Peers hear of a change 1-36 s after the scenario time,
# so onsets and ends are checked to the minute.
. "$top_srcdir/tests/lib.sh"
sc="$top_builddir/tests/scenarios"
[ -f "$sc/hijack-youtube.tar.gz" ] || skip "scenario archives not built"
cd "$TMP"

cat > case.yaml <<'YAML'
title: routing
targets:
  - {name: YouTube, members: [AS36561], aliases: [YouTube]}
  - {name: OCN, members: [AS4713], aliases: [OCN, NTT OCN]}
  - {name: anycast, members: [AS64510], aliases: [anycast]}
YAML

run() {	# run NAME [ARGS...]: NAME.ndjson, one record per line
	n=$1
	shift
	"$BLACKOUT" timeline -q --case case.yaml --format ndjson "$@" \
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

# The YouTube hijack: one incident, AS17557 via AS3491 from 18:47 to 21:01,
# 208.65.153.0/24 at 5 of 6 peers, a more-specific at a majority; YouTube's
# counter-measures at 20:07 and 20:18 are its signals; no outage.
run yt "$sc/hijack-youtube.tar.gz"
want_n yt.inc 1 "hijack-youtube incidents"
has yt.inc '"targets":\["YouTube"\],"kind":"hijack","onset":"2008-02-24T18:47:' \
    "hijack onset 18:47"
has yt.inc '"end":"2008-02-24T21:01:' "hijack end 21:01"
has yt.inc '"routing":{"offender":17557,"leaker":null,"upstream":3491,"prefixes":\["208.65.153.0/24"\],"origins":\[36561\],"peers":5,"peers_total":6,"unreachable":true,' \
    "offender, upstream, prefix, 5 of 6 peers, unreachable"
has yt.inc 'traffic for 208.65.153.0/24 drawn to AS17557 at 5 of 6 peers' \
    "effect"
has yt.inc '208.65.152.0/22 stayed visible (routed to its origin by 6 peers)' \
    "the covering route stays visible"
[ "$(grep -o '"kind":"bgp.hijack_countermeasure"' yt.inc | wc -l)" -eq 2 ] ||
    fail "two counter-measure signals"
has yt.inc '"time":"2008-02-24T20:07:[0-3][0-9][0-9.]*Z","precision":"[a-z]*","kind":"bgp.hijack_countermeasure".*208.65.153.0/24 itself' \
    "counter-measure: YouTube's own /24 at 20:07"
has yt.inc '"time":"2008-02-24T20:18:[0-3][0-9][0-9.]*Z","precision":"[a-z]*","kind":"bgp.hijack_countermeasure","source_type":"bgp","vantage":"all collectors","summary":"AS36561 announced 208.65.153.0/25, 208.65.153.128/25, inside' \
    "counter-measure: the two /25s at 20:18"
has yt.inc '"status":"confirmed"' "seen by both collectors"
hasnt yt.inc '"kind":"outage"\|"kind":"partial_outage"' "no outage"
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

# The 2017 leak: AS15169 between AS701 and 40 more-specifics of AS4713,
# 03:22 to 03:30, taken by 4 of 6 peers; their withdrawal is no outage
run leak "$sc/leak-more-specifics.tar.gz"
want_n leak.inc 1 "leak incidents (no outage, no instability of its own)"
has leak.inc '"targets":\["OCN"\],"kind":"leak","onset":"2017-08-25T03:22:' \
    "leak onset 03:22"
has leak.inc '"end":"2017-08-25T03:30:' "leak end 03:30"
has leak.inc '"prefixes_affected":40,' "40 leaked prefixes"
has leak.inc '"routing":{"offender":null,"leaker":15169,"upstream":701,"prefixes":\["153.128.0.0/24",' \
    "leaker AS15169, upstream AS701"
has leak.inc '"origins":\[4713\],"peers":4,"peers_total":6,"unreachable":false' \
    "origin AS4713, taken by 4 of 6 peers"
has leak.inc '40 of them more-specifics of the target' "more-specifics counted"
# update files only (no RIB, no session seen coming up): what the peers
# routed before is unknown, so the leak is not judged, and a coverage gap
# says so instead of a silence
mkdir u && (cd u && tar xzf "$sc/leak-more-specifics.tar.gz")
find u -name 'bview.*' -o -name 'rib.*' | xargs rm -f
run upd --param assume_full_feed=1 u
hasnt upd.inc '"kind":"leak"\|"kind":"hijack"' "update-only: no leak judged"
has upd.ndjson '"scope":"rrc00",.*"reason":"no RIB snapshot and no session seen coming up: what its peers routed before is unknown, so hijacks and leaks are not judged there"' \
    "update-only: the gap says hijacks and leaks are not judged"

# Normal MOAS: two origins in the baseline, one back after a withdrawal at
# 12:30: nothing.  The control holds what a check of origins alone would
# flag: AS64511's announcements of the prefix after the baseline.
run moas "$sc/moas-normal.tar.gz"
want_n moas.inc 0 "moas-normal incidents"
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
"$BLACKOUT" timeline -q --case case.yaml "$sc/hijack-youtube.tar.gz" > t.txt ||
    [ $? -eq 1 ] || fail "text"
has t.txt '^\[CONFIRMED\] INC-20080224T1847Z-YouTube  hijack' "text header"
has t.txt '^  offender  AS17557 via AS3491' "text offender"
has t.txt '^  peers     5 of 6 counted peers at the peak' "text peers"
grep -v '^ *[^ ]*$' t.txt | awk 'length($0) > 80 { exit 1 }' ||
    fail "text wider than 80 columns"
"$BLACKOUT" report -q --case case.yaml -o r.md "$sc/leak-more-specifics.tar.gz" ||
    [ $? -eq 1 ] || fail "markdown report"
has r.md '^### #1 CONFIRMED leak' "markdown incident"
has r.md '| Leaker | AS15169, upstream AS701 |' "markdown leaker"
"$BLACKOUT" report -q --case case.yaml -o r.html "$sc/hijack-youtube.tar.gz" ||
    [ $? -eq 1 ] || fail "html report"
has r.html '<dt>Offender</dt><dd>AS17557 via AS3491' "html offender"
has r.html '>#1 hijack</text>' "the chart marks the hijack"

# the documents fit doc/timeline.schema.json (when jsonschema is there)
if python3 -c 'import jsonschema' 2>/dev/null; then
	for n in hijack-youtube leak-more-specifics; do
		"$BLACKOUT" timeline -q --case case.yaml --format json \
		    "$sc/$n.tar.gz" > "$n.json" || [ $? -eq 1 ] || fail "$n"
		python3 - "$top_srcdir/doc/timeline.schema.json" "$n.json" <<'PY' ||
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
		fail "$n.json does not fit the schema"
	done
fi
exit 0
