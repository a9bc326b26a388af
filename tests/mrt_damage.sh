#!/bin/sh
# Bad input: truncated records, absurd lengths, unknown types, attribute
# length errors, RIB entries before a PEER_INDEX_TABLE, a stream that
# starts mid-record.  Each problem is warned about with input, byte offset
# and record type, counted, and decoding goes on with the next record;
# nothing crashes and the exit status is 1, not 0.
. "$top_srcdir/tests/lib.sh"
need_data mrt/ripe-bgpdump
d="$SHARED_DATA/mrt"
gzip -dc "$d/ripe-bgpdump/updates.20020722.2238.gz" > "$TMP/good.mrt"
"$BLACKOUT" mrt dump -q -m "$TMP/good.mrt" > "$TMP/good.txt"
total=$(wc -l < "$TMP/good.txt")
records() { "$BLACKOUT" mrt stats -q "$1" | sed -n 's/^records	//p'; }
nrec=$(records "$TMP/good.mrt")

# run NAME FILE: dump with warnings kept; exit status must be 1
run() {
	rc=0
	"$BLACKOUT" mrt dump -m "$2" > "$TMP/$1.txt" 2> "$TMP/$1.err" || rc=$?
	[ "$rc" -eq 1 ] || fail "$1: exit status $rc, want 1"
	# every line printed is a line of the undamaged dump
	sort "$TMP/$1.txt" > "$TMP/a"
	sort "$TMP/good.txt" > "$TMP/b"
	[ -z "$(comm -23 "$TMP/a" "$TMP/b")" ] ||
	    fail "$1: lines that are not in the undamaged dump"
}
# offset of the record behind the Nth event
offset_of() {
	"$BLACKOUT" mrt events -q "$TMP/good.mrt" | sed -n "${1}p" |
	    sed 's/.*"offset":\([0-9]*\).*/\1/'
}
patch() { # FILE OFFSET OCTAL-BYTES
	printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# 1. truncated in the middle of the last record
size=$(wc -c < "$TMP/good.mrt")
head -c $((size - 10)) "$TMP/good.mrt" > "$TMP/trunc.mrt"
run trunc "$TMP/trunc.mrt"
grep -q 'byte [0-9]*: BGP4MP/MESSAGE record truncated' "$TMP/trunc.err" ||
    fail "truncation not reported with offset and type"
grep -q '1 malformed' "$TMP/trunc.err" || fail "truncation not counted"

# 2. absurd record length in the middle: the record is lost, decoding
# resynchronises on the next one
off=$(offset_of 1000)
cp "$TMP/good.mrt" "$TMP/len.mrt"
patch "$TMP/len.mrt" $((off + 8)) '\377\377\377\377'
run len "$TMP/len.mrt"
grep -q "byte $off: absurd MRT record length" "$TMP/len.err" ||
    fail "absurd length not reported at byte $off"
# all records but the damaged one are read
[ "$(records "$TMP/len.mrt")" -eq $((nrec - 1)) ] ||
    fail "absurd length: $(records "$TMP/len.mrt") of $nrec records read"

# 3. unknown type
off=$(offset_of 2000)
cp "$TMP/good.mrt" "$TMP/type.mrt"
patch "$TMP/type.mrt" $((off + 4)) '\000\143'
run type "$TMP/type.mrt"
grep -q "byte $off: unknown MRT type 99" "$TMP/type.err" ||
    fail "unknown type not reported"
[ "$(records "$TMP/type.mrt")" -eq $((nrec - 1)) ] ||
    fail "unknown type: the rest was not decoded"

# 4. attribute length overrunning the attribute block: the first
# attribute's length byte follows the MRT header (12), the peering header
# (16), the BGP header (19), the withdrawn routes (2 + wlen), the
# attribute block length (2), flags and type (2)
off=$("$BLACKOUT" mrt events -q \
    "$TMP/good.mrt" | grep "bgp.announce" | sed -n 500p |
    sed 's/.*"offset":\([0-9]*\).*/\1/')
wlen=$(od -An -tu1 -j $((off + 47)) -N 2 "$TMP/good.mrt" |
    awk '{ print $1 * 256 + $2 }')
cp "$TMP/good.mrt" "$TMP/attr.mrt"
patch "$TMP/attr.mrt" $((off + 47 + 2 + wlen + 2 + 2)) '\377'
"$BLACKOUT" mrt dump -m "$TMP/attr.mrt" > "$TMP/attr.txt" 2> "$TMP/attr.err" ||
    true
grep -q "byte $off: BGP4MP/MESSAGE record: " "$TMP/attr.err" ||
    fail "attribute damage not reported at byte $off"
[ "$(records "$TMP/attr.mrt")" -eq "$nrec" ] ||
    fail "attribute damage: the rest was not decoded"
grep -q '1 malformed' "$TMP/attr.err" || fail "attribute damage not counted"

# 5. a stream that starts one byte into the first record
tail -c +2 "$TMP/good.mrt" > "$TMP/shift.mrt"
run shift "$TMP/shift.mrt"
[ "$(records "$TMP/shift.mrt")" -eq $((nrec - 1)) ] ||
    fail "shifted stream: not all records after the first were found"
grep -q 'byte 0: unknown MRT type' "$TMP/shift.err" ||
    fail "shifted stream: no warning"

# 6. RIB entries with no PEER_INDEX_TABLE before them (real pyasn file)
if [ -f "$d/pyasn/bview.20140112.1600_3samples.bz2" ]; then
	rc=0
	"$BLACKOUT" mrt dump -m "$d/pyasn/bview.20140112.1600_3samples.bz2" \
	    > "$TMP/pi.txt" 2> "$TMP/pi.err" || rc=$?
	[ "$rc" -eq 1 ] || fail "no peer index: exit $rc"
	[ "$(grep -c 'TABLE_DUMP_V2/RIB_IPV4_UNICAST record: RIB entry before any PEER_INDEX_TABLE' "$TMP/pi.err")" -eq 3 ] ||
	    fail "no peer index: not 3 warnings"
	grep -q '3 malformed' "$TMP/pi.err" || fail "no peer index: not counted"
fi

# 7. garbage never crashes: every prefix of a real file, and the file with
# bytes flipped every 97 bytes
i=1
while [ $i -lt 400 ]; do
	head -c $i "$TMP/good.mrt" > "$TMP/p.mrt"
	rc=0
	"$BLACKOUT" mrt dump -q "$TMP/p.mrt" > /dev/null 2>&1 || rc=$?
	[ "$rc" -le 1 ] || fail "prefix of $i bytes: exit $rc"
	i=$((i + 7))
done
od -An -v -tu1 "$TMP/good.mrt" | tr -s ' ' '\n' | sed '/^$/d' |
    awk 'NR % 97 == 0 { $0 = 255 - $0 } { printf "%c", $0 + 0 }' \
    > "$TMP/flip.mrt" 2>/dev/null || true
rc=0
"$BLACKOUT" mrt dump -q "$TMP/flip.mrt" > /dev/null 2>&1 || rc=$?
[ "$rc" -le 1 ] || fail "flipped bytes: exit $rc"

# 8. real damaged and truncated compressed files, and tarballs of real
# files compressed whole and cut: the same bytes, messages and exit
# status whether decompression runs on a thread of its own or not
mkdir "$TMP/tb"
for f in "$d"/ripe-bgpdump/updates.200*.gz \
    "$d"/ripe-bgpdump/updates.201*.gz; do
	gzip -dc "$f" > "$TMP/tb/$(basename "$f" .gz)" 2>/dev/null || :
done
(cd "$TMP" && tar cf tb.tar tb)
gzip -c "$TMP/tb.tar" > "$TMP/tb.tar.gz"
bzip2 -c "$TMP/tb.tar" > "$TMP/tb.tar.bz2"
for z in gz bz2; do
	zs=$(wc -c < "$TMP/tb.tar.$z")
	head -c $((zs / 2)) "$TMP/tb.tar.$z" > "$TMP/cut.tar.$z"
done
set -- "$TMP/tb.tar.gz" "$TMP/tb.tar.bz2" "$TMP/cut.tar.gz" "$TMP/cut.tar.bz2"
if (cd "$TMP" && zip -q -r -X tb.zip tb); then
	zs=$(wc -c < "$TMP/tb.zip")
	head -c $((zs * 3 / 4)) "$TMP/tb.zip" > "$TMP/cut.zip"
	set -- "$@" "$TMP/tb.zip" "$TMP/cut.zip"
fi
# the files as collections are downloaded: a tar of .gz and .bz2
# members (each decompressed on a thread of its own, the tar's gzip under
# it too), whole, with a member corrupt, and the whole cut short
mkdir "$TMP/tz"
for f in "$d"/ripe-bgpdump/updates.2007*.gz "$d"/ripe-bgpdump/updates.2010*.gz; do
	[ -f "$f" ] && cp "$f" "$TMP/tz/"
done
for f in "$d"/pyasn/rib.2008*.bz2; do
	[ -f "$f" ] && cp "$f" "$TMP/tz/"
done
if [ -n "$(ls "$TMP/tz")" ]; then
	(cd "$TMP" && tar cf tz.tar tz)
	gzip -c "$TMP/tz.tar" > "$TMP/tz.tar.gz"
	for f in "$TMP"/tz/*; do
		fs=$(wc -c < "$f")
		printf 'XXXXXXXX' | dd of="$f" bs=1 seek=$((fs / 2)) \
		    conv=notrunc 2>/dev/null
	done
	(cd "$TMP" && tar cf tzbad.tar tz)
	gzip -c "$TMP/tzbad.tar" > "$TMP/tzbad.tar.gz"
	zs=$(wc -c < "$TMP/tz.tar.gz")
	head -c $((zs * 2 / 3)) "$TMP/tz.tar.gz" > "$TMP/tzcut.tar.gz"
	set -- "$@" "$TMP/tz.tar" "$TMP/tz.tar.gz" "$TMP/tzbad.tar" \
	    "$TMP/tzbad.tar.gz" "$TMP/tzcut.tar.gz"
fi
for f in "$d"/pyasn/*.bz2 "$d"/bgpkit-parser/rrc00.*.gz "$@"; do
	[ -f "$f" ] || continue
	same_threads "events $f" mrt events "$f"
done
for f in "$d"/pyasn/rib.2008*.bz2 "$TMP"/cut.*; do
	same_threads "dump $f" mrt dump -m "$f"
done
for f in "$d"/pyasn/rib.20140523.0600_firstMB.bz2 "$TMP/cut.tar.bz2" \
    "$TMP"/tzbad.tar.gz "$TMP"/tzcut.tar.gz; do
	[ -f "$f" ] || continue
	same_threads "timeline $f" timeline -q --format json \
	    --target AS131279 "$f"
done
echo "ok: damage reported, counted and skipped; the same with threads"
