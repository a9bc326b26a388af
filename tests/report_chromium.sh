#!/bin/sh
# The HTML report loads in headless Chromium with no console error (with
# every host unresolvable, so that nothing can be fetched even by mistake;
# report_xml.sh checks statically that nothing is asked for), its DOM is
# complete, and it renders to a non-trivial PNG at desktop and phone widths
# and to a PDF for print.
. "$top_srcdir/tests/lib.sh"

CHROME=
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then
		CHROME=$c
		break
	fi
done
[ -n "$CHROME" ] || skip "chromium not installed"

DUMP="$top_builddir/tests/unit/render_dump"
"$DUMP" html > "$TMP/report.html" || fail "render_dump html"

PAGE=$TMP/report.html
chrome() {
	# --no-sandbox: CI runs as root, where the sandbox cannot start.
	# --disable-dev-shm-usage: containers often have a tiny /dev/shm.
	timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu \
	    --disable-dev-shm-usage \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --host-resolver-rules='MAP * ~NOTFOUND' \
	    --user-data-dir="$TMP/profile" --enable-logging=stderr --v=0 \
	    "$@" "file://$PAGE"
}

chrome --dump-dom > "$TMP/dom.html" 2> "$TMP/dom.err" ||
	{ tail -20 "$TMP/dom.err"; fail "chromium --dump-dom failed"; }
for want in '<svg' 'id="methods"' '</footer>' 'C9 27 Dec'; do
	grep -q "$want" "$TMP/dom.html" || fail "DOM lacks $want"
done

chrome --screenshot="$TMP/desktop.png" --window-size=1200,2000 \
    > /dev/null 2> "$TMP/shot.err" ||
	{ tail -20 "$TMP/shot.err"; fail "chromium --screenshot failed"; }
# Headless Chromium will not lay out narrower than 500 px; that is still
# inside the report's small-screen rules (max-width: 640px).
chrome --screenshot="$TMP/phone.png" --window-size=500,1000 \
    > /dev/null 2> "$TMP/phone.err" || fail "phone screenshot failed"
chrome --print-to-pdf="$TMP/print.pdf" --no-pdf-header-footer \
    > /dev/null 2> "$TMP/pdf.err" || fail "print to PDF failed"

# Console messages are logged as "CONSOLE(line)" or "Console"; failed
# loads as net::ERR_*.
if grep -Eih 'console|net::ERR_|Uncaught' "$TMP/dom.err" "$TMP/shot.err" \
    "$TMP/phone.err" "$TMP/pdf.err" | grep -v 'dbus' > "$TMP/errors"; then
	cat "$TMP/errors"
	fail "the page logged errors"
fi

png_ok() {
	[ -s "$1" ] || fail "$1 not written"
	# The PNG signature, then a size a blank page never reaches (a white
	# 1200x2000 page compresses to under 10 kB).
	[ "$(od -An -tx1 -N8 "$1" | tr -d ' \n')" = 89504e470d0a1a0a ] ||
		fail "$1 is not a PNG"
	[ "$(wc -c < "$1")" -gt "$2" ] || fail "$1 is nearly empty"
}
png_ok "$TMP/desktop.png" 60000
png_ok "$TMP/phone.png" 20000
[ "$(head -c 5 "$TMP/print.pdf")" = "%PDF-" ] || fail "print.pdf is not a PDF"
[ "$(wc -c < "$TMP/print.pdf")" -gt 20000 ] || fail "print.pdf is nearly empty"

# The sample case's report (its golden file) loads as cleanly.
PAGE=$top_srcdir/tests/golden/nk-2014-sample.html
case $PAGE in /*) ;; *) PAGE=$PWD/$PAGE ;; esac
if [ -f "$PAGE" ]; then
	chrome --dump-dom > "$TMP/sample.html" 2> "$TMP/sample.err" ||
		fail "chromium --dump-dom failed on the sample report"
	grep -q '</footer>' "$TMP/sample.html" || fail "sample DOM incomplete"
	if grep -Eih 'console|net::ERR_|Uncaught' "$TMP/sample.err" |
	    grep -v dbus; then
		fail "the sample report logged errors"
	fi
fi

# On a phone the chart scales down to the screen instead of being cut off
# (it had a min-width of 720 px): a copy of the report with a probe script
# (the report itself has none) measures it at the narrowest width headless
# Chromium lays out.
PAGE=$TMP/probe.html
sed 's|</body>|<script>var r = document.querySelector("svg.chart").getBoundingClientRect(); document.body.setAttribute("data-fit", (r.right <= innerWidth \&\& r.width > 0) + " " + Math.round(r.right) + " " + innerWidth);</script></body>|' \
    "$TMP/report.html" > "$PAGE"
chrome --window-size=390,900 --dump-dom > "$TMP/probe.dom" 2> /dev/null ||
	fail "chromium --dump-dom failed on the probe"
fit=$(grep -o 'data-fit="[^"]*"' "$TMP/probe.dom" || :)
case $fit in
'data-fit="true '*) ;;
*) fail "the chart does not fit a narrow screen: ${fit:-no probe result}" ;;
esac

# Keep the pictures for a human to look at when asked.
if [ -n "${BO_KEEP_SCREENSHOTS:-}" ]; then
	cp "$TMP/desktop.png" "$TMP/phone.png" "$TMP/print.pdf" \
	    "$BO_KEEP_SCREENSHOTS"/
fi
exit 0
