#!/usr/bin/env bash
# A private one-node Slurm for the tests: `start DIR` writes DIR/slurm.conf and starts munged (if
# none runs), slurmctld and slurmd; `stop DIR` stops what start started, by PID. Clients find the
# cluster through SLURM_CONF=DIR/slurm.conf. Its own ports (6827/6828, or SAT_SLURMCTLD_PORT and
# SAT_SLURMD_PORT) keep it apart from a Slurm already running on the machine. Needs root and the Debian packages
# slurmctld slurmd slurm-client munge (no systemd). Exit 3 = cannot run here (reason on stdout).
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

stop_pidfile() {
  local f=$1
  [ -s "$f" ] || return 0
  local pid; pid=$(cat "$f")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$f"
}

if [ "$cmd" = stop ]; then
  stop_pidfile "$dir/slurmd.pid"
  stop_pidfile "$dir/slurmctld.pid"
  [ -f "$dir/munged.started" ] && stop_pidfile /run/munge/munged.pid && rm -f "$dir/munged.started"
  exit 0
fi
[ "$cmd" = start ] || { echo "unknown command $cmd" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "not root: cannot start slurmctld/slurmd"; exit 3; }
for b in slurmctld slurmd sbatch squeue munged; do
  command -v "$b" >/dev/null 2>&1 || [ -x "/usr/sbin/$b" ] || { echo "$b not installed (apt-get install slurmctld slurmd slurm-client munge)"; exit 3; }
done

host=$(hostname -s)
grep -qw "$host" /etc/hosts || echo "127.0.0.1 $host" >> /etc/hosts
mkdir -p "$dir/spool/ctld" "$dir/spool/d" "$dir/log"
# As many CPUs as the machine has (at least 2, so two array tasks run side by side): more would
# slow everything else the test suite runs at the same time.
cpus=$(nproc); [ "$cpus" -ge 2 ] || cpus=2
cat > "$dir/slurm.conf" <<CONF
ClusterName=sattest
SlurmctldPort=${SAT_SLURMCTLD_PORT:-6827}
SlurmdPort=${SAT_SLURMD_PORT:-6828}
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$dir/spool/ctld
SlurmdSpoolDir=$dir/spool/d
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
MpiDefault=none
ReturnToService=2
SlurmdParameters=config_overrides
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
MinJobAge=600
EnforcePartLimits=ALL
DefMemPerCPU=256
NodeName=$host CPUs=$cpus RealMemory=4000 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=01:00:00 State=UP
CONF

if ! { [ -s /run/munge/munged.pid ] && kill -0 "$(cat /run/munge/munged.pid)" 2>/dev/null; }; then
  mkdir -p /run/munge && chown munge:munge /run/munge
  runuser -u munge -- /usr/sbin/munged
  touch "$dir/munged.started"
fi
export SLURM_CONF=$dir/slurm.conf
/usr/sbin/slurmctld -f "$SLURM_CONF" -i
/usr/sbin/slurmd -f "$SLURM_CONF"
for _ in $(seq 100); do
  if sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed)'; then echo "SLURM_CONF=$SLURM_CONF"; exit 0; fi
  sleep 0.2
done
echo "Slurm did not come up within 20 s; see $dir/log" >&2
exit 1
