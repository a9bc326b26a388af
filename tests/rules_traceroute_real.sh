#!/bin/sh
# Differential test on real traceroute and tracepath output from
# ../shared/data/probe-text/jc: every hop jc's parser found must come out
# of our rules as a probe.hop or probe.hop_timeout with that hop number.
. "$top_srcdir/tests/lib.sh"
need_data probe-text/jc
jc=$SHARED_DATA/probe-text/jc
n=0
for out in "$jc"/*/traceroute*.out "$jc"/*/tracepath*.out; do
	json=${out%.out}.json
	[ -f "$json" ] || continue
	rc=0
	"$BLACKOUT" ingest -q --no-default-rules -R "$top_srcdir/rules" "$out" \
	    >"$TMP/ev" 2>"$TMP/err" || rc=$?
	# a traceroute without its header names no destination: its hops
	# are kept as context, with a warning (blackout-rules(5), ROLES)
	if [ "$rc" -eq 1 ] && ! grep -q '^tracer' "$out" &&
	    ! grep -v 'lacked what their role needs\|no value for host' \
	    "$TMP/err" | grep -q warning; then
		rc=0
	fi
	[ "$rc" -eq 0 ] || { cat "$TMP/err"; fail "ingest $out"; }
	case $out in
	*tracepath*)
		# tracepath's "guess" rows are its [LOCALHOST] line
		grep -o '"ttl": *[0-9]*, *"guess": *false' "$json" |
		    sed 's/^"ttl": *\([0-9]*\).*/\1/' | sort -un >"$TMP/want" ;;
	*)
		tr ',{' '\n\n' <"$json" |
		    sed -n 's/^ *"hop": *\([0-9]*\)$/\1/p' |
		    sort -un >"$TMP/want" ;;
	esac
	sed -n 's/.*"kind":"probe.hop\(_timeout\)\{0,1\}".*"hop":"\([0-9]*\)".*/\2/p' \
	    "$TMP/ev" | sort -un >"$TMP/got"
	[ -s "$TMP/want" ] || fail "$json: no hops read from jc's JSON"
	cmp -s "$TMP/want" "$TMP/got" || {
		diff "$TMP/want" "$TMP/got" | head
		fail "$out: hops differ from jc's"
	}
	n=$((n + 1))
done
[ "$n" -ge 20 ] || fail "only $n traceroutes compared"
echo "compared $n traceroute/tracepath logs with jc"
