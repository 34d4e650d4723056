using FsCheck;
using FsCheck.Fluent;
using PaymentSwitch.LoadTest.Pacing;

namespace PaymentSwitch.LoadTest.Tests.Pacing;

/// <summary>The open-loop schedule's arithmetic: monotone, exact to a tick, consistent with its own due count, no drift.</summary>
public sealed class PacingScheduleProperties
{
    private const int Cases = 500;

    /// <summary>A rate with up to six decimals, from 0.000001/s to 1,000,000/s, and a timestamp frequency.</summary>
    public sealed record ScheduleCase(decimal Rate, long Start, long Frequency, long Sequence)
    {
        public PacingSchedule Schedule => new(Rate, Start, Frequency);

        public override string ToString() => $"rate {Rate}/s, start {Start}, frequency {Frequency}, sequence {Sequence}";
    }

    private static readonly long[] Frequencies = [1_000, 10_000_000, 1_000_000_000, 3_579_545];

    private static Arbitrary<ScheduleCase> ScheduleCases() =>
        (from mantissa in Gen.Choose(1, int.MaxValue)
         from scale in Gen.Choose(0, 6)
         let rate = Math.Min(new decimal(mantissa, 0, 0, false, (byte)scale), 1_000_000m)
         from start in Gen.Choose(-1_000_000, 1_000_000).Select(static s => (long)s * 1_000)
         from frequency in Gen.Elements(Frequencies)
         from sequence in Gen.Choose(0, int.MaxValue).Select(static s => (long)s % 100_000_000)
         where sequence * (decimal)frequency / rate < 1e17m
         select new ScheduleCase(rate, start, frequency, sequence)).ToArbitrary();

    [Fact]
    public void IntendedTimestamp_ConsecutiveSequences_NeverDecrease()
    {
        Prop.ForAll(ScheduleCases(), c =>
            {
                var sut = c.Schedule;
                Assert.True(sut.IntendedTimestamp(c.Sequence + 1) >= sut.IntendedTimestamp(c.Sequence));
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }

    [Fact]
    public void IntendedTimestamp_AnySequence_WithinOneTickOfExactTime()
    {
        Prop.ForAll(ScheduleCases(), c =>
            {
                var sut = c.Schedule;
                // The exact time start + n·frequency/rate, in decimal; the schedule floors it, so it is at most one tick early.
                var exact = c.Start + (c.Sequence * (decimal)c.Frequency / c.Rate);
                var intended = sut.IntendedTimestamp(c.Sequence);
                Assert.InRange(exact - intended, 0m, 1m);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }

    [Fact]
    public void DueCount_AroundEachIntendedTime_CountsThatSendFromItsIntendedTick()
    {
        Prop.ForAll(ScheduleCases(), c =>
            {
                var sut = c.Schedule;
                var intended = sut.IntendedTimestamp(c.Sequence);
                // At its intended tick send n is due (so n + 1 sends are); one tick earlier it is not, unless an
                // equal-timestamp predecessor shares the tick.
                Assert.True(sut.DueCount(intended) >= c.Sequence + 1);
                Assert.True(sut.DueCount(intended - 1) <= c.Sequence);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }

    [Fact]
    public void DueCount_AnyTimestamp_EqualsSendsIntendedAtOrBeforeIt()
    {
        Prop.ForAll(ScheduleCases(), c =>
            {
                var sut = c.Schedule;
                var timestamp = sut.IntendedTimestamp(c.Sequence) + (c.Sequence % 7) - 3;
                var due = sut.DueCount(timestamp);
                if (due > 0)
                {
                    Assert.True(sut.IntendedTimestamp(due - 1) <= timestamp);
                }

                Assert.True(sut.IntendedTimestamp(due) > timestamp);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }

    [Theory]
    [InlineData("25000", 1_000_000_000L)]
    [InlineData("0.5", 1_000_000_000L)]
    [InlineData("333.333333", 1_000_000_000L)]
    [InlineData("7", 10_000_000L)]
    public void IntendedTimestamp_MillionsOfSends_NoDrift(string rateText, long frequency)
    {
        var rate = decimal.Parse(rateText, System.Globalization.CultureInfo.InvariantCulture);
        var sut = new PacingSchedule(rate, 0, frequency);
        var previous = sut.IntendedTimestamp(0);
        for (long n = 1; n <= 5_000_000; n++)
        {
            var next = sut.IntendedTimestamp(n);
            Assert.True(next >= previous);
            previous = next;
        }

        // Send five million is where start + 5,000,000 / rate says, within a tick: summing rounded intervals would have drifted.
        var exact = 5_000_000m * frequency / rate;
        Assert.InRange(exact - previous, 0m, 1m);
    }

    [Fact]
    public void CountWithin_WholeNumberOfSends_IsRateTimesDuration()
    {
        Assert.Equal(250_000, new PacingSchedule(25_000m, 5, 1_000_000_000).CountWithin(10_000_000_000));
        Assert.Equal(5, new PacingSchedule(0.5m, 5, 1_000_000_000).CountWithin(10_000_000_000));
        Assert.Equal(0, new PacingSchedule(1_000m, 5, 1_000_000_000).CountWithin(0));
        Assert.Equal(1, new PacingSchedule(1_000m, 5, 1_000_000_000).CountWithin(1));
    }

    [Fact]
    public void DueCount_BeforeStart_IsZeroAndAtStartIsOne()
    {
        var sut = new PacingSchedule(0.5m, 1_000, 1_000);
        Assert.Equal(0, sut.DueCount(999));
        Assert.Equal(1, sut.DueCount(1_000));
        Assert.Equal(1, sut.DueCount(2_999));
        Assert.Equal(2, sut.DueCount(3_000));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.0000001")]
    [InlineData("1000000001")]
    public void Constructor_InvalidRate_Throws(string rateText)
    {
        var rate = decimal.Parse(rateText, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PacingSchedule(rate, 0, 1_000));
    }

    [Fact]
    public void Constructor_NonPositiveFrequency_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PacingSchedule(1m, 0, 0));
    }
}
