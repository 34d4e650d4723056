namespace PaymentSwitch.Hub.Ledger;

/// <summary>
/// Says when the next settlement cycle closes: on a fixed grid <c>Anchor + k × Interval</c>, so closes do not drift
/// however late the host wakes up. The host (a later issue) calls <see cref="LiquidityLedger.Close(long, DateTimeOffset, Func{PaymentSwitch.Domain.Currency, IpsId})"/>
/// at <see cref="NextCloseAt()"/>, or on command.
/// </summary>
public sealed class SettlementScheduler
{
    private readonly TimeProvider _time;

    /// <summary>Creates a schedule.</summary>
    /// <param name="time">The clock; a <c>FakeTimeProvider</c> in tests and simulations.</param>
    /// <param name="interval">Time between closes; at least one second.</param>
    /// <param name="anchor">A grid point, e.g. midnight UTC; closes happen at anchor plus whole intervals.</param>
    public SettlementScheduler(TimeProvider time, TimeSpan interval, DateTimeOffset anchor)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.FromSeconds(1));
        _time = time;
        Interval = interval;
        Anchor = anchor;
    }

    /// <summary>Time between closes.</summary>
    public TimeSpan Interval { get; }

    /// <summary>A grid point of the schedule.</summary>
    public DateTimeOffset Anchor { get; }

    /// <summary>The first grid point strictly after now.</summary>
    public DateTimeOffset NextCloseAt() => NextCloseAfter(_time.GetUtcNow());

    /// <summary>The first grid point strictly after <paramref name="instant"/>.</summary>
    public DateTimeOffset NextCloseAfter(DateTimeOffset instant)
    {
        if (instant < Anchor)
        {
            // Before the anchor the grid extends backwards too: the first point after the instant.
            var before = (Anchor - instant).Ticks / Interval.Ticks;
            var candidate = Anchor - (before * Interval);
            return candidate > instant ? candidate : candidate + Interval;
        }

        var elapsed = (instant - Anchor).Ticks / Interval.Ticks;
        return Anchor + ((elapsed + 1) * Interval);
    }

    /// <summary>How long until the next close (never negative).</summary>
    public TimeSpan DueIn() => NextCloseAt() - _time.GetUtcNow();

    /// <summary>Whether the cycle that opened at <paramref name="cycleOpenedAt"/> should close now: a grid point has passed since it opened.</summary>
    public bool IsDue(DateTimeOffset cycleOpenedAt) => NextCloseAfter(cycleOpenedAt) <= _time.GetUtcNow();
}
