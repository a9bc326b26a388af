#!/bin/sh
# Systematic framing errors and messages cut by the collector
# (tests/fuzz/seeds/mrt/damaged_*, crafted with documentation addresses):
#  - BGP4MP_ET records whose length leaves out the microseconds (Quagga,
#    2015): every record is read once the following headers line up with
#    the 4-byte correction, and one warning gives the first offset and the
#    count;
#  - a BGP message running 15 bytes past its 4,096-byte record (RouteViews,
#    2008): the complete prefixes are kept, the cut one is named with its
#    offset.
. "$top_srcdir/tests/lib.sh"
s="$top_srcdir/tests/fuzz/seeds/mrt"

# 1. lengths 4 bytes short: the whole file, compared with its golden dump
rc=0
"$BLACKOUT" mrt dump -m "$s/damaged_et_len_short" > "$TMP/et.txt" \
    2> "$TMP/et.err" || rc=$?
[ "$rc" -eq 1 ] || fail "ET: exit $rc, want 1 (warned)"
cmp -s "$TMP/et.txt" "$top_srcdir/tests/golden/mrt/damaged_et_len_short.txt" ||
    fail "ET: dump differs from tests/golden/mrt/damaged_et_len_short.txt"
[ "$(grep -c 'warning:' "$TMP/et.err")" -eq 1 ] || {
	cat "$TMP/et.err"
	fail "ET: want exactly one warning"
}
grep -q 'byte 0: 7 BGP4MP_ET record(s) from here on are 4 bytes longer' \
    "$TMP/et.err" || fail "ET: warning lacks the first offset or the count"
grep -q '0 malformed' "$TMP/et.err" || fail "ET: records counted malformed"
# ingest reads it too (it used to call it binary content)
"$BLACKOUT" ingest -q "$s/damaged_et_len_short" > "$TMP/et.jsonl" || :
[ "$(wc -l < "$TMP/et.jsonl")" -eq 48 ] ||
    fail "ET: ingest gave $(wc -l < "$TMP/et.jsonl") events, want 48"

# the correction holds after a correctly framed record too: a good record
# appended (length 28 = 4 µs + 24) is read as declared
cp "$s/damaged_et_len_short" "$TMP/mixed"
printf '\124\245\120\004\000\021\000\005\000\000\000\034\000\000\037\100\000\000\373\364\000\000\373\365\000\000\000\001\300\000\002\001\300\000\002\002\000\001\000\002' \
    >> "$TMP/mixed"
"$BLACKOUT" mrt dump -m "$TMP/mixed" > "$TMP/mixed.txt" 2> "$TMP/mixed.err" ||
    :
[ "$(wc -l < "$TMP/mixed.txt")" -eq 49 ] ||
    fail "mixed: $(wc -l < "$TMP/mixed.txt") lines, want 49"
tail -n 1 "$TMP/mixed.txt" | grep -q '|STATE|192.0.2.1|64500|1|2$' ||
    fail "mixed: the well-framed last record was not read"

# 2. a message cut by the record's end
rc=0
"$BLACKOUT" mrt dump -m "$s/damaged_msg_overrun" > "$TMP/cut.txt" \
    2> "$TMP/cut.err" || rc=$?
[ "$rc" -eq 1 ] || fail "cut: exit $rc, want 1 (warned)"
grep -q 'byte 83: BGP4MP/MESSAGE_AS4 record: BGP message runs 15 bytes past the end of its record.*(at byte 4178)' \
    "$TMP/cut.err" || fail "cut: warning lacks the size or the offset"
# the complete prefixes: 10.0.0.0/24 up to 10.3.235.0/24 (1,004)
i=0
while [ $i -lt 1004 ]; do
	echo "BGP4MP|1203811620|A|192.0.2.1|64500|10.$((i / 256)).$((i % 256)).0/24|64500 64499|IGP|192.0.2.1|0|0||NAG||"
	i=$((i + 1))
done > "$TMP/want"
grep '|64500 64499|' "$TMP/cut.txt" > "$TMP/got"
cmp -s "$TMP/want" "$TMP/got" || {
	diff "$TMP/want" "$TMP/got" | head -4
	fail "cut: the complete prefixes of the cut message differ"
}
# the records around it are read
[ "$(wc -l < "$TMP/cut.txt")" -eq 1006 ] || fail "cut: records around lost"
n=$("$BLACKOUT" mrt stats -q "$s/damaged_msg_overrun" |
    sed -n 's/^announced	//p')
[ "$n" -eq 1005 ] || fail "cut: stats count $n announcements, want 1005"
# 3. an MP attribute of an AFI/SAFI not decoded is said (OpenBGPD's
# VPNv4, AFI 1 SAFI 128), not dropped silently
f="${SHARED_DATA:-}/mrt/mrtparse/openbgpd_bgp"
if [ -f "$f" ]; then
	"$BLACKOUT" mrt dump -m "$f" 2>&1 >/dev/null |
	    grep -q 'byte 1208: .*MP_REACH/MP_UNREACH of AFI 1 SAFI 128: its prefixes are not read' ||
	    fail "unknown AFI/SAFI not said"
fi
echo "ok: framing corrected (48 lines), 1004 prefixes salvaged"
