#!/bin/sh
# Collector naming: MRT files kept in plain folders (their path names no
# RIS or RouteViews collector) are warned about once per file, and can be
# named with --collector NAME=PATH or {path: ..., collector: NAME} in a
# case's inputs, so that two collectors no longer merge into one unknown.
. "$top_srcdir/tests/lib.sh"
arch=$top_builddir/samples/nk-2014/nk-2014.tar.gz
[ -f "$arch" ] || skip "sample archive not built"
cd "$TMP"
tar xzf "$arch" rrc00/2014.12/updates.20141222.1615.gz \
    rrc12/2014.12/updates.20141222.1615.gz
mkdir plain
cp rrc00/2014.12/updates.20141222.1615.gz plain/a.gz
cp rrc12/2014.12/updates.20141222.1615.gz plain/b.gz

run_rc "$BLACKOUT" ingest --no-default-rules -j1 plain/a.gz plain/b.gz \
    > ev 2> err
[ "$rc" -eq 1 ] || fail "unknown collectors: exit $rc, want 1 (warned)"
[ "$(grep -c 'collector unknown' err)" -eq 2 ] ||
	fail "want one warning per file: $(cat err)"
grep -q "plain/a.gz: collector unknown" err || fail "file not named"
! grep -q '"collector"' ev || fail "a collector was made up"

run_rc "$BLACKOUT" ingest --no-default-rules -j1 --collector rrc00=plain/a.gz \
    --collector rrc12=plain/b.gz > ev 2> err
[ "$rc" -eq 0 ] || fail "named collectors: exit $rc: $(cat err)"
grep -q '"input":"plain/a.gz".*' ev || fail "--collector input not read"
n0=$(grep -c '"collector":"rrc00".*"input":"plain/a.gz"' ev)
n12=$(grep -c '"collector":"rrc12".*"input":"plain/b.gz"' ev)
[ "$n0" -gt 0 ] && [ "$n12" -gt 0 ] || fail "collectors not applied ($n0, $n12)"
[ "$(grep -c . ev)" -eq $((n0 + n12)) ] || fail "events without collector"
# A name given wins over the path's.
"$BLACKOUT" ingest -q --no-default-rules \
    --collector rrc06=rrc00/2014.12/updates.20141222.1615.gz > ev
grep -q '"collector":"rrc06"' ev && ! grep -q '"collector":"rrc00"' ev ||
	fail "--collector did not win over the path"
run_rc "$BLACKOUT" ingest --collector rrc00 x 2> err
[ "$rc" -eq 2 ] && grep -q "want NAME=PATH" err || fail "bad --collector: $rc"

# The same in a case file; the timeline names both collectors.
cat > case.yaml <<'YAML'
title: plain folders
targets: [AS131279]
inputs:
  - {path: plain/a.gz, collector: rrc00}
  - path: plain/b.gz
    collector: rrc12
YAML
run_rc "$BLACKOUT" timeline --no-default-rules --case case.yaml -f json \
    -o t.json 2> err
# exit 1: two update files of withdrawals cannot show AS131279's routes,
# so the timeline says it has no data for it (no_data), not "no outage"
[ "$rc" -eq 1 ] || fail "case with collectors: exit $rc: $(cat err)"
grep -q '"kind":"no_data"' t.json || fail "no data not said"
grep -q '"scope":"rrc00"' t.json && grep -q '"scope":"rrc12"' t.json ||
	fail "timeline lacks the named collectors"
! grep -q '"scope":"unknown"' t.json || fail "an unknown collector is left"
# The command line does the same for timeline.
run_rc "$BLACKOUT" timeline -q --no-default-rules --target AS131279 \
    --collector rrc00=plain/a.gz --collector rrc12=plain/b.gz -f json \
    -o t2.json
[ "$rc" -eq 1 ] || fail "timeline --collector: exit $rc"
grep -q '"scope":"rrc00"' t2.json && grep -q '"scope":"rrc12"' t2.json ||
	fail "timeline --collector"
# Mistakes in the mapping are placed.
printf 'targets: [AS1]\ninputs:\n  - {path: a.gz, colector: rrc00}\n' > bad.yaml
run_rc "$BLACKOUT" timeline -q --case bad.yaml 2> err
[ "$rc" -eq 2 ] && grep -q "bad.yaml:3:.*unknown input key 'colector'" err ||
	fail "bad input key: $rc $(cat err)"
echo ok
