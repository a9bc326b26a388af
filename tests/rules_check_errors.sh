#!/bin/sh
# `blackout rules check` reports every error as file:line:column and
# exits non-zero; a good rule passes.
. "$top_srcdir/tests/lib.sh"

good() {
	cat <<'X'
schema: 1
id: t
version: "1"
title: test rule
source: { type: probe, format: lines, paths: ["*t*"] }
patterns:
  - name: p
    regex: '^x (?<v>\d+)$'
    emit: { kind: test.x, attrs: { v: "${v}" }, role: context }
samples:
  - input: "x 1\n"
    events: [ { kind: test.x, attrs: { v: "1" } } ]
X
}
good >"$TMP/good.yaml"
"$BLACKOUT" rules check "$TMP/good.yaml" 2>"$TMP/err" || { cat "$TMP/err"; fail "good rule refused"; }
"$BLACKOUT" rules test "$TMP/good.yaml" >/dev/null 2>&1 || fail "good rule's sample"

# check FILE SED EXPECTED-MESSAGE
check() {
	good | sed "$2" >"$TMP/$1.yaml"
	if "$BLACKOUT" rules check "$TMP/$1.yaml" 2>"$TMP/err"; then
		fail "$1: accepted"
	fi
	grep -qF "$TMP/$1.yaml:$3" "$TMP/err" || { cat "$TMP/err"; fail "$1: expected '$3'"; }
}
# the PCRE2 offset lands on the column of the bad bracket
check badre 's/(?<v>\\d+)\$/(?<v>\\d+$/' "8:25: regex: pattern error at offset 12: missing closing parenthesis"
check badkey 's/^title:/titel:/' "4:1: rule: unknown key 'titel'"
check schema 's/^schema: 1/schema: 2/' "1:9: schema 2 is not supported"
check badvar 's/"\${v}"/"${w}"/' "9:39: template \${w}: no capture, path field or builtin is named 'w'"
check badfmt 's/^patterns:/time: { value: "${v}", format: "%Y-%q" }\npatterns:/' "6:32: time format '%Y-%q': unknown or unsupported % conversion"
check nosamples '/^samples:/,$d' "1:1: rule t: 'samples' must be a non-empty list"
check yaml 's/^title: test rule/title: [unclosed/' "5:7: YAML: did not find expected ',' or ']'"
check badframe 's/format: lines/format: html/' "5:32: format 'html': use lines, json, xml or csv"
check dupattr 's/attrs: { v: "\${v}" }/attrs: { v: "${v}", v: "x" }/' "9:47: attrs: key 'v' given twice"
check badclass 's/kind: test.x,/kind: test.x, class: rumour,/' "9:34: class must be signal"
# the role contract (blackout-rules(5), ROLES)
check norole 's/, role: context//' "9:11: emit needs a role"
check badrole 's/role: context/role: rumour/' "9:55: role must be route, session"
check needs 's/role: context/role: host_state/' "9:55: role host_state needs collector (text)"
check needsattr 's/role: context/role: host_state, collector: c, host: h/' "9:55: role host_state needs attrs.up"
check needsone 's/attrs: { v: "\${v}" }, role: context/attrs: { v: "${v}", down: "true" }, role: outage_signal, collector: c/' "9:69: role outage_signal needs one of country, asn, prefix, host, target"
check badtype 's/attrs: { v: "\${v}" }, role: context/attrs: { v: "${v}", up: "maybe" }, role: host_state, collector: c, host: h/' "9:51: role host_state: up must be a boolean"
check roleclass 's/role: context/role: claim, class: signal, text: t/' "9:55: role claim makes claim events, not signal"

# every error in a file is reported, not just the first
good | sed -e 's/^titel:/title:/' -e 's/format: lines/format: html/' -e 's/^version: "1"/version: [/' \
    >"$TMP/two.yaml"
"$BLACKOUT" rules check "$TMP/two.yaml" 2>"$TMP/err" && fail "two: accepted"
good | sed -e 's/class: x//' -e "s/regex: '^x/regex: '(^x/" -e 's/kind: test.x,/kind: test.x, class: rumour,/' \
    >"$TMP/two.yaml"
"$BLACKOUT" rules check "$TMP/two.yaml" 2>"$TMP/err" && fail "two: accepted"
[ "$(grep -c "two.yaml:[0-9]*:[0-9]*: " "$TMP/err")" -ge 2 ] || { cat "$TMP/err"; fail "only one error reported"; }

# duplicate ids across files
good >"$TMP/dup1.yaml"
good >"$TMP/dup2.yaml"
"$BLACKOUT" rules check "$TMP/dup1.yaml" "$TMP/dup2.yaml" 2>"$TMP/err" && fail "duplicate id accepted"
grep -q "dup2.yaml:1:1: rule id 't' already loaded from $TMP/dup1.yaml" "$TMP/err" || { cat "$TMP/err"; fail "dup message"; }
# a rule whose events all stay context is legal, and warned about
"$BLACKOUT" rules check "$TMP/good.yaml" 2>"$TMP/err" || fail "context rule refused"
grep -q "good.yaml:1:1: rule t: none of its events reach the correlator" "$TMP/err" ||
    { cat "$TMP/err"; fail "no warning for a rule the correlator never sees"; }
good | sed 's/role: context/role: reachability, collector: c, host: 192.0.2.1, attrs: { reached: "true" }/' |
    sed 's/attrs: { v: "\${v}" }, //' >"$TMP/reach.yaml"
"$BLACKOUT" rules check "$TMP/reach.yaml" 2>"$TMP/err" || { cat "$TMP/err"; fail "reachability rule refused"; }
grep -q "reach the correlator" "$TMP/err" && fail "warned about a rule the correlator reads"
# what the data gives is checked too: a value its role cannot read keeps
# the event, as context, with a warning naming the line
good | sed -e "s/regex: '^x (?<v>\\\\d+)\$'/regex: '^x (?<v>\\\\w+)\$'/" \
    -e 's/attrs: { v: "\${v}" }, role: context/role: reachability, collector: c, host: 192.0.2.1, attrs: { reached: "${v}" }/' \
    -e 's/x 1/x true/' -e 's/events: \[ { kind: test.x, attrs: { v: "1" } } \]/events: [ { kind: test.x, role: reachability } ]/' \
    >"$TMP/typed.yaml"
"$BLACKOUT" rules test "$TMP/typed.yaml" >/dev/null 2>&1 || { "$BLACKOUT" rules test "$TMP/typed.yaml"; fail "typed rule's sample"; }
printf 'x true\nx maybe\n' >"$TMP/t.log"
"$BLACKOUT" ingest --no-default-rules -R "$TMP/typed.yaml" "$TMP/t.log" >"$TMP/ev" 2>"$TMP/err" || :
grep -q 't.log:2: rule t: a reachability event has a bad value for reached; kept as context' "$TMP/err" ||
    { cat "$TMP/err"; fail "no warning for a value of the wrong type"; }
[ "$(grep -c '"role":"reachability".*"reached":"true"' "$TMP/ev")" -eq 1 ] || { cat "$TMP/ev"; fail "good value"; }
[ "$(grep -c '"role":"context".*"reached":"maybe"' "$TMP/ev")" -eq 1 ] || { cat "$TMP/ev"; fail "bad value kept as context"; }

# the worked example of blackout-rules(5) runs as written
man5="$top_srcdir/doc/blackout-rules.5"
sed -n '/^Save this as/,/^\.Ed/p' "$man5" | sed -e '1,/^\.Bd/d' -e '/^\.Ed/d' \
    -e 's/\\e/\\/g' >"$TMP/my-probe.yaml"
"$BLACKOUT" rules check "$TMP/my-probe.yaml" 2>"$TMP/err" || { cat "$TMP/err"; fail "man page example refused"; }
"$BLACKOUT" rules test "$TMP/my-probe.yaml" >/dev/null 2>&1 || fail "man page example's sample"
sed '/^      attrs: { reached: "false" }$/d' "$TMP/my-probe.yaml" >"$TMP/mp-bad.yaml"
"$BLACKOUT" rules check "$TMP/mp-bad.yaml" 2>"$TMP/err" && fail "man page bad example accepted"
want=$(sed -n 's/^\.Dl my-probe.yaml:\([0-9]*:[0-9]*: .*\)/\1/p' "$man5")
grep -qF "mp-bad.yaml:$want" "$TMP/err" || { cat "$TMP/err"; fail "man page says '$want'"; }
echo "rules check: all errors placed"
