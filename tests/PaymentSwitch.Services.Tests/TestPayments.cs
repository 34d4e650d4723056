using PaymentSwitch.Adapters;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Services;

namespace PaymentSwitch.Services.Tests;

/// <summary>The SGD → THB payment most scenarios send: Tan Wei Ming at DBS (SG-FAST) pays Somchai Jaidee at Bangkok Bank (TH-PROMPTPAY).</summary>
internal static class TestPayments
{
    public static readonly IpsId SgFast = new("SG-FAST");
    public static readonly IpsId ThPromptPay = new("TH-PROMPTPAY");
    public static readonly Bic Dbs = Bic.Parse("DBSSSGSGXXX");
    public static readonly Bic BangkokBank = Bic.Parse("BKKBTHBKXXX");

    /// <summary>Somchai's account at Bangkok Bank, addressed directly.</summary>
    public static OutboundCreditor SomchaiByAccount => OutboundCreditor.ByAccount(BangkokBank, "1234567890");

    /// <summary>An SGD-fixed payment of <paramref name="sgdMinor"/> to <paramref name="creditor"/>.</summary>
    public static OutboundInstruction SgdToThb(long sgdMinor, OutboundCreditor creditor, Priority priority = Priority.NORM) =>
        new(Dbs, "0721234567", ThPromptPay, creditor, new Money(sgdMinor, Currency.SGD), FixedSide.Source, priority, PurposeCode: "GDDS", CreditorName: "Somchai Jaidee");

    /// <summary>An SGD-fixed payment of <paramref name="sgdMinor"/> with <paramref name="priority"/>, to Somchai's account unless <paramref name="creditor"/> says otherwise.</summary>
    public static OutboundInstruction SgdToThb(long sgdMinor, Priority priority, OutboundCreditor? creditor = null) =>
        SgdToThb(sgdMinor, creditor ?? SomchaiByAccount, priority);

    /// <summary>What the FX providers have reserved in THB: a payment to TH-PROMPTPAY in flight at the hub holds its THB leg there.</summary>
    public static async Task<long> ReservedThbAsync(SwitchRuntime sut)
    {
        var reserved = 0L;
        foreach (var provider in TestProfiles.Topology.FxProviders)
        {
            reserved += (await sut.Hub.FindPositionAsync(provider.Bic, Currency.THB))?.ReservedMinor ?? 0;
        }

        return reserved;
    }
}
