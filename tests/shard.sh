#!/bin/sh
# Sharded runs (blackout map, merge, timeline/report --runs) give the
# single run's output byte for byte, whatever the shard count or the
# merge rounds; an incomplete, doubled or foreign set is refused (exit 2).
# No engine: the shards run one after the other here.
. "$top_srcdir/tests/lib.sh"
arch="$top_builddir/samples/nk-2014/nk-2014.tar.gz"
sc="$top_builddir/tests/scenarios"
[ -f "$arch" ] || skip "sample case archive not built"
[ -f "$sc/missing-file.tar.gz" ] || skip "scenario archives not built"
cd "$TMP"
B() { "$BLACKOUT" "$@" || [ $? -eq 1 ] || fail "blackout $*: exit $?"; }

# A directory of many files shards file by file; an archive is one file.
mkdir nk sr mf
tar xzf "$arch" -C nk
tar xzf "$sc/session-reset.tar.gz" -C sr
# a coverage gap (a missing update file) must come out the same too
tar xzf "$sc/missing-file.tar.gz" -C mf
sed '/^inputs:/,/^ *- /d' "$top_srcdir/samples/nk-2014/case.yaml" > nk.yaml
cat > sr.yaml <<'YAML'
title: scenario
targets:
  - {name: example-net, members: [AS64500], aliases: [example-net]}
  - {name: other-net, members: [AS64502], aliases: [other-net]}
YAML

# same CASE TAG INPUT N: N shards reduce to the single run's output
same() {
	i=1
	while [ "$i" -le "$4" ]; do
		B map -q --case "$1" --shard "$i/$4" -o "$2-$i-$4.run" "$3"
		i=$((i + 1))
	done
	B timeline -q --case "$1" --format json -o "$2-$4.json" \
	    --runs "$2"-*-"$4".run
	cmp -s "$2.json" "$2-$4.json" ||
	    fail "$2: $4 shards differ from the single run"
}
for t in nk:nk.yaml:nk sr:sr.yaml:sr mf:sr.yaml:mf arch:nk.yaml:"$arch"; do
	tag=${t%%:*}; rest=${t#*:}; case=${rest%%:*}; in=${rest#*:}
	B timeline -q --case "$case" --format json -o "$tag.json" "$in"
	case $tag in
	nk|arch) grep -q '"kind":"outage"' "$tag.json" ||
	    fail "$tag: no incident in the single run" ;;
	mf) grep -q '"reason":"missing update file' "$tag.json" ||
	    fail "mf: no coverage gap in the single run" ;;
	esac
	for n in 1 2 3 7; do
		[ "$tag" = arch ] || [ "$tag" = mf ] && [ "$n" != 3 ] &&
		    continue
		# quick: the counts the rest of the test needs (2, 3, 7)
		quick && [ "$tag" = sr ] && [ "$n" != 3 ] && continue
		quick && [ "$n" = 1 ] && continue
		same "$case" "$tag" "$in" "$n"
	done
done
# the text timeline and the report (input hashes in its methods) too
B timeline -q --case nk.yaml --color never -o one.txt nk
B timeline -q --case nk.yaml --color never -o three.txt --runs nk-*-3.run
cmp -s one.txt three.txt || fail "text timeline differs"
B report -q --case nk.yaml -o one.md nk
B report -q --case nk.yaml -o three.md --runs nk-*-3.run
cmp -s one.md three.md || fail "report differs"
h=$(grep -o '"path":"nk","sha256":"[0-9a-f]*"' nk.json | cut -d'"' -f8)
[ ${#h} -eq 64 ] && grep -q "$h" three.md ||
    fail "the report does not give the input's SHA-256"

# merge rounds: fan-in 2 over 7 runs, and a partial merge by hand
BLACKOUT_FAN_IN=2 B timeline -q --case nk.yaml --format json -o r.json \
    --runs nk-*-7.run
cmp -s nk.json r.json || fail "merge in rounds differs"
B merge -q -o part.run nk-1-7.run nk-2-7.run nk-3-7.run
B timeline -q --case nk.yaml --format json -o p.json \
    --runs part.run nk-4-7.run nk-5-7.run nk-6-7.run nk-7-7.run
cmp -s nk.json p.json || fail "partial merge differs"

# refused sets: exit 2, naming what is wrong
refuse() {	# refuse PATTERN RUN...
	pat=$1; shift
	run_rc "$BLACKOUT" timeline -q --case nk.yaml -o bad.json --runs "$@" \
	    2> err
	[ "$rc" -eq 2 ] || fail "exit $rc for a bad set ($pat)"
	grep -q "$pat" err || fail "no '$pat' in: $(cat err)"
	[ ! -s bad.json ] || fail "output written from a refused set"
}
refuse 'shard 2/3 is missing' nk-1-3.run nk-3-3.run
refuse 'shard 3/3 given twice: in nk-3-3.run and in nk-3-3.run' \
    nk-1-3.run nk-2-3.run nk-3-3.run nk-3-3.run
refuse 'nk-1-2.run: foreign run: other shard count' \
    nk-1-3.run nk-1-2.run nk-2-3.run nk-3-3.run
refuse 'sr-1-3.run: foreign run: other inputs' \
    nk-1-3.run sr-1-3.run nk-3-3.run
B map -q --case nk.yaml --max-depth 2 --shard 2/3 -o deep.run nk
refuse 'deep.run: foreign run: other options' nk-1-3.run deep.run nk-3-3.run
# the reduce's own options must be the runs'
run_rc "$BLACKOUT" timeline -q --case nk.yaml --max-depth 2 -o bad.json \
    --runs nk-*-3.run 2> err
[ "$rc" -eq 2 ] && grep -q 'other options' err ||
    fail "reduce with other options: exit $rc"
# damaged run files are refused, never read as fewer events
head -c 1000 nk-2-3.run > cut.run
refuse 'cut.run: truncated or damaged run file' nk-1-3.run cut.run nk-3-3.run
printf 'not a run' > junk.run
refuse 'junk.run: not a blackout run file' nk-1-3.run junk.run nk-3-3.run
# a map that fails leaves no run file behind
run_rc "$BLACKOUT" map -q --case nk.yaml --shard 4/3 -o x.run nk
[ "$rc" -eq 2 ] && [ ! -e x.run ] || fail "--shard 4/3 accepted"
# no wall clock, no host: the same shard gives the same bytes again
B map -q --case nk.yaml -j 1 --shard 2/3 -o again.run nk
cmp -s again.run nk-2-3.run || fail "a shard's run file is not reproducible"

# blackout slurm writes the three scripts, array and dependency in place
B slurm --shards 5 --partition p1 --account a1 --case nk.yaml -o job
grep -q '^#SBATCH --array=1-5$' job/map.sbatch || fail "no array"
grep -q '^#SBATCH --partition=p1$' job/reduce.sbatch || fail "no partition"
grep -q 'shard "$SLURM_ARRAY_TASK_ID/$N"' job/map.sbatch || fail "no shard"
grep -q 'dependency=afterok:"$map"' job/submit.sh || fail "no dependency"
[ -x job/submit.sh ] || fail "submit.sh not executable"
sh -n job/map.sbatch && sh -n job/reduce.sbatch && sh -n job/submit.sh ||
    fail "a script does not parse"
exit 0
