#!/bin/sh
# The HTML report of the December 2014 fixture is well-formed XML (so also
# XHTML-compatible HTML5), its SVG stands alone as XML, and the page asks
# for nothing from the network: no script, no external style, image or
# font.  tidy, when installed, must find no errors either, and cmark-gfm
# must read the Markdown's tables and escapes as meant.
. "$top_srcdir/tests/lib.sh"

DUMP="$top_builddir/tests/unit/render_dump"
command -v xmllint >/dev/null 2>&1 || skip "xmllint not installed"
"$DUMP" html > "$TMP/r.html" || fail "render_dump html"
"$DUMP" md > "$TMP/r.md" || fail "render_dump md"

xmllint --noout "$TMP/r.html" || fail "HTML is not well-formed XML"
for g in "$top_srcdir"/tests/golden/*.html; do
	xmllint --noout "$g" || fail "$g is not well-formed XML"
done
sed -n '/<svg /,/<\/svg>/p' "$TMP/r.html" > "$TMP/chart.svg"
[ -s "$TMP/chart.svg" ] || fail "no SVG in the report"
xmllint --noout "$TMP/chart.svg" || fail "SVG is not well-formed XML"
# The SVG's root names its namespace, so it also opens as an .svg file.
head -1 "$TMP/chart.svg" | grep -q 'xmlns="http://www.w3.org/2000/svg"' ||
	fail "SVG without its namespace"

# Nothing that would load from elsewhere or run.
if grep -Eiq '<script|<link|<iframe|<img|<object|<embed|@import|url\((["'"'"']?)(https?:|//)|src="' \
    "$TMP/r.html"; then
	fail "the report loads something or runs script"
fi
# Every section is there, in both formats.
for id in summary chart timeline claims gaps methods; do
	grep -q "<section id=\"$id\">" "$TMP/r.html" || fail "no section $id"
done
for h in '## Summary' '## Visibility over time' '## Timeline' \
    '## Claims and reports' '## Coverage gaps' '## Methods'; do
	grep -qx "$h" "$TMP/r.md" || fail "Markdown has no '$h'"
done
# The hostile claim text is escaped, never raw.
grep -q '<b>lol' "$TMP/r.html" && fail "raw markup from evidence in HTML"
grep -q '&lt;b&gt;lol&lt;/b&gt;' "$TMP/r.html" || fail "escaped text missing"

# A GitHub-flavoured Markdown parser sees every table, and no markup or
# link smuggled in by evidence text.
if command -v cmark-gfm >/dev/null 2>&1; then
	cmark-gfm -e table "$TMP/r.md" > "$TMP/md.html"
	want=$(grep -c '^|---' "$TMP/r.md")
	got=$(grep -c '<table>' "$TMP/md.html")
	[ "$got" -eq "$want" ] || fail "cmark-gfm found $got tables, want $want"
	grep -q '<b>lol' "$TMP/md.html" && fail "raw markup from evidence in Markdown"
	grep -qi 'href="javascript' "$TMP/md.html" && fail "script link in Markdown"
	grep -q '&lt;b&gt;lol&lt;/b&gt; &amp; &quot;gg&quot; `rm -rf`' \
	    "$TMP/md.html" || fail "escaped claim text not shown as written"
fi

if command -v tidy >/dev/null 2>&1; then
	# -e: errors only; warnings (such as tidy not knowing every HTML5
	# attribute) are not failures.  tidy exits 2 on errors.
	rc=0
	tidy -e -q "$TMP/r.html" > "$TMP/tidy.txt" 2>&1 || rc=$?
	[ "$rc" -lt 2 ] || { cat "$TMP/tidy.txt"; fail "tidy found errors"; }
fi
exit 0
