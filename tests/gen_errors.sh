#!/bin/sh
# A bad scenario is refused with its file, line and column and exit status
# 65 (EX_DATAERR), and nothing is written; a typo never yields another case.
. "$top_srcdir/tests/lib.sh"
GEN=$top_builddir/tests/gen/bo-gen
base=$top_srcdir/tests/fuzz/seeds/scenario/small.yaml

# refuse NAME SED-EXPRESSION EXPECTED-MESSAGE-REGEX
refuse() {
	sed "$2" "$base" >"$TMP/$1.yaml"
	cmp -s "$base" "$TMP/$1.yaml" && fail "$1: the edit changed nothing"
	st=0
	"$GEN" "$TMP/$1.yaml" "$TMP/$1.out" 2>"$TMP/$1.err" || st=$?
	[ "$st" -eq 65 ] || fail "$1: exit status $st, expected 65"
	grep -Eq "$3" "$TMP/$1.err" || {
		cat "$TMP/$1.err"
		fail "$1: message does not match '$3'"
	}
	[ ! -e "$TMP/$1.out" ] || fail "$1: output written anyway"
}

"$GEN" "$base" "$TMP/ok" || fail "the base scenario is refused"
refuse typo 's/churn_per_hour/churn_per_hours/' \
	"$TMP/typo.yaml:4:[0-9]+: background: unknown key 'churn_per_hours'"
refuse badtime 's/"2021-03-10T03:00:00Z"/"2021-03-10T25:00:00Z"/' \
	"badtime.yaml:12:[0-9]+: 'from': expected a UTC time"
refuse badprefix 's|198.18.8.0/24, 198.18.9.0/24\]|198.18.8.1/24, 198.18.9.0/24]|' \
	'badprefix.yaml:9:[0-9]+: prefix has host bits set'
refuse notarget 's|prefixes: \[198.18.9.0/24\], upstreams|prefixes: [198.18.7.0/24], upstreams|' \
	"notarget.yaml:12:[0-9]+: not a prefix of target 't'"
refuse nopeer 's/peer: 193.0.0.56/peer: 193.0.0.57/' \
	'nopeer.yaml:13:[0-9]+: no such peer'
refuse yaml 's/^window: {/window: {{/' 'yaml.yaml:[0-9]+:[0-9]+: '
refuse flapstorm 's/down: 30s, up: 5m/down: 10s, up: 10s/;s/"2021-03-10T02:00:00Z"/"2021-03-10T23:00:00Z"/' \
	'flapstorm.yaml:11:[0-9]+: flap: more than 5000 cycles'
refuse feed 's/feed: f,/feed: g,/' "feed.yaml:[0-9]+:[0-9]+: unknown feed"
refuse screen 's/actor: "@x"/actor: "x"/' 'tweet actor: @screen_name'
st=0
"$GEN" "$TMP/absent.yaml" "$TMP/x" 2>"$TMP/absent.err" || st=$?
[ "$st" -eq 65 ] && grep -q 'absent.yaml: No such file' "$TMP/absent.err" ||
	fail "a missing scenario file"
st=0
"$GEN" "$base" 2>/dev/null || st=$?
[ "$st" -eq 64 ] || fail "usage error: exit status $st, expected 64"
