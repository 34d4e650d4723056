using System.Diagnostics;

namespace PaymentSwitch.LoadTest.Pacing;

/// <summary>
/// The real pacer clock: <see cref="Stopwatch.GetTimestamp"/> (or a <see cref="TimeProvider"/>'s timestamp), waiting
/// with <see cref="Thread.Sleep(int)"/> while the target is more than <see cref="SleepThreshold"/> away and spinning
/// after that, because a sleep or <c>Task.Delay</c> wakes at millisecond granularity at best and would bunch sends.
/// </summary>
public sealed class StopwatchPacerClock : IPacerClock
{
    private readonly TimeProvider? _timeProvider;
    private readonly long _sleepThresholdTicks;

    /// <summary>The clock on <see cref="Stopwatch"/>.</summary>
    public StopwatchPacerClock()
        : this(null)
    {
    }

    /// <summary>The clock on <paramref name="timeProvider"/>'s timestamps (<see cref="TimeProvider.System"/> when null).</summary>
    public StopwatchPacerClock(TimeProvider? timeProvider)
    {
        _timeProvider = timeProvider;
        TimestampFrequency = timeProvider?.TimestampFrequency ?? Stopwatch.Frequency;
        _sleepThresholdTicks = PacingSchedule.ToTimestampTicks(SleepThreshold, TimestampFrequency);
    }

    /// <summary>How far from the target the clock stops sleeping and starts spinning: a sleep can overshoot by about a millisecond.</summary>
    public static TimeSpan SleepThreshold { get; } = TimeSpan.FromMilliseconds(2);

    /// <inheritdoc />
    public long TimestampFrequency { get; }

    /// <inheritdoc />
    public long GetTimestamp() => _timeProvider?.GetTimestamp() ?? Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public void WaitUntil(long timestamp, CancellationToken cancellationToken)
    {
        while (timestamp - GetTimestamp() > _sleepThresholdTicks)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            Thread.Sleep(1);
        }

        // Spin without ever falling back to Sleep(1) (sleep1Threshold: -1): the last two milliseconds are spent
        // busy, yielding now and then so a co-scheduled thread on a busy core still runs.
        var spinner = default(SpinWait);
        while (GetTimestamp() < timestamp && !cancellationToken.IsCancellationRequested)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
