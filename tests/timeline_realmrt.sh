#!/bin/sh
# The timeline on real MRT (bgpdump's BGP4MP_ET test file, 2015): AS131279
# resolves to the four /24s it originates (175.45.176.0/24 .. .179.0/24,
# announced at 1445565708 = 2015-10-23T02:01:48Z by peer 206.220.231.55
# AS3856), whose session comes up at the start of the file.  The file has
# no RIB: by default its peer is not classified and nothing is counted,
# and the timeline says so as a coverage gap, never as an outage.
. "$top_srcdir/tests/lib.sh"
need_data mrt/ripe-bgpdump
f="$SHARED_DATA/mrt/ripe-bgpdump/updates.et-header.2015.gz"
[ -f "$f" ] || skip "$f not present"
cd "$TMP"

"$BLACKOUT" timeline -q --target AS131279 --format ndjson "$f" > a.ndjson ||
    [ $? -eq 1 ] || fail "timeline failed"
if grep -q '"type":"incident"' a.ndjson; then fail "an outage from no RIB"; fi
grep -q '"reason":"no RIB snapshot' a.ndjson || fail "no-RIB gap not shown"

"$BLACKOUT" timeline -q --target AS131279 --target 175.45.176.0/22 \
    --param assume_full_feed=1 --param min_peers=1 --param resync_s=0 \
    --format json "$f" > b.json || [ $? -eq 1 ] || fail "timeline failed"
grep -q '"name":"AS131279 visible prefixes","target":"AS131279","unit":"prefixes","source_type":"bgp","points":\[\["2015-10-23T02:01:48Z",4,4\]\]' \
    b.json || fail "AS131279 is not its four /24s at 02:01:48"
grep -q '"name":"175.45.176.0/22 visible prefixes".*"points":\[\["2015-10-23T02:01:48Z",4,4\]\]' \
    b.json || fail "the /22 does not cover the four /24s"
grep -q '"scope":"unknown peer 206.220.231.55 AS3856","start":"2015-10-23T02:01:18Z","end":"2015-10-23T02:01:26Z"' \
    b.json || fail "the session coming up is not a gap"
grep -q '"incidents":\[\]' b.json || fail "an incident from a session coming up"
exit 0
