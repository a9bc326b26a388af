#!/bin/sh
# bgpdump -m text read back gives the same events as the MRT it came from
# (but for what the text cannot carry: provenance, a RIB entry's originated
# time and peer BGP ID, the PEER_INDEX view name as collector); -M text gives the same events with fewer
# attributes; bad lines are reported by line number and skipped.
. "$top_srcdir/tests/lib.sh"
need_data mrt/ripe-bgpdump
d="$SHARED_DATA/mrt"
# exit 1 (warnings, e.g. VPNv4 RIB entries not decoded) is fine here
ev() {
	_rc=0
	"$BLACKOUT" ingest -q --no-default-rules "$@" || _rc=$?
	[ "$_rc" -le 1 ] || fail "ingest $*: exit $_rc"
}
norm() {
	sed -e 's/,"provenance":{[^}]*}//' -e 's/,"originated":"[0-9]*"//' \
	    -e 's/,"peer_bgp_id":"[^"]*"//' -e 's/"collector":"[^"]*",//' "$1"
}
# (not mrtparse/openbgpd_rib_table: bgpdump misreads its AGGREGATOR, see
# doc/bgpdump-differences.md, and the text keeps bgpdump's reading)
n=0
for f in ripe-bgpdump/updates.20160811.1600.gz \
    ripe-bgpdump/bview.ipv4_unicast_add_path.gz \
    ripe-bgpdump/bview.ipv6_unicast_add_path.gz \
    ripe-bgpdump/updates.20071015.1505.gz \
    ripe-bgpdump/bview.64k_stream_overflow.gz \
    mrtparse/openbgpd_rib_table-v2 mrtparse/quagga_bgp \
    bgpkit-parser/local_only.updates.bz2; do
	[ -f "$d/$f" ] || continue
	b=$(basename "$f")
	"$BLACKOUT" mrt dump -q -m -l "$d/$f" > "$TMP/$b.txt" || true
	ev "$d/$f" > "$TMP/bin.json"
	ev "$TMP/$b.txt" > "$TMP/txt.json"
	[ -s "$TMP/bin.json" ] || fail "$b: no events from MRT"
	norm "$TMP/bin.json" > "$TMP/a"
	norm "$TMP/txt.json" > "$TMP/b"
	cmp -s "$TMP/a" "$TMP/b" || {
		diff "$TMP/a" "$TMP/b" | head -4
		fail "$b: events from the bgpdump text differ"
	}
	n=$((n + 1))
done
[ "$n" -ge 5 ] || fail "only $n files compared"

# -M: the same events, minus what -M does not print
f="$d/ripe-bgpdump/updates.20160811.1600.gz"
"$BLACKOUT" mrt dump -q -M "$f" > "$TMP/M.txt"
ev "$TMP/M.txt" > "$TMP/M.json"
ev "$f" > "$TMP/bin.json"
[ "$(wc -l < "$TMP/M.json")" -eq "$(wc -l < "$TMP/bin.json")" ] ||
    fail "-M text: event count differs"
sed -e 's/"attrs":{[^}]*}//' -e 's/,"provenance":{[^}]*}//' \
    "$TMP/M.json" > "$TMP/a"
sed -e 's/"attrs":{[^}]*}//' -e 's/,"provenance":{[^}]*}//' \
    "$TMP/bin.json" > "$TMP/b"
cmp -s "$TMP/a" "$TMP/b" || fail "-M text: events differ"

# damage: a cut line and garbage in the middle
{
	head -n 5 "$TMP/M.txt"
	echo "BGP4MP|notatime|A|1.2.3.4|1|10.0.0.0/8|1|IGP"
	echo "BGP4MP|1470931200|A|1.2.3.4|1|10.0.0.0/33|1|IGP"
	sed -n 6,10p "$TMP/M.txt"
} > "$TMP/bad.txt"
rc=0
"$BLACKOUT" ingest --no-default-rules "$TMP/bad.txt" > "$TMP/bad.json" \
    2> "$TMP/bad.err" || rc=$?
[ "$rc" -eq 1 ] || fail "bad lines: exit $rc"
grep -q 'bad.txt:6: bgpdump line: bad time' "$TMP/bad.err" ||
    fail "bad time not reported at line 6"
grep -q 'bad.txt:7: bgpdump line: bad prefix' "$TMP/bad.err" ||
    fail "bad prefix not reported at line 7"
[ "$(wc -l < "$TMP/bad.json")" -eq 10 ] || fail "good lines lost"
echo "ok: $n files give the same events from text as from MRT"
