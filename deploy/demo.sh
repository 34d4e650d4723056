#!/usr/bin/env bash
# Runs the PaymentSwitch demo (the README's first command).
#
#   bash deploy/demo.sh
#
# Runs the ASEAN switch (hub and national-switch adapters on a private nats-server) with a mix of payments and
# prints the per-corridor results and the settlement report. Installs nats-server (Debian package) when it is
# missing and we are root; without it the demo runs on the in-process bus. Extra arguments go to `demo`
# (for example --nats nats://127.0.0.1:4222, --payments 1000, --seed 7).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 2
fi

if ! command -v nats-server >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing nats-server (Debian package) for the demo..."
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server; } >/dev/null 2>&1 \
    || echo "warning: could not install nats-server; the demo will run on the in-process bus." >&2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

exec dotnet run --project src/PaymentSwitch.Cli -c Release -- demo "$@"
