using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PaymentSwitch.Benchmarks.Budgets;

/// <summary>
/// <c>--check-budgets [--budgets PATH]</c>: runs every benchmark with a short in-process job, compares each one's bytes
/// allocated per operation with <c>bench/allocation-budgets.json</c>, prints the table and returns 0 only when every
/// budgeted benchmark ran and stayed within its budget.
/// </summary>
/// <remarks>
/// Allocated bytes per operation do not depend on how long or how often a benchmark runs once it is warm, so a short
/// job measures the same figure as a full one (compared in bench/README.md); timings from this mode mean nothing.
/// The job is a mutator: it overrides the iteration counts of a class's own [SimpleJob] instead of adding a second job.
/// The in-process toolchain skips generating and building a separate benchmark project (most of a minute on two busy
/// cores); the memory diagnoser gives the same figures in process as out of process, give or take bytes other threads
/// allocate while it measures, which is why an over-budget figure is measured again before it counts.
/// </remarks>
internal static class BudgetRunner
{
    public const string Flag = "--check-budgets";
    private const string BudgetsFlag = "--budgets";
    private const string DefaultBudgetsPath = "bench/allocation-budgets.json";
    private const int OverBudgetRetries = 2;

    public static int Run(string[] args)
    {
        if (!TryParse(args, out var budgetsPath, out var error))
        {
            Console.Error.WriteLine($"error: {error}");
            Console.Error.WriteLine($"usage: {Flag} [{BudgetsFlag} PATH]   (default: {DefaultBudgetsPath}, found from the current directory up)");
            return 2;
        }

        IReadOnlyDictionary<string, AllocationBudget> budgets;
        try
        {
            budgets = AllocationBudgetFile.Load(budgetsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"error: cannot read the budgets in {budgetsPath}: {e.Message}");
            return 2;
        }

        Console.WriteLine($"Checking allocations per operation against {budgetsPath} ({budgets.Count} budgets); short in-process job, timings are not meaningful.");
        var clock = Stopwatch.StartNew();
        var summaries = BenchmarkRunner.Run(typeof(Program).Assembly, CheckConfig());
        var measured = Measured(summaries);
        var report = BudgetCheck.Compare(budgets, measured);
        for (var attempt = 1; attempt <= OverBudgetRetries && report.Count(BudgetVerdict.Over) > 0; attempt++)
        {
            // Noise only ever adds bytes (see BudgetCheck.KeepLowest), so an over-budget figure is measured again,
            // alone, before it fails the check; a real regression is over budget every time.
            var over = report.Rows.Where(static row => row.Verdict == BudgetVerdict.Over).Select(static row => row.Id).ToHashSet(StringComparer.Ordinal);
            Console.WriteLine($"Over budget, measuring again ({attempt} of {OverBudgetRetries}): {string.Join(", ", over.Order(StringComparer.Ordinal))}");
            var again = BenchmarkRunner.Run(typeof(Program).Assembly, CheckConfig().AddFilter(new SimpleFilter(b => over.Contains(BenchmarkIds.Of(b)))));
            measured = BudgetCheck.KeepLowest(measured, Measured(again));
            report = BudgetCheck.Compare(budgets, measured);
        }

        Console.WriteLine();
        Console.Write(report.Format());
        Console.WriteLine($"Budget check took {clock.Elapsed.TotalSeconds:F0} s; BenchmarkDotNet's log is in {summaries.FirstOrDefault()?.LogFilePath ?? "BenchmarkDotNet.Artifacts"}.");
        return report.Passed ? 0 : 1;
    }

    /// <summary>The figure per benchmark id; <c>null</c> for a benchmark that failed or gave no allocation figure.</summary>
    private static Dictionary<string, long?> Measured(IEnumerable<Summary> summaries)
    {
        var measured = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var summary in summaries)
        {
            foreach (var benchmark in summary.BenchmarksCases)
            {
                var id = BenchmarkIds.Of(benchmark);
                var report = summary[benchmark];
                measured[id] = report is { Success: true } ? report.GcStats.GetBytesAllocatedPerOperation(benchmark) : null;
            }
        }

        return measured;
    }

    private static ManualConfig CheckConfig()
    {
        // One launch, one warm-up and three measured iterations of at least 100 ms; benchmarks with [IterationSetup]
        // run one invocation (a whole batch) per iteration whatever this says.
        var job = Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("BudgetCheck")
            .AsMutator();
        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(new ProgressLogger(ConsoleLogger.Default))
            .WithOptions(ConfigOptions.JoinSummary);
    }

    private static bool TryParse(string[] args, out string budgetsPath, out string error)
    {
        budgetsPath = "";
        error = "";
        string? given = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case Flag:
                    break;
                case BudgetsFlag when i + 1 < args.Length:
                    given = args[++i];
                    break;
                default:
                    error = $"unexpected argument '{args[i]}'";
                    return false;
            }
        }

        budgetsPath = given ?? FindUpwards(DefaultBudgetsPath) ?? DefaultBudgetsPath;
        return true;
    }

    private static string? FindUpwards(string relativePath)
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Passes on which benchmark is running, errors and the final summary table; drops the per-iteration lines.</summary>
    private sealed class ProgressLogger(ILogger inner) : ILogger
    {
        private bool _lineKept;

        public string Id => nameof(ProgressLogger);

        public int Priority => 0;

        public void Write(LogKind logKind, string text)
        {
            if (Keep(logKind, text))
            {
                inner.Write(logKind, text);
                _lineKept = true;
            }
        }

        public void WriteLine()
        {
            if (_lineKept)
            {
                inner.WriteLine();
                _lineKept = false;
            }
        }

        public void WriteLine(LogKind logKind, string text)
        {
            if (Keep(logKind, text) || _lineKept)
            {
                inner.WriteLine(logKind, text);
            }

            _lineKept = false;
        }

        public void Flush() => inner.Flush();

        private static bool Keep(LogKind logKind, string text) =>
            logKind is LogKind.Error or LogKind.Warning
            || text.StartsWith("// Benchmark: ", StringComparison.Ordinal);
    }
}
