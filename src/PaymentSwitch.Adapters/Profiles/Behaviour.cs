using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Adapters.Profiles;

/// <summary>One point of a <see cref="PercentileTable"/>: at <paramref name="Ppm"/> parts per million of the distribution the value is <paramref name="Value"/>.</summary>
/// <param name="Ppm">The cumulative share, in parts per million: 500,000 is the median, 999,000 the 99.9th percentile.</param>
/// <param name="Value">The value at that share (milliseconds for latencies, minor units for amounts).</param>
public readonly record struct PercentilePoint(int Ppm, long Value);

/// <summary>
/// A distribution given by its percentiles and sampled by linear interpolation between them, in integers only: a
/// piecewise-uniform approximation of any shape (a long-tailed latency, a skewed amount) without binary floating point.
/// </summary>
/// <remarks>
/// The first point is at 0 ppm (the minimum), the last at 1,000,000 (the maximum); shares strictly increase and values
/// never decrease. A draw <c>u</c> in <c>[0, 1,000,000)</c> falls between two points and is mapped to
/// <c>v[i] + (v[i+1] − v[i]) × (u − p[i]) / (p[i+1] − p[i])</c>, rounded toward zero, computed in 128-bit integers.
/// </remarks>
public sealed record PercentileTable
{
    private PercentileTable(ValueList<PercentilePoint> points) => Points = points;

    /// <summary>The points, by increasing share.</summary>
    public ValueList<PercentilePoint> Points { get; }

    /// <summary>The smallest value (at 0 ppm).</summary>
    public long Min => Points[0].Value;

    /// <summary>The largest value (at 1,000,000 ppm).</summary>
    public long Max => Points[^1].Value;

    /// <summary>A table that always gives <paramref name="value"/>.</summary>
    public static PercentileTable Constant(long value) =>
        Create([new PercentilePoint(0, value), new PercentilePoint(Probability.Million, value)]);

    /// <summary>Creates a table; throws for a programmer error (the profile loader reports the same problems with their JSON path).</summary>
    /// <exception cref="ArgumentException">The points break a rule of <see cref="Problem"/>.</exception>
    public static PercentileTable Create(IReadOnlyList<PercentilePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (Problem(points) is { } problem)
        {
            throw new ArgumentException(problem, nameof(points));
        }

        return new PercentileTable(new ValueList<PercentilePoint>(points));
    }

    /// <summary>The first rule the points break, as a sentence, or <c>null</c> if they form a valid table.</summary>
    public static string? Problem(IReadOnlyList<PercentilePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            return "a distribution needs at least two points: the 0th and the 100th percentile";
        }

        if (points[0].Ppm != 0 || points[^1].Ppm != Probability.Million)
        {
            return "the first point must be the 0th percentile and the last the 100th";
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value < 0)
            {
                return "values must not be negative";
            }

            if (i > 0 && points[i].Ppm <= points[i - 1].Ppm)
            {
                return "percentiles must strictly increase";
            }

            if (i > 0 && points[i].Value < points[i - 1].Value)
            {
                return "values must not decrease as the percentile increases";
            }
        }

        return null;
    }

    /// <summary>The value at the share <paramref name="drawPpm"/> (a uniform draw in <c>[0, 1,000,000)</c>); allocation-free.</summary>
    public long Sample(int drawPpm)
    {
        var u = Math.Clamp(drawPpm, 0, Probability.Million);
        var points = Points.AsSpan();
        for (var i = 1; i < points.Length; i++)
        {
            var high = points[i];
            if (u > high.Ppm)
            {
                continue;
            }

            var low = points[i - 1];
            var span = (Int128)(high.Value - low.Value) * (u - low.Ppm);
            return low.Value + (long)(span / (high.Ppm - low.Ppm));
        }

        return Max;
    }

    /// <summary>The value at <paramref name="percentilePpm"/>, for reports (the same interpolation as <see cref="Sample"/>).</summary>
    public long At(int percentilePpm) => Sample(percentilePpm);
}

/// <summary>The probability of one rejection reason, in parts per million of the payments an IPS sees.</summary>
/// <param name="Reason">The ISO 20022 reason code the IPS answers with.</param>
/// <param name="Ppm">How often, in parts per million (1,000 ppm = 0.1 %).</param>
public readonly record struct RejectionRate(StatusReasonCode Reason, int Ppm);

/// <summary>
/// Random rejections an IPS injects on top of what its accounts decide (a bank's fraud engine, a name check that
/// fails, a participant that drops off): each reason with its probability, drawn once per payment.
/// </summary>
/// <param name="Rates">The reasons, in a fixed order (the draw walks them cumulatively); together at most 1,000,000 ppm.</param>
public sealed record RejectionTable(ValueList<RejectionRate> Rates)
{
    /// <summary>No random rejections.</summary>
    public static RejectionTable None { get; } = new(ValueList<RejectionRate>.Empty);

    /// <summary>The total probability of any rejection, in ppm.</summary>
    public int TotalPpm
    {
        get
        {
            var total = 0;
            foreach (var rate in Rates)
            {
                total += rate.Ppm;
            }

            return total;
        }
    }

    /// <summary>The probability of <paramref name="reason"/> in ppm (0 if absent).</summary>
    public int PpmOf(StatusReasonCode reason)
    {
        foreach (var rate in Rates)
        {
            if (rate.Reason == reason)
            {
                return rate.Ppm;
            }
        }

        return 0;
    }

    /// <summary>The reason the draw <paramref name="drawPpm"/> lands on, or <see cref="StatusReasonCode.None"/>; allocation-free.</summary>
    public StatusReasonCode Draw(int drawPpm)
    {
        var cumulative = 0;
        foreach (var rate in Rates)
        {
            cumulative += rate.Ppm;
            if (drawPpm < cumulative)
            {
                return rate.Reason;
            }
        }

        return StatusReasonCode.None;
    }
}

/// <summary>
/// A time when the IPS (or one of its banks) does not work. Without <see cref="Bank"/> the whole IPS is silent: the hub
/// gets no answer and times a HIGH payment out (AB06). With a bank, the IPS itself still answers, RJCT AB08 (creditor
/// agent offline), for that bank's customers.
/// </summary>
public sealed record OutageWindow
{
    private OutageWindow(DateTimeOffset? from, DateTimeOffset? to, TimeZoneInfo? timeZone, TimeOnly dailyFrom, TimeOnly dailyTo, Bic? bank, string? note)
    {
        From = from;
        To = to;
        TimeZone = timeZone;
        DailyFrom = dailyFrom;
        DailyTo = dailyTo;
        Bank = bank;
        Note = note;
    }

    /// <summary>For a one-off window, its start (inclusive); <c>null</c> for a daily window.</summary>
    public DateTimeOffset? From { get; }

    /// <summary>For a one-off window, its end (exclusive); <c>null</c> for a daily window.</summary>
    public DateTimeOffset? To { get; }

    /// <summary>For a daily window, the local time zone; <c>null</c> for a one-off window.</summary>
    public TimeZoneInfo? TimeZone { get; }

    /// <summary>For a daily window, the local start (inclusive).</summary>
    public TimeOnly DailyFrom { get; }

    /// <summary>For a daily window, the local end (exclusive); earlier than <see cref="DailyFrom"/> for a window across midnight.</summary>
    public TimeOnly DailyTo { get; }

    /// <summary>The bank that is offline, or <c>null</c> when the whole IPS is.</summary>
    public Bic? Bank { get; }

    /// <summary>Why (free text).</summary>
    public string? Note { get; }

    /// <summary>Whether the window is a daily recurring one.</summary>
    public bool IsDaily => TimeZone is not null;

    /// <summary>A one-off window <c>[from, to)</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public static OutageWindow Between(DateTimeOffset from, DateTimeOffset to, Bic? bank = null, string? note = null)
    {
        if (to <= from)
        {
            throw new ArgumentException("An outage must end after it starts.", nameof(to));
        }

        return new OutageWindow(from, to, null, default, default, bank, note);
    }

    /// <summary>A window every day from <paramref name="from"/> to <paramref name="to"/> local time (across midnight if <paramref name="to"/> is earlier).</summary>
    /// <exception cref="ArgumentException">The window is empty (<paramref name="from"/> equals <paramref name="to"/>).</exception>
    public static OutageWindow Daily(TimeZoneInfo timeZone, TimeOnly from, TimeOnly to, Bic? bank = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        if (from == to)
        {
            throw new ArgumentException("A daily outage must not start and end at the same time.", nameof(to));
        }

        return new OutageWindow(null, null, timeZone, from, to, bank, note);
    }

    /// <summary>Whether the window covers <paramref name="instant"/>.</summary>
    public bool IsActive(DateTimeOffset instant)
    {
        if (TimeZone is null)
        {
            return instant >= From!.Value && instant < To!.Value;
        }

        var local = TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(instant, TimeZone).TimeOfDay);
        return DailyFrom < DailyTo
            ? local >= DailyFrom && local < DailyTo
            : local >= DailyFrom || local < DailyTo;
    }
}

/// <summary>How an IPS behaves, beyond what its accounts decide.</summary>
/// <param name="LatencyMs">How long it takes to answer a payment, in milliseconds.</param>
/// <param name="InboundRejections">Random rejections of payments arriving from the hub.</param>
/// <param name="OutboundRejections">Random local refusals of customers' outgoing payments (AM04: the bank's own funds check).</param>
/// <param name="Outages">When the IPS or one of its banks does not answer.</param>
public sealed record BehaviourProfile(
    PercentileTable LatencyMs,
    RejectionTable InboundRejections,
    RejectionTable OutboundRejections,
    ValueList<OutageWindow> Outages)
{
    /// <summary>The same latency, with no random rejection and no outage: every payment is decided by the accounts alone.</summary>
    public BehaviourProfile Reliable() => this with
    {
        InboundRejections = RejectionTable.None,
        OutboundRejections = RejectionTable.None,
        Outages = ValueList<OutageWindow>.Empty,
    };
}
