using System.Diagnostics;

namespace PaymentSwitch.LoadTest.Pacing;

/// <summary>
/// The real pacer clock: <see cref="Stopwatch.GetTimestamp"/> (or a <see cref="TimeProvider"/>'s timestamp), waiting
/// with <see cref="Thread.Sleep(int)"/> while the target is more than the spin window away and spinning after that,
/// because a sleep or <c>Task.Delay</c> wakes at millisecond granularity at best and would bunch sends.
/// </summary>
/// <remarks>
/// Spinning costs a whole core whenever sends are less than the spin window apart (above 500 payments/s with 2 ms),
/// which on a small machine takes a core from the system under test. So by default the clock spins only where there
/// are cores to spare (more than four); on smaller machines it sleeps only, waking about every millisecond and
/// releasing every send that fell due meanwhile. Each send still carries its own intended time, so that bunching is
/// measured as latency against the system (at most about a millisecond), never hidden.
/// </remarks>
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
    /// <param name="timeProvider">The timestamp source; <see cref="Stopwatch"/> when null.</param>
    /// <param name="spinWindow">How close to a send the clock stops sleeping and spins; null for <see cref="DefaultSpinWindow"/>, zero never to spin.</param>
    public StopwatchPacerClock(TimeProvider? timeProvider, TimeSpan? spinWindow = null)
    {
        _timeProvider = timeProvider;
        TimestampFrequency = timeProvider?.TimestampFrequency ?? Stopwatch.Frequency;
        SpinWindow = spinWindow ?? DefaultSpinWindow;
        ArgumentOutOfRangeException.ThrowIfLessThan(SpinWindow, TimeSpan.Zero, nameof(spinWindow));
        _sleepThresholdTicks = PacingSchedule.ToTimestampTicks(SpinWindow, TimestampFrequency);
    }

    /// <summary>How far from the target the clock spins when there are cores to spare: a sleep can overshoot by about a millisecond.</summary>
    public static TimeSpan SleepThreshold { get; } = TimeSpan.FromMilliseconds(2);

    /// <summary><see cref="SleepThreshold"/> on machines with more than four cores, else zero (sleep only; see the remarks).</summary>
    public static TimeSpan DefaultSpinWindow => Environment.ProcessorCount > 4 ? SleepThreshold : TimeSpan.Zero;

    /// <summary>This clock's spin window.</summary>
    public TimeSpan SpinWindow { get; }

    /// <inheritdoc />
    public long TimestampFrequency { get; }

    /// <inheritdoc />
    public long GetTimestamp() => _timeProvider?.GetTimestamp() ?? Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public void WaitUntil(long timestamp, CancellationToken cancellationToken)
    {
        while (timestamp - GetTimestamp() > _sleepThresholdTicks)
        {
            // With no spin window this loop alone waits, and ends at most about one sleep after the target.
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            Thread.Sleep(1);
        }

        if (_sleepThresholdTicks == 0)
        {
            return;
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
