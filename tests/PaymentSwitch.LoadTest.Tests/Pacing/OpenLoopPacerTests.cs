using System.Collections.Concurrent;
using PaymentSwitch.LoadTest.Pacing;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.LoadTest.Tests.Pacing;

/// <summary>The open-loop pacer on a fake clock: every send at its intended time, backlogs sent at once and never skipped.</summary>
/// <remarks>
/// The send callback runs on the pacer's own thread, so what it records goes into a concurrent queue that the test
/// reads once the run has completed; every wait for the run is bounded, so a pacer that hangs fails the test.
/// </remarks>
public sealed class OpenLoopPacerTests
{
    private const long Frequency = 1_000_000_000;

    [Fact]
    public async Task Run_RateForDuration_SendsRateTimesDurationAtIntendedTimes()
    {
        var clock = new FakePacerClock(Frequency, start: 42);
        var recorded = new ConcurrentQueue<(long Sequence, long Intended, long SentAt)>();
        using var sut = new OpenLoopPacer(1_000m, TimeSpan.FromSeconds(2), (sequence, intended) => recorded.Enqueue((sequence, intended, clock.Now)), clock);

        sut.Start();
        await Eventually.CompletesAsync(sut.Completion, "the pacer's run");
        sut.Join();
        var sends = recorded.ToArray();

        Assert.Equal(2_000, sends.Length);
        Assert.Equal(2_000, sut.Sent);
        Assert.Equal(2_000, sut.PlannedCount);
        Assert.Equal(42, sut.StartTimestamp);
        for (var i = 0; i < sends.Length; i++)
        {
            Assert.Equal(i, sends[i].Sequence);
            Assert.Equal(42 + (i * 1_000_000L), sends[i].Intended);
            Assert.Equal(sends[i].Intended, sends[i].SentAt);
        }

        Assert.Equal(0, sut.MaxLagTicks);
    }

    [Fact]
    public async Task Run_FractionalRate_SendsAtHalfHertz()
    {
        var clock = new FakePacerClock(Frequency, start: 0);
        var intended = new ConcurrentQueue<long>();
        using var sut = new OpenLoopPacer(0.5m, TimeSpan.FromSeconds(10), (_, at) => intended.Enqueue(at), clock);

        sut.Start();
        await Eventually.CompletesAsync(sut.Completion, "the pacer's run");

        Assert.Equal([0L, 2 * Frequency, 4 * Frequency, 6 * Frequency, 8 * Frequency], intended.ToArray());
    }

    [Fact]
    public async Task Run_StallOfOneSecond_SendsBacklogAtOnceWithOriginalIntendedTimes()
    {
        var clock = new FakePacerClock(Frequency, start: 0);
        var recorded = new ConcurrentQueue<(long Sequence, long Intended, long SentAt)>();
        using var sut = new OpenLoopPacer(1_000m, TimeSpan.FromSeconds(3), (sequence, intended) =>
        {
            recorded.Enqueue((sequence, intended, clock.Now));
            if (sequence == 500)
            {
                // The process stalls for a second right after send 500 (a GC pause, a descheduled thread).
                clock.Advance(Frequency);
            }
        }, clock);

        sut.Start();
        await Eventually.CompletesAsync(sut.Completion, "the pacer's run");
        var sends = recorded.ToArray();

        // Nothing skipped: every sequence once, in order, each with its own schedule slot.
        Assert.Equal(3_000, sends.Length);
        Assert.Equal(Enumerable.Range(0, 3_000).Select(static i => (long)i), sends.Select(static s => s.Sequence));
        Assert.All(sends, static s => Assert.Equal(s.Sequence * 1_000_000L, s.Intended));

        // The sends that fell due during the stall (501 to 1,500) all go the moment it ends, not rescheduled.
        var stallEnd = (500 * 1_000_000L) + Frequency;
        var backlog = sends.Where(static s => s.Sequence is > 500 and <= 1_500).ToArray();
        Assert.Equal(1_000, backlog.Length);
        Assert.All(backlog, s => Assert.Equal(stallEnd, s.SentAt));

        // After the backlog the pacer is back on schedule.
        Assert.All(sends.Where(static s => s.Sequence > 1_500), static s => Assert.Equal(s.Intended, s.SentAt));

        // The worst lag is send 501's: intended 1 ms after send 500, sent a second later.
        Assert.Equal(stallEnd - (501 * 1_000_000L), sut.MaxLagTicks);
        Assert.Equal(TimeSpan.FromMilliseconds(999), sut.MaxLag);
    }

    [Fact]
    public async Task Run_CancelledWithoutDuration_StopsAndCompletes()
    {
        var clock = new FakePacerClock(Frequency, start: 0);
        using var cancellation = new CancellationTokenSource();
        var count = 0L;
        using var sut = new OpenLoopPacer(10_000m, duration: null, (sequence, _) =>
        {
            Interlocked.Increment(ref count);
            if (sequence == 9_999)
            {
                cancellation.Cancel();
            }
        }, clock);

        sut.Start(cancellation.Token);
        await Eventually.CompletesAsync(sut.Completion, "the pacer stopping once cancelled");

        Assert.Equal(10_000, Interlocked.Read(ref count));
        Assert.Equal(10_000, sut.Sent);
        Assert.Equal(-1, sut.PlannedCount);
    }

    [Fact]
    public async Task Run_CallbackThrows_FaultsCompletion()
    {
        var clock = new FakePacerClock(Frequency, start: 0);
        using var sut = new OpenLoopPacer(100m, TimeSpan.FromSeconds(1), static (sequence, _) =>
        {
            if (sequence == 3)
            {
                throw new InvalidOperationException("transport gone");
            }
        }, clock);

        sut.Start();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Eventually.CompletesAsync(sut.Completion, "the pacer's run"));
        Assert.Equal("transport gone", error.Message);
        Assert.Equal(3, sut.Sent);
    }

    [Fact]
    public void Start_Twice_Throws()
    {
        var clock = new FakePacerClock(Frequency, start: 0);
        using var sut = new OpenLoopPacer(1m, TimeSpan.Zero, static (_, _) => { }, clock);
        sut.Start();

        Assert.Throws<InvalidOperationException>(() => sut.Start());
    }

    [Fact]
    public void Constructor_InvalidRate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenLoopPacer(0m, TimeSpan.FromSeconds(1), static (_, _) => { }));
    }

    [Fact]
    public async Task Run_RealClock_SendsEveryPaymentInOrder()
    {
        // The real clock's sleep-then-spin wait, on a short run: only behaviour is asserted, not timing.
        var sequences = new ConcurrentQueue<long>();
        using var sut = new OpenLoopPacer(2_000m, TimeSpan.FromMilliseconds(50), (sequence, _) => sequences.Enqueue(sequence));

        sut.Start();
        await Eventually.CompletesAsync(sut.Completion, "the pacer's run");

        Assert.Equal(Enumerable.Range(0, 100).Select(static i => (long)i), sequences.ToArray());
    }
}
