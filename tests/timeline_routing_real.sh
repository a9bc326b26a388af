#!/bin/sh
# Real MRT from the shared data through the hijack and leak detectors:
# ordinary days (RIS, RouteViews and router test dumps, 1999-2016), every
# IPv4 and IPv6 prefix a target, peers assumed full-feed so that every
# peer counts.  Nothing there is a hijack or a leak; where a collector's
# tables are unknown (update files alone, no session coming up) the
# timeline must say that they were not judged rather than stay silent.
# Judging such files anyway is what this guards against: on
# rrc15.updates.20100227.1600 it made hundreds of "hijacks" out of
# provider-assigned more-specifics (doc/correlation.md).
. "$top_srcdir/tests/lib.sh"
need_data mrt
cd "$TMP"

m=$SHARED_DATA/mrt
checked=0
judge() {	# judge NAME UPDATE_ONLY FILE...
	name=$1 upd=$2
	shift 2
	for f in "$@"; do
		[ -f "$f" ] || { echo "note: $f absent, $name skipped"; return; }
	done
	run_rc "$BLACKOUT" timeline -q --target 0.0.0.0/1 --target 128.0.0.0/1 \
	    --target ::/1 --target 8000::/1 --param assume_full_feed=1 \
	    --format ndjson "$@" \
	    > "$name.ndjson" 2> "$name.err"
	[ "$rc" -le 1 ] || fail "$name: exit status $rc: $(head -3 "$name.err")"
	if grep -q '"kind":"hijack"' "$name.ndjson"; then
		grep -o '"summary":"AS[0-9]* announced[^"]*"' "$name.ndjson" |
		    head -5
		fail "$name: a hijack on an ordinary day"
	fi
	if grep -q '"kind":"leak"' "$name.ndjson"; then
		grep -o '"effect":"[^"]*"' "$name.ndjson" | head -5
		fail "$name: a leak on an ordinary day"
	fi
	if [ "$upd" = yes ] && ! grep -q 'hijacks and leaks are not judged' \
	    "$name.ndjson"; then
		fail "$name: update files alone, but no gap says so"
	fi
	checked=$((checked + 1))
}

judge ris-2007 yes "$m/ripe-bgpdump/updates.20070211.0141.gz"
judge ris-2007b yes "$m/ripe-bgpdump/updates.20071015.1505.gz"
judge ris-2010 yes "$m/ripe-bgpdump/updates.20100722.2015.gz"
judge ris-2016 yes "$m/ripe-bgpdump/updates.20160811.1600.gz"
judge rrc15-2010 yes "$m/bgpkit-parser/rrc15.updates.20100227.1600.gz" \
    "$m/bgpkit-parser/rrc15.updates.20100227.1610.gz"
judge rrc06-2015 yes "$m/libbgpstream/ris.rrc06.updates.1427846400.gz"
judge jinx-2015 yes \
    "$m/libbgpstream/routeviews.route-views.jinx.updates.1427846400.bz2"
# a RIB and the updates of the same day; a session sending its table
judge ris-2002 no "$m/ripe-bgpdump/updates.20020722.2238.gz" \
    "$m/ripe-bgpdump/bview.20020722.2337.gz"
judge et-2015 no "$m/ripe-bgpdump/updates.et-header.2015.gz"
# routers' own dumps: sessions coming up, RIB and updates
judge bird no "$m/mrtparse/bird-mrtdump_bgp" "$m/mrtparse/bird-mrtdump_rib"
judge quagga no "$m/mrtparse/quagga_bgp" "$m/mrtparse/quagga_rib"
judge openbgpd no "$m/mrtparse/openbgpd_bgp" "$m/mrtparse/openbgpd_rib_table"
[ "$checked" -gt 0 ] || skip "none of the MRT files is present"
echo "$checked real MRT sets: no hijack, no leak"
exit 0
