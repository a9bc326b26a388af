#!/bin/sh
# The analytic truth of the timeline on realistic data (issue 10): each
# scenario's expect: block (tests/scenarios/NAME.yaml) is checked here to
# the minute (peers hear of a change 1-36 s after the scenario time), and
# the coverage rules: an unreadable input is fatal, a target with no data
# is said so, a target in no input is named with the nearest one seen.
. "$top_srcdir/tests/lib.sh"
sc="$top_builddir/tests/scenarios"
[ -f "$sc/egypt-2011-staggered.tar.gz" ] || skip "scenario archives not built"
cd "$TMP"

inc() {	# inc CASE ARCHIVE OUT: the incident records of a timeline
	"$BLACKOUT" timeline -q --case "$1" --format ndjson "$2" > "$3.all" ||
	    [ $? -eq 1 ] || fail "$3: timeline failed"
	grep '"type":"incident"' "$3.all" > "$3" || :
	grep '"type":"claim"' "$3.all" > "$3.claims" || :
}
has() {	# has FILE PATTERN WHAT
	grep -q -- "$2" "$1" || fail "$3 (no $2 in $1)"
}
hasnt() {
	if grep -q -- "$2" "$1"; then fail "$3 ($2 in $1)"; fi
}
n() { wc -l < "$1" | tr -d ' '; }

# --- Egypt, 27 January 2011: staggered, one network staying up ---------
cat > egypt.yaml <<'YAML'
title: Egypt 2011
targets:
  - {name: Egypt, members: [AS8452, AS24835, AS24863, AS36992, AS5536, AS20928], aliases: [Egypt]}
YAML
inc egypt.yaml "$sc/egypt-2011-staggered.tar.gz" eg
[ "$(n eg)" -eq 1 ] || fail "Egypt: $(n eg) incidents, want 1"
has eg '"kind":"partial_outage","onset":"2011-01-27T22:12:' "Egypt partial, 22:12"
has eg '"end":null' "Egypt ongoing at the end of the data"
has eg '"prefixes_affected":28,"prefixes_total":32,"prefixes_not_restored":0' \
    "Egypt 28 of 32 at the deepest point"
for m in AS8452:22:12 AS24835:22:13 AS24863:22:17 AS36992:22:25 AS5536:22:34; do
	as=${m%%:*} at=${m#*:}
	has eg "\"member\":\"$as\",\"family\":\"ipv4\",\"onset\":\"2011-01-27T$at:" \
	    "Egypt member $as at $at"
done
has eg '"member":"AS20928","family":"ipv4","onset":null,"end":null,"prefixes_affected":0,"prefixes_total":4' \
    "Noor stayed up"
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
# reports about Egypt, read from what they say
has eg.claims '"action":"goes dark","target":"#Egypt".*"relation":"during".*"target_match":true' \
    "the 'goes dark' tweet is a report about Egypt"
has eg.claims '"target":"Egypt","text":"Egypt has withdrawn virtually all of its routes".*"relation":"during"' \
    "the 'withdrawn its routes' headline is a report about Egypt"
has eg.claims '"precision":"min"' "a feed date without seconds is known to the minute"
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
cat > dual.yaml <<'YAML'
title: dual
targets: [AS64510]
YAML
inc dual.yaml "$sc/dual-stack-split.tar.gz" du
[ "$(n du)" -eq 1 ] || fail "dual: $(n du) incidents, want 1"
has du '"kind":"outage","onset":"2021-03-10T10:00:' "dual: onset 10:00"
has du '"end":"2021-03-10T12:30:' "dual: end 12:30, when IPv6 is back"
has du '"prefixes_affected":6,"prefixes_total":6' "dual: 6 of 6"
has du '"family":"ipv4","onset":"2021-03-10T10:00:[0-9.]*Z","end":"2021-03-10T12:00:[0-9.]*Z","prefixes_affected":4,"prefixes_total":4' \
    "dual: IPv4 part"
has du '"family":"ipv6","onset":"2021-03-10T10:40:[0-9.]*Z","end":"2021-03-10T12:30:[0-9.]*Z","prefixes_affected":2,"prefixes_total":2' \
    "dual: IPv6 part, judged against the IPv6 sessions"

# --- noise: one prefix gone early, three never back -------------------
cat > noise.yaml <<'YAML'
title: noise
targets: [AS64500]
YAML
inc noise.yaml "$sc/noise-prefixes.tar.gz" no
[ "$(n no)" -eq 1 ] || fail "noise: $(n no) incidents, want 1"
has no '"kind":"outage","onset":"2021-03-10T12:00:' "noise: onset 12:00, not 03:10"
has no '"end":"2021-03-10T15:0[01]:' "noise: end 15:00, not ongoing"
has no '"prefixes_affected":19,"prefixes_total":19,"prefixes_not_restored":3' \
    "noise: 19 of 19 at the deepest point, 3 not restored"
has no.all '"kind":"bgp.prefix_gone".*198.18.19.0/24 withdrawn and not restored' \
    "noise: the early withdrawal is said as what it is"
# every collector's count within its total
grep -o '[0-9]* of [0-9]* prefixes' no.all | while read a _ b _; do
	[ "$a" -le "$b" ] || fail "noise: $a of $b"
done

# --- MOAS prefix and a late RIB snapshot: nothing happened -------------
cat > moas.yaml <<'YAML'
title: moas
targets: [AS64500, AS64501]
YAML
inc moas.yaml "$sc/moas-late-rib.tar.gz" mo
[ "$(n mo)" -eq 0 ] || fail "MOAS / late RIB: $(n mo) incidents, want 0"
hasnt mo.all '"kind":"no_data"' "MOAS: both origins have data"
# the MOAS prefix belongs to both origins, whichever a RIB record lists
# first: 3 and 2 prefixes visible, none silently left out
"$BLACKOUT" timeline -q --case moas.yaml --format json \
    "$sc/moas-late-rib.tar.gz" > mo.json || [ $? -eq 1 ] || fail "MOAS json"
has mo.json '"name":"AS64500 visible prefixes","target":"AS64500","unit":"prefixes","source_type":"bgp","points":\[\["2021-03-10T00:00:00Z",3,3\]' \
    "MOAS: AS64500 has its 3 prefixes"
has mo.json '"name":"AS64501 visible prefixes","target":"AS64501","unit":"prefixes","source_type":"bgp","points":\[\["2021-03-10T00:00:00Z",2,2\]' \
    "MOAS: AS64501 has its 2 prefixes, the shared one too"

# --- feeds dated to the minute in several zones ------------------------
cat > ex.yaml <<'YAML'
title: feeds
targets:
  - {name: example-net, members: [AS64500], aliases: [example-net]}
YAML
inc ex.yaml "$sc/feeds-minutes.tar.gz" fe
has fe '"kind":"outage","onset":"2021-03-10T09:50:' "feeds: onset 09:50"
has fe.claims '"time":"2021-03-10T09:50:00Z","precision":"min".*"source":"India Net Desk".*"relation":"during"' \
    "+05:30 minutes at 09:50: during (the order is not asserted)"
has fe.claims '"time":"2021-03-10T09:49:00Z","precision":"min".*"source":"US Tech Wire".*"relation":"before_onset"' \
    "-0500 minutes at 09:49: before onset"
has fe.claims '"time":"2021-03-10T09:50:00Z","precision":"s".*"source":"Asia Daily Tech".*"relation":"before_onset"' \
    "+0900 seconds at 09:50:00: before onset"
has fe.claims '"time":"2021-03-10T11:20:00Z","precision":"min".*"source":"Asia Brief".*"relation":"during"' \
    "+0900 minutes at the end: during"

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
		case $c in eg) y=egypt.yaml ;; no) y=noise.yaml ;;
		du) y=dual.yaml ;; fe) y=ex.yaml ;; esac
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
