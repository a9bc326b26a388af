#!/bin/sh
# blackout timeline over the generated scenario archives (tests/gen,
# tests/scenarios/*.yaml, built into the build tree at `make check`).
# What each must conclude is written in its scenario file's expect: block,
# read by tests/scenario_check; the rest here is about the command (text
# layout, colour, schema, member order).
. "$top_srcdir/tests/lib.sh"
sc="$top_builddir/tests/scenarios"
[ -f "$sc/total-outage.tar.gz" ] || skip "scenario archives not built"
cd "$TMP"

cat > case.yaml <<'YAML'
title: scenario
targets:
  - {name: example-net, members: [AS64500], aliases: [example-net]}
  - {name: other-net, members: [AS64502], aliases: [other-net]}
  - {name: multihomed-net, members: [AS64501], aliases: [multihomed-net]}
YAML

check="$top_builddir/tests/scenario_check"
[ -x "$check" ] || skip "tests/scenario_check not built"

# Every scenario with an expect: block is held against its timeline by the
# runner (tests/scenarios/README.md says what each key checks), with the
# scenario's own case when it has one (its case: block), else case.yaml.
n=0
for y in "$top_srcdir"/tests/scenarios/*.yaml; do
	name=$(basename "$y" .yaml)
	grep -q '^expect:' "$y" || continue
	[ -f "$sc/$name.tar.gz" ] || fail "$name: archive not built"
	"$check" --case "$y" > "$name.case" || fail "$name: case: block"
	[ -s "$name.case" ] || cp case.yaml "$name.case"
	# BO_TEST_COUNTS: the correlator checks each count of counted
	# peers it keeps against one made again (it aborts on a difference)
	BO_TEST_COUNTS=1 "$BLACKOUT" timeline -q --case "$name.case" \
	    --format ndjson "$sc/$name.tar.gz" > "$name.ndjson" || [ $? -eq 1 ] ||
	    fail "$name: timeline failed"
	"$check" "$y" "$name.ndjson" || fail "$name: expectations not met"
	n=$((n + 1))
done
[ "$n" -ge 19 ] || fail "only $n scenarios with expectations"

# The runner fails where the timeline differs from an expectation, and on
# a key it does not know: each line is SCENARIO|sed edit of its expect:
# block (or none, with the timeline of another scenario: |OTHER), and must
# make it fail.
while IFS='|' read -r name edit other; do
	sed "$edit" "$top_srcdir/tests/scenarios/$name.yaml" > wrong.yaml
	[ -n "$other" ] ||
	    ! cmp -s wrong.yaml "$top_srcdir/tests/scenarios/$name.yaml" ||
	    fail "$name: '$edit' changes nothing"
	"$check" wrong.yaml "${other:-$name}.ndjson" 2> wrong.err &&
	    fail "$name: '$edit' passed"
	[ $? -eq 1 ] || fail "$name: '$edit': exit not 1"
	grep -q . wrong.err || fail "$name: '$edit': no message"
done <<'EDITS'
total-outage|s/onset: "2021-03-10T12:00:00Z"/onset: "2021-03-10T13:00:00Z"/
total-outage|s/confirmed: true/confirmed: false/
total-outage|s/confirmed: true/confirmed: yes/
total-outage|s/prefixes: 4,/prefixes: 5,/
total-outage|s/prefixes: 4,/prefixes: four,/
total-outage|s/confirmed: true/confirmed: true, colour: red/
total-outage|s/^  incidents:/  incident:/
total-outage|s/signals: \[probe.unreachable\]/signals: [probe.reachable]/
total-outage|s/prefixes: 4,/prefixes: 4, tolerance_s: soon,/
total-outage|s/end: "2021-03-10T15:30:00Z"/end: null/
total-outage|s/^    - {target: example-net,/    - {target: other-net,/
egypt-2011-staggered|s/AS5536: "2011-01-27T22:34:00Z"/AS5536: "2011-01-27T22:30:00Z"/
egypt-2011-staggered|s/AS20928: null/AS20928: "2011-01-27T23:00:00Z"/
egypt-2011-staggered|s/AS20928: null/AS20929: null/
egypt-2011-staggered|s/end: null/end: "2011-01-28T01:00:00Z"/
egypt-2011-staggered|s/prefixes_affected: 28/prefixes_affected: 32/
egypt-2011-staggered|s/kind: partial_outage/kind: outage/
egypt-2011-staggered|s/precision: min}/precision: s}/
egypt-2011-staggered|s/target_match: true/target_match: false/
dual-stack-split|s/ipv6: \["2021-03-10T10:40:00Z"/ipv6: ["2021-03-10T10:30:00Z"/
dual-stack-split|s/"2021-03-10T12:00:00Z"\]/"2021-03-10T12:30:00Z"]/
dual-stack-split|s/ipv6: \[/ipv5: [/
noise-prefixes|s/not_restored: 3/not_restored: 0/
noise-prefixes|s/prefixes_total: 19/prefixes_total: 20/
feeds-minutes|s/precision: s,/precision: min,/
feeds-minutes|s/at: "2021-03-10T09:49:00Z"/at: "2021-03-10T09:48:00Z"/
feeds-minutes|s/relation: before_onset}/relation: during}/
hijack-youtube|s/offender: 17557/offender: 17558/
hijack-youtube|s/upstream: 3491/upstream: 3356/
hijack-youtube|s/peers: 5, of: 6/peers: 6, of: 6/
hijack-youtube|s/peers: 5, of: 6/peers: 5, of: 7/
hijack-youtube|s/, of: 6//
hijack-youtube|s/unreachable: true/unreachable: false/
hijack-youtube|s/onset: "2008-02-24T18:47"/onset: "2008-02-24T18:46"/
hijack-youtube|s/"208.65.153.0\/24"\]/"208.65.152.0\/24"]/
hijack-youtube|s/"2008-02-24T20:18"\]/"2008-02-24T20:19"]/
hijack-youtube|s/, "2008-02-24T20:18"\]/]/
hijack-youtube|s/kind: hijack/kind: leak/
leak-more-specifics|s/leaker: 15169/leaker: 3356/
leak-more-specifics|s/leaker: 15169/offender: 15169/
leak-more-specifics|s/origins: \[4713\]/origins: [4713, 2914]/
leak-more-specifics|s/prefixes: 40/prefixes: 41/
leak-more-specifics|s/end: "2017-08-25T03:30"/end: "2017-08-25T03:40"/
quiet-loud-claim|s/all_claims: {relation: no-matching-signal}/all_claims: {relation: during}/
news-lag|s/lag_s: 2520/lag_s: 2400/
missing-file|s/reason: missing update file}/reason: session reset}/
reset-during-outage|s/peer: 193.0.0.56/peer: 193.0.0.57/
flap-then-outage|s/to: "2021-03-10T10:00:00Z"/to: "2021-03-10T08:00:00Z"/
moas-late-rib||missing-file
moas-normal||total-outage
feeds-minutes||news-lag
EDITS

has() {	# has FILE PATTERN WHAT
	grep -q -- "$2" "$1" || fail "$3 (no $2 in $1)"
}

# the terminal text: 80 columns (only a lone word, a URL or a path, may
# run over), confirmed and
# unverified marked apart, colour only when asked for
"$BLACKOUT" timeline -q --case case.yaml --tz Europe/Berlin \
    "$sc/claim-before-onset.tar.gz" > t.txt || [ $? -eq 1 ] || fail "text"
grep -v '^ *[^ ]*$' t.txt | awk 'length($0) > 80 { exit 1 }' ||
    fail "text wider than 80 columns"
has t.txt '^\[CONFIRMED\] INC-20210310T1500Z-example-net  outage' "text header"
has t.txt 'UNVERIFIED claim before_onset' "claim marked unverified"
has t.txt '(Wed 16:00 CET)' "local time in Berlin"
if grep -q "$(printf '\033')" t.txt; then fail "colour in a file"; fi
"$BLACKOUT" timeline -q --case case.yaml --color always \
    "$sc/claim-before-onset.tar.gz" > c.txt || [ $? -eq 1 ] || fail "colour"
grep -q "$(printf '\033')\[32m" c.txt || fail "--color always: no colour"

# every document fits doc/timeline.schema.json (when jsonschema is there)
if python3 -c 'import jsonschema' 2>/dev/null; then
	for n in total-outage flap-then-outage news-lag missing-file; do
		"$BLACKOUT" timeline -q --case case.yaml --format json \
		    "$sc/$n.tar.gz" > "$n.json" || [ $? -eq 1 ] || fail "$n json"
		python3 - "$top_srcdir/doc/timeline.schema.json" "$n.json" <<'PY' ||
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.validate(json.load(open(sys.argv[2])), schema)
PY
		fail "$n.json does not fit the schema"
	done
fi

# the same bytes whatever the container order: repack members reversed
mkdir x && (cd x && tar xzf "$sc/total-outage.tar.gz")
(cd x && find * -type f | sort -r | tar cf ../rev.tar -T -)
"$BLACKOUT" timeline -q --case case.yaml --format json "$sc/total-outage.tar.gz" \
    2>/dev/null | sed 's/"input":"[^"]*"//g; s/"path":"[^"]*","sha256":"[^"]*","bytes":[0-9]*//' > a.json || :
"$BLACKOUT" timeline -q --case case.yaml --format json rev.tar 2>/dev/null |
    sed 's/"input":"[^"]*"//g; s/"path":"[^"]*","sha256":"[^"]*","bytes":[0-9]*//' > b.json || :
cmp a.json b.json || fail "member order changed the timeline"
"$BLACKOUT" timeline -q --case case.yaml --format json -j1 x 2>/dev/null |
    sed 's/"input":"[^"]*"//g; s/"path":"[^"]*","sha256":"[^"]*","bytes":[0-9]*//' > c.json || :
cmp a.json c.json || fail "a directory gives another timeline than the archive"
exit 0
