#!/usr/bin/env bash
# Slurm integration test: `compare --backend slurm` against a real single-node Slurm cluster on localhost.
#
# Installs Debian's slurmctld, slurmd, slurm-client and munge (if missing), starts munged, slurmctld and slurmd as
# background processes (root, no systemd) with everything under a temporary folder, then:
#   1. trains a tiny GridPickup lstm-vs-ff comparison with 2 seeds locally (--backend local);
#   2. submits the same comparison with --backend slurm, requeues task 0 mid-run (Slurm sends the task SIGTERM,
#      as on preemption; the run checkpoints and exits 143; the requeued task resumes it), and waits for the
#      array and the report job;
#   3. checks all four runs and the report exist, that every run matches its local twin (summary numbers,
#      episodes.csv, evaluations), that task 0 shows the stop and the resume, and that --status says finished
#      and a resubmission has nothing to submit.
# The cluster is stopped by PID on exit (jobs cancelled first: slurmstepd ignores SIGTERM).
# Needs root (the daemons run as root) and a Release build of src/Agents/Cli (built here if missing).
# Prints its wall time; ends with "slurm test: passed" or "slurm test: FAILED: reason" (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
started=$(date +%s)

fail() { echo "slurm test: FAILED: $*" >&2; exit 1; }
elapsed() { echo $(( $(date +%s) - started )); }

[ "$(id -u)" -eq 0 ] || fail "must run as root (it starts munged, slurmctld and slurmd)"

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  echo "installing slurmctld slurmd slurm-client munge (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || fail "apt-get update failed"
  apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null || fail "apt-get install slurmctld slurmd slurm-client munge failed"
fi

rims="$repo/src/Agents/Cli/bin/Release/net10.0/linux-x64/Rims.Cli"
if [ ! -x "$rims" ]; then
  dotnet build src/Agents/Cli -c Release -v quiet -nologo >/dev/null || fail "dotnet build src/Agents/Cli -c Release failed"
fi

job=rims-tiny # the Slurm job name of the comparison's array (compare names it rims-NAME)
tmp=$(mktemp -d /tmp/rims-slurm-test.XXXXXX)
chmod 0755 "$tmp"
pids=()
cleanup() {
  local status=$?
  if [ -n "${SLURM_CONF:-}" ] && [ -f "${SLURM_CONF}" ]; then
    # This private cluster runs only this test's jobs: cancel them all and let the steps end.
    scancel --user="$(id -un)" 2>/dev/null || true
    for _ in $(seq 200); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
  fi
  for (( i=${#pids[@]}-1; i>=0; i-- )); do kill "${pids[$i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ] && [ -d "$tmp/log" ]; then
    echo "--- cluster logs (last lines) ---" >&2
    tail -n 15 "$tmp"/log/*.log >&2 || true
    tail -n 30 "$tmp"/work/slurm/*/slurm/logs/* >&2 2>/dev/null || true
  fi
  if [ "$status" -eq 0 ]; then rm -rf "$tmp"; else echo "kept for inspection: $tmp" >&2; fi
  echo "slurm test wall time: $(elapsed) s"
}
trap cleanup EXIT

# --- the cluster ---
host=$(hostname -s)
mkdir -p "$tmp"/munge "$tmp"/spool "$tmp"/state "$tmp"/log "$tmp"/work
chmod 0755 "$tmp"/munge # munged refuses a socket folder others can write to
head -c 1024 /dev/urandom >"$tmp"/munge/munge.key
chmod 0600 "$tmp"/munge/munge.key # and a key others can read
munged --foreground --force --socket="$tmp/munge/munge.socket.2" --key-file="$tmp/munge/munge.key" \
  --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge/munged.seed" >"$tmp/log/munged.out" 2>&1 &
pids+=($!)
# Ports away from the defaults (6817/6818), so a cluster the machine may already run is left alone.
cat >"$tmp/slurm.conf" <<EOF
ClusterName=rimstest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$tmp/munge/munge.socket.2
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
KillWait=30
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$tmp/slurm.conf"
for _ in $(seq 50); do [ -S "$tmp/munge/munge.socket.2" ] && break; sleep 0.1; done
[ -S "$tmp/munge/munge.socket.2" ] || fail "munged did not create its socket (see $tmp/log/munged.log)"
slurmctld -D -f "$SLURM_CONF" >"$tmp/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$tmp/log/slurmd.out" 2>&1 &
pids+=($!)
state=""
for _ in $(seq 60); do
  state=$(sinfo -h -N -o %T 2>/dev/null || true)
  [ "$state" = "idle" ] && break
  sleep 0.5
done
[ "$state" = "idle" ] || fail "the node did not become idle within 30 s (state: '${state:-no answer}')"
echo "cluster up after $(elapsed) s"

# --- the comparison, locally and on Slurm ---
cd "$tmp/work"
common=(compare --env GridPickup --cores lstm,ff --seeds 2 --total-steps 4096 --num-envs 2 --num-steps 16 --num-minibatches 1
  --features 16 --hidden 16 --threads 1 --env-threads 1 --save-every 1 --eval-episodes 2 --name tiny)

"$rims" "${common[@]}" --runs-root local --parallel 2 >local.log 2>&1 || { cat local.log >&2; fail "the local comparison failed"; }
echo "local comparison done after $(elapsed) s"

"$rims" "${common[@]}" --runs-root slurm --backend slurm >submit.log 2>&1 || { cat submit.log >&2; fail "compare --backend slurm failed to submit"; }
cat submit.log
array=$(grep -Eo 'submitted array job [0-9]+' submit.log | grep -Eo '[0-9]+$') || fail "no array job id in: $(cat submit.log)"
grep -q -- '--requeue' slurm/tiny/slurm/array.sbatch || fail "the array script is not requeueable"

# Task 0 mid-run (a few iterations checkpointed, no summary yet): requeue it, as a preemption would.
run0=slurm/tiny/GridPickup__lstm__1
for _ in $(seq 600); do
  rows=$( [ -f "$run0/progress.csv" ] && wc -l <"$run0/progress.csv" || echo 0)
  [ "$rows" -ge 4 ] && break
  sleep 0.1
done
[ ! -f "$run0/summary.json" ] || fail "task 0 finished before it could be stopped mid-run"
[ "$rows" -ge 4 ] || fail "task 0 wrote no progress within 60 s"
scontrol requeue "${array}_0" || fail "scontrol requeue ${array}_0 failed"
echo "requeued task 0 at progress row $((rows - 1)) after $(elapsed) s"
# A requeued job waits about two minutes (Slurm sets its begin time when it requeues it); once it is pending
# again, let it start as soon as it can.
for _ in $(seq 150); do
  [ "$(squeue -h -j "${array}_0" -o %T 2>/dev/null)" = "PENDING" ] && break
  sleep 0.2
done
scontrol update JobId="${array}_0" StartTime=now || fail "scontrol update JobId=${array}_0 StartTime=now failed"

for _ in $(seq 900); do
  [ -z "$(squeue -h --name="$job,$job-report")" ] && break
  sleep 0.2
done
[ -z "$(squeue -h --name="$job,$job-report")" ] || fail "jobs still queued after 3 minutes: $(squeue -h)"
echo "slurm comparison done after $(elapsed) s"

# --- checks ---
[ -f slurm/reports/tiny/report.md ] || fail "the report job wrote no slurm/reports/tiny/report.md"
for run in GridPickup__lstm__1 GridPickup__lstm__2 GridPickup__ff__1 GridPickup__ff__2; do
  for side in local slurm; do
    [ -f "$side/tiny/$run/summary.json" ] || fail "$side/tiny/$run has no summary.json"
    [ -f "$side/tiny/$run/evals/GridPickup.json" ] || fail "$side/tiny/$run has no evals/GridPickup.json"
  done
  same=$(jq -S 'del(.wall_seconds, .sps)' "local/tiny/$run/summary.json")
  [ "$same" = "$(jq -S 'del(.wall_seconds, .sps)' "slurm/tiny/$run/summary.json")" ] || fail "$run: summary.json differs between local and slurm"
  # A fresh episodes.csv starts with a UTF-8 byte-order mark and a resumed one does not (the project's own
  # resume tests strip it too); every line after it must be identical.
  cmp -s <(sed '1s/^\xEF\xBB\xBF//' "local/tiny/$run/episodes.csv") <(sed '1s/^\xEF\xBB\xBF//' "slurm/tiny/$run/episodes.csv") ||
    fail "$run: episodes.csv differs between local and slurm"
  cmp -s "local/tiny/$run/evals/GridPickup.json" "slurm/tiny/$run/evals/GridPickup.json" || fail "$run: evals/GridPickup.json differs between local and slurm"
  [ "$(jq -r '.attempts[-1].array_job_id' "slurm/tiny/$run/slurm.json")" = "$array" ] || fail "$run: slurm.json does not record array job $array"
done
[ "$(jq '.attempts | length' "$run0/slurm.json")" -eq 2 ] || fail "task 0 should have two attempts in slurm.json: $(cat "$run0/slurm.json")"
[ "$(jq -r '.attempts[0].outcome' "$run0/slurm.json")" = "stopped by SIGTERM" ] || fail "task 0's first attempt did not stop by SIGTERM: $(cat "$run0/slurm.json")"
[ "$(jq -r '.attempts[1].restart_count' "$run0/slurm.json")" = "1" ] || fail "task 0's second attempt is not a requeue: $(cat "$run0/slurm.json")"
grep -q "resumed from" "$run0/run.log" || fail "task 0 did not resume from its checkpoint (run.log)"

"$rims" "${common[@]}" --runs-root slurm --backend slurm --status >status.log 2>&1 || { cat status.log >&2; fail "--status failed"; }
grep -q "0 missing, 0 pending, 0 running, 4 finished, 0 failed" status.log || { cat status.log >&2; fail "--status does not show four finished runs"; }
"$rims" "${common[@]}" --runs-root slurm --backend slurm >resubmit.log 2>&1 || { cat resubmit.log >&2; fail "the resubmission failed"; }
grep -q "nothing to submit" resubmit.log || { cat resubmit.log >&2; fail "a resubmission of a finished comparison submitted jobs"; }

echo "slurm test: passed"
