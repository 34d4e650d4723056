using System.Globalization;
using System.Text;

namespace PaymentSwitch.Benchmarks.Budgets;

/// <summary>How one benchmark fared against its allocation budget.</summary>
internal enum BudgetVerdict
{
    /// <summary>Measured at or under its budget.</summary>
    Ok,

    /// <summary>Measured over its budget: a failure.</summary>
    Over,

    /// <summary>Budgeted but did not run or gave no allocation figure: a failure, never a pass.</summary>
    Missing,

    /// <summary>Ran but has no budget: reported so that someone adds one; not a failure.</summary>
    NoBudget,
}

/// <summary>One line of the check's table.</summary>
/// <param name="Id">The benchmark id (see <see cref="BenchmarkIds"/>).</param>
/// <param name="BudgetBytes">The allowed bytes per operation, or <c>null</c> when there is no budget.</param>
/// <param name="MeasuredBytes">The measured bytes per operation, or <c>null</c> when it did not run.</param>
/// <param name="Verdict">The outcome.</param>
internal sealed record BudgetRow(string Id, long? BudgetBytes, long? MeasuredBytes, BudgetVerdict Verdict);

/// <summary>The outcome of comparing a run with the budgets: one row per budgeted or measured benchmark, ordered by id.</summary>
internal sealed record BudgetReport(IReadOnlyList<BudgetRow> Rows)
{
    /// <summary>Whether every budgeted benchmark ran and stayed within its budget.</summary>
    public bool Passed => Rows.All(static row => row.Verdict is BudgetVerdict.Ok or BudgetVerdict.NoBudget);

    public int Count(BudgetVerdict verdict) => Rows.Count(row => row.Verdict == verdict);

    /// <summary>The table the check prints: id, budget, measured, result; then one summary line.</summary>
    public string Format()
    {
        var idWidth = Math.Max("Benchmark".Length, Rows.Count == 0 ? 0 : Rows.Max(static row => row.Id.Length));
        var text = new StringBuilder();
        AppendRow(text, idWidth, "Benchmark", "Budget B/op", "Measured B/op", "Result");
        AppendRow(text, idWidth, new string('-', idWidth), new string('-', 11), new string('-', 13), "------");
        foreach (var row in Rows)
        {
            AppendRow(text, idWidth, row.Id, Bytes(row.BudgetBytes), Bytes(row.MeasuredBytes), Label(row.Verdict));
        }

        text.Append(CultureInfo.InvariantCulture, $"Allocation budgets: {Count(BudgetVerdict.Ok)} within budget, {Count(BudgetVerdict.Over)} over budget, ")
            .Append(CultureInfo.InvariantCulture, $"{Count(BudgetVerdict.Missing)} missing, {Count(BudgetVerdict.NoBudget)} without a budget: ")
            .Append(Passed ? "PASSED" : "FAILED")
            .AppendLine();
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, int idWidth, string id, string budget, string measured, string result) =>
        text.Append(id.PadRight(idWidth)).Append("  ").Append(budget.PadLeft(11)).Append("  ").Append(measured.PadLeft(13)).Append("  ").Append(result).AppendLine();

    private static string Bytes(long? bytes) => bytes is { } value ? value.ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string Label(BudgetVerdict verdict) => verdict switch
    {
        BudgetVerdict.Ok => "OK",
        BudgetVerdict.Over => "OVER",
        BudgetVerdict.Missing => "MISSING (did not run)",
        BudgetVerdict.NoBudget => "NO BUDGET (add one to bench/allocation-budgets.json)",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };
}

/// <summary>Compares measured allocations with budgets. Pure: no I/O, no BenchmarkDotNet types, so it is unit tested.</summary>
internal static class BudgetCheck
{
    /// <param name="budgets">Allowed bytes per operation by benchmark id.</param>
    /// <param name="measured">Measured bytes per operation by benchmark id; <c>null</c> for a benchmark that ran but failed.</param>
    public static BudgetReport Compare(IReadOnlyDictionary<string, AllocationBudget> budgets, IReadOnlyDictionary<string, long?> measured)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(measured);
        var rows = new List<BudgetRow>(budgets.Count + measured.Count);
        foreach (var (id, budget) in budgets)
        {
            var bytes = measured.TryGetValue(id, out var value) ? value : null;
            var verdict = bytes switch
            {
                null => BudgetVerdict.Missing,
                _ when bytes > budget.BytesPerOperation => BudgetVerdict.Over,
                _ => BudgetVerdict.Ok,
            };
            rows.Add(new BudgetRow(id, budget.BytesPerOperation, bytes, verdict));
        }

        foreach (var (id, bytes) in measured)
        {
            if (!budgets.ContainsKey(id))
            {
                rows.Add(new BudgetRow(id, null, bytes, BudgetVerdict.NoBudget));
            }
        }

        rows.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new BudgetReport(rows);
    }

    /// <summary>
    /// Merges a re-measurement into earlier figures, keeping the lower figure of each benchmark. The allocation counter
    /// BenchmarkDotNet reads is process-wide, so a runtime or host thread allocating during the measured iteration can
    /// only add bytes to a benchmark's figure, never remove them: the lower of two runs is the closer to the truth.
    /// </summary>
    public static Dictionary<string, long?> KeepLowest(IReadOnlyDictionary<string, long?> first, IReadOnlyDictionary<string, long?> again)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(again);
        var merged = new Dictionary<string, long?>(first, StringComparer.Ordinal);
        foreach (var (id, bytes) in again)
        {
            merged[id] = (merged.GetValueOrDefault(id), bytes) switch
            {
                ({ } a, { } b) => Math.Min(a, b),
                (var a, var b) => a ?? b,
            };
        }

        return merged;
    }
}
