#!/bin/sh
# The North Korea sample case (samples/nk-2014, a reconstruction built at
# `make` time): the numbers analysts quote from the public record.
# 22 Dec: all four networks withdrawn at 16:15 UTC, back 9 h 31 min later;
# 23 Dec: down again 15:41 to 16:12 (31 min); 27 Dec: about 5 h from
# 13:42.  Peers hear of each change seconds later, so times are checked to
# the minute and durations to within a minute.
. "$top_srcdir/tests/lib.sh"
arch="$top_builddir/samples/nk-2014/nk-2014.tar.gz"
[ -f "$arch" ] || skip "sample case archive not built"
cd "$TMP"
sed '/^inputs:/,/^ *- /d' "$top_srcdir/samples/nk-2014/case.yaml" > case.yaml
"$BLACKOUT" timeline -q --case case.yaml --format ndjson "$arch" > nk.ndjson ||
    [ $? -eq 1 ] || fail "timeline failed"
grep '"type":"incident"' nk.ndjson > inc || fail "no incident"
[ "$(wc -l < inc)" -eq 3 ] || fail "$(wc -l < inc) incidents, want 3"

dur() {	# dur ONSET_MINUTE: duration_s of the incident starting then
	grep "\"onset\":\"$1" inc | sed 's/.*"duration_s":\([0-9]*\).*/\1/'
}
check() {	# check ONSET_MINUTE END_MINUTE MIN_S MAX_S
	grep -q "\"onset\":\"$1:[0-9.]*Z\",\"onset_precision\":\"[a-z]*\",\"end\":\"$2" inc ||
	    fail "no incident $1 .. $2"
	d=$(dur "$1")
	[ "$d" -ge "$3" ] && [ "$d" -le "$4" ] || fail "$1: $d s"
}
check 2014-12-22T16:15 2014-12-23T01:4[67] 34200 34320
check 2014-12-23T15:41 2014-12-23T16:1[23] 1800 1920
check 2014-12-27T13:42 2014-12-27T18:4 17700 18300
if grep -v '"status":"confirmed"' inc | grep -q .; then
	fail "an NK outage is not confirmed"
fi
grep -q '"targets":\["AS131279","175.45.176.0/22"\]' inc ||
    fail "AS and prefix targets not one incident"
# every claim stays unverified, and the #OpRIPNK call comes before onset
grep '"type":"claim"' nk.ndjson > claims
if grep -v '"verification":"unverified"' claims | grep -q .; then
	fail "a claim was verified"
fi
grep -q 'OpRIPNK is a go.*"relation":"before_onset"' claims ||
    fail "#OpRIPNK is not before onset"
exit 0
