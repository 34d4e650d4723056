using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Hub.Payments;

namespace PaymentSwitch.Hub.Tests.Payments;

// The retention order alone; the duplicate rule itself (same content → stored outcome, different → DUPL) is tested
// through the engine in HubEngineSubmitTests, where the payment book holds what is remembered.
public sealed class DuplicateWindowTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void IsWithin_BeforeAndAtWindowEnd_TrueThenFalse()
    {
        var sut = new DuplicateWindow(TimeSpan.FromHours(24), 8);
        var recorded = _time.GetUtcNow();

        Assert.True(sut.IsWithin(recorded, recorded.AddHours(24).AddTicks(-1)));
        Assert.False(sut.IsWithin(recorded, recorded.AddHours(24)));
    }

    [Fact]
    public void TryExpireOldest_AfterWindowElapsed_ExpiresInArrivalOrderWithRecordedTimes()
    {
        var sut = new DuplicateWindow(TimeSpan.FromHours(1), 8);
        var first = _time.GetUtcNow();
        sut.Record(HubFixture.TestUetr(1), first, out _, out _);
        _time.Advance(TimeSpan.FromMinutes(10));
        sut.Record(HubFixture.TestUetr(2), _time.GetUtcNow(), out _, out _);

        _time.Advance(TimeSpan.FromMinutes(50));

        Assert.True(sut.TryExpireOldest(_time.GetUtcNow(), out var expired, out var recordedAt));
        Assert.Equal(HubFixture.TestUetr(1), expired);
        Assert.Equal(first, recordedAt);
        Assert.False(sut.TryExpireOldest(_time.GetUtcNow(), out _, out _));
        Assert.Equal(1, sut.Count);
    }

    [Fact]
    public void Record_WindowFull_EvictsOldest()
    {
        var sut = new DuplicateWindow(TimeSpan.FromHours(24), 2);
        sut.Record(HubFixture.TestUetr(1), _time.GetUtcNow(), out _, out _);
        sut.Record(HubFixture.TestUetr(2), _time.GetUtcNow(), out _, out _);

        var evicted = sut.Record(HubFixture.TestUetr(3), _time.GetUtcNow(), out var oldest, out _);

        Assert.True(evicted);
        Assert.Equal(HubFixture.TestUetr(1), oldest);
        Assert.Equal(2, sut.Count);
    }

    [Fact]
    public void Record_ManyMoreThanCapacity_NeverHoldsMoreThanCapacity()
    {
        var sut = new DuplicateWindow(TimeSpan.FromHours(24), 16);
        var evictions = 0;

        for (var i = 1; i <= 1_000; i++)
        {
            evictions += sut.Record(HubFixture.TestUetr(i), _time.GetUtcNow(), out _, out _) ? 1 : 0;
            Assert.True(sut.Count <= 16);
        }

        Assert.Equal(1_000 - 16, evictions);
    }
}
