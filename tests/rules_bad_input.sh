#!/bin/sh
# Bad input through the rules: each problem is a warning naming member
# and line, is counted, and the run goes on to read what follows.
. "$top_srcdir/tests/lib.sh"
R="--no-default-rules -R $top_srcdir/rules"
ing() { "$BLACKOUT" ingest $R "$@"; }

ping_head='PING 10.1.1.1 (10.1.1.1) 56(84) bytes of data.'
reply() { echo "[1419264900.00000$1] 64 bytes from 10.1.1.1: icmp_seq=$1 ttl=57 time=2.1 ms"; }

# invalid UTF-8: warned, the line still read
{ echo "$ping_head"; printf '64 bytes from 10.1.1.1: icmp_seq=1 ttl=57 time=2.1 ms \377\376\n'; reply 2; } \
    >"$TMP/utf8-ping.out"
ing "$TMP/utf8-ping.out" >"$TMP/ev" 2>"$TMP/err" && fail "no warning for bad UTF-8"
grep -q 'utf8-ping.out:2: invalid UTF-8 at column 55' "$TMP/err" || { cat "$TMP/err"; fail "UTF-8 message"; }
[ "$(grep -c probe.reply "$TMP/ev")" -eq 2 ] || fail "UTF-8 line lost"

# a NUL byte: the line is skipped and counted, the rest is read
{ echo "$ping_head"; printf '64 bytes from 10.1.1.1: icmp_seq=1\000 ttl=57 time=2.1 ms\n'; reply 2; } \
    >"$TMP/nul-ping.out"
ing "$TMP/nul-ping.out" >"$TMP/ev" 2>"$TMP/err" && fail "no warning for NUL"
grep -q 'nul-ping.out:2: NUL byte at column 35; line skipped' "$TMP/err" || { cat "$TMP/err"; fail "NUL message"; }
grep -q '(1 malformed, skipped)' "$TMP/err" || fail "NUL not counted"
grep -q '"seq":"2"' "$TMP/ev" || fail "line after NUL lost"

# a 10 MB line
{ echo "$ping_head"; reply 1; head -c 10485760 /dev/zero | tr '\0' 'x'; echo; reply 3; } \
    >"$TMP/long-ping.out"
ing "$TMP/long-ping.out" >"$TMP/ev" 2>"$TMP/err" && fail "no warning for 10 MB line"
grep -q 'long-ping.out:3: line longer than 1048576 bytes; skipped' "$TMP/err" || { cat "$TMP/err"; fail "long line message"; }
[ "$(grep -c probe.reply "$TMP/ev")" -eq 2 ] || fail "lines around the long one lost"

# a truncated JSON document at the end of an Atlas file
a='{"af":4,"avg":42.3,"dst_addr":"194.88.241.228","fw":4720,"max":42.4,"min":42.2,"msm_id":2882184,"prb_id":11421,"rcvd":3,"sent":3,"timestamp":1446146495,"type":"ping"}'
mkdir -p "$TMP/atlas"
{ echo "$a"; echo "$a" | head -c 60; } >"$TMP/atlas/cut.jsonl"
ing "$TMP/atlas/cut.jsonl" >"$TMP/ev" 2>"$TMP/err" && fail "no warning for truncated JSON"
grep -q 'cut.jsonl:2: truncated JSON document' "$TMP/err" || { cat "$TMP/err"; fail "truncated JSON message"; }
[ "$(grep -c probe.summary "$TMP/ev")" -eq 1 ] || fail "whole JSON line before the cut lost"

# a malformed JSON line in the middle: skipped, the next one read
{ echo "$a"; echo '{"prb_id": 1, "type": "ping", oops}'; echo "$a"; } >"$TMP/atlas/mid.jsonl"
ing "$TMP/atlas/mid.jsonl" >"$TMP/ev" 2>"$TMP/err" && fail "no warning for bad JSON line"
grep -q 'mid.jsonl:2: malformed JSON' "$TMP/err" || { cat "$TMP/err"; fail "malformed JSON message"; }
[ "$(grep -c probe.summary "$TMP/ev")" -eq 2 ] || fail "JSON lines around the bad one lost"

# an unparsable time: warned, the event kept at the member's time
echo "$a" | sed 's/"timestamp":1446146495/"timestamp":"yesterday"/' >"$TMP/atlas/t.jsonl"
touch -d 2015-10-29T13:00:00Z "$TMP/atlas/t.jsonl"
ing "$TMP/atlas/t.jsonl" >"$TMP/ev" 2>"$TMP/err" && fail "no warning for bad time"
grep -q "t.jsonl:1: rule ripe-atlas: unparsable time 'yesterday' (as epoch); using the member-mtime time" \
    "$TMP/err" || { cat "$TMP/err"; fail "bad time message"; }
grep -q '"time":"2015-10-29T00:00:00Z".*"precision":"day".*"time_unparsed":"yesterday"' "$TMP/ev" ||
	fail "bad-time event"

# XML external entity: refused, nothing of the file read
mkdir -p "$TMP/feeds"
cat >"$TMP/feeds/xxe.xml" <<'X'
<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0"><channel><title>t</title>
<item><title>&xxe;</title><pubDate>Mon, 22 Dec 2014 20:15:00 +0000</pubDate></item>
</channel></rss>
X
ing "$TMP/feeds/xxe.xml" >"$TMP/ev" 2>"$TMP/err" && fail "XXE accepted"
grep -q "xxe.xml:2: refusing XML entity declaration 'xxe' (external)" "$TMP/err" || { cat "$TMP/err"; fail "XXE message"; }
grep -q 'root:' "$TMP/ev" && fail "XXE expanded"

# billion laughs: refused at the first declaration, at once
{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE rss [ <!ENTITY lol "lol">'
	i=1; prev=lol
	while [ $i -le 9 ]; do
		echo "<!ENTITY lol$i \"&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;\">"
		prev=lol$i; i=$((i + 1))
	done
	echo ']><rss><channel><item><title>&lol9;</title></item></channel></rss>'
} >"$TMP/feeds/lol.xml"
ing "$TMP/feeds/lol.xml" >"$TMP/ev" 2>"$TMP/err" && fail "billion laughs accepted"
grep -q "lol.xml:2: refusing XML entity declaration 'lol'" "$TMP/err" || { cat "$TMP/err"; fail "billion laughs message"; }
[ ! -s "$TMP/ev" ] || fail "billion laughs produced events"

# an element text past 64 KiB is cut with a warning, the item kept
{
	echo '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
	printf '<item><title>'; head -c 70000 /dev/zero | tr '\0' x
	echo '</title><pubDate>Mon, 22 Dec 2014 20:15:00 +0000</pubDate></item></channel></rss>'
} >"$TMP/feeds/long.xml"
ing "$TMP/feeds/long.xml" >"$TMP/ev" 2>"$TMP/err" && fail "no warning for a long element"
grep -q 'long.xml:2: XML element text longer than 65536 bytes; cut there' "$TMP/err" ||
	{ cat "$TMP/err"; fail "long element message"; }
grep -q '"kind":"report.news"' "$TMP/ev" || fail "long item lost"

# CSV: a row with too many fields is warned about and kept; a quote
# never closed costs its record, with a warning, the rows before kept
# (rows after it: tests/hostile.sh)
mkdir -p "$TMP/case"
printf 'time,actor,text\n2014-12-22T16:15:00Z,a,one,extra\n2014-12-22T16:16:00Z,b,"two\n' \
    >"$TMP/case/claims.csv"
ing "$TMP/case/claims.csv" >"$TMP/ev" 2>"$TMP/err" && fail "no warning for bad CSV"
grep -q 'claims.csv:2: 4 fields, the header has 3; extra fields dropped' "$TMP/err" ||
	{ cat "$TMP/err"; fail "CSV field count message"; }
grep -q 'claims.csv:3: CSV quote never closed; the record is skipped' "$TMP/err" ||
	{ cat "$TMP/err"; fail "CSV quote message"; }
[ "$(grep -c '"text":"one"' "$TMP/ev")" -eq 1 ] || fail "CSV row before the bad one lost"

# --show-unmatched names member and line; the summary counts them
{ echo "$ping_head"; echo "garbage here"; reply 2; } >"$TMP/um-ping.out"
"$BLACKOUT" ingest $R --show-unmatched "$TMP/um-ping.out" >/dev/null 2>"$TMP/err"
grep -q "^unmatched: $TMP/um-ping.out:2: garbage here" "$TMP/err" || { cat "$TMP/err"; fail "show-unmatched"; }
grep -q ' 1 unmatched lines' "$TMP/err" || fail "unmatched count"

# syslog without a year: December lines in a file written in January
mkdir -p "$TMP/routers/pe1"
cat >"$TMP/routers/pe1/syslog.log" <<'X'
Dec 31 23:59:50 pe1 77: Dec 31 23:59:50.100 UTC: %BGP-5-ADJCHANGE: neighbor 10.0.0.1 Down Hold timer expired
Jan  1 00:00:20 pe1 78: Jan  1 00:00:20.100 UTC: %BGP-5-ADJCHANGE: neighbor 10.0.0.1 Up
X
touch -d 2015-01-02T00:00:00Z "$TMP/routers/pe1/syslog.log"
ing "$TMP/routers/pe1/syslog.log" >"$TMP/ev" 2>"$TMP/err" || { cat "$TMP/err"; fail "syslog"; }
grep -q '"time":"2014-12-31T23:59:50Z".*"router.bgp.down"' "$TMP/ev" || fail "Dec line not in 2014"
grep -q '"time":"2015-01-01T00:00:20Z".*"router.bgp.up"' "$TMP/ev" || fail "Jan line not in 2015"

# a pathological regex hits its match limit and is warned, not hung
cat >"$TMP/evil.yaml" <<'X'
schema: 1
id: evil
version: "1"
title: catastrophic backtracking
source: { type: other, format: lines, paths: ["*evil*"] }
limits: { match: 10000 }
patterns:
  - name: evil
    regex: '^(a|aa)+$'
    emit: { kind: test.evil }
samples:
  - input: "aaaa\n"
    events: [ { kind: test.evil } ]
X
{ head -c 5000 /dev/zero | tr '\0' a; echo b; echo aaaa; } >"$TMP/evil.txt"
"$BLACKOUT" ingest --no-default-rules -R "$TMP/evil.yaml" "$TMP/evil.txt" >"$TMP/ev" 2>"$TMP/err" &&
	fail "no warning at the match limit"
grep -q 'evil.txt:1: rule evil, pattern evil: pattern hit its match limit; line skipped' "$TMP/err" ||
	{ cat "$TMP/err"; fail "match limit message"; }
[ "$(grep -c test.evil "$TMP/ev")" -eq 1 ] || fail "line after the evil one lost"
echo "bad input: all handled"
