using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using static PaymentSwitch.Adapters.Tests.AdapterFixture;

namespace PaymentSwitch.Adapters.Tests;

public sealed class ProxyLookupTests
{
    private readonly AdapterFixture _f = new();

    private NationalSwitch Sut => _f[ThPromptPay];

    [Fact]
    public void ProxyLookup_RegisteredMobile_ReturnsBankAccountAndMaskedName()
    {
        var request = _f[SgFast].BuildProxyLookup(Dbs, ThPromptPay, "MBNO", SomchaiMobile);

        var report = Sut.ProxyLookup(request);

        Assert.Equal(request.Assignment.Id, report.OriginalAssignmentMessageId);
        var result = Assert.Single(report.Reports);
        Assert.True(result.Verified);
        Assert.Equal(request.Verifications[0].Id, result.OriginalId);
        Assert.True(ProxyResolution.TryFrom(report, out var resolution, out _));
        Assert.Equal(new ProxyResolution("MBNO", SomchaiMobile, Bkkb, Somchai, "Somchai Jaidee", "SOMCHAI J***"), resolution);
        InboundTests.AssertWritesAndReadsBack(request, MessageVersion.Acmt023V03);
        InboundTests.AssertWritesAndReadsBack(report, MessageVersion.Acmt024V03);
    }

    [Theory]
    [InlineData("+66-800000000", StatusReasonCode.BE23)]
    [InlineData("+66-957778899", StatusReasonCode.AC06)]
    public void ProxyLookup_UnknownOrBlocked_IsNotVerifiedWithTheReason(string proxy, StatusReasonCode expected)
    {
        var report = Sut.ProxyLookup(_f[SgFast].BuildProxyLookup(Dbs, ThPromptPay, "MBNO", proxy));

        Assert.False(Assert.Single(report.Reports).Verified);
        Assert.False(ProxyResolution.TryFrom(report, out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void ProxyLookup_SchemeSpecificType_TravelsAsProprietary()
    {
        var report = _f[SgFast].ProxyLookup(_f[ThPromptPay].BuildProxyLookup(Bkkb, SgFast, "UEN", "201912345K"));

        Assert.True(ProxyResolution.TryFrom(report, out var resolution, out _));
        Assert.Equal("UEN", resolution.ProxyType);
        Assert.Equal("LION L***", resolution.MaskedName);
        Assert.Equal("UEN", report.Reports[0].UpdatedPartyAndAccount!.Account!.Proxy!.Type!.Value.Proprietary);
    }

    [Theory]
    [InlineData("Somchai Jaidee", "SOMCHAI J***")]
    [InlineData("Nurul Aisyah binte Rahman", "NURUL R***")]
    [InlineData("Madonna", "MADONNA")]
    public void Mask_Name_ShowsFirstWordAndLastInitial(string name, string expected) =>
        Assert.Equal(expected, NameMasking.Mask(name));

    [Theory]
    [InlineData("SOMCHAI J***", "Somchai Jaidee", true)]
    [InlineData("jaidee, somchai", "Somchai Jaidee", true)]
    [InlineData("John Smith", "Somchai Jaidee", false)]
    [InlineData("S J", "Somchai Jaidee", false)]
    public void IsConsistent_Names_MatchOnASharedWord(string given, string holder, bool expected) =>
        Assert.Equal(expected, NameMasking.IsConsistent(given, holder));
}
