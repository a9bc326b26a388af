#!/bin/sh
# blackout mrt stats against an independent header-level scan of every
# undamaged real file (MRT-VERIFY.txt in the shared data: record count,
# decompressed bytes, records per type and subtype).
. "$top_srcdir/tests/lib.sh"
need_data mrt
v="$SHARED_DATA/mrt/MRT-VERIFY.txt"
[ -f "$v" ] || skip "no MRT-VERIFY.txt"
grep '^scan: .* ; ok$' "$v" > "$TMP/scans" || skip "no scan lines"
n=0
while IFS=';' read -r file unc recs _ types _; do
	f="$SHARED_DATA/mrt/${file#scan: ./}"
	f=${f% }
	[ -f "$f" ] || continue
	unc=$(echo "$unc" | sed 's/.*=//' | tr -d ' ')
	recs=$(echo "$recs" | sed 's/.*=//' | tr -d ' ')
	# {('BGP4MP', 4): 515, ('5', 3): 4} -> "16/4 515" lines
	echo "$types" | tr '{}' '  ' | tr ',' '\n' | paste -d' ' - - |
	    sed "s/[(')]//g; s/://" | awk '{
		t = $1
		if (t == "BGP4MP_ET") t = 17; else if (t == "BGP4MP") t = 16
		else if (t == "TABLE_DUMP_V2") t = 13
		else if (t == "TABLE_DUMP") t = 12
		print t "/" $2, $3 }' | sort > "$TMP/want"
	rc=0
	"$BLACKOUT" mrt stats -q "$f" > "$TMP/st" || rc=$?
	[ "$rc" -le 1 ] || fail "$f: exit $rc"
	awk -F'\t' '$1 == "type" { print $2, $4 }' "$TMP/st" | sort > "$TMP/got"
	cmp -s "$TMP/want" "$TMP/got" || {
		diff "$TMP/want" "$TMP/got"
		fail "$f: records per type differ from the scan"
	}
	grep -qx "records	$recs" "$TMP/st" || fail "$f: not $recs records"
	grep -qx "bytes	$unc" "$TMP/st" || fail "$f: not $unc bytes"
	n=$((n + 1))
done < "$TMP/scans"
[ "$n" -ge 20 ] || fail "only $n files checked"
echo "ok: $n files agree with the independent scan"
