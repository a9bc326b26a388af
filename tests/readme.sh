#!/bin/sh
# A newcomer's first hour, as a test: clone the repository into a temporary
# directory, run the README's Quick start there, then every command the
# README shows, as written, and check that each succeeds (exit 0, or 1 for
# "completed with warnings", which blackout documents).  The output the
# README quotes must be what the command prints.
#
# Not run: `./quickstart check`, and the `make check` of "Building by
# hand" (they would run this suite inside itself), `sudo make install` (root,
# and the same install as `./quickstart install` below) and the benchmark
# scripts (never timed in tests).  The dependency-install step of
# quickstart is a no-op here: the test skips when a package is missing.
. "$top_srcdir/tests/lib.sh"
command -v git > /dev/null || skip "git not installed"
top=$(git -C "$top_srcdir" rev-parse --show-toplevel 2> /dev/null || :)
[ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$(cd "$top_srcdir" && pwd -P)" ] ||
	skip "not a git checkout (a release tarball)"
command -v dpkg-query > /dev/null || skip "not a Debian system"
pkgs=$(sed -n '/^BUILD_PKGS="/,/"$/p' "$top_srcdir/quickstart" |
    sed 's/^BUILD_PKGS="//; s/"$//')
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2> /dev/null |
	    grep -q "ok installed" || skip "build dependency $p not installed"
done

readme=$top_srcdir/README.md
git clone -q "$top_srcdir" "$TMP/clone" || fail "git clone failed"
cd "$TMP/clone"
unset BLACKOUT_RULES BLACKOUT
HOME=$TMP/home
mkdir -p "$HOME"
export HOME
# Commands run with the clone's own tools, one job: the machine is shared.
MAKEFLAGS=
export MAKEFLAGS

run() {
	echo "README: $*"
	set +e
	sh -c "$*" > "$TMP/out" 2> "$TMP/err"
	st=$?
	set -e
	if [ "$st" -gt 1 ]; then
		tail -20 "$TMP/err"
		fail "README command failed (exit $st): $*"
	fi
}

# The fenced shell blocks, in order, and the "$ " lines of the others.
awk '
	/^```sh$/ { sh = 1; next }
	/^```/ { if (sh || other) { sh = other = 0 } else other = 1; next }
	sh && NF { print }
	other && /^\$ / { sub(/^\$ /, ""); print }
' "$readme" > "$TMP/commands"
[ "$(grep -c . "$TMP/commands")" -ge 5 ] || fail "too few README commands found"
ran=0
while IFS= read -r cmd; do
	case $cmd in
	"./quickstart check")
		echo "README: not run here (would run this suite): $cmd"
		continue ;;
	*" && make check")
		echo "README: without its make check (this suite): $cmd"
		cmd=${cmd% && make check} ;;
	esac
	# After `./quickstart install ~/.local`, `blackout` is on the PATH
	# the way the install tells the user to set it.
	PATH=$HOME/.local/bin:$PATH run "$cmd"
	case $cmd in
	./quickstart)
		for f in out/nk-2014.html out/nk-2014.md out/nk-2014.json; do
			[ -s "$f" ] || fail "quickstart did not write $f"
		done
		grep -q "reports written to out/" "$TMP/err" ||
			fail "quickstart did not say where the reports are"
		grep -q "^\\[CONFIRMED\\]" "$TMP/out" ||
			fail "quickstart printed no timeline"
		jq -e '.claims | length > 2' out/nk-2014.json > /dev/null ||
			fail "the sample's JSON has no claims: rules not found";;
	"./quickstart install ~/.local")
		[ -x "$HOME/.local/bin/blackout" ] || fail "not installed"
		[ -f "$HOME/.local/share/blackout/rules/iputils-ping.yaml" ] ||
			fail "rules not installed"
		[ -f "$HOME/.local/share/man/man1/blackout.1" ] ||
			fail "man page not installed";;
	"blackout timeline --case samples/nk-2014/case.yaml")
		# the excerpt the README quotes is what it prints
		awk '/^\$ blackout timeline --case samples\/nk-2014\/case.yaml$/ {
		    on = 1; next } on && /^\.\.\.$/ { exit } on { print }' \
		    "$readme" > "$TMP/quoted"
		head -n "$(wc -l < "$TMP/quoted")" "$TMP/out" |
		    diff "$TMP/quoted" - || fail "README's timeline excerpt is stale"
		grep -q "rules loaded from $HOME/.local/share/blackout/rules" \
		    "$TMP/err" || fail "installed blackout: $(head -3 "$TMP/err")";;
	*--brief)
		grep -q "rules loaded from $TMP/clone/rules" "$TMP/err" ||
			fail "build tree rules not said: $(head -3 "$TMP/err")";;
	esac
	ran=$((ran + 1))
done < "$TMP/commands"

# Inline commands the text gives as they are to be typed.
run "man -l doc/blackout.1 | cat"
run "PATH=\$HOME/.local/bin:\$PATH blackout rules test"
run "./blackout timeline --case samples/nk-2014/case.yaml"
# The sample's README, too.
sed -n '/^```sh$/,/^```$/p' samples/nk-2014/README.md | grep -v '^```' |
    sed 's/ *#.*//' | grep . > "$TMP/sample-commands"
while IFS= read -r cmd; do
	run "$cmd"
	ran=$((ran + 1))
done < "$TMP/sample-commands"

# ./quickstart check configures again when what configure finds changed
# (bgpdump installed since): the same build() runs for install, so a
# changed dependency state must make it reconfigure there too.
echo "bgpdump=/nonexistent" > .quickstart-deps
run "./quickstart install $TMP/prefix2"
grep -q "configuring again" "$TMP/err" || fail "no reconfigure on changed deps"
run "./quickstart install $TMP/prefix2"
! grep -q "configuring again" "$TMP/err" || fail "reconfigured for nothing"
echo "ok: $ran README commands"
