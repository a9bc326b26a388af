#!/bin/sh
# Damaged compression and damaged starts of files: every byte that
# decompresses is read, the damage is placed (compressed and decompressed
# offsets), and neither leading zero bytes nor one bad first record hide a
# file from its decoder.
. "$top_srcdir/tests/lib.sh"
cd "$TMP"

# A ping log (generated) for the text cases.
echo "PING 175.45.176.1 (175.45.176.1) 56(84) bytes of data." > ping.log
i=0
while [ $i -lt 3000 ]; do
	echo "[1419264$((900 + i % 100)).$((100000 + i))] 64 bytes from 175.45.176.1: icmp_seq=$i ttl=52 time=230 ms"
	i=$((i + 1))
done >> ping.log
events() { "$BLACKOUT" ingest -q "$@" | wc -l; }
full=$(events ping.log)
[ "$full" -eq 3000 ] || fail "ping log: $full events"

# 1. truncated gzip under 256 KiB: libarchive gave nothing at all
gzip -9n -c ping.log > ping.log.gz
size=$(wc -c < ping.log.gz)
head -c $((size * 2 / 3)) ping.log.gz > cut.log.gz
good=$(gzip -dc cut.log.gz 2>/dev/null | wc -c) || :
rc=0
"$BLACKOUT" ingest cut.log.gz > cut.jsonl 2> cut.err || rc=$?
[ "$rc" -eq 1 ] || fail "cut gzip: exit $rc, want 1"
# every complete line gzip -dc gives is an event
want=$(gzip -dc cut.log.gz 2>/dev/null | grep -c 'icmp_seq=.*ms$') || :
[ "$(wc -l < cut.jsonl)" -ge "$want" ] ||
    fail "cut gzip: $(wc -l < cut.jsonl) events, gzip -dc has $want lines"
grep -q "gzip damaged from compressed byte $((size * 2 / 3)) (decompressed byte $good): truncated gzip input" \
    cut.err || { cat cut.err; fail "cut gzip: damage not placed"; }

# 2. truncated bzip2: the blocks before the cut are read
bzip2 -1 -c ping.log > ping.log.bz2
for k in 1 2 3 4 5 6 7 8; do cat ping.log; done > big.log
bzip2 -1 -c big.log > big.log.bz2
bsize=$(wc -c < big.log.bz2)
head -c $((bsize - 100)) big.log.bz2 > cut.log.bz2
good=$(bzip2 -dc cut.log.bz2 2>/dev/null | wc -c) || :
[ "$good" -gt 0 ] || skip "bzip2 gives nothing of the cut file"
rc=0
"$BLACKOUT" ingest cut.log.bz2 > cutb.jsonl 2> cutb.err || rc=$?
[ "$rc" -eq 1 ] || fail "cut bzip2: exit $rc, want 1"
# bzip2 -dc writes in 5,000-byte chunks and drops the last one: we give
# at least as much
got=$(sed -n "s/.*bzip2 damaged from compressed byte $((bsize - 100)) (decompressed byte \([0-9]*\)): truncated bzip2.*/\1/p" cutb.err)
[ -n "$got" ] || { cat cutb.err; fail "cut bzip2: damage not placed"; }
[ "$got" -ge "$good" ] || fail "cut bzip2: $got bytes read, bzip2 -dc gives $good"

want=$(bzip2 -dc cut.log.bz2 2>/dev/null | grep -c 'icmp_seq=.*ms$') || :
[ "$(wc -l < cutb.jsonl)" -ge "$want" ] ||
    fail "cut bzip2: $(wc -l < cutb.jsonl) events, bzip2 -dc has $want lines"

# 3. corrupt gzip data in the middle: what comes before is read
cp ping.log.gz bad.log.gz
printf 'XXXXXXXXXXXXXXXX' | dd of=bad.log.gz bs=1 seek=$((size / 2)) \
    conv=notrunc 2>/dev/null
rc=0
"$BLACKOUT" ingest bad.log.gz > bad.jsonl 2> bad.err || rc=$?
[ "$rc" -ge 1 ] || fail "corrupt gzip: exit 0"
# libarchive does not check the CRC; zlib does
grep -q 'gzip damaged from compressed byte [0-9]* (decompressed byte [0-9]*): .*corrupt somewhere' \
    bad.err || { cat bad.err; fail "corrupt gzip: damage not placed"; }
[ "$(wc -l < bad.jsonl)" -gt 1000 ] || fail "corrupt gzip: the start lost"

# 3b. a tar.gz cut short: the whole members are read, the cut one is named
# with the place of the damage; a corrupt tar.gz is said to be corrupt
# (libarchive checks no gzip CRC: garbage was decoded without a word)
mkdir tg
for k in 1 2 3; do cp ping.log "tg/p$k.ping.log"; done
(cd tg && tar cf - p1.ping.log p2.ping.log p3.ping.log) | gzip -9n > t.tar.gz
tsize=$(wc -c < t.tar.gz)
head -c $((tsize * 5 / 6)) t.tar.gz > cut.tar.gz
"$BLACKOUT" ingest cut.tar.gz > cutt.jsonl 2> cutt.err || :
[ "$(wc -l < cutt.jsonl)" -ge 6000 ] ||
    fail "cut tar.gz: $(wc -l < cutt.jsonl) events, the whole members give 6000"
grep -q "cut.tar.gz!p3.ping.log: member cut short, unreadable: gzip damaged from compressed byte $((tsize * 5 / 6))" \
    cutt.err || { cat cutt.err; fail "cut tar.gz: the cut member not named"; }
cp t.tar.gz badt.tar.gz
printf 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' |
    dd of=badt.tar.gz bs=1 seek=$((tsize / 2)) conv=notrunc 2>/dev/null
rc=0
"$BLACKOUT" ingest badt.tar.gz > /dev/null 2> badt.err || rc=$?
[ "$rc" -ge 1 ] || fail "corrupt tar.gz: exit 0"
grep -q 'badt.tar.gz.*gzip damaged from compressed byte [0-9]* (decompressed byte [0-9]*)' \
    badt.err || { cat badt.err; fail "corrupt tar.gz: not said"; }

# 3c. a cut .gz member inside a tar (RIS archives hold .gz files): all that
# decompresses is read, the damage placed (libarchive gave nothing)
mkdir tm
cp cut.log.gz tm/cut.ping.log.gz
(cd tm && tar cf ../tm.tar cut.ping.log.gz)
"$BLACKOUT" ingest tm.tar > tm.jsonl 2> tm.err || :
want=$(gzip -dc cut.log.gz 2>/dev/null | grep -c 'icmp_seq=.*ms$') || :
[ "$(wc -l < tm.jsonl)" -ge "$want" ] ||
    fail "cut member: $(wc -l < tm.jsonl) events, gzip -dc has $want lines"
grep -q "tm.tar!cut.ping.log.gz: .*gzip damaged from compressed byte $((size * 2 / 3))" \
    tm.err || { cat tm.err; fail "cut member: damage not placed"; }

# 4. a log behind 1,000 NUL bytes (log rotation): read, with a warning
{ head -c 1000 /dev/zero; cat ping.log; } > nul.log
rc=0
"$BLACKOUT" ingest nul.log > nul.jsonl 2> nul.err || rc=$?
[ "$(wc -l < nul.jsonl)" -eq 3000 ] ||
    fail "NUL-led log: $(wc -l < nul.jsonl) events, want 3000"
grep -q 'nul.log:1: 1000 NUL bytes before the text skipped' nul.err ||
    fail "NUL-led log: no warning"
# zero bytes only: still "no data"
head -c 5000 /dev/zero > zeros
"$BLACKOUT" ingest zeros 2>&1 >/dev/null | grep -q 'skipped: no data' ||
    fail "zero bytes only: not said to be no data"

# 5. MRT behind 600 NUL bytes, and MRT whose first record is damaged
s="$top_srcdir/tests/fuzz/seeds/mrt"
cat "$s/bgp4mp_update" "$s/bgp4mp_update" "$s/bgp4mp_update" > three.mrt
n=$(events three.mrt)
[ "$n" -eq $((3 * $(events "$s/bgp4mp_update"))) ] ||
    fail "three updates: $n events"
{ head -c 600 /dev/zero; cat three.mrt; } > nul.mrt
"$BLACKOUT" ingest nul.mrt > nulm.jsonl 2> nulm.err || :
[ "$(wc -l < nulm.jsonl)" -eq "$n" ] || fail "NUL-led MRT: not read"
grep -q 'byte 0: 600 zero bytes where a record should start' nulm.err ||
    fail "NUL-led MRT: no warning"
# the first record's type damaged (99): the file is MRT all the same
cp three.mrt bad1.mrt
printf '\000\143' | dd of=bad1.mrt bs=1 seek=4 conv=notrunc 2>/dev/null
"$BLACKOUT" ingest bad1.mrt > bad1.jsonl 2> bad1.err || :
[ "$(wc -l < bad1.jsonl)" -eq $((n * 2 / 3)) ] || { cat bad1.err; fail "bad first MRT record: file skipped"; }
grep -q 'byte 0: unknown MRT type 99' bad1.err || fail "bad first record: no warning"
# 6. decompressing on a thread of its own changes nothing: every damaged
# file above, and a zip whole and cut, give the same bytes, messages and
# exit status either way
(cd tg && zip -q -X ../t.zip p1.ping.log p2.ping.log p3.ping.log) ||
    skip "zip cannot write an archive"
zsize=$(wc -c < t.zip)
head -c $((zsize * 2 / 3)) t.zip > cut.zip
for f in cut.log.gz cut.log.bz2 big.log.bz2 bad.log.gz t.tar.gz cut.tar.gz \
    badt.tar.gz tm.tar t.zip cut.zip; do
	same_threads "$f" ingest "$f"
done
same_threads "cut.log.bz2 timeline" timeline -q --format json cut.log.bz2
echo "ok: damaged gzip/bzip2 read to the damage; NUL runs and a bad first record survived; the same with the threaded decompression"
