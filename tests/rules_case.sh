#!/bin/sh
# The generated sample case (tests/gen/bo-gen: iputils ping -D logs, RIPE
# Atlas JSON, Twitter v1.1 JSON, RSS feeds, a claims CSV) is read by the
# shipped rules with nothing left unmatched, and the claims in it come
# out as claims of the right kinds.
. "$top_srcdir/tests/lib.sh"
GEN=$top_builddir/tests/gen/bo-gen
[ -x "$GEN" ] || skip "bo-gen not built"
[ -f "$top_srcdir/samples/nk-2014/scenario.yaml" ] || skip "no sample case"
"$GEN" "$top_srcdir/samples/nk-2014/scenario.yaml" "$TMP/nk.tar.gz" >/dev/null
"$BLACKOUT" ingest --no-default-rules -R "$top_srcdir/rules" "$TMP/nk.tar.gz" \
    2>"$TMP/err" | grep -v '"kind":"bgp\.' >"$TMP/ev" || :
grep -q ' 0 unmatched lines' "$TMP/err" || { tail -5 "$TMP/err"; fail "unmatched lines in the case"; }
grep -q ' 0 failed' "$TMP/err" || { tail -5 "$TMP/err"; fail "failed members"; }
for k in probe.reply probe.timeout probe.summary claim.credit \
    claim.attribution claim.official report.outage report.restored \
    report.news context.post; do
	grep -q "\"kind\":\"$k\"" "$TMP/ev" || fail "no $k event"
done
# the third-person claim names who is accused and what was hit
grep -q '"kind":"claim.attribution".*"actor":"An0nKn0wledge".*"target":"North Korea'"'"'s Internet".*"accused":"Gator League"' \
    "$TMP/ev" || fail "Gator League attribution"
# -D timestamps reach the events at µs precision
grep -q '"precision":"us","kind":"probe.reply"' "$TMP/ev" || fail "ping -D times"
