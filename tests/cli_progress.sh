#!/bin/sh
# Progress on a terminal for every command that reads evidence, never in a
# pipe or with -q; -v shows warnings once; -q never hides why a run failed.
. "$top_srcdir/tests/lib.sh"
need_data mrt/ripe-bgpdump
command -v script > /dev/null || skip "script(1) not installed"
f=$SHARED_DATA/mrt/ripe-bgpdump/updates.et-header.2015.gz
# The line appears after BLACKOUT_PROGRESS_DELAY seconds (1 by default):
# 0 here, so a short run on a fast machine still shows it.
BLACKOUT_PROGRESS_DELAY=0
export BLACKOUT_PROGRESS_DELAY
unset CI || :

# A pseudo-terminal: script(1) runs the command with stderr on a tty.
on_tty() {
	script -qec "$*" /dev/null > "$TMP/tty" 2>&1 < /dev/null || :
	tr '\r' '\n' < "$TMP/tty"
}
for cmd in "timeline --target AS131279 --collector rrc00=$f -o $TMP/o" \
    "report --target AS131279 --collector rrc00=$f -o $TMP/o.html" \
    "mrt dump -m $f -o $TMP/o" "mrt events $f -o $TMP/o" \
    "ingest --no-default-rules $f -o $TMP/o"; do
	on_tty "$BLACKOUT" $cmd > "$TMP/lines"
	grep -q "MB/s" "$TMP/lines" || fail "no progress: blackout ${cmd%% *}"
	case $cmd in
	timeline*|report*)
		# the phases after reading are said too
		grep -q "all read; merging and correlating" "$TMP/lines" ||
			fail "${cmd%% *}: no correlation phase"
		grep -q ": rendering" "$TMP/lines" ||
			fail "${cmd%% *}: no rendering phase";;
	esac
	on_tty "$BLACKOUT" $cmd -q > "$TMP/lines"
	! grep -q "MB/s" "$TMP/lines" || fail "progress with -q: ${cmd%% *}"
	# not a terminal: nothing but plain lines
	"$BLACKOUT" $cmd 2> "$TMP/err" > /dev/null || :
	! grep -q "$(printf '\r')" "$TMP/err" || fail "progress in a pipe: ${cmd%% *}"
done

# -v: threads' warnings as they come, each once, the summary unchanged.
arch=$top_builddir/samples/nk-2014/nk-2014.tar.gz
if [ -f "$arch" ]; then
	"$BLACKOUT" timeline -j2 --no-default-rules --target AS131279 "$arch" \
	    -o /dev/null 2> "$TMP/plain" || :
	"$BLACKOUT" timeline -v -j2 --no-default-rules --target AS131279 \
	    "$arch" -o /dev/null 2> "$TMP/verbose" || :
	a=$(grep -c "skipped: no decoder" "$TMP/plain")
	b=$(grep -c "skipped: no decoder" "$TMP/verbose")
	[ "$a" -gt 0 ] && [ "$a" -eq "$b" ] || fail "-v: $b warnings, want $a"
	[ "$(grep summary: "$TMP/plain")" = "$(grep summary: "$TMP/verbose")" ] ||
		fail "-v changed the summary"
fi

# -q silences summaries, never the message that explains a fatal error.
printf 'title: t\ntargets: [AS1]\ninputs: [x]\n\ntreshold: 3\n' > "$TMP/case.yaml"
for cmd in timeline report; do
	run_rc "$BLACKOUT" $cmd -q --case "$TMP/case.yaml" > /dev/null 2> "$TMP/err"
	[ "$rc" -eq 2 ] || fail "$cmd -q bad case: exit $rc"
	grep -q "case.yaml:5:1: unknown key 'treshold'" "$TMP/err" ||
		fail "$cmd -q hid the case error: $(cat "$TMP/err")"
done
printf 'id: x\nbogus: 1\n' > "$TMP/bad.yaml"
run_rc "$BLACKOUT" ingest -q -R "$TMP/bad.yaml" "$f" > /dev/null 2> "$TMP/err"
[ "$rc" -eq 2 ] || fail "ingest -q bad rule: exit $rc"
grep -q "bad.yaml:" "$TMP/err" || fail "-q hid the rule error: $(cat "$TMP/err")"
echo ok
