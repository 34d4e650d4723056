namespace PaymentSwitch.LoadTest.Recording;

/// <summary>A latency distribution summarised: count, mean and the usual percentiles, all in microseconds.</summary>
/// <param name="Count">Values recorded (including any coordinated-omission corrections).</param>
/// <param name="MeanMicros">The mean.</param>
/// <param name="P50Micros">The median.</param>
/// <param name="P90Micros">The 90th percentile.</param>
/// <param name="P99Micros">The 99th percentile.</param>
/// <param name="P999Micros">The 99.9th percentile.</param>
/// <param name="MaxMicros">The largest value (to histogram precision: three significant digits).</param>
public sealed record LatencySummary(long Count, double MeanMicros, long P50Micros, long P90Micros, long P99Micros, long P999Micros, long MaxMicros)
{
    /// <summary>The summary of no values.</summary>
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);
}

/// <summary>One point of a percentile distribution: at <paramref name="Percentile"/> % of values are at most <paramref name="ValueMicros"/>.</summary>
/// <param name="Percentile">0 to 100.</param>
/// <param name="ValueMicros">The value at that percentile, in microseconds.</param>
public sealed record PercentilePoint(double Percentile, long ValueMicros);

/// <summary>A summary and its distribution, taken together from one histogram.</summary>
/// <param name="Summary">Count, mean and percentiles.</param>
/// <param name="Distribution">HdrHistogram's percentile iteration (five steps per halving of the distance to 100 %).</param>
public sealed record LatencySnapshot(LatencySummary Summary, IReadOnlyList<PercentilePoint> Distribution);
