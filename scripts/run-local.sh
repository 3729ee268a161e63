#!/usr/bin/env bash
# Runs the whole product locally: Azurite, the Oceanpayment sandbox, the function app and the demo
# checkout page (tools/Payments.DemoShop).
# Installs what is missing (Azurite from package-lock.json), builds, prints the URLs, and stops
# everything on Ctrl-C. Uses `func host start` when Azure Functions Core Tools are installed,
# otherwise the project's local runner (tools/Payments.LocalHost).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

app_port=7071
sandbox_port=7072
shop_port=7073
settings=functions/Payments.Functions/local.settings.json

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
command -v node >/dev/null || { echo "Node.js 20 or newer is required (for Azurite)." >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ ! -f "$settings" ]; then
  cp local.settings.sample.json "$settings"
  echo "created $settings from local.settings.sample.json (development values only)"
fi

echo "== building"
dotnet build functions/Payments.Functions -v quiet -nologo
dotnet build tools/Oceanpayment.Sandbox -v quiet -nologo
dotnet build tools/Payments.DemoShop -v quiet -nologo
if ! command -v func >/dev/null; then
  dotnet build tools/Payments.LocalHost -v quiet -nologo
fi

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

echo "== starting Azurite"
azurite_pid=$(scripts/azurite.sh)
[ -n "$azurite_pid" ] && pids+=("$azurite_pid")

echo "== starting the Oceanpayment sandbox on :$sandbox_port"
dotnet run --no-build --project tools/Oceanpayment.Sandbox -- --urls "http://127.0.0.1:$sandbox_port" &
pids+=($!)

echo "== starting the demo shop on :$shop_port"
shop_args=(--urls "http://127.0.0.1:$shop_port" --DemoShop:FunctionAppBaseUrl="http://127.0.0.1:$app_port"
  --DemoShop:SandboxBaseUrl="http://127.0.0.1:$sandbox_port")
shop_key=$(sed -n 's/.*"LocalHost__FunctionKeys__default": *"\([^"]*\)".*/\1/p' "$settings")
[ -n "$shop_key" ] && shop_args+=(--DemoShop:FunctionKey="$shop_key")
grep -q "\"http://127.0.0.1:$shop_port\"" "$settings" \
  || echo "note: add \"Payments__AllowedReturnOrigins__2\": \"http://127.0.0.1:$shop_port\" to $settings for the demo checkout" >&2
# The reconcile triggers read %Storage:ReconcileQueue%: without the setting neither host starts them.
grep -q '"Storage__ReconcileQueue"' "$settings" \
  || echo "note: add \"Storage__ReconcileQueue\": \"payment-reconcile\" to $settings, or reconciliation does not run" >&2
grep -q '"Storage__ChangesQueue"' "$settings" \
  || echo "note: add \"Storage__ChangesQueue\": \"payment-changes\" to $settings, or the list and the events feed stay empty" >&2
grep -q '"Storage__WebhookQueue"' "$settings" \
  || echo "note: add \"Storage__WebhookQueue\": \"webhook-deliveries\" to $settings, or webhooks are not delivered" >&2
dotnet run --no-build --project tools/Payments.DemoShop -- "${shop_args[@]}" &
pids+=($!)

echo "== starting the function app on :$app_port"
if command -v func >/dev/null; then
  (cd functions/Payments.Functions/bin/Debug/net10.0 && cp "$root/$settings" . && exec func host start --port "$app_port") &
else
  (cd functions/Payments.Functions && exec dotnet run --no-build --project "$root/tools/Payments.LocalHost" -- --urls "http://127.0.0.1:$app_port") &
fi
pids+=($!)

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 150); do
  port_open "$app_port" && port_open "$sandbox_port" && port_open "$shop_port" && break
  sleep 0.2
done

cat <<MSG

Payments.Functions is running (development only):
  Demo checkout   http://127.0.0.1:$shop_port/   (open this in a browser; see tools/Payments.DemoShop/README.md)
  API             http://127.0.0.1:$app_port/api/payments   (x-functions-key: see $settings)
  Health          http://127.0.0.1:$app_port/api/health
  backUrl         http://127.0.0.1:$app_port/api/oceanpayment/return
  noticeUrl       http://127.0.0.1:$app_port/api/oceanpayment/notice
  Sandbox         http://127.0.0.1:$sandbox_port   (transactions: /sandbox/transactions, notices: /sandbox/notices)
  Azurite         blob 10000, queue 10001, table 10002 on 127.0.0.1
Press Ctrl-C to stop.
MSG
wait
