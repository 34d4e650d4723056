using PaymentSwitch.LoadTest.Pacing;
using PaymentSwitch.LoadTest.Recording;

namespace PaymentSwitch.LoadTest.Tests.Recording;

/// <summary>
/// Why latency is measured from the intended send time: a one-second stall in a ten-second open-loop run at
/// 1,000/s moves the corrected p99 to hundreds of milliseconds, while the service time a naive generator measures
/// stays at a millisecond.
/// </summary>
public sealed class CoordinatedOmissionTests
{
    private const long Frequency = 1_000_000_000;
    private const long Millisecond = Frequency / 1_000;

    [Fact]
    public void Record_OpenLoopRunWithOneSecondStall_CorrectedP99ShowsStallServiceTimeDoesNot()
    {
        var sut = new LatencyRecorder(Frequency);
        var schedule = new PacingSchedule(1_000m, 0, Frequency);
        var stallStart = 5 * Frequency;
        var stallEnd = 6 * Frequency;

        // A stalled generator sends nothing during the stall: the payments intended then go out when it ends
        // and are served in 1 ms, like every other payment.
        for (long i = 0; i < schedule.CountWithin(10 * Frequency); i++)
        {
            var intended = schedule.IntendedTimestamp(i);
            var actualSend = intended >= stallStart && intended < stallEnd ? stallEnd : intended;
            var completed = actualSend + Millisecond;
            sut.Record(intended, completed);
            sut.RecordServiceTime(actualSend, completed);
        }

        var latency = sut.LatencySnapshot().Summary;
        var service = sut.ServiceTimeSnapshot().Summary;

        Assert.Equal(10_000, latency.Count);
        Assert.Equal(10_000, service.Count);
        // 1,000 of 10,000 payments (10 %) waited between 1 ms and 1 s: the p99 sits near 900 ms.
        Assert.InRange(latency.P99Micros, 800_000, 1_001_000);
        Assert.InRange(latency.MaxMicros, 990_000, 1_002_000);
        Assert.InRange(service.P99Micros, 1_000, 1_001);
        Assert.InRange(service.MaxMicros, 1_000, 1_001);
    }

    [Fact]
    public void RecordClosedLoop_OneSecondStallAmongMillisecondAnswers_CorrectedP99ShowsStall()
    {
        var sut = new LatencyRecorder(Frequency);

        // A closed loop of one payment in flight, expecting one every millisecond for ten seconds; one payment
        // in the middle takes a second, so about a thousand samples were never taken.
        for (var i = 0; i < 9_000; i++)
        {
            sut.RecordClosedLoop(i == 4_500 ? Frequency : Millisecond, Millisecond);
        }

        var latency = sut.LatencySnapshot().Summary;
        var service = sut.ServiceTimeSnapshot().Summary;

        Assert.Equal(9_000, service.Count);
        Assert.InRange(service.P99Micros, 1_000, 1_001);
        // HdrHistogram adds the missing samples 999 ms, 998 ms, ... 1 ms.
        Assert.Equal(9_999, latency.Count);
        Assert.InRange(latency.P99Micros, 800_000, 1_001_000);
    }
}
