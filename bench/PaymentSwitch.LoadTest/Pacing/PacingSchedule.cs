namespace PaymentSwitch.LoadTest.Pacing;

/// <summary>
/// The open-loop send schedule: the intended timestamp of every send at a fixed rate, computed from the send's
/// sequence number alone so that no rounding error accumulates over a run (send one million is exactly where
/// <c>start + 1,000,000 / rate</c> says, floored to a tick, not the sum of a million rounded intervals).
/// </summary>
/// <remarks>
/// Pure arithmetic, no clock. The rate is kept as an integer number of micro-payments per second, so a rate may be
/// fractional (0.5/s) or large (25,000/s) but has at most six decimal places; the products are formed in
/// <see cref="Int128"/>, which cannot overflow for any run length a long timestamp can express.
/// </remarks>
public sealed class PacingSchedule
{
    /// <summary>The rate's fixed-point scale: rates are exact to one micro-payment per second.</summary>
    public const long RateScale = 1_000_000;

    /// <summary>The largest supported rate, in payments per second.</summary>
    public const decimal MaxRatePerSecond = 1_000_000_000m;

    // Rate in payments per second times RateScale.
    private readonly long _rateMicroPerSecond;

    // TimestampFrequency times RateScale: ticks per payment times rate.
    private readonly Int128 _scaledFrequency;

    /// <summary>Creates the schedule.</summary>
    /// <param name="ratePerSecond">Payments per second, greater than zero, at most six decimal places.</param>
    /// <param name="startTimestamp">The intended timestamp of send 0.</param>
    /// <param name="timestampFrequency">Timestamp ticks per second (e.g. <see cref="System.Diagnostics.Stopwatch.Frequency"/>).</param>
    public PacingSchedule(decimal ratePerSecond, long startTimestamp, long timestampFrequency)
    {
        if (ratePerSecond <= 0m || ratePerSecond > MaxRatePerSecond)
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, $"The rate must be in (0, {MaxRatePerSecond}] payments per second.");
        }

        var scaled = ratePerSecond * RateScale;
        if (scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The rate may have at most six decimal places.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampFrequency);
        RatePerSecond = ratePerSecond;
        StartTimestamp = startTimestamp;
        TimestampFrequency = timestampFrequency;
        _rateMicroPerSecond = (long)scaled;
        _scaledFrequency = (Int128)timestampFrequency * RateScale;
    }

    /// <summary>Payments per second.</summary>
    public decimal RatePerSecond { get; }

    /// <summary>The intended timestamp of send 0.</summary>
    public long StartTimestamp { get; }

    /// <summary>Timestamp ticks per second.</summary>
    public long TimestampFrequency { get; }

    /// <summary>
    /// The intended timestamp of send <paramref name="sequence"/> (0-based):
    /// <c>start + floor(sequence × frequency / rate)</c>, so at most one tick early and never late.
    /// </summary>
    public long IntendedTimestamp(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var offset = (Int128)sequence * _scaledFrequency / _rateMicroPerSecond;
        return checked((long)(StartTimestamp + offset));
    }

    /// <summary>
    /// How many sends are due by <paramref name="timestamp"/>: the number of sequences whose intended timestamp is
    /// at or before it (0 before the start, 1 at the start).
    /// </summary>
    public long DueCount(long timestamp)
    {
        if (timestamp < StartTimestamp)
        {
            return 0;
        }

        // floor(i·K/R) ≤ d  ⇔  i·K < (d+1)·R  ⇔  i < (d+1)·R/K, so the count is ceil((d+1)·R/K).
        var elapsed = (Int128)timestamp - StartTimestamp;
        var numerator = (elapsed + 1) * _rateMicroPerSecond;
        var count = (numerator + _scaledFrequency - 1) / _scaledFrequency;
        return count > long.MaxValue ? long.MaxValue : (long)count;
    }

    /// <summary>
    /// How many sends a run of <paramref name="durationTicks"/> timestamp ticks holds: those intended strictly before
    /// <c>start + durationTicks</c>, which is rate × duration when that is a whole number.
    /// </summary>
    public long CountWithin(long durationTicks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationTicks);
        return durationTicks == 0 ? 0 : DueCount(StartTimestamp + durationTicks - 1);
    }

    /// <summary>Converts a duration to timestamp ticks at <paramref name="timestampFrequency"/>, without overflow for sane durations.</summary>
    public static long ToTimestampTicks(TimeSpan duration, long timestampFrequency) =>
        checked((long)((Int128)duration.Ticks * timestampFrequency / TimeSpan.TicksPerSecond));
}
