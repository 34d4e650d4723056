#!/usr/bin/env bash
# Runs the PaymentSwitch demo (the README's first command).
#
#   bash deploy/demo.sh
#
# Until the ASEAN switch demo exists, `paymentswitch demo` says so and tours the ISO 20022 tools on the bundled
# SGD->THB example payment. Extra arguments are passed to the demo command.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

exec dotnet run --project src/PaymentSwitch.Cli -c Release -- demo "$@"
