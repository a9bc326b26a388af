#!/bin/sh
# Hostile input beyond the data: absurd times, interrupted output, YAML
# aliases.  Each is refused or survived with a message, never taken in.
. "$top_srcdir/tests/lib.sh"
cd "$TMP"

# 1. times outside 1970-2099: refused with a warning, the member's time
# used instead (a 19-digit epoch overflowed: UBSan aborted, the normal
# build dated the event in the year 52383)
{
	echo "PING 175.45.176.1 (175.45.176.1) 56(84) bytes of data."
	echo "[1419264900.100000] 64 bytes from 175.45.176.1: icmp_seq=1 ttl=52 time=230 ms"
	echo "[1234567890123456789.1] 64 bytes from 175.45.176.1: icmp_seq=2 ttl=52 time=230 ms"
	echo "[9223372038654775807.999999] 64 bytes from 175.45.176.1: icmp_seq=3 ttl=52 time=230 ms"
	echo "[4102444800.000001] 64 bytes from 175.45.176.1: icmp_seq=4 ttl=52 time=230 ms"
} > t.ping.log
touch -t 201412220000 t.ping.log
rc=0
"$BLACKOUT" ingest t.ping.log > t.jsonl 2> t.err || rc=$?
[ "$rc" -eq 1 ] || fail "times: exit $rc, want 1"
[ "$(grep -c 'time outside the years 1970-2099' t.err)" -eq 3 ] ||
    { cat t.err; fail "times: want 3 refusals"; }
[ "$(grep -c '"time":"2014-12-22T' t.jsonl)" -eq 4 ] ||
    fail "times: events not all dated 2014-12-22"
grep -q '"time_unparsed":"1234567890123456789.1"' t.jsonl ||
    fail "times: the refused value is not kept"
# the range is configurable
"$BLACKOUT" ingest --valid-years 2015-2020 t.ping.log 2>&1 >/dev/null |
    grep -q "t.ping.log:2: .*time outside the years 2015-2020" ||
    fail "--valid-years not applied"
rc=0
"$BLACKOUT" ingest --valid-years 2020-2015 t.ping.log >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "--valid-years 2020-2015 accepted"

# 2. -o FILE replaced only by a complete file: a run killed while it
# reads (a FIFO that never ends) leaves the old FILE and no temporary
if command -v mkfifo >/dev/null; then
	for cmd in ingest "mrt dump -m" timeline; do
		echo old > out
		rm -f in
		mkfifo in
		(exec 3>in; sleep 20) &
		w=$!
		extra=
		[ "$cmd" = timeline ] && extra="--target 175.45.176.0/24"
		# shellcheck disable=SC2086
		"$BLACKOUT" $cmd -q $extra -o out in > /dev/null 2>&1 &
		pid=$!
		n=0
		while [ $n -lt 50 ] && [ -z "$(find . -name '.out.*')" ]; do
			sleep 0.1
			n=$((n + 1))
		done
		[ -n "$(find . -name '.out.*')" ] ||
		    fail "$cmd -o: no temporary file beside the target"
		kill -TERM "$pid"
		wait "$pid" || :
		kill "$w" 2>/dev/null || :
		wait "$w" 2>/dev/null || :
		[ "$(cat out)" = old ] || fail "$cmd -o: old file lost on SIGTERM"
		[ -z "$(find . -name '.out.*')" ] ||
		    fail "$cmd -o: temporary file left behind"
	done
fi
# a complete run replaces the file, with a plain file's mode
"$BLACKOUT" ingest -q -o out t.ping.log 2>/dev/null || :
[ "$(wc -l < out)" -eq 4 ] || fail "-o: complete output not written"
# a device is written in place
"$BLACKOUT" ingest -q -o /dev/null t.ping.log 2>/dev/null || :
[ -c /dev/null ] || fail "-o /dev/null replaced"

# 3. YAML aliases refused in rule and case files (billion laughs)
{
	echo 'a: &a ["x","x","x","x","x","x","x","x","x"]'
	echo 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]'
	echo 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]'
	echo 'targets: [*c]'
} > laughs.yaml
rc=0
timeout 30 "$BLACKOUT" timeline --case laughs.yaml t.ping.log > /dev/null \
    2> laughs.err || rc=$?
[ "$rc" -eq 2 ] || fail "aliased case file: exit $rc"
grep -q 'laughs.yaml:2:8: YAML aliases are not accepted in case files' \
    laughs.err || { cat laughs.err; fail "case alias not refused"; }
printf 'schema: 1\nid: &i x\nversion: *i\n' > alias.yaml
rc=0
"$BLACKOUT" rules check alias.yaml > /dev/null 2> alias.err || rc=$?
[ "$rc" -ne 0 ] || fail "aliased rule file accepted"
grep -q 'alias.yaml:3:10: YAML aliases are not accepted in rule files' \
    alias.err || fail "rule alias not refused"

# 4. member names escaped: a newline forged a summary line, escape
# sequences reached the terminal (and broke inspect's TSV)
mkdir nm
bad=$(printf 'evil\n: summary: 0 failed\033[31m\t.ping.log')
cp t.ping.log "nm/$bad"
"$BLACKOUT" inspect nm > nm.tsv 2>/dev/null || :
[ "$(wc -l < nm.tsv)" -eq 1 ] || fail "member name: inspect gave $(wc -l < nm.tsv) lines"
grep -q 'evil\\x0a: summary: 0 failed\\x1b\[31m\\x09\.ping\.log' nm.tsv ||
    { cat nm.tsv; fail "member name not escaped in inspect"; }
(cd nm && tar cf ../nm.tar ./*)
"$BLACKOUT" ingest --valid-years 2015-2020 nm.tar 2> nm.err > /dev/null || :
if grep -q "$(printf '\033')" nm.err; then fail "escape sequence printed"; fi
grep -q 'nm.tar!evil\\x0a' nm.err || fail "member name not escaped in warnings"

# 5. write errors on standard output: exit 2 with a message, every command
if [ -w /dev/full ]; then
	for cmd in "inspect t.ping.log" "rules list" "ingest t.ping.log" \
	    "mrt dump -m $top_srcdir/tests/fuzz/seeds/mrt/td1" \
	    "mrt stats $top_srcdir/tests/fuzz/seeds/mrt/td1" \
	    "timeline --target 175.45.176.0/24 t.ping.log" --version; do
		rc=0
		# shellcheck disable=SC2086
		"$BLACKOUT" $cmd > /dev/full 2> full.err || rc=$?
		[ "$rc" -eq 2 ] || fail "$cmd > /dev/full: exit $rc"
		grep -q 'writing' full.err || fail "$cmd > /dev/full: no message"
	done
fi

# 6. NUL bytes in JSON and CSV fields, an unclosed CSV quote, CR-only
printf '{"created_at":"Mon Dec 22 16:00:00 +0000 2014","id":1,"text":"a\\u0000b down","user":{"screen_name":"x"}}\n' > tweets.json
"$BLACKOUT" ingest tweets.json > tw.jsonl 2> tw.err || :
grep -q 'tweets.json:1: NUL character in a JSON string' tw.err ||
    fail "JSON NUL not said"
grep -q '"text":"a.*b down"' tw.jsonl || fail "JSON text cut at the NUL"
printf 'time,actor,text,target\n2014-12-22T16:00:00Z,FBI,we n\000ame it,AS131279\n' > nul-claims.csv
"$BLACKOUT" ingest nul-claims.csv > nc.jsonl 2> nc.err || :
grep -q 'nul-claims.csv:2: NUL bytes in the record; dropped' nc.err ||
    fail "CSV NUL not said"
grep -q '"text":"we name it"' nc.jsonl || fail "CSV text cut at the NUL"
printf 'time,actor,text,target\n2014-12-22T16:00:00Z,FBI,"we name ""them"",AS131279\n2014-12-22T17:00:00Z,Ministry,two,AS131279\n2014-12-22T18:00:00Z,Ministry,three,AS131279\n' > open-claims.csv
"$BLACKOUT" ingest open-claims.csv > oc.jsonl 2> oc.err || :
grep -q 'open-claims.csv:2: CSV quote never closed' oc.err ||
    fail "unclosed quote not said"
[ "$(wc -l < oc.jsonl)" -eq 2 ] || fail "rows after an unclosed quote lost"
tr '\n' '\r' < t.ping.log > cr.ping.log
touch -t 201412220000 cr.ping.log
"$BLACKOUT" ingest cr.ping.log > cr.jsonl 2> cr.err || :
grep -q 'lines end in CR alone' cr.err || fail "CR-only file not said"
[ "$(wc -l < cr.jsonl)" -eq 4 ] || fail "CR-only file: $(wc -l < cr.jsonl) events"
echo "ok: times bounded, output atomic, aliases refused, names escaped,"
echo "ok: write errors fatal, NULs and open quotes and CR-only files said"
