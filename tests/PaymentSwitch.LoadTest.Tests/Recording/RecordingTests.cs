using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.LoadTest.Recording;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.LoadTest.Tests.Recording;

/// <summary>Timeline buckets, outcome counts, hop summaries and concurrent recording.</summary>
public sealed class RecordingTests
{
    private const long Frequency = 1_000_000_000;

    [Fact]
    public void Timeline_EventsInThreeIntervals_CountedInTheIntervalTheyFallIn()
    {
        var start = 5_000L;
        var sut = new ThroughputTimeline(start, Frequency);

        sut.RecordSent(start);
        sut.RecordSent(start + Frequency - 1);
        sut.RecordSent(start + Frequency);
        sut.RecordCompleted(start + 10, PaymentOutcome.Accepted, 1_000);
        sut.RecordCompleted(start + Frequency + 10, PaymentOutcome.Rejected, 2_000);
        sut.RecordCompleted(start + Frequency + 20, PaymentOutcome.Accepted, 3_000);
        sut.RecordCompleted(start + (2 * Frequency), PaymentOutcome.TimedOut);
        sut.RecordCompleted(start + (2 * Frequency) + 1, PaymentOutcome.RefusedAtSource);
        sut.RecordSent(start - 100); // before the start: interval 0

        var points = sut.Snapshot();

        Assert.Equal(3, points.Count);
        // The interval p99 has two significant digits (1 %), so only its range is exact.
        Assert.Equal(new TimelinePoint(0, 0, 1, 3, 1, 1, 0, 0, 0, 0), points[0] with { P99Micros = 0 });
        Assert.Equal(new TimelinePoint(1, 1, 1, 1, 2, 1, 1, 0, 0, 0), points[1] with { P99Micros = 0 });
        Assert.Equal(new TimelinePoint(2, 2, 1, 0, 0, 0, 0, 1, 1, 0), points[2]);
        Assert.InRange(points[0].P99Micros, 1_000, 1_010);
        Assert.InRange(points[1].P99Micros, 2_990, 3_030);
        Assert.Equal(3, points[0].SentPerSecond);
        Assert.Equal(2, points[1].CompletedPerSecond);
    }

    [Fact]
    public void Timeline_ConfigurableIntervalAndBound_DropsEventsPastTheEnd()
    {
        var sut = new ThroughputTimeline(0, Frequency, TimeSpan.FromMilliseconds(250), maxIntervals: 4);

        sut.RecordSent(Frequency / 4);
        sut.RecordSent(Frequency - 1);
        sut.RecordSent(Frequency);
        sut.RecordCompleted(5 * Frequency, PaymentOutcome.Accepted, 10);

        var points = sut.Snapshot();
        Assert.Equal(4, points.Count);
        Assert.Equal(0.25, points[1].StartSeconds);
        Assert.Equal(1, points[1].Sent);
        Assert.Equal(1, points[3].Sent);
        Assert.Equal(4, points[3].SentPerSecond);
        Assert.Equal(2, sut.DroppedEvents);
        Assert.Equal(-1, sut.IntervalIndex(Frequency));
    }

    [Fact]
    public void Timeline_NothingRecorded_IsEmpty()
    {
        Assert.Empty(new ThroughputTimeline(0, Frequency).Snapshot());
    }

    [Fact]
    public void Timeline_IntervalP99_FromThatIntervalsLatencies()
    {
        var sut = new ThroughputTimeline(0, Frequency);
        for (var i = 1; i <= 100; i++)
        {
            sut.RecordCompleted(10, PaymentOutcome.Accepted, i * 1_000L);
            sut.RecordCompleted(Frequency + 10, PaymentOutcome.Accepted, 50);
        }

        var points = sut.Snapshot();
        Assert.InRange(points[0].P99Micros, 98_000, 100_000);
        Assert.Equal(50, points[1].P99Micros);
    }

    [Fact]
    public void Outcomes_MixedRecording_CountsByOutcomeAndReason()
    {
        var sut = new OutcomeCounter();

        sut.RecordAccepted();
        sut.RecordAccepted();
        sut.RecordRejected("AM04");
        sut.RecordRejected("AM04");
        sut.RecordRejected("AC03");
        sut.Record(PaymentOutcome.Rejected, null);
        sut.RecordTimedOut();
        sut.Record(PaymentOutcome.RefusedAtSource);
        sut.Record(PaymentOutcome.Accepted);

        var counts = sut.Snapshot();
        Assert.Equal(3, counts.Accepted);
        Assert.Equal(4, counts.Rejected);
        Assert.Equal(7, counts.Completed);
        Assert.Equal(1, counts.TimedOut);
        Assert.Equal(1, counts.RefusedAtSource);
        Assert.Equal(["(other)", "AC03", "AM04"], counts.RejectionsByReason.Keys);
        Assert.Equal(2, counts.RejectionsByReason["AM04"]);
        Assert.Equal(1, counts.RejectionsByReason["AC03"]);
        Assert.Equal(1, counts.RejectionsByReason[OutcomeCounter.OtherReason]);
    }

    [Fact]
    public void Outcomes_MoreReasonsThanTheBound_ExtraCountedAsOther()
    {
        var sut = new OutcomeCounter();
        for (var i = 0; i < OutcomeCounter.MaxReasons + 10; i++)
        {
            sut.RecordRejected($"R{i:D4}");
        }

        var counts = sut.Snapshot();
        Assert.Equal(OutcomeCounter.MaxReasons + 10, counts.Rejected);
        Assert.Equal(OutcomeCounter.MaxReasons + 10, counts.RejectionsByReason.Values.Sum());
        Assert.True(counts.RejectionsByReason.Count <= OutcomeCounter.MaxReasons + 1);
    }

    [Fact]
    public void Hops_RecordedPerName_SummarisedPerName()
    {
        var sut = new HopRecorder();
        for (var i = 1; i <= 1_000; i++)
        {
            sut.RecordHop("hub", i);
            sut.RecordHop("destination", 5_000);
        }

        var hops = sut.Snapshot();
        Assert.Equal(["destination", "hub"], hops.Keys);
        Assert.Equal(1_000, hops["hub"].Count);
        Assert.Equal(500, hops["hub"].P50Micros);
        Assert.Equal(990, hops["hub"].P99Micros);
        Assert.Equal(1_000, hops["hub"].MaxMicros);
        Assert.Equal(500.5, hops["hub"].MeanMicros, 3);
        Assert.InRange(hops["destination"].P50Micros, 5_000, 5_003);
    }

    [Fact]
    public void Latency_ValuesOutOfRange_ClampedNotThrown()
    {
        var sut = new LatencyRecorder(Frequency);

        sut.Record(100, 50); // completed before intended (clock skew): 0
        sut.Record(0, 2 * 3_600 * Frequency); // two hours: recorded as one hour

        var summary = sut.LatencySnapshot().Summary;
        Assert.Equal(2, summary.Count);
        Assert.Equal(0, summary.P50Micros);
        Assert.InRange(summary.MaxMicros, 3_599_000_000, 3_602_000_000);
    }

    [Fact]
    public void Latency_Nothing_IsEmptySummaryAndDistribution()
    {
        var sut = new LatencyRecorder(Frequency);

        var snapshot = sut.LatencySnapshot();
        Assert.Equal(LatencySummary.Empty, snapshot.Summary);
        Assert.Empty(snapshot.Distribution);
    }

    [Fact]
    public void Latency_Distribution_RisesToOneHundredPercentAndMax()
    {
        var sut = new LatencyRecorder(Frequency);
        for (var i = 1; i <= 10_000; i++)
        {
            sut.Record(0, i * 1_000L);
        }

        var distribution = sut.LatencySnapshot().Distribution;
        Assert.True(distribution.Count > 10);
        Assert.Equal(100, distribution[^1].Percentile);
        Assert.InRange(distribution[^1].ValueMicros, 10_000, 10_007); // three significant digits
        for (var i = 1; i < distribution.Count; i++)
        {
            Assert.True(distribution[i].Percentile >= distribution[i - 1].Percentile);
            Assert.True(distribution[i].ValueMicros >= distribution[i - 1].ValueMicros);
        }
    }

    [Fact]
    public void ConcurrentRecording_FromSeveralThreads_CountsAddUp()
    {
        const int Threads = 4;
        const int PerThread = 25_000;
        var latency = new LatencyRecorder(Frequency);
        var hops = new HopRecorder();
        var outcomes = new OutcomeCounter();
        var timeline = new ThroughputTimeline(0, Frequency);
        using var go = new Barrier(Threads + 1);
        using var firstSnapshotTaken = new ManualResetEventSlim();
        var snapshotsWhileRecording = 0;

        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            go.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                if (i == PerThread / 2)
                {
                    // Half-way, each recorder waits until the test thread has read once, so reading overlaps recording
                    // however the threads are scheduled: on a loaded machine all four could otherwise finish before
                    // the test thread reads at all. A wait that runs out only leaves the count below at zero.
                    firstSnapshotTaken.Wait(Eventually.Patience);
                }

                var timestamp = (long)i * Frequency / PerThread * 3;
                latency.Record(timestamp, timestamp + ((i % 1_000) + 1) * 1_000L);
                latency.RecordServiceTime(timestamp, timestamp + 1_000);
                hops.RecordHop(i % 2 == 0 ? "hub" : "destination", i % 500);
                timeline.RecordSent(timestamp);
                if (i % 10 == 0)
                {
                    outcomes.RecordRejected(t % 2 == 0 ? "AM04" : "AC03");
                    timeline.RecordCompleted(timestamp, PaymentOutcome.Rejected, 10);
                }
                else
                {
                    outcomes.RecordAccepted();
                    timeline.RecordCompleted(timestamp, PaymentOutcome.Accepted, 10);
                }
            }
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        go.SignalAndWait();
        // Reading while others record must be safe (HdrHistogram's Recorder phaser).
        while (workers.Any(static w => w.IsAlive))
        {
            _ = latency.LatencySnapshot();
            snapshotsWhileRecording++;
            firstSnapshotTaken.Set();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        const int Total = Threads * PerThread;
        Assert.True(snapshotsWhileRecording > 0);
        Assert.Equal(Total, latency.LatencySnapshot().Summary.Count);
        Assert.Equal(Total, latency.ServiceTimeSnapshot().Summary.Count);
        Assert.Equal(Total, hops.Snapshot().Values.Sum(static h => h.Count));
        var counts = outcomes.Snapshot();
        Assert.Equal(Total, counts.Completed);
        Assert.Equal(Total / 10, counts.Rejected);
        Assert.Equal(Total / 10, counts.RejectionsByReason.Values.Sum());
        var points = timeline.Snapshot();
        Assert.Equal(Total, points.Sum(static p => p.Sent));
        Assert.Equal(Total, points.Sum(static p => p.Completed));
        Assert.Equal(Total / 10, points.Sum(static p => p.Rejected));
    }

    [Fact]
    public void ProcessSampler_StartStop_ReportsRunCosts()
    {
        var time = new FakeTimeProvider();
        var sut = new ProcessSampler(time);
        sut.Start();
        var garbage = new List<byte[]>();
        for (var i = 0; i < 100; i++)
        {
            garbage.Add(new byte[100_000]);
        }

        time.Advance(TimeSpan.FromSeconds(2));
        var stats = sut.Stop();

        Assert.Equal(2, stats.ElapsedSeconds);
        Assert.Equal(Environment.ProcessorCount, stats.ProcessorCount);
        Assert.True(stats.AllocatedBytes >= 10_000_000);
        Assert.True(stats.CpuSeconds >= 0);
        Assert.True(stats.CpuUtilisationPercent >= 0);
        Assert.True(stats.PeakWorkingSetBytes > 0);
        Assert.True(stats.ManagedHeapBytes > 0);
        Assert.True(stats.Gen0Collections >= 0 && stats.Gen1Collections >= 0 && stats.Gen2Collections >= 0);
        GC.KeepAlive(garbage);
    }

    [Fact]
    public void ProcessSampler_StopWithoutStart_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new ProcessSampler().Stop());
    }
}
