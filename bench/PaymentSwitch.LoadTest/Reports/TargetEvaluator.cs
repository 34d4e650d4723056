using System.Globalization;

namespace PaymentSwitch.LoadTest.Reports;

/// <summary>The performance targets a run is checked against.</summary>
/// <param name="SustainedPaymentsPerSecond">The achieved rate at least one step must reach.</param>
/// <param name="MinCeilingRatio">The share of the transport ceiling the best step must reach.</param>
/// <param name="P99OfferedRate">The offered rate whose step the p99 target applies to.</param>
/// <param name="MaxP99Milliseconds">The largest acceptable corrected p99 at <paramref name="P99OfferedRate"/>.</param>
public sealed record TargetThresholds(
    double SustainedPaymentsPerSecond = 25_000,
    double MinCeilingRatio = 0.5,
    decimal P99OfferedRate = 10_000,
    double MaxP99Milliseconds = 10)
{
    /// <summary>The project's targets: 25,000 payments/s sustained, half the transport ceiling, p99 ≤ 10 ms at 10,000/s.</summary>
    public static TargetThresholds Default { get; } = new();
}

/// <summary>The outcome of one target check.</summary>
public enum TargetStatus
{
    /// <summary>The measurement meets the target.</summary>
    Passed,

    /// <summary>The measurement misses the target.</summary>
    Failed,

    /// <summary>The run has nothing to check this target against (no ceiling, no step at the rate).</summary>
    NotApplicable,
}

/// <summary>One target check.</summary>
/// <param name="Name">What is checked.</param>
/// <param name="Expected">The target, readable: "≥ 25,000 payments/s".</param>
/// <param name="Measured">The measurement, readable; "n/a" when not applicable.</param>
/// <param name="ExpectedValue">The target as a number.</param>
/// <param name="MeasuredValue">The measurement as a number; null when not applicable.</param>
/// <param name="Status">Passed, failed or not applicable.</param>
public sealed record TargetCheck(string Name, string Expected, string Measured, double ExpectedValue, double? MeasuredValue, TargetStatus Status)
{
    /// <summary>True when passed, false when failed, null when not applicable.</summary>
    public bool? Passed => Status switch
    {
        TargetStatus.Passed => true,
        TargetStatus.Failed => false,
        _ => null,
    };
}

/// <summary>Checks a report against <see cref="TargetThresholds"/>.</summary>
public static class TargetEvaluator
{
    /// <summary>Name of the sustained-throughput check.</summary>
    public const string SustainedName = "Sustained throughput";

    /// <summary>Name of the ceiling-ratio check.</summary>
    public const string CeilingRatioName = "Share of transport ceiling";

    /// <summary>Name of the p99 check.</summary>
    public const string P99Name = "p99 latency";

    /// <summary>
    /// The three checks: the best step's achieved rate against the sustained target; the best step's ceiling ratio
    /// (not applicable without a ceiling); the worst corrected p99 among open-loop steps offered exactly
    /// <see cref="TargetThresholds.P99OfferedRate"/> (not applicable when there is none).
    /// </summary>
    public static IReadOnlyList<TargetCheck> Evaluate(LoadRunReport report, TargetThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = thresholds ?? TargetThresholds.Default;
        var checks = new List<TargetCheck>(3);

        var expectedRate = $"≥ {Format(t.SustainedPaymentsPerSecond, "#,0")} payments/s";
        if (report.Steps.Count == 0)
        {
            checks.Add(new TargetCheck(SustainedName, expectedRate, "n/a", t.SustainedPaymentsPerSecond, null, TargetStatus.NotApplicable));
        }
        else
        {
            var best = report.Steps.Max(static s => s.AchievedRate);
            checks.Add(new TargetCheck(SustainedName, expectedRate, $"{Format(best, "#,0")} payments/s", t.SustainedPaymentsPerSecond, best,
                best >= t.SustainedPaymentsPerSecond ? TargetStatus.Passed : TargetStatus.Failed));
        }

        var expectedRatio = $"≥ {Format(t.MinCeilingRatio, "0.##")} × ceiling";
        var ratios = report.Steps.Where(static s => s.CeilingRatio is not null).Select(static s => s.CeilingRatio!.Value).ToArray();
        if (report.Ceiling is null || ratios.Length == 0)
        {
            checks.Add(new TargetCheck(CeilingRatioName, expectedRatio, "n/a", t.MinCeilingRatio, null, TargetStatus.NotApplicable));
        }
        else
        {
            var best = ratios.Max();
            checks.Add(new TargetCheck(CeilingRatioName, expectedRatio, $"{Format(best, "0.###")} × ceiling", t.MinCeilingRatio, best,
                best >= t.MinCeilingRatio ? TargetStatus.Passed : TargetStatus.Failed));
        }

        var expectedP99 = $"≤ {Format(t.MaxP99Milliseconds, "0.###")} ms at {t.P99OfferedRate.ToString("#,0.######", CultureInfo.InvariantCulture)} payments/s offered";
        var atRate = report.Steps.Where(s => s.Mode == LoadModes.Open && s.OfferedRate == t.P99OfferedRate).ToArray();
        if (atRate.Length == 0)
        {
            checks.Add(new TargetCheck(P99Name, expectedP99, "n/a", t.MaxP99Milliseconds, null, TargetStatus.NotApplicable));
        }
        else
        {
            var worstMs = atRate.Max(static s => s.Latency.P99Micros) / 1000.0;
            checks.Add(new TargetCheck(P99Name, expectedP99, $"{Format(worstMs, "0.###")} ms", t.MaxP99Milliseconds, worstMs,
                worstMs <= t.MaxP99Milliseconds ? TargetStatus.Passed : TargetStatus.Failed));
        }

        return checks;
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
