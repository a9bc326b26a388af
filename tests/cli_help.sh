#!/bin/sh
# Every command, and every option each command's --help lists, is in
# blackout(1); each --help lists only options the command accepts; -t
# means one thing (bgpdump's time format, in mrt dump only).
. "$top_srcdir/tests/lib.sh"
man=$top_srcdir/doc/blackout.1

# The commands: those of `blackout --help`, and the subcommands.
"$BLACKOUT" --help > "$TMP/top"
cmds=$(awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }' \
    "$TMP/top")
[ -n "$cmds" ] || fail "no command listed by blackout --help"
for c in $cmds; do
	grep -q "^\.It Cm $c\b\|^\.Cm $c\b" "$man" ||
		fail "command $c is not in blackout(1)"
done
for c in "mrt dump" "mrt stats" "mrt events"; do
	grep -q "^\.It Cm $c\|^\.Cm $c" "$man" || fail "'$c' is not in blackout(1)"
done
grep -q "^\.Cm rules check | test | list" "$man" || fail "rules list not in blackout(1)"

# The options of each --help: lines whose first word is an option.
n=0
for c in inspect ingest "mrt dump" "mrt stats" "mrt events" rules timeline \
    report; do
	# shellcheck disable=SC2086
	"$BLACKOUT" $c --help > "$TMP/help" || fail "$c --help failed"
	sed -n 's/^  *\(-[a-zA-Z-][a-zA-Z-]*\)\(, *\(--[a-z-]*\)\)\{0,1\}.*/\1 \3/p' \
	    "$TMP/help" | tr ' ' '\n' | grep . | sort -u > "$TMP/opts"
	[ -s "$TMP/opts" ] || fail "$c --help lists no option"
	while read -r o; do
		case $o in
		--*) pat="Fl -${o#--}\\b" ;;
		-*) pat="Fl ${o#-}\\b" ;;
		esac
		grep -q "$pat" "$man" || fail "$c: $o is not in blackout(1)"
		# Listed, so accepted: not "unknown option" (a value is given
		# to options that take one; the run may fail otherwise).
		# shellcheck disable=SC2086
		"$BLACKOUT" $c "$o" x --help > /dev/null 2> "$TMP/err" || :
		if grep -q "unknown option\|unrecognized option\|invalid option" \
		    "$TMP/err"; then
			fail "$c lists $o but does not accept it"
		fi
		n=$((n + 1))
	done < "$TMP/opts"
done
# Options of one command are not listed by others that ignore them.
! "$BLACKOUT" inspect --help | grep -q -- "--origin-as\|--from\|--threads" ||
	fail "inspect lists filters it does not use"
! "$BLACKOUT" mrt stats --help | grep -q -- "--rules\|--threads\| -t " ||
	fail "mrt stats lists options it does not use"
# -t: only mrt dump's (bgpdump's -t dump|change).
for c in timeline report ingest inspect; do
	run_rc "$BLACKOUT" $c -t AS1 x > /dev/null 2>&1
	[ "$rc" -eq 2 ] || fail "$c accepts -t"
done
echo "ok: $n options checked"
