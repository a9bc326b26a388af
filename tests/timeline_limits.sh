#!/bin/sh
# The correlator's limits are said, never silent: events of collectors past
# the 64th are counted as not correlated, with a warning in the summary;
# more than 64 targets are refused.
. "$top_srcdir/tests/lib.sh"
cd "$TMP"
# 67 collectors (from the paths), one bgpdump -m line each
i=0
while [ $i -lt 67 ]; do
	d=$(printf 'rrc%02d' $i)
	mkdir -p "in/$d"
	printf 'BGP4MP|1615370400|A|10.0.%d.1|65%03d|192.0.2.0/24|65%03d 64500|IGP|10.0.%d.1|0|0||NAG||\n' \
	    $i $i $i $i > "in/$d/updates.txt"
	i=$((i + 1))
done
run_rc "$BLACKOUT" timeline --target AS64500 --format json in > tl.json 2> err
[ $rc -eq 1 ] || fail "67 collectors: exit $rc (want 1, warnings)"
grep -q "warning: 3 events from collectors past the first 64 were not correlated" err ||
    fail "no warning: $(cat err)"
grep -q "warnings: 1 x collectors past the limit not correlated" err ||
    fail "not in the summary: $(cat err)"
grep -q '"warnings":1[,}]' tl.json || fail "not counted in the timeline"

{
	echo "title: limits"
	echo "targets:"
	i=0
	while [ $i -lt 65 ]; do
		echo "  - {name: t$i, members: [AS$((64600 + i))]}"
		i=$((i + 1))
	done
} > case.yaml
run_rc "$BLACKOUT" timeline --case case.yaml in > /dev/null 2> err
[ $rc -eq 2 ] || fail "65 targets: exit $rc"
grep -q "more than 64 targets" err || fail "65 targets: $(cat err)"
echo "timeline_limits: ok"
