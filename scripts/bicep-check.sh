#!/usr/bin/env bash
# Builds and lints every Bicep file under infra-bicep/ with the Bicep CLI restored from NuGet, and
# fails on any line that mentions a Warning or an Error: bicep itself exits 0 when it only warns.
#
#   scripts/bicep-check.sh          fetch the CLI if missing, then build + lint
#   scripts/bicep-check.sh --fetch  only fetch the CLI if missing; print its path on stdout
#
# The CLI (a ~115 MB NuGet package) lands in .tools/bicep/ (git-ignored); a second run skips the restore.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=0.49.2
tools="$root/.tools/bicep"
bicep="$tools/packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

fetch() {
  mkdir -p "$tools"
  # Tests and CI may ask at the same time; one restore is enough.
  exec 9>"$tools/.lock"
  flock 9
  if [ ! -x "$bicep" ]; then
    cat >"$tools/bicep-tool.proj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$version]" />
  </ItemGroup>
</Project>
EOF
    # 9>&-: a lingering MSBuild node must not inherit (and hold) the lock.
    dotnet restore "$tools/bicep-tool.proj" --packages "$tools/packages" -nodeReuse:false >&2 9>&-
    chmod +x "$bicep"
  fi
  flock -u 9
}

fetch
if [ "${1:-}" = "--fetch" ]; then
  echo "$bicep"
  exit 0
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 BICEP_TELEMETRY_OPTOUT=1
out="$tools/out"
mkdir -p "$out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

shopt -s globstar nullglob
files=("$root"/infra-bicep/**/*.bicep)
params=("$root"/infra-bicep/**/*.bicepparam)
if [ "${#files[@]}" -eq 0 ]; then
  echo "bicep-check: no .bicep files under infra-bicep/" >&2
  exit 1
fi

# One process per command (each start costs seconds); --pattern walks every .bicep file.
cd "$root"
echo "bicep build infra-bicep/**/*.bicep"
"$bicep" build --pattern 'infra-bicep/**/*.bicep' --outdir "$out" >>"$log" 2>&1 || status=1
echo "bicep lint infra-bicep/**/*.bicep"
"$bicep" lint --pattern 'infra-bicep/**/*.bicep' >>"$log" 2>&1 || status=1
# main.bicepparam reads the azd environment; compile and lint it with sample values where none are exported.
# Other parameter files (merchant.example.bicepparam) hold literal values and ignore these variables.
export AZURE_ENV_NAME=${AZURE_ENV_NAME:-bicep-check}
export AZURE_LOCATION=${AZURE_LOCATION:-eastasia}
export OCEANPAYMENT_ACCOUNT=${OCEANPAYMENT_ACCOUNT:-995149}
export OCEANPAYMENT_TERMINALS=${OCEANPAYMENT_TERMINALS:-'[{"terminal":"99514901","secretName":"oceanpayment-995149-99514901","methods":"card"}]'}
export PAYMENTS_ALLOWED_RETURN_ORIGINS=${PAYMENTS_ALLOWED_RETURN_ORIGINS:-'["https://shop.example.com"]'}
for f in "${params[@]}"; do
  rel=${f#"$root"/}
  echo "bicep build-params $rel"
  "$bicep" build-params "$f" --outfile "$out/$(basename "${f%.bicepparam}").parameters.json" >>"$log" 2>&1 || status=1
  echo "bicep lint $rel"
  "$bicep" lint "$f" >>"$log" 2>&1 || status=1
done

cat "$log"
if grep -qE 'Warning|Error' "$log"; then
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "bicep-check: FAILED" >&2
else
  echo "bicep-check: ${#files[@]} Bicep and ${#params[@]} parameter file(s) built and linted, no warnings"
fi
exit "$status"
