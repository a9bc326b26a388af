#!/bin/sh
# The binary finds the rules that belong to it without $BLACKOUT_RULES (from
# the build tree, and from PREFIX/share/blackout/rules once installed
# anywhere) and says on stderr which directory it loaded, or that it loaded
# none.
. "$top_srcdir/tests/lib.sh"
unset BLACKOUT_RULES
arch=$top_builddir/samples/nk-2014/nk-2014.tar.gz
[ -f "$arch" ] || skip "sample archive not built"
# the case beside its archive (built apart from the sources by distcheck)
cp "$top_srcdir/samples/nk-2014/case.yaml" "$arch" "$TMP/"
case_file=$TMP/case.yaml

# From the build tree: the rules of the source tree, and claims are read.
run_rc "$BLACKOUT" timeline --case "$case_file" -f json > "$TMP/t.json" \
    2> "$TMP/err"
[ "$rc" -le 1 ] || fail "timeline exit $rc: $(cat "$TMP/err")"
grep -q "rules loaded from .*/rules$" "$TMP/err" ||
	fail "no word of the rules loaded: $(head -3 "$TMP/err")"
n=$(jq '.claims | length' "$TMP/t.json")
[ "$n" -gt 2 ] || fail "only $n claims read with the build tree's rules"

# Nothing loaded is said, not silent.
run_rc "$BLACKOUT" inspect --no-default-rules "$case_file" > /dev/null \
    2> "$TMP/err"
grep -q "no rules loaded" "$TMP/err" || fail "no rules, no word"
# -q keeps stderr for what matters.
"$BLACKOUT" inspect -q "$top_srcdir/rules" > /dev/null 2> "$TMP/err"
[ ! -s "$TMP/err" ] || fail "-q printed: $(cat "$TMP/err")"

# An installed layout under any prefix: PREFIX/bin/blackout finds
# PREFIX/share/blackout/rules.
mkdir -p "$TMP/p/bin" "$TMP/p/share/blackout"
cp "$BLACKOUT" "$TMP/p/bin/blackout"
cp -R "$top_srcdir/rules" "$TMP/p/share/blackout/rules"
(cd "$TMP" && "$TMP/p/bin/blackout" rules list) > "$TMP/list" 2> "$TMP/err"
grep -q "^iputils-ping " "$TMP/list" || fail "installed: rules not found"
run_rc "$TMP/p/bin/blackout" inspect "$top_srcdir/rules" > /dev/null \
    2> "$TMP/err"
grep -q "rules loaded from $TMP/p/share/blackout/rules$" "$TMP/err" ||
	fail "installed: $(cat "$TMP/err")"
# A binary with no rules anywhere near says so.
mkdir -p "$TMP/q/bin"
cp "$BLACKOUT" "$TMP/q/bin/blackout"
run_rc "$TMP/q/bin/blackout" inspect "$top_srcdir/rules" > /dev/null \
    2> "$TMP/err"
grep -q "no rules loaded" "$TMP/err" || fail "lone binary: $(cat "$TMP/err")"
echo "ok"
