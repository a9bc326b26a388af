#!/bin/sh
# The analytic truth of the timeline on realistic data (issue 10), beyond
# the scenarios' expect: blocks (tests/scenario_check holds those, run by
# tests/timeline_scenarios.sh): the same data under other cases, what the
# text and reports show, and the coverage rules: an unreadable input is
# fatal, a target with no data is said so, a target in no input is named
# with the nearest one seen.
. "$top_srcdir/tests/lib.sh"
sc="$top_builddir/tests/scenarios"
[ -f "$sc/egypt-2011-staggered.tar.gz" ] || skip "scenario archives not built"
cd "$TMP"
check="$top_builddir/tests/scenario_check"
[ -x "$check" ] || skip "tests/scenario_check not built"
case_of() {	# case_of NAME OUT: the case: block of tests/scenarios/NAME.yaml
	"$check" --case "$top_srcdir/tests/scenarios/$1.yaml" > "$2" &&
	    [ -s "$2" ] || fail "$1: no case: block"
}

inc() {	# inc CASE ARCHIVE OUT: the incident records of a timeline
	"$BLACKOUT" timeline -q --case "$1" --format ndjson "$2" > "$3.all" ||
	    [ $? -eq 1 ] || fail "$3: timeline failed"
	grep '"type":"incident"' "$3.all" > "$3" || :
}
has() {	# has FILE PATTERN WHAT
	grep -q -- "$2" "$1" || fail "$3 (no $2 in $1)"
}
hasnt() {
	if grep -q -- "$2" "$1"; then fail "$3 ($2 in $1)"; fi
}
n() { wc -l < "$1" | tr -d ' '; }

# --- Egypt, 27 January 2011: staggered, one network staying up ---------
case_of egypt-2011-staggered egypt.yaml
inc egypt.yaml "$sc/egypt-2011-staggered.tar.gz" eg
# the ping to Telecom Egypt stops once, for good: the statistics line at
# the end of its log (dated by the file, to the day) is not a reply
[ "$(grep -o '"kind":"probe.unreachable"' eg | wc -l | tr -d ' ')" -eq 1 ] ||
    fail "Egypt: the ping outage is cut in two"
has eg '41.32.1.1: no reply from any of 1 vantage points, still at the end of the data' \
    "Egypt: the ping outage is ongoing"
# the members in the order they went dark
grep -o '"member":"AS[0-9]*"' eg | tr '\n' ' ' > order
[ "$(cat order)" = '"member":"AS8452" "member":"AS24835" "member":"AS24863" "member":"AS36992" "member":"AS5536" "member":"AS20928" ' ] ||
    fail "member order: $(cat order)"
# the text and the reports show each member's onset
"$BLACKOUT" timeline -q --case egypt.yaml "$sc/egypt-2011-staggered.tar.gz" \
    > eg.txt || [ $? -eq 1 ] || fail "Egypt text"
has eg.txt 'parts     AS8452 ipv4: dark from 2011-01-27 22:12' "text parts"
has eg.txt 'AS20928 ipv4: stayed up (4 prefixes)' "text: Noor stayed up"
"$BLACKOUT" report -q --case egypt.yaml --format md -o eg.md \
    "$sc/egypt-2011-staggered.tar.gz" 2>/dev/null || [ $? -eq 1 ] ||
    fail "Egypt Markdown"
has eg.md 'Members and families | AS8452 ipv4: dark from 2011-01-27 22:12' \
    "Markdown parts"
"$BLACKOUT" report -q --case egypt.yaml --format html -o eg.html \
    "$sc/egypt-2011-staggered.tar.gz" 2>/dev/null || [ $? -eq 1 ] ||
    fail "Egypt HTML"
has eg.html '<dt>Members and families</dt><dd>AS8452 ipv4: dark from 2011-01-27 22:12' \
    "HTML parts"

# singly: each network its own total outage; Noor none
cat > single.yaml <<'YAML'
title: Egypt networks
targets: [AS8452, AS5536, AS20928]
YAML
inc single.yaml "$sc/egypt-2011-staggered.tar.gz" si
[ "$(n si)" -eq 2 ] || fail "singly: $(n si) incidents, want 2"
has si '"targets":\["AS8452"\],"kind":"outage","onset":"2011-01-27T22:12:.*"prefixes_affected":8,"prefixes_total":8' \
    "AS8452 alone: total outage, 8 of 8"
has si '"targets":\["AS5536"\],"kind":"outage","onset":"2011-01-27T22:34:.*"prefixes_affected":4,"prefixes_total":4' \
    "AS5536 alone: total outage at 22:34"
hasnt si 'AS20928' "Noor has no incident"
# both: the group and one of its members; the group's kind and counts
cat > both.yaml <<'YAML'
title: Egypt 2011
targets:
  - {name: Egypt, members: [AS8452, AS24835, AS24863, AS36992, AS5536, AS20928], aliases: [Egypt]}
  - AS8452
YAML
inc both.yaml "$sc/egypt-2011-staggered.tar.gz" bo
[ "$(n bo)" -eq 1 ] || fail "both: $(n bo) incidents, want 1"
has bo '"targets":\["Egypt","AS8452"\],"kind":"partial_outage"' \
    "listing a member beside its group keeps the kind"
has bo '"prefixes_affected":28,"prefixes_total":32' \
    "listing a member beside its group keeps the counts"

# --- separate IPv4 and IPv6 sessions, IPv6 dark later ------------------
# (the parts' times are in the expect: block; their counts here)
case_of dual-stack-split dual.yaml
inc dual.yaml "$sc/dual-stack-split.tar.gz" du
has du '"family":"ipv4","onset":"[^"]*","end":"[^"]*","prefixes_affected":4,"prefixes_total":4' \
    "dual: IPv4 part, 4 of 4"
has du '"family":"ipv6","onset":"[^"]*","end":"[^"]*","prefixes_affected":2,"prefixes_total":2' \
    "dual: IPv6 part, 2 of 2, judged against the IPv6 sessions"

# --- noise: one prefix gone early, three never back -------------------
case_of noise-prefixes noise.yaml
inc noise.yaml "$sc/noise-prefixes.tar.gz" no
has no.all '"kind":"bgp.prefix_gone".*198.18.19.0/24 withdrawn and not restored' \
    "noise: the early withdrawal is said as what it is"
# every collector's count within its total
grep -o '[0-9]* of [0-9]* prefixes' no.all | while read a _ b _; do
	[ "$a" -le "$b" ] || fail "noise: $a of $b"
done

# --- MOAS prefix and a late RIB snapshot: nothing happened -------------
case_of moas-late-rib moas.yaml
# the MOAS prefix belongs to both origins, whichever a RIB record lists
# first: 3 and 2 prefixes visible, none silently left out
"$BLACKOUT" timeline -q --case moas.yaml --format json \
    "$sc/moas-late-rib.tar.gz" > mo.json || [ $? -eq 1 ] || fail "MOAS json"
has mo.json '"name":"AS64500 visible prefixes","target":"AS64500","unit":"prefixes","source_type":"bgp","points":\[\["2021-03-10T00:00:00Z",3,3\]' \
    "MOAS: AS64500 has its 3 prefixes"
has mo.json '"name":"AS64501 visible prefixes","target":"AS64501","unit":"prefixes","source_type":"bgp","points":\[\["2021-03-10T00:00:00Z",2,2\]' \
    "MOAS: AS64501 has its 2 prefixes, the shared one too"

# --- no data -------------------------------------------------------------
# a missing input: fatal, nothing written
"$BLACKOUT" timeline -q --target AS131279 -o t.out "$TMP/nonexistent" 2> err &&
    fail "a missing input passed"
[ $? -eq 2 ] || fail "a missing input: exit not 2"
[ ! -e t.out ] || fail "a missing input left an output file"
has err 'nonexistent: cannot read input' "the missing input is named"
"$BLACKOUT" report -q --target AS131279 -o r.html "$TMP/nonexistent" 2>/dev/null &&
    fail "report: a missing input passed"
[ $? -eq 2 ] || fail "report: a missing input: exit not 2"
[ ! -e r.html ] || fail "report: a missing input left a report"
# an empty input: no_data, exit 1, no conclusion
mkdir empty
"$BLACKOUT" timeline -q --target AS131279 empty > e.txt && fail "empty input: exit 0"
[ $? -eq 1 ] || fail "empty input: exit not 1"
has e.txt 'NO DATA: No conclusion can be drawn for AS131279' "empty: headline"
hasnt e.txt 'none: no target lost' "empty: never 'nothing happened'"
"$BLACKOUT" timeline -q --target AS131279 --format json empty > e.json || :
has e.json '"kind":"no_data","scope":"AS131279"' "empty: no_data gap"
if python3 -c 'import jsonschema' 2>/dev/null; then
	python3 - "$top_srcdir/doc/timeline.schema.json" e.json <<'PY' ||
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
	fail "empty: does not fit the schema"
fi
"$BLACKOUT" report -q --target AS131279 --format md -o e.md empty 2>/dev/null || :
has e.md 'No conclusion can be drawn for AS131279' "empty: report headline"
hasnt e.md 'No incident was found for AS131279' "empty: report says no incident"
# a mistyped target: named, with the nearest one seen
"$BLACKOUT" timeline --target AS6450 --format ndjson "$sc/total-outage.tar.gz" \
    > m.ndjson 2> m.err && fail "mistyped target: exit 0"
has m.err 'target AS6450 is not in any input: did you mean AS64500?' \
    "mistyped target named"
has m.ndjson '"kind":"no_data","scope":"AS6450","start":"2021-03-10T00:00:' \
    "mistyped target: no_data over the data"
# part of the window without data: the window runs a day past the data
cat > late.yaml <<'YAML'
title: late
targets: [AS64500]
window: {from: "2021-03-10T00:00:00Z", to: "2021-03-12T00:00:00Z"}
YAML
"$BLACKOUT" timeline -q --case late.yaml --format ndjson \
    "$sc/total-outage.tar.gz" > l.ndjson || :
has l.ndjson '"kind":"no_data","scope":"AS64500","start":"2021-03-1[01]T[0-9:]*Z","end":"2021-03-12T00:00:00Z"' \
    "no data after the inputs end"
# --- evidence that adds up ----------------------------------------------
# every signal cites an event, and a collector's drop an event of that
# collector (its members are under its name in these archives)
if command -v python3 > /dev/null 2>&1; then
	for x in eg:egypt-2011-staggered no:noise-prefixes du:dual-stack-split \
	    fe:feeds-minutes; do
		c=${x%%:*} a=${x#*:}
		y=$c.case
		case_of "$a" "$y"
		"$BLACKOUT" timeline -q --case $y --format json "$sc/$a.tar.gz" \
		    > "$c.json" || [ $? -eq 1 ] || fail "$a json"
		if python3 -c 'import jsonschema' 2>/dev/null; then
			python3 - "$top_srcdir/doc/timeline.schema.json" \
			    "$c.json" <<'PY' || fail "$a: does not fit the schema"
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
		fi
		python3 - "$c.json" <<'PY' || fail "$a: a signal without its evidence"
import json, sys
d = json.load(open(sys.argv[1]))
sigs = list(d["signals"])
for i in d["incidents"]:
    sigs += i["signals"]
bad = 0
for s in sigs:
    if not s["evidence"]:
        print("no evidence:", s["kind"], s["summary"]); bad = 1
    if s["kind"] == "bgp.visibility_drop":
        for e in s["evidence"]:
            if not e["member"].startswith(s["vantage"] + "/"):
                print("foreign evidence:", s["vantage"], e["member"]); bad = 1
sys.exit(bad)
PY
	done
fi
exit 0
