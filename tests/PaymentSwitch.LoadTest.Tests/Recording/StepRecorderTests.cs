using PaymentSwitch.LoadTest.Recording;
using PaymentSwitch.LoadTest.Reports;

namespace PaymentSwitch.LoadTest.Tests.Recording;

/// <summary>The step facade turns recorded payments into a consistent <see cref="LoadStepResult"/>.</summary>
public sealed class StepRecorderTests
{
    private const long Frequency = 1_000_000;

    [Fact]
    public void ToResult_MixedOutcomes_CountsRatesAndLatenciesAgree()
    {
        var sut = new StepRecorder(0, Frequency);
        for (long i = 0; i < 100; i++)
        {
            var intended = i * 10_000;
            sut.RecordSent(intended + 100);
            var outcome = i switch { < 90 => PaymentOutcome.Accepted, < 96 => PaymentOutcome.Rejected, < 98 => PaymentOutcome.TimedOut, _ => PaymentOutcome.RefusedAtSource };
            sut.RecordOutcome(outcome, intended, intended + 100, intended + 2_000, outcome == PaymentOutcome.Rejected ? "AM04" : null);
        }

        sut.Hops.RecordHop("hub", 40);
        var result = sut.ToResult(LoadModes.Open, 100m, TimeSpan.FromSeconds(1));

        Assert.Equal(100, result.Sent);
        Assert.Equal(96, result.Completed);
        Assert.Equal(90, result.Accepted);
        Assert.Equal(6, result.Rejected);
        Assert.Equal(2, result.TimedOut);
        Assert.Equal(2, result.RefusedAtSource);
        Assert.Equal(96, result.AchievedRate);
        Assert.Equal(6, result.RejectionsByReason["AM04"]);
        Assert.Equal(98, result.Latency.Count); // answers plus timeouts
        Assert.Equal(96, result.ServiceTime.Count);
        Assert.Equal(2_000, result.Latency.P50Micros);
        Assert.Equal(1_900, result.ServiceTime.P50Micros);
        Assert.Equal(100, result.Timeline.Sum(static p => p.Sent));
        Assert.Equal(96, result.Timeline.Sum(static p => p.Completed));
        Assert.Equal(1, result.Hops["hub"].Count);
        Assert.Equal("100/s open", result.Label);
    }

    [Fact]
    public void RecordOutcome_ClosedLoopWithAStall_CorrectedLatencyShowsTheStallServiceTimeDoesNot()
    {
        // One closed-loop sender, 1 ms per payment, expected every 1 ms; one payment stalls for 1 s. Without correction
        // that is 1 sample in 1,001; with it, the ~1,000 sends the stall held back count too, as they would in open loop.
        const long expectedInterval = 1_000;
        var sut = new StepRecorder(0, Frequency);
        var now = 0L;
        for (var i = 0; i < 1_000; i++)
        {
            var latency = i == 500 ? 1_000_000 : 1_000;
            sut.RecordSent(now);
            sut.RecordOutcome(PaymentOutcome.Accepted, now, now, now + latency, closedLoopExpectedIntervalTicks: expectedInterval);
            now += latency;
        }

        var result = sut.ToResult(LoadModes.Closed, null, TimeSpan.FromTicks(now * 10));

        Assert.InRange(result.Latency.P90Micros, 100_000, 1_000_000);
        Assert.InRange(result.ServiceTime.P99Micros, 1_000, 1_001);
        Assert.True(result.Latency.Count > 1_900, $"corrected count {result.Latency.Count}");
        Assert.Equal(1_000, result.ServiceTime.Count);
    }
}
