#!/bin/sh
# Differential test on real ping output (Linux iputils, FreeBSD, macOS,
# busybox) from ../shared/data/probe-text/jc: for every ping log, the
# replies and timeouts our rules find must equal those jc's own parser
# found (its JSON sits beside each log), and with -D the reply times must
# be jc's timestamps to the microsecond.
. "$top_srcdir/tests/lib.sh"
need_data probe-text/jc
jc=$SHARED_DATA/probe-text/jc
n=0
for out in "$jc"/*/ping*.out; do
	json=${out%.out}.json
	[ -f "$json" ] || continue
	"$BLACKOUT" ingest -q --no-default-rules -R "$top_srcdir/rules" "$out" \
	    >"$TMP/ev" || fail "ingest $out"
	for t in reply timeout; do
		want=$(grep -o "\"type\": *\"$t\"" "$json" | wc -l)
		got=$(grep -c "\"kind\":\"probe.$t\"" "$TMP/ev" || :)
		[ "$want" -eq "$got" ] ||
			fail "$out: $got probe.$t events, jc found $want"
	done
	case $out in
	*-D*)
		# jc's timestamps as µs, in order, against ours
		# (jc prints floats, so 1594978481.11558 lost its last zero)
		tr ',' '\n' <"$json" |
		    sed -n 's/.*"timestamp": *\([0-9]*\.[0-9]*\).*/\1/p' |
		    awk -F. '{ print $1 substr($2 "000000", 1, 6) }' >"$TMP/want"
		grep '"kind":"probe.\(reply\|timeout\)"' "$TMP/ev" |
		    sed 's/.*"time_us":\([0-9]*\).*"line":\([0-9]*\).*/\2 \1/' |
		    sort -n | cut -d' ' -f2 >"$TMP/got"
		cmp -s "$TMP/want" "$TMP/got" || {
			diff "$TMP/want" "$TMP/got" | head
			fail "$out: -D timestamps differ from jc's"
		}
		;;
	esac
	n=$((n + 1))
done
[ "$n" -ge 60 ] || fail "only $n ping logs compared"
echo "compared $n ping logs with jc"

# Without timestamps the member's mtime gives the day, and says so.
cp "$jc/freebsd12/ping-ip.out" "$TMP/ping.out"
touch -d 2014-12-22T16:00:00Z "$TMP/ping.out"
"$BLACKOUT" ingest -q --no-default-rules -R "$top_srcdir/rules" "$TMP/ping.out" \
    >"$TMP/ev2"
grep -q '"time":"2014-12-22T00:00:00Z".*"precision":"day".*"time_from":"member-mtime"' \
    "$TMP/ev2" || fail "mtime fallback"
