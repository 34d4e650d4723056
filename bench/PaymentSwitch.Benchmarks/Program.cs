using BenchmarkDotNet.Running;
using PaymentSwitch.Benchmarks.Budgets;

namespace PaymentSwitch.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (for example <c>--filter '*'</c>; see bench/README.md), or with
/// <c>--check-budgets</c> checks every benchmark's allocations against bench/allocation-budgets.json (CI runs this
/// through deploy/bench-check.sh).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Contains(BudgetRunner.Flag))
        {
            return BudgetRunner.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
