#!/bin/sh
# A real single-node Slurm on this machine, then the sample case through
# the scripts 'blackout slurm' writes: three array tasks and the dependent
# reduce must give the single run's timeline byte for byte; a failing
# shard must keep the reduce from running.
#
# usage: tests/slurm/run.sh [BUILDDIR]	(default: the source tree, built)
#
# Needs root and the packages slurm-wlm and munge (installed when missing,
# with apt-get).  Works without systemd or cgroups: the daemons are
# started by hand with a private slurm.conf (SLURM_CONF), and each one
# this script started is stopped by the PID in its pid file at the end,
# on failure too.  Port 6817/6818 must be free.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top}" && pwd)
BLACKOUT=$build/blackout
arch=$build/samples/nk-2014/nk-2014.tar.gz
[ -x "$BLACKOUT" ] && [ -f "$arch" ] || {
	echo "slurm: build first ($BLACKOUT, $arch)"; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "slurm: must run as root"; exit 1; }
if ! command -v slurmctld > /dev/null || ! command -v munged > /dev/null
then
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q slurm-wlm munge > /dev/null 2>&1 || {
		apt-get update -q > /dev/null
		apt-get install -y -q slurm-wlm munge > /dev/null
	}
fi

work=$(mktemp -d /tmp/bo-slurm.XXXXXX)
host=$(hostname -s)
pids=""		# pid files of the daemons started here
cleanup() {
	for f in $pids; do
		[ -f "$f" ] && kill "$(cat "$f")" 2> /dev/null || :
	done
	sleep 1
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() {
	echo "slurm: FAIL: $*"
	for l in slurmctld slurmd; do
		echo "--- $l.log (tail)"; tail -20 "$work/$l.log" 2> /dev/null || :
	done
	exit 1
}
wait_for() {	# wait_for SECONDS WHAT COMMAND...
	t=$(($1 * 5)); what=$2; shift 2
	while ! "$@" > /dev/null 2>&1; do
		t=$((t - 1))
		[ $t -gt 0 ] || fail "timed out waiting for $what"
		sleep 0.2
	done
}

# munge: the key and run directory its package would make under systemd
mkdir -p /run/munge /var/lib/munge /var/log/munge /etc/munge
chown munge:munge /run/munge /var/lib/munge /var/log/munge /etc/munge
chmod 0755 /run/munge
if [ ! -s /etc/munge/munge.key ]; then
	mungekey --create --keyfile=/etc/munge/munge.key
	chown munge:munge /etc/munge/munge.key
	chmod 0400 /etc/munge/munge.key
fi
if ! (munge -n | unmunge) > /dev/null 2>&1; then
	rm -f /run/munge/munged.pid
	runuser -u munge -- munged
	pids="/run/munge/munged.pid"
	wait_for 10 munged sh -c 'munge -n | unmunge'
fi

mkdir -p "$work/ctld" "$work/d"
SLURM_CONF=$work/slurm.conf
export SLURM_CONF
cat > "$SLURM_CONF" <<CONF
ClusterName=blackoutci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmdParameters=config_overrides
ReturnToService=2
MpiDefault=none
StateSaveLocation=$work/ctld
SlurmdSpoolDir=$work/d
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=3 State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -i
pids="$pids $work/slurmctld.pid"
wait_for 30 slurmctld sh -c 'scontrol ping | grep -q "is UP"'
slurmd
pids="$pids $work/slurmd.pid"
wait_for 30 "an idle node" sh -c 'sinfo -h -o %T | grep -q idle'

states() {	# the JobState of every task of a job, one a line
	scontrol show job "$1" 2> /dev/null |
	    sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p'
}
finished() {	# no task pending or running
	s=$(states "$1")
	[ -n "$s" ] && ! echo "$s" | grep -qv \
	    '^\(COMPLETED\|FAILED\|CANCELLED\|TIMEOUT\|NODE_FAIL\|OUT_OF_MEMORY\)$'
}
ids() {	# ids FILE: sets map and reduce from submit.sh's output
	map=$(sed -n 's/^map //p' "$1")
	reduce=$(sed -n 's/^reduce //p' "$1")
	[ -n "$map" ] && [ -n "$reduce" ] || fail "submit.sh printed no ids"
}

# The sample, unpacked: a directory of 2,370 files the shards split.
cd "$work"
mkdir nk
tar xzf "$arch" -C nk
sed '/^inputs:/,/^ *- /d' "$top/samples/nk-2014/case.yaml" > case.yaml
printf 'inputs:\n  - nk\n' >> case.yaml
"$BLACKOUT" timeline -q --case case.yaml --format json -o single.json ||
    [ $? -eq 1 ] || fail "single run failed"
"$BLACKOUT" timeline -q --case case.yaml --color never -o single.txt ||
    [ $? -eq 1 ] || fail "single run failed"

# 1. three shards and the reduce
"$BLACKOUT" slurm --shards 3 --partition ci --case case.yaml -o ok
sh ok/submit.sh > ok.ids || fail "submit.sh failed"
ids ok.ids
wait_for 600 "the map array" finished "$map"
wait_for 600 "the reduce" finished "$reduce"
states "$map" | grep -v '^COMPLETED$' && fail "a map task did not complete"
[ "$(states "$map" | wc -l)" -eq 3 ] || fail "not three array tasks"
[ "$(states "$reduce")" = COMPLETED ] ||
    fail "reduce $(states "$reduce"): $(cat ok/logs/reduce.log)"
[ "$(ls ok/runs)" = "shard-1.run
shard-2.run
shard-3.run" ] || fail "runs: $(ls ok/runs)"
cmp single.json ok/timeline.json || fail "JSON timeline differs"
cmp single.txt ok/timeline.txt || fail "text timeline differs"
echo "slurm: 3 array tasks and the reduce: identical to the single run"

# 2. one shard fails: the reduce must not run
"$BLACKOUT" slurm --shards 3 --partition ci --case case.yaml -o bad
sed -i 's/^set -eu$/set -eu\n[ "$SLURM_ARRAY_TASK_ID" != 2 ] || exit 3/' \
    bad/map.sbatch
grep -q 'exit 3' bad/map.sbatch || fail "could not break shard 2"
sh bad/submit.sh > bad.ids || fail "submit.sh failed"
ids bad.ids
wait_for 600 "the map array" finished "$map"
wait_for 120 "the reduce to be dropped" finished "$reduce"
states "$map" | grep -q '^FAILED$' || fail "shard 2 did not fail"
r=$(states "$reduce")
[ "$r" != COMPLETED ] || fail "the reduce ran after a failed shard"
[ ! -e bad/timeline.json ] || fail "the reduce wrote a timeline"
echo "slurm: a failed shard: reduce $r, no timeline"
echo "slurm: PASS"
