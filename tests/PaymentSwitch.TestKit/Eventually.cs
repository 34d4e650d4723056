using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace PaymentSwitch.TestKit;

/// <summary>
/// Waits for a condition instead of sleeping a fixed time, and drives a <see cref="FakeTimeProvider"/> until
/// something has happened. Every wait is bounded by <see cref="Patience"/> of real time, so a hang fails the test
/// with a message, yet a loaded machine only makes the test slower, never red. No test asserts on how long a wait
/// took: speed belongs in the benchmarks.
/// </summary>
public static class Eventually
{
    /// <summary>
    /// The real-time bound of every wait: far beyond what anything takes on a busy two-core machine (a wait that
    /// normally ends in milliseconds), so reaching it means a hang, not a slow run.
    /// <c>PAYMENTSWITCH_TEST_PATIENCE_SECONDS</c> overrides it.
    /// </summary>
    public static TimeSpan Patience { get; } = ReadPatience();

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// <see cref="Patience"/>, or <paramref name="maximum"/> if that is shorter: for a timeout option that is only a
    /// bound in a test but whose validation caps it (Patience can be raised by its environment variable).
    /// </summary>
    public static TimeSpan PatienceAtMost(TimeSpan maximum) => Patience < maximum ? Patience : maximum;

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <see cref="Patience"/>.</summary>
    /// <param name="condition">What must become true.</param>
    /// <param name="what">What the condition means, for the failure message.</param>
    /// <param name="describe">Optional state to print on failure (a log, the items seen so far).</param>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, Func<string>? describe = null)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > Patience)
            {
                Assert.Fail(FailureMessage(what, describe));
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Polls an asynchronous <paramref name="condition"/> (a query to a service) until it holds; fails the test after <see cref="Patience"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, Func<string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var started = Stopwatch.GetTimestamp();
        while (!await condition().ConfigureAwait(false))
        {
            if (Stopwatch.GetElapsedTime(started) > Patience)
            {
                Assert.Fail(FailureMessage(what, describe));
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Advances <paramref name="clock"/> by <paramref name="step"/> at a time, letting other threads run in between,
    /// until <paramref name="condition"/> holds. Fails after <see cref="Patience"/> of real time or once the clock
    /// has moved <paramref name="maxAdvance"/> in all, whichever comes first.
    /// </summary>
    /// <remarks>
    /// The condition is checked before every step and the clock stops as soon as it holds, so it is never moved more
    /// than one step past the moment the condition became true. Choose a <paramref name="step"/> smaller than any
    /// timer the test must not fire by accident (a request timeout that would start a third attempt), and a
    /// <paramref name="maxAdvance"/> below the next timer that would change the outcome (a circuit's break duration).
    /// </remarks>
    public static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> condition, TimeSpan step, TimeSpan maxAdvance, string what, Func<string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        var started = Stopwatch.GetTimestamp();
        var advanced = TimeSpan.Zero;
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > Patience)
            {
                Assert.Fail(FailureMessage(what, describe) + $" (the fake clock moved {advanced.TotalSeconds} s)");
            }

            if (advanced + step > maxAdvance)
            {
                // The clock may go no further: give the threads that already have their timers' callbacks the rest
                // of the real-time bound to finish, then fail.
                await WaitUntilAsync(condition, what + $" once the fake clock had moved {advanced.TotalSeconds} s", describe).ConfigureAwait(false);
                return;
            }

            clock.Advance(step);
            advanced += step;
            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> again every <paramref name="interval"/> until <paramref name="condition"/> holds;
    /// fails the test after <see cref="Patience"/>. For a condition that only an action can bring about and that an
    /// early action may miss (a publish before a reconnecting subscriber is back is lost, so publish until one arrives).
    /// </summary>
    /// <remarks>The interval only paces the attempts; the bound is <see cref="Patience"/>, however slow each attempt is.</remarks>
    public static async Task RepeatUntilAsync(Func<Task> action, Func<bool> condition, TimeSpan interval, string what, Func<string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > Patience)
            {
                Assert.Fail(FailureMessage(what, describe));
            }

            await action().ConfigureAwait(false);

            // Checks the condition often within one interval, so a success is seen at once rather than an interval late.
            var next = Stopwatch.GetTimestamp();
            while (!condition() && Stopwatch.GetElapsedTime(next) < interval)
            {
                await Task.Delay(PollInterval).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Awaits <paramref name="task"/>, failing the test with <paramref name="what"/> after <see cref="Patience"/>.</summary>
    public static async Task<T> CompletesAsync<T>(Task<T> task, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        await WaitForAsync(task, what).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <summary>Awaits <paramref name="task"/>, failing the test with <paramref name="what"/> after <see cref="Patience"/>.</summary>
    public static async Task CompletesAsync(Task task, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        await WaitForAsync(task, what).ConfigureAwait(false);
        await task.ConfigureAwait(false);
    }

    private static async Task WaitForAsync(Task task, string what)
    {
        var finished = await Task.WhenAny(task, Task.Delay(Patience)).ConfigureAwait(false);
        if (finished != task)
        {
            Assert.Fail($"{what}: not done within {Patience.TotalSeconds} s.");
        }
    }

    private static string FailureMessage(string what, Func<string>? describe)
        => $"{what}: not reached within {Patience.TotalSeconds} s." + (describe is null ? string.Empty : Environment.NewLine + describe());

    private static TimeSpan ReadPatience()
        => int.TryParse(Environment.GetEnvironmentVariable("PAYMENTSWITCH_TEST_PATIENCE_SECONDS"), out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(60);
}
