using HdrHistogram;

namespace PaymentSwitch.LoadTest.Recording;

/// <summary>
/// Per-interval counters over a run (1 s by default): payments sent, completed (answered), accepted, rejected,
/// timed out and refused at source, and the 99th-percentile latency of the payments that completed in the interval.
/// </summary>
/// <remarks>
/// An event belongs to the interval its timestamp falls in, counted from the run start; events before the start go
/// to interval 0 and events after the last interval are counted in <see cref="DroppedEvents"/> (the timeline is
/// bounded). Counting is one <see cref="Interlocked"/> add; the per-interval latency histograms are created on first
/// use with two significant digits (1 % resolution is plenty for a per-second p99 and keeps each one small).
/// Read <see cref="Snapshot"/> after recording has stopped for exact figures; while recording it may lag slightly.
/// </remarks>
public sealed class ThroughputTimeline
{
    /// <summary>The default interval length.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    /// <summary>The default number of intervals kept: an hour of one-second intervals.</summary>
    public const int DefaultMaxIntervals = 3_600;

    private const int IntervalSignificantDigits = 2;

    private readonly long _startTimestamp;
    private readonly long _intervalTicks;
    private readonly long[] _sent;
    private readonly long[] _accepted;
    private readonly long[] _rejected;
    private readonly long[] _timedOut;
    private readonly long[] _refusedAtSource;
    private readonly LongConcurrentHistogram?[] _latency;
    private long _dropped;

    /// <summary>Creates a timeline starting at <paramref name="startTimestamp"/>.</summary>
    /// <param name="startTimestamp">The run start, in timestamp ticks.</param>
    /// <param name="timestampFrequency">Timestamp ticks per second.</param>
    /// <param name="interval">The interval length; one second when null.</param>
    /// <param name="maxIntervals">How many intervals to keep.</param>
    public ThroughputTimeline(long startTimestamp, long timestampFrequency, TimeSpan? interval = null, int maxIntervals = DefaultMaxIntervals)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampFrequency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIntervals);
        Interval = interval ?? DefaultInterval;
        _intervalTicks = Pacing.PacingSchedule.ToTimestampTicks(Interval, timestampFrequency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_intervalTicks, nameof(interval));
        _startTimestamp = startTimestamp;
        TimestampFrequency = timestampFrequency;
        MaxIntervals = maxIntervals;
        _sent = new long[maxIntervals];
        _accepted = new long[maxIntervals];
        _rejected = new long[maxIntervals];
        _timedOut = new long[maxIntervals];
        _refusedAtSource = new long[maxIntervals];
        _latency = new LongConcurrentHistogram?[maxIntervals];
    }

    /// <summary>The interval length.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Timestamp ticks per second.</summary>
    public long TimestampFrequency { get; }

    /// <summary>How many intervals are kept.</summary>
    public int MaxIntervals { get; }

    /// <summary>Events whose timestamp fell after the last kept interval.</summary>
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    /// <summary>The interval index of <paramref name="timestamp"/>, or -1 past the end.</summary>
    public int IntervalIndex(long timestamp)
    {
        var elapsed = timestamp - _startTimestamp;
        if (elapsed < 0)
        {
            return 0;
        }

        var index = elapsed / _intervalTicks;
        return index < MaxIntervals ? (int)index : -1;
    }

    /// <summary>Counts a send made at <paramref name="timestamp"/>.</summary>
    public void RecordSent(long timestamp)
    {
        var index = IntervalIndex(timestamp);
        if (index < 0)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        Interlocked.Increment(ref _sent[index]);
    }

    /// <summary>
    /// Counts a payment that ended at <paramref name="completedTimestamp"/> with <paramref name="outcome"/>; when
    /// <paramref name="latencyMicros"/> is given (not negative) it goes into that interval's p99.
    /// </summary>
    public void RecordCompleted(long completedTimestamp, PaymentOutcome outcome, long latencyMicros = -1)
    {
        var index = IntervalIndex(completedTimestamp);
        if (index < 0)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        var counters = outcome switch
        {
            PaymentOutcome.Accepted => _accepted,
            PaymentOutcome.Rejected => _rejected,
            PaymentOutcome.TimedOut => _timedOut,
            PaymentOutcome.RefusedAtSource => _refusedAtSource,
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
        };
        Interlocked.Increment(ref counters[index]);
        if (latencyMicros >= 0)
        {
            HistogramAt(index).RecordValue(ConcurrentLatencyHistogram.Clamp(latencyMicros));
        }
    }

    /// <summary>Every interval from the first up to the last one with any event (none when nothing was recorded).</summary>
    public IReadOnlyList<TimelinePoint> Snapshot()
    {
        var last = -1;
        for (var i = MaxIntervals - 1; i >= 0; i--)
        {
            if (Volatile.Read(ref _sent[i]) + Volatile.Read(ref _accepted[i]) + Volatile.Read(ref _rejected[i]) +
                Volatile.Read(ref _timedOut[i]) + Volatile.Read(ref _refusedAtSource[i]) > 0)
            {
                last = i;
                break;
            }
        }

        var points = new TimelinePoint[last + 1];
        var intervalSeconds = Interval.TotalSeconds;
        for (var i = 0; i <= last; i++)
        {
            var accepted = Interlocked.Read(ref _accepted[i]);
            var rejected = Interlocked.Read(ref _rejected[i]);
            var histogram = Volatile.Read(ref _latency[i]);
            points[i] = new TimelinePoint(
                i,
                i * intervalSeconds,
                intervalSeconds,
                Interlocked.Read(ref _sent[i]),
                accepted + rejected,
                accepted,
                rejected,
                Interlocked.Read(ref _timedOut[i]),
                Interlocked.Read(ref _refusedAtSource[i]),
                histogram is null || histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(99));
        }

        return points;
    }

    private LongConcurrentHistogram HistogramAt(int index)
    {
        var histogram = Volatile.Read(ref _latency[index]);
        if (histogram is not null)
        {
            return histogram;
        }

        var created = new LongConcurrentHistogram(ConcurrentLatencyHistogram.LowestMicros, ConcurrentLatencyHistogram.HighestMicros, IntervalSignificantDigits);
        return Interlocked.CompareExchange(ref _latency[index], created, null) ?? created;
    }
}

/// <summary>One interval of a <see cref="ThroughputTimeline"/>.</summary>
/// <param name="Index">The interval's index from the run start.</param>
/// <param name="StartSeconds">When the interval starts, in seconds from the run start.</param>
/// <param name="IntervalSeconds">The interval's length in seconds.</param>
/// <param name="Sent">Payments sent in the interval.</param>
/// <param name="Completed">Payments answered in the interval (accepted plus rejected).</param>
/// <param name="Accepted">Payments accepted in the interval.</param>
/// <param name="Rejected">Payments rejected in the interval.</param>
/// <param name="TimedOut">Payments that timed out in the interval.</param>
/// <param name="RefusedAtSource">Payments refused at source in the interval.</param>
/// <param name="P99Micros">The 99th-percentile latency of the payments that ended in the interval (0 when none).</param>
public sealed record TimelinePoint(
    int Index,
    double StartSeconds,
    double IntervalSeconds,
    long Sent,
    long Completed,
    long Accepted,
    long Rejected,
    long TimedOut,
    long RefusedAtSource,
    long P99Micros)
{
    /// <summary>Sends per second in the interval (the offered rate as actually sent).</summary>
    public double SentPerSecond => IntervalSeconds > 0 ? Sent / IntervalSeconds : 0;

    /// <summary>Answers per second in the interval (the achieved rate).</summary>
    public double CompletedPerSecond => IntervalSeconds > 0 ? Completed / IntervalSeconds : 0;
}
