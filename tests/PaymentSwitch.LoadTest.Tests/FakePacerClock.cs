using PaymentSwitch.LoadTest.Pacing;

namespace PaymentSwitch.LoadTest.Tests;

/// <summary>A pacer clock whose waits advance time to the target at once, so a paced run is deterministic and instant.</summary>
public sealed class FakePacerClock(long timestampFrequency = 1_000_000_000, long start = 1_000) : IPacerClock
{
    private long _now = start;

    public long TimestampFrequency { get; } = timestampFrequency;

    public long Now => Volatile.Read(ref _now);

    public long GetTimestamp() => Volatile.Read(ref _now);

    public void Advance(long ticks) => Interlocked.Add(ref _now, ticks);

    public void WaitUntil(long timestamp, CancellationToken cancellationToken)
    {
        if (timestamp > Volatile.Read(ref _now))
        {
            Volatile.Write(ref _now, timestamp);
        }
    }
}
