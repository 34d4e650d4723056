#!/usr/bin/env bash
# Checks every benchmark's allocations per operation against bench/allocation-budgets.json (CI runs this).
#
#   bash deploy/bench-check.sh [--budgets PATH]
#
# 1. Builds bench/PaymentSwitch.Benchmarks in Release (warnings are errors).
# 2. Runs it with --check-budgets: every benchmark once, with a short in-process BenchmarkDotNet job and the memory
#    diagnoser (bytes allocated per operation do not depend on run length once warm; timings from this run mean
#    nothing), then prints a table `Benchmark  Budget B/op  Measured B/op  Result` and a closing line
#    `Allocation budgets: N within budget, N over budget, N missing, N without a budget: PASSED|FAILED`.
# 3. Exits non-zero when a benchmark allocates more than its budget, or when a budgeted benchmark did not run
#    (a missing figure is a failure, not a pass). A benchmark without a budget is reported and does not fail.
#
# It takes one to two minutes on two cores (most of it BenchmarkDotNet; the build is incremental after deploy/test.sh). The whole output is kept in TestResults/bench-check.log; BenchmarkDotNet's
# own log goes to BenchmarkDotNet.Artifacts/ (both git-ignored).
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

log_dir="$repo_root/TestResults"
log_file="$log_dir/bench-check.log"
mkdir -p "$log_dir"
started=$SECONDS

project=bench/PaymentSwitch.Benchmarks
dotnet build "$project" -c Release --nologo -v quiet

budgets=(--budgets bench/allocation-budgets.json)
if [ "$#" -gt 0 ]; then
  budgets=("$@")
fi

set +e
dotnet run --project "$project" -c Release --no-build -- --check-budgets "${budgets[@]}" 2>&1 | tee "$log_file"
status=${PIPESTATUS[0]}
set -e

echo "Benchmark budget check (build and run): $((SECONDS - started)) s; full output in ${log_file#"$repo_root"/}"
exit "$status"
