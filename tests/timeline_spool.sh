#!/bin/sh
# A timeline whose targets are ASes reads its inputs twice (the scan, then
# the pass).  The scan keeps what gzip and bzip2 files decompress to
# (--max-spool) and the pass reads it back: the timeline, its messages and
# exit status must be the same as when every file is decompressed twice
# (--max-spool 0), and the spool must really be read (-v says how much).
# Inputs: scenario archives (a tar.gz, and the same extracted: bzip2 RIBs
# and updates in a directory), gzip versions of their files, damaged
# copies (cut short, trailing garbage), a limit that spools only some,
# and -j 1 against -j 2.
. "$top_srcdir/tests/lib.sh"
sc="$top_builddir/tests/scenarios"
[ -f "$sc/total-outage.tar.gz" ] || skip "scenario archives not built"
cd "$TMP"
n=0

# same NAME SPOOLED ARGS...: default against --max-spool 0; SPOOLED is
# the least number of files the pass must have read from the spool, which
# -v says (in a run of its own: -v prints warnings as the threads meet
# them, in no fixed order)
same() {
	name=$1
	want=$2
	shift 2
	run_rc "$BLACKOUT" timeline --format json "$@" > on.out 2> on.err
	on=$rc
	run_rc "$BLACKOUT" timeline --max-spool 0 --format json "$@" \
	    > off.out 2> off.err
	[ "$on" -le 1 ] || fail "$name: timeline failed ($on): $(cat on.err)"
	[ "$on" -eq "$rc" ] || fail "$name: exit $on with the spool, $rc without"
	same_runs "$name" "the spool" on off
	"$BLACKOUT" timeline -v --format json "$@" > /dev/null 2> v.err ||
	    [ $? -eq 1 ] || fail "$name: timeline -v failed"
	got=$(sed -n 's/.*: scan: \([0-9]*\) compressed file.*/\1/p' v.err)
	[ "${got:-0}" -ge "$want" ] ||
	    fail "$name: ${got:-0} file(s) read from the spool, want $want or more"
	"$BLACKOUT" timeline -v --max-spool 0 --format json "$@" \
	    > /dev/null 2> v0.err || [ $? -eq 1 ] ||
	    fail "$name: timeline -v --max-spool 0 failed"
	! grep -q ': scan: ' v0.err || fail "$name: spooled with --max-spool 0"
	n=$((n + 1))
}

for s in total-outage hijack-youtube leak-more-specifics moas-late-rib; do
	y="$top_srcdir/tests/scenarios/$s.yaml"
	asns=$(sed -n 's/^ *origin: *\([0-9][0-9]*\).*/--target AS\1/p' "$y" |
	    sort -u)
	[ -n "$asns" ] || fail "$s: no origin in the scenario"
	# shellcheck disable=SC2086
	same "$s.tar.gz" 1 $asns "$sc/$s.tar.gz"
	mkdir "$s"
	tar -xzf "$sc/$s.tar.gz" -C "$s"
	nbz=$(find "$s" -name '*.bz2' | wc -l)
	[ "$nbz" -ge 10 ] || fail "$s: only $nbz bzip2 files"
	# shellcheck disable=SC2086
	same "$s dir" "$nbz" $asns "$s"
done

# The same files as gzip, some damaged: the damaged ones are not read
# from the spool, and say so the same way.
d=total-outage
mkdir gz
for f in $(find "$d" -name '*.bz2' | sort | head -n 12); do
	b=$(basename "$f" .bz2)
	bzip2 -dc "$f" | gzip -9n > "gz/$b.gz"
done
g=$(ls gz | head -n 1)
h=$(ls gz | sed -n 2p)
k=$(ls gz | sed -n 3p)
sz=$(wc -c < "gz/$g")
head -c $((sz / 2)) "gz/$g" > "gz/cut-$g"
printf 'trailing garbage\n' | cat "gz/$h" - > "gz/junk-$h"
# a bzip2 file cut short among them
f=$(find "$d" -name 'rib.*.bz2' | sort | head -n 1)
head -c $(($(wc -c < "$f") - 100)) "$f" > "gz/cut-rib.bz2"
same "gzip and damaged" 12 --target AS64500 gz
grep -q "cut-$g.*damaged" off.err || fail "damaged gzip not reported"
grep -q "junk-$h.*after the end" off.err ||
    fail "trailing garbage not reported"
grep -q "cut-rib.bz2.*damaged" off.err || fail "damaged bzip2 not reported"
got=$(sed -n 's/.*: scan: \([0-9]*\) compressed file.*/\1/p' v.err)
[ "$got" -eq 12 ] || fail "gzip and damaged: $got spooled, want the 12 whole"

# Past the limit, files decompress twice; output the same.
lim=$(($(gzip -dc "gz/$k" | wc -c) * 3))
run_rc "$BLACKOUT" timeline -v --max-spool "$lim" --format json \
    --target AS64500 gz > lim.out 2> lim.err
cmp -s lim.out off.out || fail "--max-spool $lim changed the timeline"
got=$(sed -n 's/.*: scan: \([0-9]*\) compressed file.*/\1/p' lim.err)
[ "${got:-0}" -ge 1 ] && [ "$got" -lt 12 ] ||
    fail "--max-spool $lim: ${got:-0} files spooled, want some, not all"

# Threads: the spool is written by each decoding thread.
same_threads "spool threads" timeline --format json --target AS64500 \
    total-outage gz
run_rc "$BLACKOUT" timeline --max-spool x --target AS64500 gz 2> bad.err
[ "$rc" -eq 2 ] && grep -q -- '--max-spool' bad.err ||
    fail "--max-spool x: exit $rc: $(cat bad.err)"
echo "ok: $n comparisons"
