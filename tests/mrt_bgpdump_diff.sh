#!/bin/sh
# Differential test: blackout mrt dump against Debian's bgpdump 1.6.2 on
# every real MRT file in the shared data, in -m, -M and -m -t change.
# Known differences (doc/bgpdump-differences.md) are checked for what we
# claim instead of equality.
. "$top_srcdir/tests/lib.sh"
[ -n "${BGPDUMP:-}" ] && [ -x "$BGPDUMP" ] || skip "bgpdump not installed"

# bgpdump 1.6.2 reads TABLE_DUMP_V2 change times through a dangling
# pointer (0 or stack garbage); we print the entry's originated time.
# Under -t change the time of those lines is left out of the comparison.
tchange_norm() {
	[ "$1" = "-m -t change" ] || return 0
	for x in bd bo; do
		awk -F'|' -v OFS='|' '/^TABLE_DUMP2/ { $2 = "T" } { print }' \
		    "$TMP/$x" > "$TMP/$x.t"
		mv "$TMP/$x.t" "$TMP/$x"
	done
}

# oracle OPT FILE: bgpdump's output in $TMP/bd.  Debian's 1.6.2 aborts
# now and then on its own (-t change reads a dangling pointer); a crash of
# the oracle says nothing of us, so that comparison is skipped, loudly.
# Returns 1 when the oracle crashed.
crashed=0
oracle() {
	orc=0
	# shellcheck disable=SC2086
	"$BGPDUMP" $1 "$2" > "$TMP/bd" 2>/dev/null || orc=$?
	[ "$orc" -ge 128 ] || return 0
	echo "skipped: bgpdump $1 $(basename "$2") crashed (exit $orc," \
	    "signal $((orc - 128))); not compared"
	crashed=$((crashed + 1))
	return 1
}

# Our own corner cases first (tests/fuzz/seeds/mrt: AS_SET, AS_TRANS,
# well-known and large communities, _ET, ADD-PATH RIB and messages, the
# LOCAL subtypes, a malformed AS_PATH, abbreviated MP_REACH, TABLE_DUMP
# v1, the deprecated BGP type): no data needed.
# superset: every line bgpdump printed is among ours
superset() {
	sort "$TMP/bd" > "$TMP/bd.s"
	sort "$TMP/bo" > "$TMP/bo.s"
	[ -z "$(comm -23 "$TMP/bd.s" "$TMP/bo.s" | head -1)" ] || {
		comm -23 "$TMP/bd.s" "$TMP/bo.s" | head -3
		fail "$1: lines of bgpdump missing from ours"
	}
}

for f in "$top_srcdir"/tests/fuzz/seeds/mrt/*; do
	# Lengths 4 bytes short (Quagga's first _ET records): bgpdump reads
	# the first record 4 bytes short, prints a state change 0 -> 0
	# and stops; tests/mrt_framing.sh checks our reading of it.
	case "$f" in */damaged_et_len_short) continue ;; esac
	for opt in "-m" "-M" "-m -l" "-m -t change"; do
		oracle "$opt" "$f" || continue
		# shellcheck disable=SC2086
		rc=0
		"$BLACKOUT" mrt dump -q $opt "$f" > "$TMP/bo" || rc=$?
		[ "$rc" -le 1 ] || fail "$(basename "$f") $opt: exit $rc"
		[ -s "$TMP/bd" ] || fail "$(basename "$f"): bgpdump printed nothing"
		tchange_norm "$opt"
		cmp -s "$TMP/bd" "$TMP/bo" || {
			diff "$TMP/bd" "$TMP/bo" | head -6
			fail "$(basename "$f") $opt: output differs from bgpdump"
		}
	done
done
need_data mrt
d="$SHARED_DATA/mrt"
find "$d" -type f ! -name '*.md' ! -name '*.rst' ! -name '*.conf' \
    ! -name '*.txt' ! -path '*test_expect*' | sort > "$TMP/files"
[ -s "$TMP/files" ] || skip "no MRT files"

same=0
while read -r f; do
	b=$(basename "$f")
	size=$(wc -c < "$f")
	for opt in "-m" "-M" "-m -t change" "-m -l"; do
		# the other modes on the smaller files only: bgpdump is slow
		[ "$opt" = "-m" ] || [ "$size" -lt 100000 ] || continue
		oracle "$opt" "$f" || continue
		# shellcheck disable=SC2086
		rc=0
		"$BLACKOUT" mrt dump $opt "$f" > "$TMP/bo" 2> "$TMP/err" ||
		    rc=$?
		[ "$rc" -le 1 ] || fail "$b $opt: blackout exit $rc"
		tchange_norm "$opt"
		case "$b" in
		updates.nlri_mask_trailing_bits.gz)
			# 1.6.2 prints the host bits; upstream masks them
			grep -q '|11\.13\.0\.0/13|' "$TMP/bd" ||
			    fail "$b: bgpdump no longer shows the old bug"
			grep -q '|11\.8\.0\.0/13|' "$TMP/bo" ||
			    fail "$b $opt: prefix not masked"
			continue ;;
		rrc00.updates.20000325.0345.gz)
			# The record at byte 188 declares 14,556 bytes (its
			# length field is cut short) and swallows the 60
			# records after it; bgpdump prints 2,042 withdrawals
			# read from their bytes (peer 0.5.0.3, AS 13937: a
			# timestamp and a header).  We skip that record, read
			# the records inside it, and print every other line
			# bgpdump prints.
			grep -v '|0\.5\.0\.3|13937|' "$TMP/bd" > "$TMP/bd.k"
			mv "$TMP/bd.k" "$TMP/bd"
			[ "$(wc -l < "$TMP/bd")" -eq 4 ] ||
			    fail "$b $opt: bgpdump's output changed"
			superset "$b $opt"
			grep -q 'byte 188: BGP/UPDATE' "$TMP/err" ||
			    fail "$b: no warning for the damaged record"
			grep -q 'byte 188: the record.s length 14556 does not end at a record' \
			    "$TMP/err" || fail "$b: swallowed records not said"
			[ "$(wc -l < "$TMP/bo")" -gt 5000 ] ||
			    fail "$b: records inside the damaged one not read"
			continue ;;
		rrc00.bview.20000111.0032.gz)
			# early RIS bview: records batch many entries and are
			# 4 bytes longer than declared; bgpdump shows the
			# first entry and stops, we read all of them
			superset "$b $opt"
			[ "$(wc -l < "$TMP/bo")" -gt 400000 ] ||
			    fail "$b: batched entries not read"
			grep -q 'byte 0: 2490 TABLE_DUMP record(s) from here on are 4 bytes longer' \
			    "$TMP/err" || fail "$b: quirk not reported once"
			continue ;;
		rib*_firstMB.bz2)
			# truncated bzip2: libarchive gives up on the last
			# decoded block, so top-level files are decompressed
			# through libbz2 directly; we print exactly what
			# bgpdump prints, and say where the damage is
			cmp -s "$TMP/bd" "$TMP/bo" || {
				diff "$TMP/bd" "$TMP/bo" | head -4
				fail "$b $opt: output differs from bgpdump"
			}
			grep -q 'bzip2 damaged from compressed byte [0-9]* (decompressed byte [0-9]*): truncated' \
			    "$TMP/err" || fail "$b: truncation not reported"
			continue ;;
		bird_bgp|bird6_bgp)
			# BIRD wrote ADD-PATH NLRI under a non-ADD-PATH
			# subtype: bgpdump prints path ids as prefixes
			# (0.0.0.0/0); we decode them.  Every other line agrees.
			grep -v '|A|' "$TMP/bd" > "$TMP/a"
			grep -v '|A|' "$TMP/bo" > "$TMP/b"
			cmp -s "$TMP/a" "$TMP/b" ||
			    fail "$b $opt: non-announcement lines differ"
			if grep -q '|0\.0\.0\.0/0|' "$TMP/bo"; then
				fail "$b: path ids shown as prefixes"
			fi
			continue ;;
		esac
		cmp -s "$TMP/bd" "$TMP/bo" || {
			diff "$TMP/bd" "$TMP/bo" | head -6
			fail "$b $opt: output differs from bgpdump"
		}
		same=$((same + 1))
	done
done < "$TMP/files"
# A crash-free run compares about 100 file and mode pairs; every crash of
# the oracle takes one away from what can be demanded.
[ "$same" -ge $((90 - crashed)) ] || fail "only $same identical runs"
echo "ok: $same runs byte-identical to $BGPDUMP ($crashed skipped: oracle" \
    "crashed)"
