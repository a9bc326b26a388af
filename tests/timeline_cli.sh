#!/bin/sh
# blackout timeline: usage errors, case file errors with file:line:column,
# an input with no BGP for the target (no incident, no crash), and the
# same bytes on every run.
. "$top_srcdir/tests/lib.sh"
cd "$TMP"

printf 'just some text\n' > notes.txt

st=0; "$BLACKOUT" timeline notes.txt 2> err || st=$?
[ "$st" -eq 2 ] || fail "no target: exit $st, want 2"
grep -q "no targets" err || fail "no targets: $(cat err)"

st=0; "$BLACKOUT" timeline --target AS131279 --param nope=1 notes.txt \
    2> err || st=$?
[ "$st" -eq 2 ] || fail "bad --param: exit $st"
st=0; "$BLACKOUT" timeline --target AS131279 --param min_outage_s=-5 \
    notes.txt 2> err || st=$?
[ "$st" -eq 2 ] || fail "negative --param: exit $st"
st=0; "$BLACKOUT" timeline --target bogus notes.txt 2> err || st=$?
[ "$st" -eq 2 ] || fail "bad --target: exit $st"
st=0; "$BLACKOUT" timeline --target AS1 --format xml notes.txt 2> err ||
    st=$?
[ "$st" -eq 2 ] || fail "bad --format: exit $st"

st=0; "$BLACKOUT" timeline --target AS1 --tz Mars/Olympus notes.txt 2> err ||
    st=$?
[ "$st" -eq 2 ] || fail "unknown --tz: exit $st"
grep -q "tz database" err || fail "unknown --tz: $(cat err)"

cat > bad.yaml <<'YAML'
title: bad
targets: [AS131279]
window: {from: yesterday}
thresholds:
  visibility_threshold: 2
YAML
st=0; "$BLACKOUT" timeline --case bad.yaml notes.txt 2> err || st=$?
[ "$st" -eq 2 ] || fail "bad case: exit $st"
grep -q 'bad.yaml:3:16: .*yesterday' err || fail "window error: $(cat err)"
grep -q 'bad.yaml:5:25: .*visibility_threshold' err ||
    fail "threshold error: $(cat err)"

cat > ok.yaml <<'YAML'
title: Quiet network
timezone: Asia/Pyongyang
window: {from: 2014-12-20T00:00:00Z, to: 2014-12-28T00:00:00Z}
targets:
  - AS131279
  - name: north-korea
    members: [175.45.176.0/22]
    aliases: [North Korea]
inputs: [notes.txt]
thresholds: {min_outage_s: 600}
YAML
"$BLACKOUT" timeline -q --no-default-rules --case ok.yaml --format json \
    -o a.json || :
"$BLACKOUT" timeline -q --no-default-rules --case ok.yaml --format json \
    > b.json || :
cmp a.json b.json || fail "two runs differ"
grep -q '"incidents":\[\]' a.json || fail "incident from nothing"
grep -q '"timezone":"Asia/Pyongyang"' a.json || fail "timezone"
grep -q '"from":"2014-12-20T00:00:00Z"' a.json || fail "window"
grep -q '"targets":\["AS131279","north-korea"\]' a.json || fail "targets"
grep -q '"name":"min_outage_s","value":600' a.json || fail "param"
grep -q '"sha256":"[0-9a-f]\{64\}"' a.json || fail "input hash"
if command -v python3 >/dev/null; then
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' a.json ||
	    fail "not JSON"
fi
# --from on the command line narrows the case's window, keeping its end
"$BLACKOUT" timeline -q --no-default-rules --case ok.yaml --format json \
    --from 2014-12-22T00:00:00Z > c.json || :
grep -q '"window":{"from":"2014-12-22T00:00:00Z","to":"2014-12-28T00:00:00Z"}' \
    c.json || fail "window override: $(head -c 300 c.json)"

"$BLACKOUT" timeline -q --no-default-rules --case ok.yaml > t.txt || :
grep -q '^INCIDENTS' t.txt || fail "text: no incidents section"
grep -q 'local time in Asia/Pyongyang' t.txt || fail "text: zone"
awk 'length($0) > 80 { exit 1 }' t.txt || fail "text wider than 80"
if grep -q "$(printf '\033')" t.txt; then fail "colour in a file"; fi
"$BLACKOUT" timeline -q --no-default-rules --case ok.yaml --format ndjson \
    > n.json || :
head -1 n.json | grep -q '^{"type":"timeline"' || fail "ndjson header"

# --brief: one screen (24 lines of 80 columns) per incident of the sample.
st=0; "$BLACKOUT" timeline --brief --target AS1 -f json notes.txt 2> err ||
    st=$?
[ "$st" -eq 2 ] || fail "--brief with json: exit $st"
arch=$top_builddir/samples/nk-2014/nk-2014.tar.gz
if [ -f "$arch" ]; then
	cp "$top_srcdir/samples/nk-2014/case.yaml" "$arch" .
	"$BLACKOUT" timeline -q --case case.yaml --brief > b.txt || [ $? -eq 1 ]
	"$BLACKOUT" timeline -q --case case.yaml > full.txt || [ $? -eq 1 ]
	n=$(grep -c '^\[CONFIRMED\]\|^\[UNCONFIRMED\]' b.txt)
	[ "$n" -eq "$(grep -c '^\[CONFIRMED\]\|^\[UNCONFIRMED\]' full.txt)" ] ||
		fail "--brief lost incidents"
	awk '/^not shown here/ { stop = 1 } stop { next }
	    /^\[(UN)?CONFIRMED\]/ { if (n > 24) bad = 1; n = 0 } { n++ }
	    END { exit bad || n > 24 }' b.txt || fail "--brief: an incident over 24 lines"
	awk 'length($0) > 80 { exit 1 }' b.txt || fail "--brief wider than 80"
	[ "$(wc -l < b.txt)" -lt "$(wc -l < full.txt)" ] || fail "--brief is not shorter"
	grep -q "first report after onset" b.txt || fail "--brief: no first report"
fi
exit 0
