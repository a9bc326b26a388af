#!/bin/sh
# Every shipped rule loads and its embedded samples pass; a sample that
# is made wrong on purpose must fail, so the check cannot pass vacuously.
. "$top_srcdir/tests/lib.sh"

"$BLACKOUT" rules check "$top_srcdir/rules" || fail "rules check"
"$BLACKOUT" rules test "$top_srcdir/rules" >"$TMP/out" 2>"$TMP/err" ||
	{ cat "$TMP/err"; fail "rules test over rules/"; }
n=$(ls "$top_srcdir"/rules/*.yaml | wc -l)
[ "$(grep -c ', ok$' "$TMP/out")" -eq "$n" ] || fail "not every rule ran"

# a wrong expectation is caught
sed 's/rtt_ms: "0.041"/rtt_ms: "9.999"/' "$top_srcdir/rules/iputils-ping.yaml" \
	>"$TMP/bad.yaml"
if "$BLACKOUT" rules test "$TMP/bad.yaml" 2>"$TMP/err2"; then
	fail "a wrong sample passed"
fi
grep -q "bad.yaml:[0-9]*:[0-9]*: event 1: attrs.rtt_ms is '0.041', expected '9.999'" \
	"$TMP/err2" || { cat "$TMP/err2"; fail "mismatch not reported"; }
