using PaymentSwitch.Domain;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Hub.Tests.ReferenceData;

public sealed class TopologyLookupTests
{
    private readonly Topology _sut = TopologyFixture.Default;

    [Fact]
    public void TryGetParticipant_Bic8AndBic11Xxx_FindTheSameParticipant()
    {
        Assert.True(_sut.TryGetParticipant(Bic.Parse("DBSSSGSGXXX"), out var eleven));
        Assert.True(_sut.TryGetParticipant(Bic.Parse("DBSSSGSG"), out var eight));

        Assert.Same(eleven, eight);
        Assert.Equal(new IpsId("SG-FAST"), eight.Ips);
        Assert.True(eight.HasRole(ParticipantRoles.Psp | ParticipantRoles.FxProvider | ParticipantRoles.SettlementAccessProvider));
    }

    [Fact]
    public void TryGetParticipant_OtherBranchOrUnknownBic_IsNotFound()
    {
        Assert.False(_sut.TryGetParticipant(Bic.Parse("DBSSSGSG123"), out _));
        Assert.False(_sut.TryGetParticipant(Bic.Parse("HSBCHKHHXXX"), out _));
        Assert.False(_sut.TryGetParticipant(default, out _));
    }

    [Fact]
    public void TryGetParticipantByMember_MemberIdWithinIps_FindsTheBank()
    {
        Assert.True(_sut.TryGetParticipantByMember(new IpsId("VN-NAPAS"), "970436", out var vietcombank));
        Assert.Equal("BFTVVNVXXXX", vietcombank.Bic.Value);
        Assert.False(_sut.TryGetParticipantByMember(new IpsId("SG-FAST"), "970436", out _));
        Assert.False(_sut.TryGetParticipantByMember(new IpsId("XX-NONE"), "7171", out _));
    }

    [Fact]
    public void IpsForCurrency_EachDefaultCurrency_HasOneIps()
    {
        Assert.Equal("TH-PROMPTPAY", Assert.Single(_sut.IpsForCurrency(Currency.THB)).Id.Value);
        Assert.Empty(_sut.IpsForCurrency(Currency.EUR));
        Assert.True(_sut.TryGetIps(CountryCode.IN, Currency.INR, out var upi));
        Assert.Equal("IN-UPI", upi.Id.Value);
    }

    [Fact]
    public void TryGetCorridor_PayNowToPromptPay_HasTheBilateralCapAndFees()
    {
        Assert.True(_sut.TryGetCorridor(new IpsId("SG-FAST"), new IpsId("TH-PROMPTPAY"), out var corridor));

        Assert.True(corridor.Enabled);
        Assert.Equal(new Money(100_000, Currency.SGD), corridor.Cap);
        Assert.Equal(new Money(50, Currency.SGD), corridor.SourcePspFee.Compute(new Money(50_000, Currency.SGD)));
        Assert.False(_sut.TryGetCorridor(new IpsId("SG-FAST"), new IpsId("SG-FAST"), out _));
    }

    [Fact]
    public void TryGetCorridor_ToUpi_RequiresPurpose()
    {
        Assert.True(_sut.TryGetCorridor(new IpsId("SG-FAST"), new IpsId("IN-UPI"), out var corridor));

        Assert.True(corridor.Requires(RequiredField.Purpose));
        Assert.False(corridor.Requires(RequiredField.DebtorDateOfBirth));
    }

    [Fact]
    public void RateSheetsFor_EveryOrderedPair_HasBothProvidersInBicOrder()
    {
        var currencies = _sut.Ips.Select(static i => i.Currency).ToArray();
        foreach (var source in currencies)
        {
            foreach (var destination in currencies.Where(d => d != source))
            {
                var sheets = _sut.RateSheetsFor(source, destination);
                Assert.Equal(["CIBBMYKLXXX", "DBSSSGSGXXX"], sheets.Select(static s => s.FxProvider.Value));
            }
        }
    }

    [Fact]
    public void Lookups_AfterWarmUp_AllocateNothing()
    {
        var bic8 = Bic.Parse("OCBCSGSG");
        var bic11 = Bic.Parse("KASITHBKXXX");
        var fast = new IpsId("SG-FAST");
        var promptPay = new IpsId("TH-PROMPTPAY");
        const string member = "004";
        void Run()
        {
            _sut.TryGetParticipant(bic8, out _);
            _sut.TryGetParticipant(bic11, out _);
            _sut.TryGetIps(fast, out _);
            _sut.TryGetCorridor(fast, promptPay, out _);
            _sut.TryGetParticipantByMember(promptPay, member, out _);
            _sut.IpsForCurrency(Currency.SGD);
            _sut.RateSheetsFor(Currency.SGD, Currency.THB);
        }

        var allocated = PaymentSwitch.TestKit.Allocations.SteadyStateBytes(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                Run();
            }
        });

        Assert.Equal(0, allocated);
    }
}

public sealed class OperatingHoursTests
{
    private static readonly TimeZoneInfo Bangkok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");

    [Theory]
    [InlineData("2026-03-02T01:59:59Z", false)] // 08:59:59 local, Monday
    [InlineData("2026-03-02T02:00:00Z", true)] // 09:00 local opens, inclusive
    [InlineData("2026-03-02T09:59:59Z", true)]
    [InlineData("2026-03-02T10:00:00Z", false)] // 17:00 local closes, exclusive
    [InlineData("2026-03-07T03:00:00Z", false)] // Saturday
    public void IsOpen_WeekdayWindow_FollowsLocalTime(string instant, bool expected)
    {
        var sut = new OperatingHours(Bangkok, new TimeOnly(9, 0), new TimeOnly(17, 0),
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);

        Assert.Equal(expected, sut.IsOpen(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-03-06T14:00:00Z", true)] // Friday 21:00 local: opened Friday
    [InlineData("2026-03-06T22:00:00Z", true)] // Saturday 05:00 local: still Friday's window
    [InlineData("2026-03-06T23:00:00Z", false)] // Saturday 06:00 local: closed
    [InlineData("2026-03-07T14:00:00Z", false)] // Saturday 21:00 local: Saturday not listed
    public void IsOpen_OvernightWindow_BelongsToTheDayItOpened(string instant, bool expected)
    {
        var sut = new OperatingHours(Bangkok, new TimeOnly(20, 0), new TimeOnly(6, 0), [DayOfWeek.Friday]);

        Assert.Equal(expected, sut.IsOpen(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
