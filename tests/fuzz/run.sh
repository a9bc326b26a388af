#!/bin/sh
# Runs each libFuzzer target for $FUZZ_SECONDS from its seeds: the files in
# tests/fuzz/seeds/NAME/ and, when ../shared/data exists, the real files
# listed in tests/fuzz/seeds/NAME.shared (paths relative to shared/data).
# Fails on the first crash; the crashing input is kept in fuzz-NAME/.
set -eu
srcdir=$1
shift
secs=${FUZZ_SECONDS:-60}
for t in "$@"; do
	name=$(basename "$t")
	name=${name#fuzz_}
	work=fuzz-$name
	mkdir -p "$work/corpus"
	if [ -d "$srcdir/tests/fuzz/seeds/$name" ]; then
		cp "$srcdir/tests/fuzz/seeds/$name"/* "$work/corpus/" 2>/dev/null || :
	fi
	if [ -f "$srcdir/tests/fuzz/seeds/$name.shared" ] &&
	    [ -d "${SHARED_DATA:-}" ]; then
		while read -r f; do
			[ -f "$SHARED_DATA/$f" ] || continue
			case $f in
			*.gz) gzip -dc "$SHARED_DATA/$f" | head -c 200000 > "$work/corpus/$(basename "$f" .gz)" || : ;;
			*.bz2) bzip2 -dc "$SHARED_DATA/$f" 2>/dev/null | head -c 200000 > "$work/corpus/$(basename "$f" .bz2)" || : ;;
			*) head -c 200000 "$SHARED_DATA/$f" > "$work/corpus/$(basename "$f")" ;;
			esac
		done < "$srcdir/tests/fuzz/seeds/$name.shared"
	fi
	echo "fuzz: $name for ${secs}s"
	"$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=262144 -artifact_prefix="$work/" -print_final_stats=0 \
	    "$work/corpus" > "$work/log" 2>&1 || {
		tail -40 "$work/log"
		echo "fuzz: $name FAILED (artifact in $work/)"
		exit 1
	}
	grep -E "^(#[0-9]+ *DONE|Done)" "$work/log" | tail -1 || :
done
