using BenchmarkDotNet.Running;

namespace PaymentSwitch.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (for example <c>--filter '*'</c>); see bench/README.md.</summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
