#!/bin/sh
# Debian's bgpdump must read every MRT file bo-gen writes without a word of
# complaint, and each scenario's routing events must appear in `bgpdump -m`
# at the times the scenario gives.
. "$top_srcdir/tests/lib.sh"
[ -n "${BGPDUMP:-}" ] || skip "bgpdump not found at configure time"
GEN=$top_builddir/tests/gen/bo-gen
SC=$top_srcdir/tests/scenarios

# dump_all DIR: every .gz/.bz2 under DIR through bgpdump -m into DIR.txt,
# each file's lines after a "#FILE name" line.  -v sends bgpdump's warnings
# and errors to stderr (by default they go to syslog): there must be none.
dump_all() {
	: >"$1.txt"
	: >"$TMP/err"
	for f in $(cd "$1" && find . -name '*.gz' -o -name '*.bz2' | sort); do
		echo "#FILE $f" >>"$1.txt"
		orc=0
		"$BGPDUMP" -v -m "$1/$f" >>"$1.txt" 2>>"$TMP/err" || orc=$?
		# a crash of the oracle (signal) is its own flakiness, not
		# a verdict on the file; a plain error status is
		[ "$orc" -lt 128 ] ||
			skip "bgpdump crashed (exit $orc) on $f; not judged"
		[ "$orc" -eq 0 ] || fail "bgpdump exit status $orc on $f"
	done
	if [ -s "$TMP/err" ]; then
		head "$TMP/err"
		fail "bgpdump complained about files in $1"
	fi
	awk '/^#FILE / { if (f != "" && !n) bad = f; f = $2; n = 0; files++; next }
	    { n++ } END { if (f != "" && !n) bad = f; if (bad != "") {
	    print "bgpdump read nothing from " bad; exit 1 }
	    if (!files) { print "no MRT files"; exit 1 }
	    print files " MRT files read cleanly" }' "$1.txt" ||
		fail "bgpdump output of $1"
}

# rib FILE MEMBER PREFIX: RIB lines of that member for that prefix.
rib() {
	awk -F'|' -v m="$2" -v p="$3" '/^#FILE / { in_m = index($0, m) > 0;
	    next } in_m && $3 == "B" && $6 == p { n++ } END { print n + 0 }' "$1"
}

# count FILE TYPE PREFIX-REGEX T0 T1 [PATH-END-REGEX]: lines of bgpdump -m
# output of that type for matching prefixes with T0 <= time < T1.
count() {
	awk -F'|' -v ty="$2" -v re="$3" -v t0="$4" -v t1="$5" -v pe="${6:-}" '
	    $3 == ty && $6 ~ re && $2 + 0 >= t0 && $2 + 0 < t1 &&
	    (pe == "" || $7 ~ pe) { n++ } END { print n + 0 }' "$1"
}

expect() {
	[ "$1" = "$2" ] || fail "$3: expected $2, got $1"
}

# --- total outage: 2021-03-10 12:00 to 15:30 UTC, 4 prefixes, 6 peers ----
"$GEN" "$SC/total-outage.yaml" "$TMP/to"
dump_all "$TMP/to"
T=1615377600	# 2021-03-10T12:00:00Z
E=1615390200	# 2021-03-10T15:30:00Z
P='^198[.]18[.](8|9|10|11)[.]0/24$'
expect "$(count "$TMP/to.txt" W "$P" $T $((T + 37)))" 24 "withdrawals at onset"
expect "$(count "$TMP/to.txt" W "$P" 0 9999999999)" 24 "withdrawals in all"
expect "$(count "$TMP/to.txt" A "$P" $T $E)" 0 "announcements during the outage"
expect "$(count "$TMP/to.txt" A "$P" $E $((E + 37)) ' 174 64500$')" 24 \
	"announcements at the end"
# RIB snapshots agree: route-views2 dumps at 12:00 (before any withdrawal
# arrives) and at 14:00 (inside the outage).
expect "$(rib "$TMP/to.txt" rib.20210310.1200.bz2 198.18.8.0/24)" 3 \
	"RIB at 12:00"
expect "$(rib "$TMP/to.txt" rib.20210310.1400.bz2 198.18.8.0/24)" 0 \
	"RIB at 14:00"
expect "$(rib "$TMP/to.txt" bview.20210310.1600.gz 198.18.8.0/24)" 3 \
	"RIB at 16:00"
# Background churn is there too, from every peer.
[ "$(count "$TMP/to.txt" A '.' 0 9999999999)" -gt 1000 ] ||
	fail "too little background churn"

# --- session reset: rrc00 peer 195.66.225.76 down 13:00-13:25 -------------
"$GEN" "$SC/session-reset.yaml" "$TMP/sr"
dump_all "$TMP/sr"
grep -q '^BGP4MP_ET|1615381200[.]000000|STATE|195.66.225.76|2914|6|1$' \
	"$TMP/sr.txt" || fail "no Established->Idle at 13:00"
grep -q '^BGP4MP_ET|1615382700[.]000000|STATE|195.66.225.76|2914|5|6$' \
	"$TMP/sr.txt" || fail "no OpenConfirm->Established at 13:25"
# No withdrawals for the reset; the whole table comes back when it is up.
expect "$(awk -F'|' '$3 == "W" && $4 == "195.66.225.76" && $2 + 0 >= 1615381200 &&
    $2 + 0 < 1615382700' "$TMP/sr.txt" | wc -l)" 0 "withdrawals while down"
[ "$(awk -F'|' '$3 == "A" && $4 == "195.66.225.76" &&
    int($2) == 1615382700' "$TMP/sr.txt" | wc -l)" -gt 250 ] ||
	fail "no table re-sent after the reset"

# --- resets during an outage 12:00-15:30 ---------------------------------
"$GEN" "$SC/reset-during-outage.yaml" "$TMP/ro"
dump_all "$TMP/ro"
P='^198[.]18[.](8|9|10|11)[.]0/24$'
# A (193.0.0.56, back at 13:40) re-sends its table without the target...
[ "$(awk -F'|' '$3 == "A" && $4 == "193.0.0.56" && int($2) == 1615383600' \
    "$TMP/ro.txt" | wc -l)" -gt 250 ] || fail "A: no table re-sent at 13:40"
expect "$(awk -F'|' -v re="$P" '$3 == "A" && $4 == "193.0.0.56" && $6 ~ re &&
    $2 + 0 < 1615390200' "$TMP/ro.txt" | wc -l)" 0 "A: target re-sent early"
# ... and B (12.0.1.63, down 15:20-15:45) announces it only at 15:45.
expect "$(awk -F'|' -v re="$P" '$3 == "A" && $4 == "12.0.1.63" && $6 ~ re' \
    "$TMP/ro.txt" | awk -F'|' '{ print $2 }' | sort -u)" 1615391100 \
	"B: the target comes back with the table at 15:45"

# --- path hunting before the 10:30 withdrawals ---------------------------
"$GEN" "$SC/flap-then-outage.yaml" "$TMP/ft"
dump_all "$TMP/ft"
T=1615372200	# 2021-03-10T10:30:00Z
expect "$(count "$TMP/ft.txt" W "$P" $T $((T + 45)))" 24 "withdrawals at 10:30"
# Nothing is announced at the onset but the hunters' longer paths.
[ "$(count "$TMP/ft.txt" A "$P" $T $((T + 45)))" -gt 0 ] ||
	fail "no longer path announced before the withdrawals"
expect "$(count "$TMP/ft.txt" A "$P" $((T + 45)) 1615381200)" 0 \
	"announcements during the outage"

# --- missing file: rrc00 12:00 absent, its neighbours present -------------
"$GEN" "$SC/missing-file.yaml" "$TMP/mf"
[ ! -e "$TMP/mf/rrc00/2021.03/updates.20210310.1200.gz" ] ||
	fail "the gap's file was written"
[ -e "$TMP/mf/rrc00/2021.03/updates.20210310.1145.gz" ] &&
	[ -e "$TMP/mf/rrc00/2021.03/updates.20210310.1215.gz" ] ||
	fail "the files around the gap are missing"
[ ! -e "$TMP/mf/route-views2/bgpdata/2021.03/UPDATES/updates.20210310.1830.bz2" ] ||
	fail "route-views2's gap was written"

# --- multi-homed: AS3356 and AS174 drop the routes 14:00-16:30 -----------
"$GEN" "$SC/multihomed-partial.yaml" "$TMP/mh"
dump_all "$TMP/mh"
T=1615384800	# 14:00
P='^198[.]18[.]20[.]0/24$'
expect "$(count "$TMP/mh.txt" W "$P" $T $((T + 37)))" 3 "peers losing the route"
expect "$(count "$TMP/mh.txt" A "$P" $T $((T + 37)) ' 6939 64501$')" 3 \
	"peers moving to AS6939"

# --- North Korea: the sample case -----------------------------------------
"$GEN" "$top_srcdir/samples/nk-2014/scenario.yaml" "$TMP/nk"
dump_all "$TMP/nk"
P='^175[.]45[.]17[6-9][.]0/24$'
T=1419264900	# 2014-12-22T16:15:00Z
E=1419299160	# 2014-12-23T01:46:00Z
expect "$(count "$TMP/nk.txt" W "$P" $T $((T + 60)))" 32 \
	"22 Dec 16:15: 4 prefixes withdrawn at 8 peers"
expect "$(count "$TMP/nk.txt" A "$P" $((T + 60)) $E)" 0 \
	"announcements during the 9 h 31 min outage"
expect "$(awk -F'|' -v re="$P" -v t=$E '$3 == "A" && $6 ~ re &&
    $2 + 0 >= t && $2 + 0 < t + 60 && $7 ~ / 4837 131279$/ &&
    $8 == "INCOMPLETE"' "$TMP/nk.txt" | wc -l)" 32 \
	"23 Dec 01:46: back via AS4837, origin INCOMPLETE"
# The RIBs dumped inside the outage (23 Dec 00:00) lack the four /24s; the
# ones before the instability carry them at every peer.
expect "$(rib "$TMP/nk.txt" /bview.20141223.0000.gz 175.45.176.0/24)" 0 \
	"RIS RIBs at 23 Dec 00:00"
expect "$(rib "$TMP/nk.txt" rib.20141223.0000.bz2 175.45.179.0/24)" 0 \
	"route-views2 RIB at 23 Dec 00:00"
expect "$(rib "$TMP/nk.txt" rrc00/2014.12/bview.20141221.0800.gz 175.45.177.0/24)" 3 \
	"rrc00 RIB at 21 Dec 08:00"
# 23 Dec 15:41-16:12.
T=1419349260	# 2014-12-23T15:41:00Z
expect "$(count "$TMP/nk.txt" W "$P" $T $((T + 60)))" 32 "23 Dec 15:41 onset"
expect "$(count "$TMP/nk.txt" A "$P" $((T + 60)) $((T + 1860)))" 0 \
	"announcements during the 31 min outage"
expect "$(count "$TMP/nk.txt" A "$P" $((T + 1860)) $((T + 1920)))" 32 \
	"23 Dec 16:12 end"
# Instability from 21 Dec 13:00 to 22 Dec 16:00, and none before it.
[ "$(count "$TMP/nk.txt" W "$P" 1419166800 1419264000)" -gt 40 ] ||
	fail "no instability on 21-22 Dec"
expect "$(count "$TMP/nk.txt" W "$P" 1419033600 1419166800)" 0 \
	"withdrawals before the instability"
# 27 Dec 13:42: no instability in the hours before it.
T=1419687720	# 2014-12-27T13:42:00Z
expect "$(count "$TMP/nk.txt" W "$P" $((T - 21600)) $T)" 0 \
	"withdrawals in the 6 h before 27 Dec 13:42"
expect "$(count "$TMP/nk.txt" W "$P" $T $((T + 60)))" 32 "27 Dec onset"
