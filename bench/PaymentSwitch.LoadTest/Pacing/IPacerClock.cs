namespace PaymentSwitch.LoadTest.Pacing;

/// <summary>
/// The pacer's clock and its way of waiting. The real one is <see cref="StopwatchPacerClock"/>; tests use a fake
/// whose <see cref="WaitUntil"/> advances time, so a paced run is deterministic and instant.
/// </summary>
public interface IPacerClock
{
    /// <summary>Timestamp ticks per second.</summary>
    long TimestampFrequency { get; }

    /// <summary>The current high-resolution timestamp.</summary>
    long GetTimestamp();

    /// <summary>
    /// Waits until <see cref="GetTimestamp"/> reaches <paramref name="timestamp"/>, or a little less: callers
    /// re-check the clock, so returning early is allowed; returning late only adds lag.
    /// </summary>
    void WaitUntil(long timestamp, CancellationToken cancellationToken);
}
