#!/bin/sh
# blackout report: usage errors are named and exit 2 (report_sample.sh
# runs it on the sample case).
. "$top_srcdir/tests/lib.sh"

expect_usage() {
	rc=0
	"$BLACKOUT" report "$@" > "$TMP/out" 2> "$TMP/err" || rc=$?
	[ "$rc" -eq 2 ] || fail "report $*: exit $rc, want 2"
	grep -q -- "$want" "$TMP/err" || { cat "$TMP/err"; fail "report $*: no '$want'"; }
}

want='give --case FILE'; expect_usage
want='not in the system tz database'; expect_usage --tz Mars/Olympus --case x.yaml
want='not in the system tz database'; expect_usage --tz ../../etc/passwd --case x.yaml
want='want html, md or svg'; expect_usage --format pdf --case x.yaml
want='no INPUT given'; expect_usage --target AS131279
want='window is empty'; expect_usage --target AS131279 --from 2014-12-21 --to 2014-12-20 x.tar
want='nonexistent/case.yaml'; expect_usage --case "$TMP/nonexistent/case.yaml"

exit 0
