#!/bin/sh
# ingest on real MRT: the same events whatever the container, member order
# or thread count; decompression bombs and size limits refused with their
# place while the rest is read.
. "$top_srcdir/tests/lib.sh"
need_data mrt/ripe-bgpdump
command -v bsdtar >/dev/null || skip "bsdtar (libarchive-tools) not installed"
cd "$TMP"

mkdir -p case/rrc00 case/route-views2
cp "$SHARED_DATA/mrt/ripe-bgpdump/updates.20020722.2238.gz" case/rrc00/
cp "$SHARED_DATA/mrt/libbgpstream/routeviews.route-views.jinx.updates.1427846400.bz2" \
    case/route-views2/ 2>/dev/null || :
# a decompressed copy too: same events from a plain member
gzip -dc case/rrc00/updates.20020722.2238.gz > case/rrc00/plain.mrt

norm() {	# drop the input path: it names the container
	sed 's/"input":"[^"]*",//' "$1"
}

"$BLACKOUT" ingest -q --no-default-rules -j1 case > dir.ndjson
[ -s dir.ndjson ] || fail "no events from real MRT"
n=$(wc -l < dir.ndjson)
[ "$n" -gt 1000 ] || fail "only $n events"
grep -q '"kind":"bgp.announce"' dir.ndjson || fail "no announcements"
grep -q '"kind":"bgp.withdraw"' dir.ndjson || fail "no withdrawals"
grep -q '"collector":"rrc00"' dir.ndjson || fail "collector from path"
# time order
sed 's/.*"time_us":\([-0-9]*\).*/\1/' dir.ndjson > times
sort -n -c times || fail "events not in time order"

"$BLACKOUT" ingest -q --no-default-rules -j2 case > dir2.ndjson
cmp dir.ndjson dir2.ndjson || fail "-j2 differs from -j1"

# Bounded memory: sorted runs spilled to disk merge back to the same bytes.
"$BLACKOUT" ingest -q --no-default-rules -j2 --max-memory-events 500 case > spill.ndjson
cmp dir.ndjson spill.ndjson || fail "spilled runs merge differently"

(cd case && bsdtar -czf ../c.tar.gz rrc00 route-views2 &&
	bsdtar --format zip -cf ../c.zip route-views2 rrc00)
mkdir nest && (cd case && bsdtar -cf ../nest/inner.tar .) &&
	(cd nest && bsdtar -cJf ../n.tar.xz inner.tar)
norm dir.ndjson > want
for a in c.tar.gz c.zip; do
	"$BLACKOUT" ingest -q --no-default-rules "$a" > got.ndjson
	norm got.ndjson > got
	cmp want got || fail "$a gives different events"
done
# nested: member paths gain the inner archive's name, events are the same
"$BLACKOUT" ingest -q --no-default-rules n.tar.xz > got.ndjson
sed 's/"member":"inner.tar!/"member":"/' got.ndjson | sed 's/"input":"[^"]*",//' > got
cmp want got || fail "nested tar.xz gives different events"

# Damage after good records: what came before is kept, the place named.
gzip -dc case/rrc00/updates.20020722.2238.gz > u.mrt
size=$(wc -c < u.mrt)
head -c $((size / 2)) u.mrt | gzip -n > half.gz
{ cat half.gz; head -c 3000 /dev/urandom; } > damaged.gz
run_rc "$BLACKOUT" ingest --no-default-rules damaged.gz > dmg.ndjson 2> err
[ $rc -eq 1 ] || fail "damaged: exit $rc"
[ -s dmg.ndjson ] || fail "damaged: events before the damage lost"
grep -Eq "damaged.gz: byte [0-9]+: " err || fail "damaged: place: $(cat err)"

# A decompression bomb of valid MRT records: refused, named, counted.
# BGP4MP STATE_CHANGE (type 16, subtype 0), 20-byte body.
printf '\124\230\000\000\000\020\000\000\000\000\000\024\375\350\375\351\000\000\000\001\300\000\002\001\300\000\002\002\000\001\000\002' > rec
i=0
while [ $i -lt 21 ]; do cat rec rec > rec2; mv rec2 rec; i=$((i + 1)); done
bzip2 -9 < rec > bomb.bz2
run_rc "$BLACKOUT" ingest --no-default-rules bomb.bz2 > /dev/null 2> err
[ $rc -eq 1 ] || fail "bomb: exit $rc"
grep -q "bomb.bz2: byte [0-9]*: decompression failed, rest of member lost: decompression bomb refused" err ||
    fail "bomb: $(cat err)"
grep -q "failed: 1 x decompression failed" err || fail "bomb not counted: $(cat err)"

run_rc "$BLACKOUT" ingest --no-default-rules --max-member-size 50000 \
    case/rrc00/updates.20020722.2238.gz > /dev/null 2> err
[ $rc -eq 1 ] || fail "size limit: exit $rc"
grep -q "member larger than the limit of 50000 bytes" err || fail "size limit: $(cat err)"
# Bytes are the decompressed bytes of a member, counted once on the stream
# side whatever the decoder (they were once counted by the MRT decoder too).
unc=$(wc -c < u.mrt | tr -d ' ')
for f in u.mrt case/rrc00/updates.20020722.2238.gz; do
	run_rc "$BLACKOUT" timeline -q --target AS3333 --format json "$f" > tl.json
	[ $rc -le 1 ] || fail "timeline on $f: exit $rc"
	grep -q "\"bytes\":$unc[,}]" tl.json ||
	    fail "$f: bytes $(grep -o '"bytes":[0-9]*' tl.json), want $unc"
done
echo "ingest: ok ($n events)"
