using HdrHistogram;

namespace PaymentSwitch.LoadTest.Recording;

/// <summary>
/// An HdrHistogram that many threads record into while another reads: recording goes through HdrHistogram's
/// <see cref="Recorder"/> (wait-free for writers, a writer/reader phaser for the reader), and each read moves the
/// interval's values into a running total under a lock.
/// </summary>
internal sealed class ConcurrentLatencyHistogram
{
    /// <summary>The lowest distinguishable value: one microsecond.</summary>
    public const long LowestMicros = 1;

    /// <summary>The highest trackable value: one hour in microseconds; larger values are recorded as this.</summary>
    public const long HighestMicros = 3_600_000_000;

    /// <summary>Three significant digits: 0.1 % resolution at every magnitude.</summary>
    public const int SignificantDigits = 3;

    // Five percentile steps per halving of the distance to 100 %, HdrHistogram's own default for its output.
    private const int PercentileTicksPerHalfDistance = 5;

    private readonly Recorder _recorder;
    private readonly LongHistogram _total = new(LowestMicros, HighestMicros, SignificantDigits);
    private readonly Lock _gate = new();

    public ConcurrentLatencyHistogram()
    {
        _recorder = HistogramFactory.With64BitBucketSize()
            .WithValuesFrom(LowestMicros)
            .WithValuesUpTo(HighestMicros)
            .WithPrecisionOf(SignificantDigits)
            .WithThreadSafeWrites()
            .WithThreadSafeReads()
            .Create();
    }

    public void Record(long micros) => _recorder.RecordValue(Clamp(micros));

    public void RecordWithExpectedInterval(long micros, long expectedIntervalMicros) =>
        _recorder.RecordValueWithExpectedInterval(Clamp(micros), Math.Max(0, expectedIntervalMicros));

    public LatencySnapshot Snapshot()
    {
        lock (_gate)
        {
            _total.Add(_recorder.GetIntervalHistogram());
            return new LatencySnapshot(Summarize(_total), Distribution(_total));
        }
    }

    internal static LatencySummary Summarize(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return LatencySummary.Empty;
        }

        return new LatencySummary(
            histogram.TotalCount,
            histogram.GetMean(),
            histogram.GetValueAtPercentile(50),
            histogram.GetValueAtPercentile(90),
            histogram.GetValueAtPercentile(99),
            histogram.GetValueAtPercentile(99.9),
            histogram.GetMaxValue());
    }

    internal static IReadOnlyList<PercentilePoint> Distribution(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return [];
        }

        var points = new List<PercentilePoint>();
        foreach (var step in histogram.Percentiles(PercentileTicksPerHalfDistance))
        {
            points.Add(new PercentilePoint(step.PercentileLevelIteratedTo, step.ValueIteratedTo));
        }

        return points;
    }

    // Values past an hour are recorded as an hour rather than thrown away: HdrHistogram throws on them, and a
    // latency that large must still count.
    internal static long Clamp(long micros) => Math.Clamp(micros, 0, HighestMicros);
}
