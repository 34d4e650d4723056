using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Hub.Payments;

namespace PaymentSwitch.Hub.Tests.Payments;

public sealed class DuplicateWindowTests
{
    private static readonly ContentHash HashA = new(1, 2);
    private static readonly ContentHash HashB = new(3, 4);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Check_UnknownUetr_New()
    {
        var sut = new DuplicateWindow<int>(TimeSpan.FromHours(24), 8);

        Assert.Equal(DuplicateCheck.New, sut.Check(HubFixture.TestUetr(1), HashA, _time.GetUtcNow(), out _));
    }

    [Fact]
    public void Check_SameUetrSameHash_SameContentWithStoredOutcome()
    {
        var sut = new DuplicateWindow<int>(TimeSpan.FromHours(24), 8);
        sut.Record(HubFixture.TestUetr(1), HashA, 42, _time.GetUtcNow(), out _, out _);

        Assert.Equal(DuplicateCheck.SameContent, sut.Check(HubFixture.TestUetr(1), HashA, _time.GetUtcNow(), out var stored));
        Assert.Equal(42, stored);
    }

    [Fact]
    public void Check_SameUetrDifferentHash_DifferentContent()
    {
        var sut = new DuplicateWindow<int>(TimeSpan.FromHours(24), 8);
        sut.Record(HubFixture.TestUetr(1), HashA, 42, _time.GetUtcNow(), out _, out _);

        Assert.Equal(DuplicateCheck.DifferentContent, sut.Check(HubFixture.TestUetr(1), HashB, _time.GetUtcNow(), out _));
    }

    [Fact]
    public void Update_RememberedUetr_ChangesStoredOutcome()
    {
        var sut = new DuplicateWindow<int>(TimeSpan.FromHours(24), 8);
        sut.Record(HubFixture.TestUetr(1), HashA, 1, _time.GetUtcNow(), out _, out _);

        Assert.True(sut.Update(HubFixture.TestUetr(1), 2));
        sut.Check(HubFixture.TestUetr(1), HashA, _time.GetUtcNow(), out var stored);
        Assert.Equal(2, stored);
    }

    [Fact]
    public void Check_AfterWindowElapsed_New()
    {
        var sut = new DuplicateWindow<int>(TimeSpan.FromHours(24), 8);
        sut.Record(HubFixture.TestUetr(1), HashA, 1, _time.GetUtcNow(), out _, out _);

        _time.Advance(TimeSpan.FromHours(24));

        Assert.Equal(DuplicateCheck.New, sut.Check(HubFixture.TestUetr(1), HashB, _time.GetUtcNow(), out _));
    }

    [Fact]
    public void TryExpireOldest_AfterWindowElapsed_ExpiresInArrivalOrder()
    {
        var sut = new DuplicateWindow<int>(TimeSpan.FromMinutes(10), 8);
        sut.Record(HubFixture.TestUetr(1), HashA, 1, _time.GetUtcNow(), out _, out _);
        _time.Advance(TimeSpan.FromMinutes(5));
        sut.Record(HubFixture.TestUetr(2), HashA, 2, _time.GetUtcNow(), out _, out _);
        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.True(sut.TryExpireOldest(_time.GetUtcNow(), out var expired, out _));
        Assert.Equal(HubFixture.TestUetr(1), expired);
        Assert.False(sut.TryExpireOldest(_time.GetUtcNow(), out _, out _));
        Assert.Equal(1, sut.Count);
    }

    [Fact]
    public void Record_WindowFull_EvictsOldest()
    {
        var sut = new DuplicateWindow<int>(TimeSpan.FromHours(24), 3);
        for (var i = 1; i <= 3; i++)
        {
            Assert.False(sut.Record(HubFixture.TestUetr(i), HashA, i, _time.GetUtcNow(), out _, out _));
        }

        Assert.True(sut.Record(HubFixture.TestUetr(4), HashA, 4, _time.GetUtcNow(), out var evicted, out var evictedOutcome));

        Assert.Equal(HubFixture.TestUetr(1), evicted);
        Assert.Equal(1, evictedOutcome);
        Assert.Equal(3, sut.Count);
        Assert.Equal(DuplicateCheck.New, sut.Check(HubFixture.TestUetr(1), HashA, _time.GetUtcNow(), out _));
        Assert.Equal(DuplicateCheck.SameContent, sut.Check(HubFixture.TestUetr(4), HashA, _time.GetUtcNow(), out _));
    }

    [Fact]
    public void Record_ManyMoreThanCapacity_NeverHoldsMoreThanCapacity()
    {
        var sut = new DuplicateWindow<int>(TimeSpan.FromHours(24), 100);
        for (var i = 0; i < 10_000; i++)
        {
            sut.Record(HubFixture.TestUetr(i), HashA, i, _time.GetUtcNow(), out _, out _);
            Assert.True(sut.Count <= 100);
        }

        Assert.Equal(DuplicateCheck.SameContent, sut.Check(HubFixture.TestUetr(9_999), HashA, _time.GetUtcNow(), out _));
        Assert.Equal(DuplicateCheck.New, sut.Check(HubFixture.TestUetr(9_899), HashA, _time.GetUtcNow(), out _));
    }
}
