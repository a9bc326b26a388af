#!/bin/sh
# The correlator's memory follows targets x peers, not the input: ten
# times the updates must not cost more than a few MiB more (storing the
# events would take over 100 MiB), and every run still finds its one
# incident per target.  bench/bench_correlate generates the stream.
. "$top_srcdir/tests/lib.sh"
b="$top_builddir/bench/bench_correlate"
[ -x "$b" ] || skip "bench_correlate not built"
cd "$TMP"
"$b" 100000 4 > small || fail "small run"
"$b" 1000000 4 > big || fail "big run"
grep -q 'incidents=4$' small || fail "small: $(cat small)"
grep -q 'incidents=4$' big || fail "big: $(cat big)"
rss() { sed 's/.*peak_rss_kib=\([0-9]*\).*/\1/' "$1"; }
s=$(rss small); l=$(rss big)
[ "$l" -le $((s + 4096)) ] || fail "peak RSS grew from $s to $l KiB"
exit 0
