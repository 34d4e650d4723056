#!/usr/bin/env bash
# Runs the README's test command (deploy/test.sh) N times in a row and reports the failures per test, to prove the
# suite does not flake: on an idle machine, and with --load while stress-ng keeps both cores busy.
#
#   bash deploy/test-repeat.sh 5            # five runs on the machine as it is
#   bash deploy/test-repeat.sh 5 --load     # five runs beside `stress-ng --cpu 2` (installed from Debian if missing)
#   bash deploy/test-repeat.sh 5 --load=4   # ... beside `stress-ng --cpu 4`
#
# Each run's full output is kept in TestResults/repeat/run-K.log. The script prints one line per run
# (`run K/N: N passed, N failed, N skipped, exit E, S s`), then every test that failed with the runs it failed in,
# and exits 1 when any run was not green.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

usage() {
  echo "usage: bash deploy/test-repeat.sh N [--load[=WORKERS]]" >&2
  exit 2
}

[ $# -ge 1 ] || usage
runs="$1"
shift
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "error: N must be a positive whole number, got '$runs'." >&2; usage; }

load_workers=0
for argument in "$@"; do
  case "$argument" in
    --load) load_workers=2 ;;
    --load=*)
      load_workers="${argument#--load=}"
      [[ "$load_workers" =~ ^[1-9][0-9]*$ ]] || { echo "error: --load takes a positive number of workers, got '$load_workers'." >&2; usage; }
      ;;
    *) echo "error: unknown argument '$argument'." >&2; usage ;;
  esac
done

out_dir="$repo_root/TestResults/repeat"
rm -rf "$out_dir"
mkdir -p "$out_dir"

stress_pid=""
stop_load() {
  if [ -n "$stress_pid" ]; then
    kill -- "-$stress_pid" 2>/dev/null || kill "$stress_pid" 2>/dev/null || true
    wait "$stress_pid" 2>/dev/null || true
    stress_pid=""
  fi
}
trap stop_load EXIT

if [ "$load_workers" -gt 0 ]; then
  if ! command -v stress-ng >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing stress-ng (Debian package) for the loaded runs..."
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress-ng; } >"$out_dir/apt.log" 2>&1 \
        || { echo "error: could not install stress-ng (see $out_dir/apt.log)." >&2; exit 2; }
    else
      echo "error: --load needs stress-ng (Debian: sudo apt-get install -y stress-ng)." >&2
      exit 2
    fi
  fi

  # Its own process group, so stopping it stops every worker.
  set -m
  stress-ng --cpu "$load_workers" --timeout 0 --quiet >"$out_dir/stress-ng.log" 2>&1 &
  stress_pid=$!
  set +m
  echo "Load: stress-ng --cpu $load_workers (pid $stress_pid) runs beside every test run."
fi

declare -A failures_per_test=()
green=0
for ((run = 1; run <= runs; run++)); do
  log="$out_dir/run-$run.log"
  started=$(date +%s)
  set +e
  bash deploy/test.sh >"$log" 2>&1
  status=$?
  set -e
  seconds=$(( $(date +%s) - started ))

  summary=$(grep -E '^Tests: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped' "$log" | tail -1 || true)
  [ -n "$summary" ] || summary="Tests: no summary (build or host failure)"
  echo "run $run/$runs: ${summary#Tests: }, exit $status, ${seconds} s"

  if [ "$status" -eq 0 ]; then
    green=$((green + 1))
  fi

  # dotnet test's minimal console logger prints each failed test as "  Failed Full.Test.Name [12 ms]".
  while IFS= read -r test_name; do
    [ -n "$test_name" ] || continue
    failures_per_test["$test_name"]="${failures_per_test["$test_name"]:-}${failures_per_test["$test_name"]:+, }$run"
  done < <(grep -E '^\s+Failed [^ ]' "$log" | sed -E 's/^\s+Failed ([^ ]+).*/\1/' | sort -u)
done

stop_load

echo
echo "Green runs: $green of $runs (logs in ${out_dir#"$repo_root"/})"
if [ "${#failures_per_test[@]}" -eq 0 ]; then
  echo "Failures per test: none"
else
  echo "Failures per test (runs):"
  for test_name in "${!failures_per_test[@]}"; do
    echo "  $test_name: ${failures_per_test[$test_name]}"
  done | sort
fi

[ "$green" -eq "$runs" ]
