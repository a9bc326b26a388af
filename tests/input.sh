#!/bin/sh
# The input layer: every container kind, nesting, member paths, and each
# kind of bad input reported with its place while the rest is still read.
. "$top_srcdir/tests/lib.sh"
command -v bsdtar >/dev/null || skip "bsdtar (libarchive-tools) not installed"

cd "$TMP"
mkdir -p case/probes/vp-ams case/rrc00
i=0
while [ $i -lt 200 ]; do
	echo "[1419264$((900 + i)).000000] 64 bytes from 175.45.176.1: icmp_seq=$i ttl=52 time=230 ms"
	i=$((i + 1))
done > case/probes/vp-ams/ping.log
printf '{"type":"ping","prb_id":1}\n' > case/atlas.jsonl
printf '<?xml version="1.0"?><rss version="2.0"><channel/></rss>\n' > case/news.xml
gzip -9n -c case/probes/vp-ams/ping.log > case/rrc00/ping.log.gz

list() {
	# member, size-independent columns: member, compression, type
	"$BLACKOUT" inspect -q --no-default-rules "$@" | cut -f2,4,5 | sort
}

expect=$(list case)
echo "$expect" | grep -q "^probes/vp-ams/ping.log	-	text$" || fail "directory: $expect"
echo "$expect" | grep -q "^rrc00/ping.log.gz	gzip	text$" || fail "gz member: $expect"
echo "$expect" | grep -q "^atlas.jsonl	-	json$" || fail "json: $expect"
echo "$expect" | grep -q "^news.xml	-	xml$" || fail "xml: $expect"

# The same evidence in every container lists the same members.
(cd case && bsdtar -cf ../c.tar * && bsdtar -czf ../c.tar.gz * &&
	bsdtar -cjf ../c.tar.bz2 * && bsdtar -cJf ../c.tar.xz * &&
	bsdtar --zstd -cf ../c.tar.zst * && bsdtar --format zip -cf ../c.zip * &&
	bsdtar --format 7zip -cf ../c.7z * &&
	find . -type f | sort | bsdtar --format cpio -cf ../c.cpio -T -)
for a in c.tar c.tar.gz c.tar.bz2 c.tar.xz c.tar.zst c.zip c.7z; do
	got=$(list "$a")
	[ "$got" = "$expect" ] || fail "$a lists differently:
$got
--- expected
$expect"
done
got=$(list c.cpio | sed 's|^\./||')
[ "$got" = "$(echo "$expect")" ] || fail "cpio lists differently: $got"

# Single compressed files: member "" and the compression named.
for z in gzip bzip2 xz zstd; do
	$z -c case/probes/vp-ams/ping.log > "ping.$z"
	"$BLACKOUT" inspect -q "ping.$z" | grep -q "	-	-	$z	text	" ||
	    fail "single $z file: $("$BLACKOUT" inspect "ping.$z")"
done

# Standard input, compressed or not, is the input "-".
"$BLACKOUT" inspect -q - < ping.gzip | grep -q "^-	-	-	gzip	text	" ||
    fail "stdin: $("$BLACKOUT" inspect - < ping.gzip)"

# Nesting: a zip inside a tar.gz inside a directory; '!' joins the levels.
mkdir nest
cp c.zip nest/
(cd nest && bsdtar -czf ../n.tar.gz c.zip)
mkdir deep && cp n.tar.gz deep/
"$BLACKOUT" inspect -q deep | grep -q "^deep	n.tar.gz!c.zip!probes/vp-ams/ping.log	" ||
    fail "nested path: $("$BLACKOUT" inspect deep)"
# ...and the depth limit is reported, not silently applied.
run_rc "$BLACKOUT" inspect --max-depth 1 deep > out 2> err
[ $rc -eq 1 ] || fail "depth limit: exit $rc"
grep -q "deep!n.tar.gz!c.zip: skipped: archive nested deeper than 1 levels" err ||
    fail "depth limit message: $(cat err)"

# --- bad inputs: each is named with its place, the rest is still read ---
mkdir bad
cp case/probes/vp-ams/ping.log bad/a-good.log
head -c 100 c.tar.gz > bad/b-truncated.tar.gz
# a gzip whose deflate data is garbage from byte 20 on
gzip -9n -c case/probes/vp-ams/ping.log > z.gz
{ head -c 20 z.gz; head -c 2000 /dev/urandom; } > bad/c-corrupt.gz
printf 'not really gzip' | cat - > bad/d-fake.gz
cp case/news.xml bad/e-good.xml

run_rc "$BLACKOUT" ingest --no-default-rules bad nonexistent-input > out 2> err
[ $rc -eq 1 ] || fail "bad inputs: exit $rc, want 1: $(cat err)"
grep -q "nonexistent-input: cannot read input: No such file" err ||
    fail "missing input not reported: $(cat err)"
grep -q "bad!b-truncated.tar.gz" err || fail "truncated tar.gz not named: $(cat err)"
grep -q "bad!c-corrupt.gz" err || fail "corrupt gzip not named: $(cat err)"
grep -q "summary: 2 input(s)" err || fail "summary inputs: $(cat err)"
grep -Eq "members: [0-9]+ read, [0-9]+ skipped, [1-9][0-9]* failed" err ||
    fail "summary counts: $(cat err)"
# the good members were still looked at
grep -q "bad!e-good.xml" err || "$BLACKOUT" inspect -q bad | grep -q "e-good.xml" ||
    fail "good member lost"

# Encrypted zip member: refused with a message, other members go on.
if bsdtar --format zip --options zip:encryption=zipcrypt --passphrase x \
    -cf enc.zip -C case atlas.jsonl 2>/dev/null; then
	bsdtar --format zip -cf plain.zip -C case news.xml
	mkdir enc && cp enc.zip plain.zip enc/
	run_rc "$BLACKOUT" inspect enc > out 2> err
	[ $rc -eq 1 ] || fail "encrypted member: exit $rc"
	grep -q "enc!enc.zip!atlas.jsonl: encrypted member" err ||
	    fail "encrypted member: $(cat err)"
	grep -q "plain.zip!news.xml" out || fail "member after encrypted one lost"
fi

# Binary junk is skipped with a reason, never decoded as text.
head -c 5000 /dev/urandom > junk.bin
"$BLACKOUT" inspect junk.bin | grep -q "	binary	skip	" || fail "junk: $("$BLACKOUT" inspect junk.bin)"

# Output with no timestamps takes --undated-time (a case's time), at day
# precision, else the member's mtime.
printf 'PING 175.45.176.1 (175.45.176.1) 56(84) bytes of data.\n64 bytes from 175.45.176.1: icmp_seq=1 ttl=52 time=230 ms\n' > plain.log
touch -d 2015-03-01T12:00:00Z plain.log
"$BLACKOUT" ingest -q --undated-time 2014-12-22T16:00:00Z plain.log > u.ndjson
grep -q '"time":"2014-12-22T00:00:00Z".*"precision":"day".*"kind":"probe.reply"' u.ndjson ||
    fail "undated-time: $(cat u.ndjson)"
"$BLACKOUT" ingest -q plain.log > m.ndjson
grep -q '"time":"2015-03-01T00:00:00Z"' m.ndjson || fail "mtime: $(cat m.ndjson)"

# Usage errors exit 2.
run_rc "$BLACKOUT" ingest > /dev/null 2>&1
[ $rc -eq 2 ] || fail "no input: exit $rc"
run_rc "$BLACKOUT" ingest --from yesterday case > /dev/null 2>&1
[ $rc -eq 2 ] || fail "bad --from: exit $rc"
echo "input layer: ok"
