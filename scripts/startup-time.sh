#!/usr/bin/env bash
# Start-up time of the app under the local runner: from process start to the first 200 of
# GET /api/health (storage reachable, every terminal's secure code loaded). Needs Azurite
# (scripts/azurite.sh). Builds the runner in Release once, then starts it RUNS times (default 5)
# with local.settings.sample.json and prints each time and the median, in milliseconds.
#
#   scripts/startup-time.sh [RUNS]
# STARTUP_PORT (default 7391) moves the runner; AZURITE_*_PORT (see scripts/azurite.sh) point it at
# an emulator on other ports; STARTUP_DLL starts a runner built elsewhere instead of building one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
port=${STARTUP_PORT:-7391}
AzureWebJobsStorage=$("$root/scripts/azurite-connection.sh")
export AzureWebJobsStorage

# STARTUP_DLL: a runner built elsewhere (for example published ReadyToRun), started as it is.
if [ -n "${STARTUP_DLL:-}" ]; then
  dll=$STARTUP_DLL
else
  dll="$root/tools/Payments.LocalHost/bin/Release/net10.0/Payments.LocalHost.dll"
  dotnet build -c Release "$root/tools/Payments.LocalHost" -nologo -v quiet >&2
fi
times=()
cpus=()
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  dotnet "$dll" --urls "http://127.0.0.1:$port" --LocalHost:SettingsFile="$root/local.settings.sample.json" >/dev/null 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/health" || true)" = 200 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "startup-time: the runner exited before it was healthy" >&2
      exit 1
    fi
    sleep 0.01
  done
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  # The runner's own CPU time (user + system) until then: on a shared machine it moves less with
  # the other processes' load than the wall time does.
  cpu=$(awk -v tick="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / tick)}' "/proc/$pid/stat" 2>/dev/null || echo 0)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  times+=("$elapsed")
  cpus+=("$cpu")
  echo "run $run: ${elapsed} ms (CPU ${cpu} ms)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2))}'; }
echo "median of $runs: $(median "${times[@]}") ms to the first healthy /api/health (CPU $(median "${cpus[@]}") ms)"
