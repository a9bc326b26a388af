#!/bin/sh
# The whole pipeline is deterministic: the sample case gives the same
# timeline document whether its archive arrives as a tar.gz, a zip or a
# directory, on one thread or two, with or without runs spilled to disk.
# Only the input's own path, hash and size may differ.
. "$top_srcdir/tests/lib.sh"
ARCHIVE=$top_builddir/samples/nk-2014/nk-2014.tar.gz
[ -f "$ARCHIVE" ] || skip "sample archive not built"
command -v bsdtar >/dev/null || skip "bsdtar (libarchive-tools) not installed"
cd "$TMP"
mkdir dir
bsdtar -xzf "$ARCHIVE" -C dir
(cd dir && bsdtar --format zip -cf ../case.zip .)

run() {	# input, extra options
	in=$1
	shift
	"$BLACKOUT" timeline -q --target AS131279 --target 175.45.176.0/22 \
	    --from 2014-12-20 --to 2014-12-28 --format json "$@" "$in" |
	    sed 's/"input":"[^"]*"//g; s/"path":"[^"]*"//g;
	        s/"sha256":"[^"]*"//g; s/"bytes":[0-9]*//g' || :
}

run "$ARCHIVE" -j1 > want
grep -q '"status":"confirmed"' want || fail "no confirmed incident in the sample"
for variant in "$ARCHIVE -j2" "dir -j1" "dir -j2" "case.zip -j2" \
    "dir -j2 --max-memory-events 1000"; do
	# quick: one of each input shape, and the spill
	quick && case $variant in "$ARCHIVE -j2"|"dir -j1") continue ;; esac
	# shellcheck disable=SC2086
	run $variant > got
	cmp want got || fail "timeline differs for: $variant"
done
# A window given on the command line is the case's window, not a decoding
# filter: the report must still start from the RIB before it, and so find
# the same onset as the whole run.
onset=$(sed -n 's/.*"onset":"\([^"]*\)".*/\1/p' want | head -n 1)
[ -n "$onset" ] || fail "no onset in the timeline"
"$BLACKOUT" report -q --target AS131279 --target 175.45.176.0/22 \
    --from 2014-12-22T12:00:00Z --to 2014-12-23T12:00:00Z --format md \
    -o narrow.md "$ARCHIVE" || :
day=${onset%%T*}
hms=${onset#*T}
hms=${hms%Z}
grep -q "$day $hms" narrow.md || fail "narrow window moved the onset from $onset"
echo "timeline determinism: ok"
