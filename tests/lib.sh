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

# Runs a command that may fail; its status is left in $rc.
run_rc() {
	set +e
	"$@"
	rc=$?
	set -e
}
