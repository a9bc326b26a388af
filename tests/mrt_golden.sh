#!/bin/sh
# blackout mrt dump -m against bgpdump upstream's own expected outputs
# (ripe-bgpdump/test_expect), which include the corrected trailing-bits
# case.  Needs only the shared data, not bgpdump.
. "$top_srcdir/tests/lib.sh"
need_data mrt/ripe-bgpdump
d="$SHARED_DATA/mrt/ripe-bgpdump"
n=0
for exp in "$d"/test_expect/*.bgp.gz; do
	f="$d/$(basename "$exp" .bgp.gz)"
	[ -f "$f" ] || continue
	gzip -dc "$exp" > "$TMP/want"
	rc=0
	"$BLACKOUT" mrt dump -q -m "$f" > "$TMP/got" || rc=$?
	# 1: warned (the trailing-bits file ends in a cut prefix)
	[ "$rc" -le 1 ] || fail "mrt dump exited $rc on $f"
	cmp -s "$TMP/want" "$TMP/got" || {
		diff "$TMP/want" "$TMP/got" | head -5
		fail "$(basename "$f"): differs from upstream's expectation"
	}
	n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "only $n golden files found"
echo "ok: $n files identical to upstream expectations"
