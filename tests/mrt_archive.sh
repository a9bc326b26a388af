#!/bin/sh
# A file inside a tarball (gzip-compressed members inside a .tar.gz, and a
# zip) dumps exactly as the same files on disk, in member order.
. "$top_srcdir/tests/lib.sh"
need_data mrt/ripe-bgpdump
d="$SHARED_DATA/mrt/ripe-bgpdump"
mkdir "$TMP/rrc00"
cp "$d/updates.20020722.2238.gz" "$d/bview.ipv6_unicast_add_path.gz" \
    "$TMP/rrc00/"
gzip -dc "$d/updates.long_withdrawal.gz" > "$TMP/rrc00/plain.mrt"
echo "not MRT" > "$TMP/rrc00/README"
(cd "$TMP" && tar czf case.tar.gz rrc00/README rrc00/bview.ipv6_unicast_add_path.gz \
    rrc00/plain.mrt rrc00/updates.20020722.2238.gz)
for f in bview.ipv6_unicast_add_path.gz plain.mrt updates.20020722.2238.gz; do
	"$BLACKOUT" mrt dump -q -m "$TMP/rrc00/$f"
done > "$TMP/want"
# exit 1: the README member is warned about
rc=0
"$BLACKOUT" mrt dump -q -m "$TMP/case.tar.gz" > "$TMP/got" || rc=$?
[ "$rc" -le 1 ] || fail "dump of the tarball exited $rc"
[ -s "$TMP/want" ] || fail "nothing dumped from the plain files"
cmp -s "$TMP/want" "$TMP/got" || fail "tarball dump differs from the files"
"$BLACKOUT" mrt dump -m "$TMP/case.tar.gz" 2> "$TMP/err" > /dev/null || true
grep -q 'README' "$TMP/err" || fail "the non-MRT member was not mentioned"
if command -v zip > /dev/null 2>&1; then
	(cd "$TMP" && zip -q case.zip rrc00/bview.ipv6_unicast_add_path.gz \
	    rrc00/plain.mrt rrc00/updates.20020722.2238.gz)
	"$BLACKOUT" mrt dump -q -m "$TMP/case.zip" > "$TMP/gotzip"
	cmp -s "$TMP/want" "$TMP/gotzip" || fail "zip dump differs"
fi
echo "ok: $(wc -l < "$TMP/want") lines identical from the archive"
