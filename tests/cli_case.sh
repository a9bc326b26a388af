#!/bin/sh
# timeline and report build their case one way: INPUTs on the command line
# are added to the case's, --from or --to alone replaces that bound only,
# and documents name inputs relative to the case file (base name when given
# on the command line) and rules by base name with their SHA-256, so the
# same case gives the same bytes wherever it is checked out.
. "$top_srcdir/tests/lib.sh"
command -v jq > /dev/null || skip "jq not installed"
arch=$top_builddir/samples/nk-2014/nk-2014.tar.gz
[ -f "$arch" ] || skip "sample archive not built"

# Two checkouts at different places, run from different directories.
for d in a/deep/er b; do
	mkdir -p "$TMP/$d/case"
	cp "$top_srcdir/samples/nk-2014/case.yaml" "$arch" "$TMP/$d/case/"
done
(cd "$TMP/a" && "$BLACKOUT" timeline -q --case deep/er/case/case.yaml \
    -f json) > "$TMP/a.json" || [ $? -eq 1 ]
(cd "$TMP/b/case" && "$BLACKOUT" timeline -q --case "$TMP/b/case/case.yaml" \
    -f json) > "$TMP/b.json" || [ $? -eq 1 ]
cmp "$TMP/a.json" "$TMP/b.json" || fail "same case, different bytes"
(cd "$TMP/a" && "$BLACKOUT" report -q --case deep/er/case/case.yaml \
    -o "$TMP/a.md") || [ $? -eq 1 ]
(cd "$TMP/b" && "$BLACKOUT" report -q --case case/case.yaml \
    -o "$TMP/b.md") || [ $? -eq 1 ]
cmp "$TMP/a.md" "$TMP/b.md" || fail "same case, different reports"
! grep -q "$TMP" "$TMP/a.json" "$TMP/a.md" || fail "a local path leaked"
[ "$(jq -r '.inputs[0].path' "$TMP/a.json")" = nk-2014.tar.gz ] ||
	fail "input not named as the case names it"
jq -e '.rules | length > 0 and all(.sha256 | test("^[0-9a-f]{64}$"))' \
    "$TMP/a.json" > /dev/null || fail "rules without SHA-256"
f=$(jq -r '.rules[] | select(.id == "iputils-ping") | .file' "$TMP/a.json")
s=$(jq -r '.rules[] | select(.id == "iputils-ping") | .sha256' "$TMP/a.json")
[ "$f" = iputils-ping.yaml ] || fail "rule file named '$f'"
[ "$s" = "$(sha256sum < "$BLACKOUT_RULES/iputils-ping.yaml" | cut -c1-64)" ] ||
	fail "rule SHA-256 is not the file's"
grep -q "| iputils-ping | 1 | iputils-ping.yaml | $s |" "$TMP/a.md" ||
	fail "report lacks the rule's digest"
! grep -qi "why confirmed:\*\* confirmed" "$TMP/a.md" || fail "why repeats itself"
grep -q "Why confirmed:\*\* 3 collectors agree" "$TMP/a.md" || fail "why lost"

if python3 -c 'import jsonschema' 2> /dev/null; then
	python3 - "$top_srcdir/doc/timeline.schema.json" "$TMP/a.json" <<'PY' ||
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
		fail "the sample's JSON does not fit doc/timeline.schema.json"
fi

# One list of claims, each naming its incident; as many as the text says.
n=$(jq '.claims | length' "$TMP/a.json")
jq -e '.incidents | all(has("claims") | not)' "$TMP/a.json" > /dev/null ||
	fail "claims listed twice"
jq -e '[.claims[] | select(.incident != null)] | length > 0' \
    "$TMP/a.json" > /dev/null || fail "no claim names its incident"
cd "$TMP/a"
"$BLACKOUT" timeline -q --case deep/er/case/case.yaml > t.txt || [ $? -eq 1 ]
grep -q "; $n claims and reports" t.txt || fail "text and JSON disagree ($n)"

# The tweets are one JSON array on line 1: each claim names its item.
jq -e '[.claims[].evidence[] | select(.member == "social/tweets.json")] |
    length > 5 and all(.line == 1 and .item >= 1) and
    (map(.item) | unique | length) == length' "$TMP/a.json" > /dev/null ||
	fail "tweets do not cite their item numbers"
grep -q "<- social/tweets.json:1#[0-9]" t.txt || fail "text lacks tweets.json:1#N"
# A warning about one item of such a document names the item too.
printf '[{"created_at":"Mon Dec 22 16:00:00 +0000 2014","id":1,"text":"a","user":{"screen_name":"x"}},{"created_at":"Mon Dec 22 16:01:00 +0000 2014","id":2,"text":"a\\u0000b","user":{"screen_name":"y"}}]\n' > tw.json
"$BLACKOUT" ingest tw.json 2> tw.err > /dev/null || [ $? -eq 1 ]
grep -q "tw.json:1: item 2: NUL character" tw.err || fail "item not named: $(cat tw.err)"
grep -q 'social/tweets.json:1\\#[0-9]' "$TMP/a.md" ||
	fail "report lacks tweets.json:1#N"

# An INPUT on the command line is added to the case's, named by base name.
cp "$arch" "$TMP/extra.tar.gz"
for cmd in timeline report; do
	if [ $cmd = timeline ]; then f=json; else f=md; fi
	"$BLACKOUT" $cmd -q --case deep/er/case/case.yaml "$TMP/extra.tar.gz" \
	    -f $f -o x.$f || [ $? -eq 1 ]
	grep -q "extra.tar.gz" x.$f || fail "$cmd: extra input not added"
	grep -q "nk-2014.tar.gz" x.$f || fail "$cmd: case input replaced"
done
# Half a window, both commands alike: --from alone keeps the case's end.
"$BLACKOUT" timeline -q --case deep/er/case/case.yaml \
    --from 2014-12-23T00:00:00Z -f json -o h.json || [ $? -eq 1 ]
[ "$(jq -c .window h.json)" = \
    '{"from":"2014-12-23T00:00:00Z","to":"2014-12-28T00:00:00Z"}' ] ||
	fail "timeline --from: $(jq -c .window h.json)"
"$BLACKOUT" report -q --case deep/er/case/case.yaml \
    --from 2014-12-23T00:00:00Z -o h.md || [ $? -eq 1 ]
grep -q "2014-12-23 00:00" h.md || fail "report --from alone refused or lost"
rc=0; "$BLACKOUT" report -q --case deep/er/case/case.yaml \
    --to 2014-12-19T00:00:00Z -o h.md 2> err || rc=$?
[ $rc -eq 2 ] && grep -q "window is empty" err || fail "empty window: $rc"
echo ok
