#!/bin/sh
# MRT records become bgp.* events: one per prefix and RIB entry, with
# peer, origin AS, AS path, precision, provenance; filters applied while
# decoding.
. "$top_srcdir/tests/lib.sh"
need_data mrt/ripe-bgpdump
d="$SHARED_DATA/mrt/ripe-bgpdump"
f="$d/updates.et-header.2015.gz"
# exit 1: these files' paths name no collector (warned once per file)
ev() { "$BLACKOUT" ingest -q --no-default-rules "$@" || [ $? -eq 1 ]; }

# Every announcement and withdrawal line of the dump is an event.
"$BLACKOUT" mrt dump -q -m "$f" > "$TMP/dump"
ev "$f" > "$TMP/ev"
a=$(grep -c '|A|' "$TMP/dump")
w=$(grep -c '|W|' "$TMP/dump")
s=$(grep -c '|STATE|' "$TMP/dump")
[ "$(grep -c '"kind":"bgp.announce"' "$TMP/ev")" -eq "$a" ] ||
    fail "announce events != $a A lines"
[ "$(grep -c '"kind":"bgp.withdraw"' "$TMP/ev")" -eq "$w" ] ||
    fail "withdraw events != $w W lines"
[ "$(grep -c '"kind":"bgp.state"' "$TMP/ev")" -eq "$s" ] ||
    fail "state events != $s STATE lines"
# _ET timestamps are microsecond events
grep '"kind":"bgp.announce"' "$TMP/ev" | head -1 > "$TMP/one"
grep -q '"precision":"us"' "$TMP/one" || fail "ET event not at us precision"
grep -q '"as_path"' "$TMP/one" || fail "no as_path attribute"
grep -q '"offset"' "$TMP/one" || fail "no byte offset"
# The AS131279 /24s of the issue are in this file.
ev --origin-as 131279 "$f" > "$TMP/nk"
[ -s "$TMP/nk" ] || fail "no events for origin AS131279"
# (a path ending in an AS_SET passes only when the set holds the AS)
if grep '"asn":' "$TMP/nk" | grep -v '"asn":131279' | grep -q announce; then
	fail "origin filter let another AS through"
fi
# A state change leaving Established says the session went down.
ev "$d/updates.20160811.1600.gz" | grep '"kind":"bgp.state"' > "$TMP/st"
grep '"old_state":"Established"' "$TMP/st" | grep -q '"session_down":"1"' ||
    fail "leaving Established not marked session_down"

# RIB entries: one event per entry, collector from the path or view.
r="$d/bview.ipv4_unicast_add_path.gz"
n=$(ev "$r" | grep -c '"kind":"bgp.rib"')
[ "$n" -eq "$("$BLACKOUT" mrt dump -q -m "$r" | wc -l)" ] ||
    fail "rib events ($n) != RIB lines"
ev "$r" | head -1 | grep -q '"path_id"' || fail "no path_id on ADD-PATH RIB"

# Prefix filter (more-specifics of a /16) and time window.
ev --prefix 10.0.0.0/16 --match more "$r" > "$TMP/pf"
[ -s "$TMP/pf" ] || fail "prefix filter kept nothing"
if grep -v '"prefix":"10\.0\.' "$TMP/pf" | grep -q bgp.rib; then
	fail "prefix filter let another prefix through"
fi
ev --from @1445565700 --to @1445565710 "$f" > "$TMP/tw"
[ -s "$TMP/tw" ] || fail "time window kept nothing"
[ "$(wc -l < "$TMP/tw")" -lt "$(wc -l < "$TMP/ev")" ] ||
    fail "time window kept everything"
# BGP4MP_ENTRY (OpenBGPD table-mp), which bgpdump does not show: the
# events are those of the same table dumped as TABLE_DUMP
m="$SHARED_DATA/mrt/mrtparse"
if [ -f "$m/openbgpd_rib_table-mp" ]; then
	[ -z "$("$BLACKOUT" mrt dump -q "$m/openbgpd_rib_table-mp")" ] ||
	    fail "BGP4MP_ENTRY printed by dump"
	ev "$m/openbgpd_rib_table-mp" |
	    sed 's/.*"subject":\({[^}]*}\),"attrs":{"as_path":"\([^"]*\)".*/\1 \2/;
	    s/.*"subject":\({[^}]*}\).*/\1/' > "$TMP/mp"
	ev "$m/openbgpd_rib_table" |
	    sed 's/.*"subject":\({[^}]*}\),"attrs":{"as_path":"\([^"]*\)".*/\1 \2/;
	    s/.*"subject":\({[^}]*}\).*/\1/' > "$TMP/td"
	[ "$(wc -l < "$TMP/mp")" -eq 31 ] || fail "BGP4MP_ENTRY: not 31 events"
	cmp -s "$TMP/mp" "$TMP/td" ||
	    fail "BGP4MP_ENTRY events differ from the TABLE_DUMP ones"
fi
echo "ok: $a announcements, $w withdrawals, $s state changes"
