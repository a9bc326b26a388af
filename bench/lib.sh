# Shared by the bench/ scripts (sourced): the real-data corpus and CPU
# time measurement.  The machine is shared, so figures are CPU seconds
# (user + system) of one process, compared as ratios within one run.

# corpus_build DIR MB: one pass over every undamaged update file of the
# shared data, decompressed and repeated until DIR/corpus.mrt passes MB
# megabytes (DIR/one.mrt is the single pass).
corpus_build() {
	_d="$SHARED_DATA/mrt"
	[ -d "$_d" ] || { echo "no shared data at $_d" >&2; exit 77; }
	: > "$1/one.mrt"
	for _f in "$_d"/ripe-bgpdump/updates.*.gz "$_d"/bgpkit-parser/*updates*.gz \
	    "$_d"/libbgpstream/*; do
		case "$_f" in
		*20000325*|*trailing_bits*) continue ;;	# damaged on purpose
		*.bz2) bzip2 -dc "$_f" ;;
		*) gzip -dc "$_f" ;;
		esac >> "$1/one.mrt"
	done
	: > "$1/corpus.mrt"
	while [ "$(wc -c < "$1/corpus.mrt")" -lt $(($2 * 1048576)) ]; do
		cat "$1/one.mrt" >> "$1/corpus.mrt"
	done
}

# cpu LABEL CMD...: runs CMD (stdout discarded) under /usr/bin/time
# BENCH_REPS times (default 3) and appends "LABEL cpu_seconds peak_kB
# wall_seconds" of the run with the least CPU to $RESULTS; prints the line.
# On a shared machine a run is only ever slowed by the others: the least
# is the closest to the cost of the command itself.
cpu() {
	_l=$1
	shift
	_best=
	_i=0
	while [ "$_i" -lt "${BENCH_REPS:-3}" ]; do
		_i=$((_i + 1))
		/usr/bin/time -f '%U %S %M %e' -o "$dir/time" "$@" \
		    > /dev/null 2>&1 || true
		# the last line: a failing command adds "Command exited..."
		[ "$_i" -gt 1 ] || sed -n \
		    's/^Command exited with non-zero status \([0-9]*\)/  (exit \1)/p' \
		    "$dir/time"
		tail -n 1 "$dir/time" > "$dir/time1"
		read -r _u _s _m _e < "$dir/time1"
		_c=$(echo "$_u + $_s" | bc)
		if [ -z "$_best" ] || [ "$(echo "$_c < $_best" | bc)" -eq 1 ]; then
			_best=$_c _bm=$_m _be=$_e
		fi
	done
	printf '%-44s %8.2f s CPU %8.2f s wall %9d kB peak\n' "$_l" "$_best" \
	    "$_be" "$_bm"
	echo "$_l $_best $_bm $_be" >> "$RESULTS"
}

# get LABEL FIELD: 2 = CPU seconds, 3 = peak kB of a measured line.
get() {
	awk -v l="$1" -v f="$2" '$1 == l { v = $f } END { print v }' "$RESULTS"
}

# ratio A B: CPU of A over CPU of B.
ratio() {
	awk -v a="$(get "$1" 2)" -v b="$(get "$2" 2)" \
	    'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'
}

bench_init() {
	LC_ALL=C
	export LC_ALL
	here=$(cd "$(dirname "$0")/.." && pwd)
	: "${BLACKOUT:=$here/blackout}"
	: "${BGPDUMP:=$(command -v bgpdump || true)}"
	: "${BGPCTL:=$(command -v bgpctl || true)}"
	: "${SHARED_DATA:=$here/../shared/data}"
	export BLACKOUT_RULES="${BLACKOUT_RULES:-$here/rules}"
	[ -x "$BLACKOUT" ] || { echo "no blackout binary at $BLACKOUT" >&2; exit 1; }
	[ -x /usr/bin/time ] || { echo "needs /usr/bin/time" >&2; exit 77; }
	dir=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/bo-bench.XXXXXX")}
	[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$dir"' EXIT
	RESULTS="$dir/results"
	: > "$RESULTS"
}
