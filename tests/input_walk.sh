#!/bin/sh
# The walker on hostile inputs: damaged tar headers are failures with their
# place (fatal under --strict), symbolic links are followed but not into a
# loop, special files are named, pipes are read once, and the bomb ratio
# holds for members of zip and tar.gz files and of nested archives.
. "$top_srcdir/tests/lib.sh"
command -v bsdtar >/dev/null || skip "bsdtar (libarchive-tools) not installed"
command -v timeout >/dev/null || skip "timeout not installed"
cd "$TMP"
ping_log() { # N: a ping log of N replies
	echo "PING 175.45.176.1 (175.45.176.1) 56(84) bytes of data."
	i=0
	while [ $i -lt "$1" ]; do
		echo "[1419264$((900 + i % 100)).$((100000 + i))] 64 bytes from 175.45.176.1: icmp_seq=$i ttl=52 time=230 ms"
		i=$((i + 1))
	done
}
events() { wc -l < "$1" | tr -d ' '; }

# 1. a tar whose second header is damaged (checksum zeroed)
mkdir t
for k in 1 2 3; do ping_log 500 > "t/p$k.ping.log"; done
(cd t && bsdtar --format ustar -cf ../t.tar p1.ping.log p2.ping.log p3.ping.log)
off=$(( $(bsdtar -tvf t.tar p1.ping.log | awk '{ print $5 }') ))
off=$(( 512 + (off + 511) / 512 * 512 ))
cp t.tar bad.tar
printf '0000000\000' | dd of=bad.tar bs=1 seek=$((off + 148)) conv=notrunc \
    2>/dev/null
rc=0
timeout 60 "$BLACKOUT" ingest bad.tar > bad.jsonl 2> bad.err || rc=$?
[ "$rc" -eq 1 ] || fail "damaged tar header: exit $rc, want 1"
[ "$(events bad.jsonl)" -eq 1000 ] ||
    fail "damaged tar header: $(events bad.jsonl) events, want 1000"
grep -q "bad.tar: byte $off: damaged archive header" bad.err ||
    { cat bad.err; fail "damaged tar header: not placed at byte $off"; }
grep -q '1 failed' bad.err || fail "damaged tar header: not counted failed"
[ "$(grep -c 'damaged archive header' bad.err)" -eq 2 ] ||
    fail "damaged tar header: want one message and one summary line"
rc=0
"$BLACKOUT" ingest --strict bad.tar > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "damaged tar header under --strict: exit $rc"

# 2. links and special files inside an input directory
mkdir -p d/a
ping_log 10 > d/a/ping.log
ln -s .. d/a/up			# a loop
ln -s a d/b			# a linked directory: followed
ln -s nowhere d/dangling
mkfifo d/fifo
rc=0
timeout 60 "$BLACKOUT" ingest d > d.jsonl 2> d.err || rc=$?
[ "$rc" -le 1 ] || fail "directory with links: exit $rc"
[ "$(events d.jsonl)" -eq 20 ] ||
    fail "directory with links: $(events d.jsonl) events, want 20"
grep -q 'd!a/up: skipped: symbolic link loop' d.err || fail "loop not said"
grep -q 'd!dangling: skipped: symbolic link to nothing' d.err ||
    fail "dangling link not said"
grep -q 'd!fifo: skipped: a FIFO' d.err || fail "FIFO not said"
# timeline and report hash the inputs: no hang there either
rc=0
timeout 60 "$BLACKOUT" timeline -q --target 175.45.176.0/24 d > /dev/null 2>&1 || rc=$?
[ "$rc" -le 1 ] || fail "timeline on the looping directory: exit $rc"

# 3. pipes as inputs: read once
ping_log 30 > p.log
n=$(timeout 60 "$BLACKOUT" ingest -q /dev/stdin < p.log | wc -l)
[ "$n" -eq 30 ] || fail "/dev/stdin: $n events"
mkfifo ff
(cat p.log > ff &)
n=$(timeout 60 "$BLACKOUT" ingest -q ff | wc -l)
[ "$n" -eq 30 ] || fail "FIFO input: $n events"
gzip -c p.log > p.log.gz
mkfifo fz
(cat p.log.gz > fz &)
n=$(timeout 60 "$BLACKOUT" ingest -q fz | wc -l)
[ "$n" -eq 30 ] || fail "gzip through a FIFO: $n events"

# 4. the bomb ratio for members of containers: 40 MiB of one line
# compresses about 300:1; with --max-ratio 100 it is refused in a zip, a
# tar.gz and a zip inside a zip
mkdir b
{ ping_log 1; yes '[1419264900.100000] 64 bytes from 175.45.176.1: icmp_seq=1 ttl=52 time=230 ms' |
    head -c 41943040; } > b/ping.log
(cd b && bsdtar --format zip -cf ../b.zip ping.log && bsdtar -czf ../b.tar.gz ping.log)
rm -rf b
bsdtar --format zip -cf bb.zip b.zip
for f in b.zip b.tar.gz bb.zip; do
	rc=0
	timeout 120 "$BLACKOUT" ingest --max-ratio 100 "$f" > /dev/null \
	    2> "$f.err" || rc=$?
	[ "$rc" -eq 1 ] || fail "$f: exit $rc"
	grep -q 'decompression bomb refused: ratio [0-9]*:1' "$f.err" ||
	    { cat "$f.err"; fail "$f: bomb not refused"; }
done
# under the default 500:1 the single zip is read whole
rc=0
"$BLACKOUT" ingest -q b.zip > /dev/null || rc=$?
[ "$rc" -eq 0 ] || fail "b.zip under the default ratio: exit $rc"
echo "ok: damaged tar header placed, links and pipes handled, bombs refused"
