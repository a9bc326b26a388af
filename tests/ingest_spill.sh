#!/bin/sh
# Spilled runs under a file-descriptor budget: a low memory bound on a
# many-file input (and on one archive of many members) spills hundreds of
# sorted runs; with few file descriptors allowed they are merged in rounds
# and give the same events as no spilling.  Runs go to $TMPDIR.
. "$top_srcdir/tests/lib.sh"
sc="$top_builddir/tests/scenarios"
[ -f "$sc/total-outage.tar.gz" ] || skip "scenario archives not built"
cd "$TMP"
mkdir many
(cd many && tar -xzf "$sc/total-outage.tar.gz")
nfiles=$(find many -type f | wc -l)
[ "$nfiles" -gt 100 ] || fail "only $nfiles files in the scenario"

ingest() {	# ingest OUT ARGS...: exit 0 or 1 (warnings) only
	out=$1; shift
	run_rc "$BLACKOUT" ingest -q --no-default-rules "$@" > "$out" 2> err
	[ $rc -le 1 ] || fail "ingest $*: exit $rc: $(cat err)"
}
ingest want.nd -j1 many
[ "$(wc -l < want.nd)" -gt 10000 ] || fail "too few events"
# 40 descriptors, a run every 50 events: over 400 runs without rounds
(
	ulimit -n 40 || exit 77
	ingest got.nd -j2 --max-memory-events 50 many
	cmp want.nd got.nd || fail "many files: spilled runs merge differently"
	ingest want1.nd -j1 "$sc/total-outage.tar.gz"
	ingest got1.nd -j1 --max-memory-events 20 "$sc/total-outage.tar.gz"
	cmp want1.nd got1.nd || fail "one archive: spilled runs merge differently"
) || { rc=$?; [ $rc -eq 77 ] && skip "ulimit -n not available"; exit $rc; }

# $TMPDIR is where runs go: one that does not exist is named in the error
mkdir tmp
(TMPDIR="$TMP/tmp"; export TMPDIR
	ingest got2.nd -j1 --max-memory-events 50 many) || exit 1
cmp want.nd got2.nd || fail "TMPDIR: spilled runs merge differently"
run_rc env TMPDIR="$TMP/nowhere" "$BLACKOUT" ingest -q --no-default-rules \
    -j1 --max-memory-events 50 many > /dev/null 2> err
[ $rc -eq 2 ] || fail "TMPDIR missing: exit $rc"
grep -q "temporary file in $TMP/nowhere: No such file" err ||
    fail "TMPDIR missing: $(cat err)"
echo "ingest_spill: ok ($nfiles files)"
