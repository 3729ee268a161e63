#!/usr/bin/env bash
# The test command: installs what is missing, starts Azurite, runs every test project in the
# solution and ends with one line "N passed, N failed[, N skipped]" summed over all of them.
# Extra arguments go to `dotnet test` (for example: --filter "Category!=Integration").
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# The demo page's browser tests drive Debian's Chromium (never a downloaded browser).
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium for the browser tests"
    (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "could not install chromium: the browser tests will fail" >&2
  else
    echo "chromium is not installed: the browser tests will fail (sudo apt-get install chromium)" >&2
  fi
fi

azurite_pid=$(scripts/azurite.sh) || { echo "0 passed, 1 failed"; exit 1; }
cleanup() { [ -n "${azurite_pid:-}" ] && kill "$azurite_pid" 2>/dev/null; }
trap cleanup EXIT

dotnet test Payments.Functions.sln --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  p=$(attr passed); f=$(attr failed); e=$(attr error); t=$(attr timeout); a=$(attr aborted); n=$(attr notExecuted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${n:-0}))
done
# A build failure or a crashed test host leaves no counted failure behind: count it as one.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "${#trx_files[@]}" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test results were written" >&2; failed=1; status=1
fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line+=", $skipped skipped"
echo "$line"
exit "$status"
