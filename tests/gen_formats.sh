#!/bin/sh
# Every member bo-gen writes is recognised by `blackout inspect` as the
# type its name promises: MRT files as mrt (behind gzip or bzip2), tweets
# and Atlas results as json, feeds as xml, ping logs and the CSV as text.
. "$top_srcdir/tests/lib.sh"
GEN=$top_builddir/tests/gen/bo-gen

"$GEN" "$top_srcdir/samples/nk-2014/scenario.yaml" "$TMP/nk.tar.gz"
for s in "$top_srcdir"/tests/scenarios/*.yaml; do
	"$GEN" "$s" "$TMP/$(basename "$s" .yaml).zip"
done
"$BLACKOUT" inspect "$TMP"/*.tar.gz "$TMP"/*.zip >"$TMP/inspect" \
	2>"$TMP/warn" || fail "blackout inspect failed"
if grep -v 'no decoder or rule' "$TMP/warn" | grep -v 'rules loaded from' | grep -q .; then
	cat "$TMP/warn"
	fail "inspect warned about generated members"
fi
awk -F'\t' '
	function want(t, c) {
		if ($5 != t || $4 != c) {
			if (bad++ < 20)
				print "FAIL: " $1 "!" $2 ": type " $5 \
				    " compression " $4 ", expected " t " " c
		}
		seen[t]++
	}
	$2 ~ /\/(bview|updates|rib)\.[0-9][0-9.]*[0-9]\.gz$/ { want("mrt", "gzip"); next }
	$2 ~ /\/(bview|updates|rib)\.[0-9][0-9.]*[0-9]\.bz2$/ { want("mrt", "bzip2"); next }
	$2 ~ /^social\/tweets\.json$/ { want("json", "-"); next }
	$2 ~ /^atlas\/.*\.jsonl$/ { want("json", "-"); next }
	$2 ~ /^news\/[a-z0-9-]+\.xml$/ { want("xml", "-"); next }
	$2 ~ /^probes\/[a-z0-9-]+\/ping-[0-9.]+\.log$/ { want("text", "-"); next }
	$2 ~ /^claims\/claims\.csv$/ { want("text", "-"); next }
	{ if (bad++ < 20) print "FAIL: unexpected member " $1 "!" $2 }
	END {
		if (seen["mrt"] < 2000 || !seen["json"] || !seen["xml"] ||
		    !seen["text"]) {
			print "FAIL: too few members of some type"
			bad = 1
		}
		printf "mrt %d json %d xml %d text %d\n", seen["mrt"],
		    seen["json"], seen["xml"], seen["text"]
		exit bad > 0
	}' "$TMP/inspect" || fail "member types"

# And the shipped rules read them: no malformed record, no unmatched line,
# no member skipped but the claims CSV (no rule reads a CSV yet).
for a in "$TMP"/*.tar.gz "$TMP"/*.zip; do
	st=0
	"$BLACKOUT" ingest "$a" -o /dev/null 2>"$TMP/ingest.err" || st=$?
	# 1 is "completed with warnings": the CSV's, checked below.
	[ "$st" -le 1 ] || { cat "$TMP/ingest.err"; fail "ingest of $a: $st"; }
	grep -q ' 0 failed; .*(0 malformed, skipped); 0 unmatched lines; .* 0 errors$' \
	    "$TMP/ingest.err" || { cat "$TMP/ingest.err"; fail "ingest of $a"; }
	if grep ': warning: ' "$TMP/ingest.err" | grep -v 'claims/claims.csv: skipped' |
	    grep -q .; then
		cat "$TMP/ingest.err"
		fail "ingest warned about $a"
	fi
done
