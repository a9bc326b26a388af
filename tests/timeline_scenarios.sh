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
# runner (tests/scenarios/README.md says what each key checks).
n=0
for y in "$top_srcdir"/tests/scenarios/*.yaml; do
	name=$(basename "$y" .yaml)
	grep -q '^expect:' "$y" || continue
	# these name their own targets and groups (per-family parts, members'
	# onsets): tests/timeline_truth.sh holds them until the runner reads
	# that vocabulary
	# hijack, leak and MOAS scenarios name their own targets and keys:
	# tests/timeline_routing.sh holds them
	case $name in dual-stack-split|egypt-2011-staggered|feeds-minutes|\
	    moas-late-rib|noise-prefixes|hijack-youtube|leak-more-specifics|\
	    moas-normal) continue ;; esac
	[ -f "$sc/$name.tar.gz" ] || fail "$name: archive not built"
	"$BLACKOUT" timeline -q --case case.yaml --format ndjson \
	    "$sc/$name.tar.gz" > "$name.ndjson" || [ $? -eq 1 ] ||
	    fail "$name: timeline failed"
	"$check" "$y" "$name.ndjson" || fail "$name: expectations not met"
	n=$((n + 1))
done
[ "$n" -ge 11 ] || fail "only $n scenarios with expectations"

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
