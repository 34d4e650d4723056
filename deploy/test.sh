#!/usr/bin/env bash
# Runs every PaymentSwitch test (the README's second command).
#
#   bash deploy/test.sh
#
# 1. Installs prerequisites when missing: nats-server (Debian package), which the integration tests start on a
#    free loopback port. Under CI=true a nats-server that cannot be installed is a failure.
# 2. Runs `dotnet test PaymentSwitch.sln -c Release`, keeping the whole output in artifacts/test.log.
# 3. Prints one closing line `Tests: N passed, N failed, N skipped`, summed over all test assemblies, and exits
#    non-zero when a test failed, the build or test run failed, or no test ran at all.
#
# Tests that need the ISO 20022 reference files (../shared/iso20022) skip with a message on a developer machine
# and fail under CI=true; PAYMENTSWITCH_SHARED_DIR points them elsewhere.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

# TestResults/ is git-ignored.
log_dir="$repo_root/TestResults"
log_file="$log_dir/test.log"
mkdir -p "$log_dir"

install_prerequisites() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET 10 SDK is required (dotnet was not found on PATH)." >&2
    exit 2
  fi

  if command -v nats-server >/dev/null 2>&1; then
    return 0
  fi

  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing nats-server (Debian package) for the integration tests..."
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server; } >"$log_dir/apt.log" 2>&1; then
      echo "warning: could not install nats-server (see $log_dir/apt.log)." >&2
    fi
  fi

  if ! command -v nats-server >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ]; then
      echo "error: CI=true and nats-server is not installed; the NATS integration tests cannot run." \
           "Install it (Debian: sudo apt-get install -y nats-server)." >&2
      exit 2
    fi
    echo "note: nats-server is not on PATH, so the NATS integration tests will skip." \
         "Install it (Debian: sudo apt-get install -y nats-server) to run them." >&2
  fi
}

install_prerequisites

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

set +e
dotnet test PaymentSwitch.sln -c Release --logger "console;verbosity=minimal" 2>&1 | tee "$log_file"
test_status=${PIPESTATUS[0]}
set -e

# dotnet test prints one summary line per test assembly:
#   Passed!  - Failed:     0, Passed:    73, Skipped:     2, Total:    75, Duration: 1 s - X.Tests.dll (net10.0)
#   Failed!  - Failed:     1, Passed:    72, Skipped:     0, Total:    73, Duration: 1 s - X.Tests.dll (net10.0)
read -r passed failed skipped assemblies < <(
  grep -E '^\s*(Passed|Failed)!\s+-\s+Failed:' "$log_file" | awk '
    {
      line = $0
      gsub(/,/, "", line)
      n = split(line, f, /[ \t]+/)
      for (i = 1; i < n; i++) {
        if (f[i] == "Failed:")  failed  += f[i + 1]
        if (f[i] == "Passed:")  passed  += f[i + 1]
        if (f[i] == "Skipped:") skipped += f[i + 1]
      }
      assemblies++
    }
    END { printf "%d %d %d %d\n", passed, failed, skipped, assemblies }'
)

echo "Test assemblies: $assemblies; full output in ${log_file#"$repo_root"/}"
echo "Tests: $passed passed, $failed failed, $skipped skipped"

if [ "$failed" -gt 0 ]; then
  exit 1
fi

if [ "$test_status" -ne 0 ]; then
  echo "error: dotnet test exited with $test_status (build error or test host failure; see the log)." >&2
  exit "$test_status"
fi

if [ "$passed" -eq 0 ]; then
  echo "error: no test ran." >&2
  exit 1
fi
