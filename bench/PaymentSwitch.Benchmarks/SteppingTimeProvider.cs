namespace PaymentSwitch.Benchmarks;

/// <summary>A clock that moves only when told to, so a run is repeatable.</summary>
internal sealed class SteppingTimeProvider : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 22, 2, 15, 0, TimeSpan.Zero);

    public void Advance(TimeSpan step) => _now += step;

    public override DateTimeOffset GetUtcNow() => _now;
}
