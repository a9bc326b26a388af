# Shared by the shell tests: strict mode, a scratch directory, skips.
set -eu
LC_ALL=C
export LC_ALL
: "${BLACKOUT:=$top_builddir/blackout}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/bo-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
need_data() {
	[ -d "$SHARED_DATA/$1" ] || skip "shared data $1 not present"
}

# quick: true in the suite's quick scope (BO_TEST_SCOPE=quick), which CI
# uses for its sanitizer and distcheck passes after the full suite passed:
# every test still runs every path, with fewer repetitions of the same one
# (fewer shard counts, formats, targets of the same kind).
quick() { [ "${BO_TEST_SCOPE:-}" = quick ]; }

# Runs a command that may fail; its status is left in $rc.
run_rc() {
	set +e
	"$@"
	rc=$?
	set -e
}

# same_runs NAME WHAT ON OFF: two runs of a command, whose standard output
# and error are in the files ON.out, ON.err and OFF.out, OFF.err, agree;
# WHAT names what differs between the runs.
same_runs() {
	for sr_x in out err; do
		cmp -s "$3.$sr_x" "$4.$sr_x" || {
			diff "$3.$sr_x" "$4.$sr_x" | head -20
			fail "$1: $2 changed the std$sr_x"
		}
	done
}

# same_threads NAME ARGS...: `blackout ARGS` gives byte for byte the same
# stdout, stderr and exit status with -j 1 reading for itself, with -j 2
# (a file of 256 KiB or more is then decompressed on a thread of its own)
# and with -j 1 and that thread forced on (BO_TEST_READ_AHEAD=1, which
# smaller files need to take that path).
same_threads() {
	st_name=$1
	shift
	for st_way in sync j2 ahead; do
		st_rc=0
		case $st_way in
		sync)	BO_TEST_READ_AHEAD=0 "$BLACKOUT" "$@" -j 1 ;;
		j2)	env -u BO_TEST_READ_AHEAD "$BLACKOUT" "$@" -j 2 ;;
		ahead)	BO_TEST_READ_AHEAD=1 "$BLACKOUT" "$@" -j 1 ;;
		esac > "$TMP/st.$st_way.out" 2> "$TMP/st.$st_way.err" ||
		    st_rc=$?
		echo "exit $st_rc" > "$TMP/st.$st_way.rc"
	done
	for st_way in j2 ahead; do
		for st_x in out err rc; do
			cmp -s "$TMP/st.sync.$st_x" "$TMP/st.$st_way.$st_x" ||
			    { diff "$TMP/st.sync.$st_x" "$TMP/st.$st_way.$st_x" |
			    head -5; fail "$st_name: $st_way differs from -j 1 (std$st_x)"; }
		done
	done
}
