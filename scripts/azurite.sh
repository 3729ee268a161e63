#!/usr/bin/env bash
# Starts the Azurite storage emulator in memory on 127.0.0.1 (blob 10000, queue 10001, table 10002)
# unless one is already listening. Prints the PID it started (empty when it reused one).
# Usage: scripts/azurite.sh            -> start (installs Azurite from package-lock.json if missing)
# Other ports, for a second emulator beside someone else's (stop it with kill PID):
#   AZURITE_BLOB_PORT=20000 AZURITE_QUEUE_PORT=20001 AZURITE_TABLE_PORT=20002 scripts/azurite.sh
# and point the app at it with scripts/azurite-connection.sh (same variables).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
blob=${AZURITE_BLOB_PORT:-10000}
queue=${AZURITE_QUEUE_PORT:-10001}
table=${AZURITE_TABLE_PORT:-10002}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if port_open "$table" && port_open "$queue"; then
  echo "azurite: already listening on $queue/$table, reusing it" >&2
  exit 0
fi
if [ ! -x "$root/node_modules/.bin/azurite" ]; then
  echo "azurite: installing from package-lock.json" >&2
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
log="$root/artifacts/azurite-$table.log"
mkdir -p "$root/artifacts"
"$root/node_modules/.bin/azurite" --inMemoryPersistence --skipApiVersionCheck --loose --disableTelemetry \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$blob" --queuePort "$queue" --tablePort "$table" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if port_open "$blob" && port_open "$queue" && port_open "$table"; then
    echo "$pid"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "azurite: exited during start-up, see $log" >&2
    exit 1
  fi
  sleep 0.2
done
echo "azurite: not ready after 20 s, see $log" >&2
kill "$pid" 2>/dev/null || true
exit 1
