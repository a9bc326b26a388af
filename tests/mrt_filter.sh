#!/bin/sh
# Filters on mrt dump select exactly the lines a text filter over the full
# dump selects: exact prefix, time window, peer, origin AS, AS in path.
. "$top_srcdir/tests/lib.sh"
need_data mrt/ripe-bgpdump
f="$SHARED_DATA/mrt/ripe-bgpdump/updates.20160811.1600.gz"
dump() { "$BLACKOUT" mrt dump -q -m "$@" "$f"; }
same() { # NAME: $TMP/want vs $TMP/got
	[ -s "$TMP/want" ] || fail "$1: the text filter selects nothing"
	cmp -s "$TMP/want" "$TMP/got" || {
		diff "$TMP/want" "$TMP/got" | head -4
		fail "$1: filtered dump differs"
	}
}
dump > "$TMP/all"

p=$(sed -n '1000s/^[^|]*|[^|]*|[^|]*|[^|]*|[^|]*|\([^|]*\)|.*/\1/p' "$TMP/all")
awk -F'|' -v p="$p" '$3 != "STATE" && $6 == p' "$TMP/all" > "$TMP/want"
dump --prefix "$p" --match exact > "$TMP/got"
same "prefix $p"

awk -F'|' '$2 >= 1470931260 && $2 < 1470931290' "$TMP/all" > "$TMP/want"
dump --from @1470931260 --to @1470931290 > "$TMP/got"
same "time window"

peer=$(sed -n '2000p' "$TMP/all" | cut -d'|' -f4)
awk -F'|' -v p="$peer" '$4 == p' "$TMP/all" > "$TMP/want"
dump --peer "$peer" > "$TMP/got"
same "peer $peer"

# origin AS: announcements whose path ends in it; withdrawals have no
# path and pass; state changes are not about an AS
awk -F'|' '$3 == "W" || ($3 == "A" && $7 ~ / 13335$/)' "$TMP/all" \
    > "$TMP/want"
dump --origin-as 13335 > "$TMP/got"
same "origin AS13335"

awk -F'|' '$3 == "W" || ($3 == "A" && (" " $7 " ") ~ / 3356 /)' \
    "$TMP/all" > "$TMP/want"
dump --path-as 3356 > "$TMP/got"
same "path AS3356"
echo "ok: filtered dumps match text filters"
