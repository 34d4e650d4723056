using System.Diagnostics;

namespace PaymentSwitch.LoadTest.Recording;

/// <summary>
/// Records payment latencies from many threads into two HdrHistograms (1 µs to 1 hour, three significant digits):
/// the <b>corrected</b> latency, measured from when a payment was meant to be sent, and the <b>uncorrected</b>
/// service time, measured from when it actually was.
/// </summary>
/// <remarks>
/// A load generator that measures from the actual send time hides every stall: while the system is stuck, the
/// generator is stuck too and sends nothing, so the payments that would have waited are never measured
/// ("coordinated omission", Gil Tene). Measuring from the open-loop schedule's intended time (wrk2) counts them.
/// Reporting both shows how much the correction matters. For closed-loop runs, where there is no schedule,
/// <see cref="RecordClosedLoop"/> uses HdrHistogram's at-recording correction instead.
/// </remarks>
public sealed class LatencyRecorder
{
    private readonly ConcurrentLatencyHistogram _latency = new();
    private readonly ConcurrentLatencyHistogram _serviceTime = new();

    /// <summary>A recorder for <see cref="Stopwatch"/> timestamps.</summary>
    public LatencyRecorder()
        : this(Stopwatch.Frequency)
    {
    }

    /// <summary>A recorder for timestamps at <paramref name="timestampFrequency"/> ticks per second.</summary>
    public LatencyRecorder(long timestampFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampFrequency);
        TimestampFrequency = timestampFrequency;
    }

    /// <summary>Timestamp ticks per second.</summary>
    public long TimestampFrequency { get; }

    /// <summary>Records a payment's corrected latency: from its intended send time to its final answer.</summary>
    public void Record(long intendedTimestamp, long completedTimestamp) =>
        _latency.Record(TimestampUnits.TicksToMicros(completedTimestamp - intendedTimestamp, TimestampFrequency));

    /// <summary>Records a payment's uncorrected service time: from its actual send to its final answer.</summary>
    public void RecordServiceTime(long actualSendTimestamp, long completedTimestamp) =>
        _serviceTime.Record(TimestampUnits.TicksToMicros(completedTimestamp - actualSendTimestamp, TimestampFrequency));

    /// <summary>
    /// Records a closed-loop latency: the raw value as service time, and into the latency histogram with
    /// HdrHistogram's correction, which adds the samples a stall of <paramref name="latencyTicks"/> kept from being
    /// taken when one was expected every <paramref name="expectedIntervalTicks"/>.
    /// </summary>
    public void RecordClosedLoop(long latencyTicks, long expectedIntervalTicks)
    {
        var micros = TimestampUnits.TicksToMicros(latencyTicks, TimestampFrequency);
        _serviceTime.Record(micros);
        _latency.RecordWithExpectedInterval(micros, TimestampUnits.TicksToMicros(expectedIntervalTicks, TimestampFrequency));
    }

    /// <summary>The corrected latency so far: summary and percentile distribution.</summary>
    public LatencySnapshot LatencySnapshot() => _latency.Snapshot();

    /// <summary>The uncorrected service time so far: summary and percentile distribution.</summary>
    public LatencySnapshot ServiceTimeSnapshot() => _serviceTime.Snapshot();
}
