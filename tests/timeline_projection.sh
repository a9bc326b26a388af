#!/bin/sh
# The projection at the source (doc/correlation.md, "Projection") is exact:
# the timeline, text and JSON, its standard error and exit status are the
# same with and without it, on every scenario archive (with the targets
# the scenario is about, by AS and by prefix, and a target not in it), on
# the sample case and on real RIS MRT (a RIB dump with updates; a large
# AS, a small one, a prefix, one not present).  And it does drop events:
# -v says how many were kept.
. "$top_srcdir/tests/lib.sh"
sc="$top_builddir/tests/scenarios"
[ -f "$sc/total-outage.tar.gz" ] || skip "scenario archives not built"
cd "$TMP"
n=0

# same NAME ARGS...: timeline both ways, in JSON and text (FORMATS), must
# agree
FORMATS="json text"
same() {
	name=$1
	shift
	for fmt in $FORMATS; do
		run_rc "$BLACKOUT" timeline --format "$fmt" "$@" > on.out 2> on.err
		on=$rc
		run_rc "$BLACKOUT" timeline --no-projection --format "$fmt" \
		    "$@" > off.out 2> off.err
		[ "$on" -le 1 ] || fail "$name: timeline failed ($on): $(cat on.err)"
		[ "$on" -eq "$rc" ] || fail "$name $fmt: exit $on with, $rc without"
		same_runs "$name $fmt" "the projection" on off
	done
	n=$((n + 1))
}

# kept NAME ARGS...: how many events the projection kept, of how many
kept() {
	name=$1
	shift
	"$BLACKOUT" timeline -v --format json "$@" 2> v.err > /dev/null ||
	    [ $? -eq 1 ] || fail "$name: timeline -v failed"
	sed -n 's/.*projection: \([0-9]*\) of \([0-9]*\) events kept.*/\1 \2/p' \
	    v.err
}

for y in "$top_srcdir"/tests/scenarios/*.yaml; do
	s=$(basename "$y" .yaml)
	a="$sc/$s.tar.gz"
	[ -f "$a" ] || fail "$s: archive not built"
	# the scenario's own networks: their origin ASes, then their first
	# prefixes
	asns=$(sed -n 's/^ *origin: *\([0-9][0-9]*\).*/--target AS\1/p' "$y" |
	    sort -u)
	pfx=$(sed -n 's/^ *prefixes: *\[ *"\{0,1\}\([0-9a-f.:]*\/[0-9]*\).*/--target \1/p' \
	    "$y" | sort -u)
	[ -n "$asns" ] || asns="--target AS64500"
	fmts="json text"
	quick && fmts=json
	# shellcheck disable=SC2086
	FORMATS=$fmts same "$s by AS" $asns --target AS64500 \
	    --target AS64501 "$a"
	if [ -n "$pfx" ]; then
		# shellcheck disable=SC2086
		FORMATS=json same "$s by prefix" $pfx "$a"
	fi
	FORMATS=json same "$s absent" --target AS6450 "$a"
done
[ "$n" -ge 40 ] || fail "only $n comparisons on scenarios"

# a window, thresholds, and the routing scenarios' own case
same "window" --target AS64500 --from 2021-03-10T06:00:00Z \
    --to 2021-03-10T18:00:00Z "$sc/total-outage.tar.gz"
same "assume full feed" --target AS64501 --param assume_full_feed=1 \
    --param resync_s=0 "$sc/multihomed-partial.tar.gz"
cat > routing.yaml <<'YAML'
title: routing
targets:
  - {name: YouTube, members: [AS36561], aliases: [YouTube]}
  - {name: OCN, members: [AS4713], aliases: [OCN, NTT OCN]}
  - {name: anycast, members: [AS64510], aliases: [anycast]}
YAML
for s in hijack-youtube leak-more-specifics moas-normal moas-late-rib; do
	same "$s routing case" --case routing.yaml "$sc/$s.tar.gz"
done
# all scenario archives in one run: members of many collectors interleave
# shellcheck disable=SC2046
same "all scenarios" --target AS64500 --target AS64510 $(ls "$sc"/*.tar.gz)

# the sample case
nk="$top_builddir/samples/nk-2014/nk-2014.tar.gz"
if [ -f "$nk" ]; then
	sed '/^inputs:/,/^ *- /d' "$top_srcdir/samples/nk-2014/case.yaml" \
	    > nk.yaml
	same "nk-2014" --case nk.yaml "$nk"
	set -- $(kept nk-2014 --case nk.yaml "$nk")
	[ "$#" -eq 2 ] && [ "$1" -lt "$2" ] ||
	    fail "nk-2014: the projection kept ${1:-?} of ${2:-?} events"
fi

# it drops: on a scenario, fewer events are kept than read
set -- $(kept total-outage --target AS64500 "$sc/total-outage.tar.gz")
[ "$#" -eq 2 ] && [ "$1" -lt "$2" ] && [ "$1" -gt 0 ] ||
    fail "total-outage: the projection kept ${1:-?} of ${2:-?} events"

# real MRT: a RIS RIB dump of 2000 and update files
d="${SHARED_DATA:-}/mrt/bgpkit-parser"
if [ -n "${SHARED_DATA:-}" ] && [ -f "$d/rrc00.bview.20000111.0032.gz" ]; then
	rib="$d/rrc00.bview.20000111.0032.gz"
	upd="$d/rrc00.updates.20000102.2014.gz"
	ts="AS4713 AS701 AS4200000001 193.0.0.0/16"
	# each target decodes the whole RIB twice; quick takes one of each kind
	quick && ts="AS4713 193.0.0.0/16"
	for t in $ts; do
		same "real $t" --target "$t" "$rib" "$upd"
	done
	quick || same "real several" --target AS4713 --target AS3320 \
	    --target 12.0.0.0/8 --param assume_full_feed=1 "$rib" \
	    "$d/rrc00.updates.20000325.0345.gz" "$upd"
	set -- $(kept real --target AS4713 "$rib" "$upd")
	[ "$#" -eq 2 ] && [ $(($1 * 10)) -lt "$2" ] ||
	    fail "real RIB: the projection kept ${1:-?} of ${2:-?} events"
	echo "real RIB, AS4713: $1 of $2 events kept"
fi

# The scan decodes only MRT records whose bytes hold a target AS, unless
# more than eight ASes are targets: the prefixes it finds, and so what is
# kept, must not change at that boundary.  Four-byte origins in updates
# (et-2015) and in a TABLE_DUMP_V2 RIB, two-byte ones in a 2010 file.
e="${SHARED_DATA:-}/mrt/ripe-bgpdump/updates.et-header.2015.gz"
r="${SHARED_DATA:-}/mrt/pyasn/rib.20140523.0600_firstMB.bz2"
u="${SHARED_DATA:-}/mrt/bgpkit-parser/rrc15.updates.20100227.1600.gz"
if [ -n "${SHARED_DATA:-}" ] && [ -f "$e" ] && [ -f "$r" ] && [ -f "$u" ]; then
	absent=
	for i in 1 2 3 4 5 6 7; do
		absent="$absent --target AS429496700$i"
	done
	for t in AS131090 AS197549 AS3320 AS4713; do
		set -- $(kept "$t" --target "$t" "$e" "$r" "$u")
		k1=${1:-?}
		set -- $(kept "$t" --target "$t" --target AS64512 $absent \
		    "$e" "$r" "$u")
		[ "$k1" = "${1:-}" ] || fail "$t: $k1 events kept when the" \
		    "scan filters records by their bytes, ${1:-?} when not"
		echo "real $t: $k1 of $2 events kept, with the scan's filter or without"
	done
	quick || same "real four-byte" --target AS131090 --target AS197549 \
	    "$e" "$r"
fi
exit 0
