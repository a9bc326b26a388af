#!/bin/sh
# blackout report on the sample case (samples/nk-2014): the reports land
# where stderr says, are well-formed, carry local time, are the same bytes
# on a second run, and match the golden files tests/golden/nk-2014-sample.*
# byte for byte.  The golden files follow the correlator, the rules and the
# sample generator: after a deliberate change there, look at the diff this
# test prints and refresh them with BO_UPDATE_GOLDEN=1 make check.
. "$top_srcdir/tests/lib.sh"

if "$BLACKOUT" timeline --help 2>&1 | grep -q 'not implemented yet'; then
	skip "the correlator is not merged yet"
fi
[ -f "$top_srcdir/samples/nk-2014/case.yaml" ] || skip "no sample case"
ARCHIVE=
for d in "$top_builddir" "$top_srcdir"; do
	if [ -f "$d/samples/nk-2014/nk-2014.tar.gz" ]; then
		ARCHIVE=$d/samples/nk-2014/nk-2014.tar.gz
		break
	fi
done
[ -n "$ARCHIVE" ] || skip "sample archive not built"

# Relative paths only, so that the methods section is the same wherever
# the tree is built.
mkdir "$TMP/nk-2014"
cp "$top_srcdir/samples/nk-2014/case.yaml" "$TMP/nk-2014/"
ln -s "$ARCHIVE" "$TMP/nk-2014/nk-2014.tar.gz"
ln -s "$BLACKOUT_RULES" "$TMP/rules"

mkdir "$TMP/run1" "$TMP/run2"
for d in run1 run2; do
	ln -s ../nk-2014 "$TMP/$d/nk-2014"
	ln -s ../rules "$TMP/$d/rules"
	rc=0
	(cd "$TMP/$d" && "$BLACKOUT" report -R rules --case nk-2014/case.yaml) \
	    > "$TMP/$d.out" 2> "$TMP/$d.err" || rc=$?
	[ "$rc" -le 1 ] || { cat "$TMP/$d.err"; fail "report --case: exit $rc"; }
done
grep -q 'wrote HTML report to nk-2014-report.html' "$TMP/run1.err" ||
	{ cat "$TMP/run1.err"; fail "where the HTML went is not said"; }
grep -q 'wrote Markdown report to nk-2014-report.md' "$TMP/run1.err" ||
	fail "where the Markdown went is not said"
grep -q 'wrote SVG chart to nk-2014-report.svg' "$TMP/run1.err" ||
	fail "where the chart went is not said"
grep -q '](<nk-2014-report.svg>)' "$TMP/run1/nk-2014-report.md" ||
	fail "the Markdown does not show the chart written beside it"
for f in nk-2014-report.html nk-2014-report.md nk-2014-report.svg; do
	[ -s "$TMP/run1/$f" ] || fail "no $f"
	cmp "$TMP/run1/$f" "$TMP/run2/$f" || fail "$f differs between runs"
done
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$TMP/run1/nk-2014-report.html" ||
		fail "the HTML is not well-formed"
	xmllint --noout "$TMP/run1/nk-2014-report.svg" ||
		fail "the SVG is not well-formed"
fi
# The case asks for Asia/Pyongyang: UTC+9 in December 2014.
grep -q '+09:00' "$TMP/run1/nk-2014-report.html" || fail "no local times"

# -o with a .md suffix gives Markdown; '-o -' writes to standard output.
(cd "$TMP/run1" && "$BLACKOUT" report -q -R rules --case nk-2014/case.yaml \
    -o x.md) 2> "$TMP/err" || [ $? -eq 1 ] || fail "report -o x.md"
# The same Markdown, but for the image of the chart, which -o does not
# write.
sed '/^!\[/{N;d;}' "$TMP/run1/nk-2014-report.md" | cmp -s - "$TMP/run1/x.md" ||
	fail "-o x.md differs"
(cd "$TMP/run1" && "$BLACKOUT" report -q -R rules --case nk-2014/case.yaml \
    --format html -o -) > "$TMP/y.html" 2> "$TMP/err" || [ $? -eq 1 ] ||
	fail "report -o -"
cmp "$TMP/y.html" "$TMP/run1/nk-2014-report.html" || fail "-o - differs"

# --tz wins over the case's zone (New York: UTC-5 in December).
(cd "$TMP/run1" && "$BLACKOUT" report -q -R rules --case nk-2014/case.yaml \
    --tz America/New_York -o ny.md) 2> "$TMP/err" || [ $? -eq 1 ] ||
	fail "report --tz America/New_York"
grep -q -- '-05:00' "$TMP/run1/ny.md" || fail "--tz did not change local time"
grep -q '+09:00' "$TMP/run1/ny.md" && fail "the case's zone still shown with --tz"
# A file that cannot be written is an error that names it.
rc=0
(cd "$TMP/run1" && "$BLACKOUT" report -q -R rules --case nk-2014/case.yaml \
    -o "$TMP/no/such/dir/r.html") 2> "$TMP/err" || rc=$?
[ "$rc" -eq 2 ] || fail "unwritable -o: exit $rc, want 2"
grep -q "no/such/dir/r.html" "$TMP/err" || fail "unwritable -o not named"

for ext in md html; do
	golden=$top_srcdir/tests/golden/nk-2014-sample.$ext
	got=$TMP/run1/nk-2014-report.$ext
	if [ "${BO_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$got" "$golden"
		continue
	fi
	[ -f "$golden" ] || fail "no golden file $golden (BO_UPDATE_GOLDEN=1)"
	if ! cmp -s "$golden" "$got"; then
		diff -u "$golden" "$got" | head -60
		fail "nk-2014-report.$ext differs from $golden"
	fi
done
exit 0
